package offboarding

import (
	"context"
	"fmt"
	"strings"

	"churndesk/backend/churn"
	"churndesk/backend/pdf"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// reasonLabel names the checklist's reason in lang.
func (s *Service) reasonLabel(ctx context.Context, c Checklist, lang string) string {
	if c.Reason == "" {
		return "—"
	}
	set, err := churn.LoadSettings(s.db.Read(ctx))
	if err != nil {
		return c.Reason
	}
	return set.Label(c.Reason, lang)
}

// Markdown writes checklist id as a Markdown document in the reader's language.
func (s *Service) Markdown(ctx context.Context, id int64) (string, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return "", err
	}
	lang := texts.Lang(ctx)
	w := func(word string) string { return docWord(lang, word) }
	reason := s.reasonLabel(ctx, c, lang)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", w("title"), c.AccountName)
	fmt.Fprintf(&b, "- %s: %s\n- %s: %s\n- %s: %s\n- %s: %d/%d\n\n", w("kind"), w(c.Kind), w("reason"), reason, w("start"),
		texts.Date(lang, c.StartDate.Time), w("progress"), c.Progress.Done, c.Progress.Total)
	for _, it := range c.Items {
		box := " "
		if it.Done {
			box = "x"
		}
		req := ""
		if it.Required {
			req = " (" + w("required") + ")"
		}
		fmt.Fprintf(&b, "- [%s] **%s**%s — %s %s, %s %s\n", box, mdEscape(it.Title), req, w("due"), texts.Date(lang, it.DueOn.Time), w("owner"), ownerText(it, lang))
		if it.Guidance != "" {
			fmt.Fprintf(&b, "  %s\n", mdEscape(it.Guidance))
		}
		if it.Notes != "" {
			fmt.Fprintf(&b, "  *%s:* %s\n", w("notes"), mdEscape(it.Notes))
		}
	}
	return b.String(), nil
}

// ownerText is the step's owner, or its role named in lang.
func ownerText(it Item, lang string) string {
	if it.Owner != "" {
		return it.Owner
	}
	if it.OwnerRole == "" {
		return ""
	}
	return docRole(lang, it.OwnerRole)
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
	lang := texts.Lang(ctx)
	w := func(word string) string { return docWord(lang, word) }
	doc, err := pdf.New(w("title") + " — " + c.AccountName)
	if err != nil {
		return nil, err
	}
	doc.Title(c.AccountName, w("title"))
	doc.KeyValues([][2]string{
		{w("kind"), w(c.Kind)}, {w("reason"), s.reasonLabel(ctx, c, lang)}, {w("start"), texts.Date(lang, c.StartDate.Time)},
		{w("progress"), fmt.Sprintf("%d/%d", c.Progress.Done, c.Progress.Total)},
	})
	doc.Heading(w("step"))
	rows := make([][]string, len(c.Items))
	for i, it := range c.Items {
		title := it.Title
		if it.Required {
			title += " (" + w("required") + ")"
		}
		if it.Notes != "" {
			title += "\n" + w("notes") + ": " + it.Notes
		}
		done := "—"
		if it.Done {
			done = w("yes")
		}
		rows[i] = []string{title, ownerText(it, lang), texts.Date(lang, it.DueOn.Time), done}
	}
	doc.Table([]string{w("step"), w("owner"), w("due"), w("done")}, []int{6, 3, 2, 1}, rows)
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
	if !texts.Supported(lang) {
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
		name = texts.Text(lang, "offboarding.letter.no_name")
	}
	if exportLink == "" {
		exportLink = texts.Text(lang, "offboarding.letter.attached")
	}
	r := strings.NewReplacer("{contact_name}", name, "{company}", c.AccountName, "{end_date}", texts.Date(lang, c.StartDate.Time),
		"{export_link}", exportLink, "{door_open}", set.Farewell.DoorOpen.In(lang), "{owner}", c.Owner)
	return Letter{Language: lang, To: contact.Email, Subject: r.Replace(set.Farewell.Subject.In(lang)), Body: r.Replace(set.Farewell.Body.In(lang))}, nil
}
