package offboarding

import (
	"context"
	"fmt"
	"strings"

	"churndesk/backend/churn"
	"churndesk/backend/pdf"
	"churndesk/backend/store"
)

// labels are the document's fixed words in each language.
var labels = map[string]map[string]string{
	"en": {"title": "Offboarding checklist", "account": "Account", "kind": "Started by", "churn": "churn", "intent": "intent to leave",
		"reason": "Reason", "start": "Date", "progress": "Progress", "step": "Step", "owner": "Owner", "due": "Due", "done": "Done",
		"yes": "yes", "no": "—", "required": "required", "notes": "Notes"},
	"ru": {"title": "Чек-лист offboarding", "account": "Клиент", "kind": "Основание", "churn": "отток", "intent": "намерение уйти",
		"reason": "Причина", "start": "Дата", "progress": "Прогресс", "step": "Шаг", "owner": "Ответственный", "due": "Срок", "done": "Готово",
		"yes": "да", "no": "—", "required": "обязательно", "notes": "Заметки"},
	"pl": {"title": "Lista kontrolna offboardingu", "account": "Klient", "kind": "Powód otwarcia", "churn": "odejście", "intent": "zamiar odejścia",
		"reason": "Powód", "start": "Data", "progress": "Postęp", "step": "Krok", "owner": "Odpowiedzialny", "due": "Termin", "done": "Zrobione",
		"yes": "tak", "no": "—", "required": "wymagane", "notes": "Notatki"},
}

func words(lang string) map[string]string {
	if w, ok := labels[lang]; ok {
		return w
	}
	return labels["en"]
}

// reasonLabel names the checklist's reason in its language.
func (s *Service) reasonLabel(ctx context.Context, c Checklist) string {
	if c.Reason == "" {
		return "—"
	}
	set, err := churn.LoadSettings(s.db.Read(ctx))
	if err != nil {
		return c.Reason
	}
	return set.Label(c.Reason, c.Language)
}

// Markdown writes checklist id as a Markdown document in its language.
func (s *Service) Markdown(ctx context.Context, id int64) (string, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return "", err
	}
	w := words(c.Language)
	reason := s.reasonLabel(ctx, c)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", w["title"], c.AccountName)
	fmt.Fprintf(&b, "- %s: %s\n- %s: %s\n- %s: %s\n- %s: %d/%d\n\n", w["kind"], w[c.Kind], w["reason"], reason, w["start"], c.StartDate,
		w["progress"], c.Progress.Done, c.Progress.Total)
	for _, it := range c.Items {
		box := " "
		if it.Done {
			box = "x"
		}
		req := ""
		if it.Required {
			req = " (" + w["required"] + ")"
		}
		fmt.Fprintf(&b, "- [%s] **%s**%s — %s %s, %s %s\n", box, mdEscape(it.Title), req, w["due"], it.DueOn, w["owner"], ownerText(it))
		if it.Guidance != "" {
			fmt.Fprintf(&b, "  %s\n", mdEscape(it.Guidance))
		}
		if it.Notes != "" {
			fmt.Fprintf(&b, "  *%s:* %s\n", w["notes"], mdEscape(it.Notes))
		}
	}
	return b.String(), nil
}

func ownerText(it Item) string {
	if it.Owner != "" {
		return it.Owner
	}
	return it.OwnerRole
}

// mdEscape keeps user text from turning into Markdown links or HTML.
func mdEscape(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]", "*", "\\*", "_", "\\_", "`", "\\`").Replace(s)
}

// PDF renders checklist id as an A4 document with an embedded Unicode font.
func (s *Service) PDF(ctx context.Context, id int64) ([]byte, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	w := words(c.Language)
	doc, err := pdf.New(w["title"] + " — " + c.AccountName)
	if err != nil {
		return nil, err
	}
	doc.Title(c.AccountName, w["title"])
	doc.KeyValues([][2]string{
		{w["kind"], w[c.Kind]}, {w["reason"], s.reasonLabel(ctx, c)}, {w["start"], c.StartDate.String()},
		{w["progress"], fmt.Sprintf("%d/%d", c.Progress.Done, c.Progress.Total)},
	})
	doc.Heading(w["step"])
	rows := make([][]string, len(c.Items))
	for i, it := range c.Items {
		title := it.Title
		if it.Required {
			title += " (" + w["required"] + ")"
		}
		if it.Notes != "" {
			title += "\n" + w["notes"] + ": " + it.Notes
		}
		done := w["no"]
		if it.Done {
			done = w["yes"]
		}
		rows[i] = []string{title, ownerText(it), it.DueOn.String(), done}
	}
	doc.Table([]string{w["step"], w["owner"], w["due"], w["done"]}, []int{6, 3, 2, 1}, rows)
	return doc.Bytes()
}

// Letter drafts the farewell letter for checklist id in lang (default: the
// checklist's language), addressed to the account's champion or first contact.
func (s *Service) Letter(ctx context.Context, id int64, lang, exportLink string) (Letter, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Letter{}, err
	}
	if lang == "" {
		lang = c.Language
	}
	if _, ok := labels[lang]; !ok {
		return Letter{}, fmtField("lang", "must be en, ru or pl")
	}
	db := s.db.Read(ctx)
	set, err := loadSettings(db)
	if err != nil {
		return Letter{}, err
	}
	var contact store.Contact
	if err := db.Where("account_id = ?", c.AccountID).Order("CASE role WHEN 'champion' THEN 0 WHEN 'decision_maker' THEN 1 ELSE 2 END, id").Limit(1).Find(&contact).Error; err != nil {
		return Letter{}, fmt.Errorf("find contact: %w", err)
	}
	name := contact.Name
	if name == "" {
		name = map[string]string{"en": "there", "ru": "коллеги", "pl": "Państwo"}[lang]
	}
	if exportLink == "" {
		exportLink = map[string]string{"en": "(attached)", "ru": "(во вложении)", "pl": "(w załączniku)"}[lang]
	}
	r := strings.NewReplacer("{contact_name}", name, "{company}", c.AccountName, "{end_date}", c.StartDate.String(),
		"{export_link}", exportLink, "{door_open}", set.Farewell.DoorOpen.In(lang), "{owner}", c.Owner)
	return Letter{Language: lang, To: contact.Email, Subject: r.Replace(set.Farewell.Subject.In(lang)), Body: r.Replace(set.Farewell.Body.In(lang))}, nil
}
