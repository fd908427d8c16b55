package qbr

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"churndesk/backend/export"
	"churndesk/backend/pdf"
)

// text holds the report's fixed words per language.
var text = map[string]map[string]string{
	"en": {"title": "Quarterly business review", "summary": "Executive summary", "goals": "Goals from the last review", "usage": "Usage and adoption",
		"health": "Health", "nps": "NPS and what they said", "value": "Value delivered", "experiment": "Experiment: target vs control",
		"support": "Support", "tier": "Tier and benefits", "referrals": "Referrals", "commercial": "Renewal and commercial summary",
		"risks": "Risks", "next": "Goals for next quarter", "kpi": "KPI", "this": "This quarter", "prev": "Last quarter", "change": "Change",
		"before": "Before", "after": "After", "improved": "Improved", "yes": "yes", "no": "no", "uplift": "Uplift (DiD)",
		"target": "Target", "control": "Control", "none": "—", "plan": "Plan", "seats": "Seats", "mrr": "MRR", "renewal": "Renewal date",
		"avg_active_users": "Avg weekly active users", "logins": "Logins", "key_feature_uses": "Key-feature uses", "seat_utilisation_pct": "Seat utilisation, %",
		"met": "met", "partly": "partly met", "missed": "missed", "open": "open", "no_tier": "no tier",
		"not_improved_note": "KPIs that did not improve are shown as they are.",
		"class_good":        "good", "class_average": "average", "class_poor": "poor", "class_no_data": "too little data"},
	"ru": {"title": "Квартальный бизнес-обзор", "summary": "Краткое резюме", "goals": "Цели прошлого обзора", "usage": "Использование и внедрение",
		"health": "Здоровье клиента", "nps": "NPS и отзывы", "value": "Полученная ценность", "experiment": "Эксперимент: целевая и контрольная группы",
		"support": "Поддержка", "tier": "Уровень и привилегии", "referrals": "Рекомендации", "commercial": "Продление и коммерческие итоги",
		"risks": "Риски", "next": "Цели на следующий квартал", "kpi": "Показатель", "this": "Этот квартал", "prev": "Прошлый квартал", "change": "Изменение",
		"before": "До", "after": "После", "improved": "Улучшение", "yes": "да", "no": "нет", "uplift": "Эффект (DiD)",
		"target": "Цель", "control": "Контроль", "none": "—", "plan": "Тариф", "seats": "Места", "mrr": "MRR", "renewal": "Дата продления",
		"avg_active_users": "Активных пользователей в неделю", "logins": "Входы", "key_feature_uses": "Использование ключевых функций", "seat_utilisation_pct": "Загрузка мест, %",
		"met": "достигнута", "partly": "частично", "missed": "не достигнута", "open": "в работе", "no_tier": "без уровня",
		"not_improved_note": "Показатели без улучшения показаны как есть.",
		"class_good":        "хорошее", "class_average": "среднее", "class_poor": "плохое", "class_no_data": "мало данных"},
	"pl": {"title": "Kwartalny przegląd biznesowy", "summary": "Podsumowanie", "goals": "Cele z ostatniego przeglądu", "usage": "Użycie i adopcja",
		"health": "Kondycja klienta", "nps": "NPS i opinie", "value": "Dostarczona wartość", "experiment": "Eksperyment: grupa docelowa i kontrolna",
		"support": "Wsparcie", "tier": "Poziom i korzyści", "referrals": "Polecenia", "commercial": "Odnowienie i podsumowanie handlowe",
		"risks": "Ryzyka", "next": "Cele na kolejny kwartał", "kpi": "Wskaźnik", "this": "Ten kwartał", "prev": "Poprzedni kwartał", "change": "Zmiana",
		"before": "Przed", "after": "Po", "improved": "Poprawa", "yes": "tak", "no": "nie", "uplift": "Efekt (DiD)",
		"target": "Grupa docelowa", "control": "Kontrolna", "none": "—", "plan": "Plan", "seats": "Stanowiska", "mrr": "MRR", "renewal": "Data odnowienia",
		"avg_active_users": "Średnio aktywnych użytkowników tygodniowo", "logins": "Logowania", "key_feature_uses": "Użycia kluczowych funkcji", "seat_utilisation_pct": "Wykorzystanie stanowisk, %",
		"met": "osiągnięty", "partly": "częściowo", "missed": "nieosiągnięty", "open": "w toku", "no_tier": "bez poziomu",
		"not_improved_note": "Wskaźniki bez poprawy pokazujemy takimi, jakie są.",
		"class_good":        "dobra", "class_average": "średnia", "class_poor": "słaba", "class_no_data": "za mało danych"},
}

func words(lang string) map[string]string {
	if w, ok := text[lang]; ok {
		return w
	}
	return text["en"]
}

func num(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func pct(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%+.1f %%", *p)
}

func money(minor int64, currency string) string {
	return fmt.Sprintf("%s %s", num(float64(minor)/100), currency)
}

// sections returns the report as headed blocks of lines and tables, shared
// by the Markdown and PDF renderings.
type section struct {
	title  string
	lines  []string
	header []string
	rows   [][]string
}

func sections(r Report) []section {
	w := words(r.Language)
	var out []section
	if r.Edited.ExecutiveSummary != "" {
		out = append(out, section{title: w["summary"], lines: []string{r.Edited.ExecutiveSummary}})
	}
	if len(r.Edited.Goals) > 0 {
		s := section{title: w["goals"], header: []string{w["goals"], w["change"]}}
		for _, g := range r.Edited.Goals {
			s.rows = append(s.rows, []string{g.Goal + optional(g.Outcome), w[g.Status]})
		}
		out = append(out, s)
	}
	usage := section{title: w["usage"], header: []string{w["kpi"], w["this"], w["prev"], w["change"]}}
	for _, u := range r.Computed.Usage {
		usage.rows = append(usage.rows, []string{w[u.Key], num(u.This), num(u.Previous), pct(u.ChangePct)})
	}
	out = append(out, usage)
	if n := len(r.Computed.Health); n > 0 {
		first, last := r.Computed.Health[0], r.Computed.Health[n-1]
		out = append(out, section{title: w["health"], lines: []string{fmt.Sprintf("%s → %s (%s → %s)",
			healthText(w, first.Score, first.Class), healthText(w, last.Score, last.Class), first.Week, last.Week)}})
	}
	npsSec := section{title: w["nps"], lines: []string{fmt.Sprintf("NPS %s · %s", num(r.Computed.NPS.NPS), r.Computed.NPS.Formula)}}
	for _, v := range r.Computed.Verbatims {
		npsSec.lines = append(npsSec.lines, fmt.Sprintf("„%s“ — %d/10, %s", v.Comment, v.Score, v.Date))
	}
	out = append(out, npsSec)
	if len(r.Value.KPIs) > 0 {
		s := section{title: w["value"], header: []string{w["kpi"], w["before"], w["after"], w["change"], w["improved"]}, lines: []string{w["not_improved_note"]}}
		for _, k := range r.Value.KPIs {
			s.rows = append(s.rows, []string{k.Name + unit(k.Unit), num(k.Before), num(k.After), fmt.Sprintf("%+g (%s)", k.Change, pct(k.ChangePct)), yesNo(w, k.Improved)})
		}
		out = append(out, s)
	}
	if len(r.Value.Experiment) > 0 {
		e := r.Edited.Value.Experiment
		s := section{title: w["experiment"], header: []string{w["kpi"], w["target"], w["control"], w["uplift"], w["improved"]}}
		if e != nil && e.Description != "" {
			s.lines = append(s.lines, e.Description)
		}
		for _, k := range r.Value.Experiment {
			s.rows = append(s.rows, []string{k.Name + unit(k.Unit), fmt.Sprintf("%s → %s", num(k.TargetBefore), num(k.TargetAfter)),
				fmt.Sprintf("%s → %s", num(k.ControlBefore), num(k.ControlAfter)), fmt.Sprintf("%+g", k.Uplift), yesNo(w, k.Improved)})
		}
		out = append(out, s)
	}
	if r.Edited.SupportSummary != "" {
		out = append(out, section{title: w["support"], lines: []string{r.Edited.SupportSummary}})
	}
	tier := r.Computed.Tier
	if tier == "" {
		tier = w["no_tier"]
	}
	tierSec := section{title: w["tier"], lines: []string{tier}}
	for _, b := range r.Computed.BenefitsUsed {
		tierSec.lines = append(tierSec.lines, fmt.Sprintf("%s: %s (%s)", b.Kind, b.Note, b.Date))
	}
	out = append(out, tierSec)
	if len(r.Computed.Referrals) > 0 {
		s := section{title: w["referrals"]}
		for _, ref := range r.Computed.Referrals {
			s.lines = append(s.lines, fmt.Sprintf("%s — %s (%s)", ref.Company, ref.Status, ref.Date))
		}
		out = append(out, s)
	}
	c := r.Computed.Commercial
	renewal := w["none"]
	if c.RenewalDate != nil {
		renewal = c.RenewalDate.String()
	}
	out = append(out, section{title: w["commercial"], lines: []string{
		fmt.Sprintf("%s: %s · %s: %d · %s: %s · %s: %s", w["plan"], c.Plan, w["seats"], c.Seats, w["mrr"], money(c.MRR, c.Currency), w["renewal"], renewal)}})
	if len(r.Edited.Risks) > 0 {
		out = append(out, section{title: w["risks"], lines: r.Edited.Risks})
	}
	if len(r.Edited.NextGoals) > 0 {
		out = append(out, section{title: w["next"], lines: r.Edited.NextGoals})
	}
	return out
}

func optional(s string) string {
	if s == "" {
		return ""
	}
	return " — " + s
}

func unit(u string) string {
	if u == "" {
		return ""
	}
	return ", " + u
}

func yesNo(w map[string]string, b bool) string {
	if b {
		return w["yes"]
	}
	return w["no"]
}

// Markdown renders the report as Markdown.
func Markdown(r Report) string {
	w := words(r.Language)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — %s\n\n%s … %s\n", r.Account.Name, w["title"]+" "+r.Quarter, r.From, r.To)
	for _, s := range sections(r) {
		fmt.Fprintf(&b, "\n## %s\n\n", s.title)
		for _, l := range s.lines {
			fmt.Fprintf(&b, "%s\n\n", l)
		}
		if len(s.header) > 0 && len(s.rows) > 0 {
			fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(s.header, " | "), strings.Repeat(" --- |", len(s.header)))
			for _, row := range s.rows {
				fmt.Fprintf(&b, "| %s |\n", strings.Join(row, " | "))
			}
		}
	}
	return b.String()
}

// PDF renders the report as an A4 document.
func PDF(r Report) ([]byte, error) {
	w := words(r.Language)
	doc, err := pdf.New(r.Account.Name + " · " + r.Quarter)
	if err != nil {
		return nil, err
	}
	subtitle := fmt.Sprintf("%s %s · %s … %s", w["title"], r.Quarter, r.From, r.To)
	if r.Brand.CompanyName != "" {
		subtitle += " · " + r.Brand.CompanyName
	}
	doc.Title(r.Account.Name, subtitle)
	for _, s := range sections(r) {
		doc.Heading(s.title)
		for _, l := range s.lines {
			doc.Paragraph(l)
		}
		if len(s.header) > 0 && len(s.rows) > 0 {
			widths := map[int][]int{2: {9, 3}, 4: {6, 2, 2, 2}, 5: {4, 2, 2, 2, 2}}[len(s.header)]
			doc.Table(s.header, widths, s.rows)
		}
	}
	return doc.Bytes()
}

// PDF renders account id's report for quarter.
func (s *Service) PDF(ctx context.Context, accountID int64, quarter string) ([]byte, error) {
	r, err := s.Report(ctx, accountID, quarter)
	if err != nil {
		return nil, err
	}
	return PDF(r)
}

// Markdown renders account id's report for quarter.
func (s *Service) Markdown(ctx context.Context, accountID int64, quarter string) (string, error) {
	r, err := s.Report(ctx, accountID, quarter)
	if err != nil {
		return "", err
	}
	return Markdown(r), nil
}

// BatchLine is one account's result in a batch export.
type BatchLine struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
	File      string `json:"file"`
	Error     string `json:"error,omitempty"`
}

// Batch renders every due report of the quarter as PDF into one ZIP, with a
// results.txt line per account; an account that fails is listed, not fatal.
func (s *Service) Batch(ctx context.Context, quarter string) ([]byte, []BatchLine, error) {
	due, err := s.Due(ctx, DueQuery{Quarter: quarter, Limit: 500})
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var lines []BatchLine
	var results strings.Builder
	for _, d := range due.Items {
		line := BatchLine{AccountID: d.AccountID, Name: d.Name, File: fmt.Sprintf("%s-%s.pdf", fileName(d.Name, d.AccountID), due.Quarter)}
		raw, err := s.PDF(ctx, d.AccountID, due.Quarter)
		if err == nil {
			var f interface{ Write([]byte) (int, error) }
			if f, err = zw.CreateHeader(&zip.FileHeader{Name: line.File, Method: zip.Deflate, Modified: time.Now().UTC()}); err == nil {
				_, err = f.Write(raw)
			}
		}
		if err != nil {
			line.File, line.Error = "", err.Error()
		}
		lines = append(lines, line)
		fmt.Fprintf(&results, "%d\t%s\t%s\t%s\n", line.AccountID, line.Name, line.File, line.Error)
	}
	f, err := zw.Create("results.txt")
	if err == nil {
		_, err = f.Write([]byte(results.String()))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("write QBR batch: %w", err)
	}
	return buf.Bytes(), lines, nil
}

// fileName makes a safe file name from an account name and id.
func fileName(name string, id int64) string {
	return fmt.Sprintf("%s-%d", strings.ToLower(export.SafeName(name, "account")), id)
}

// healthText writes a stored score with its class in the report's language;
// a score without enough data behind it is not shown as a number.
func healthText(w map[string]string, score float64, class string) string {
	label, ok := w["class_"+class]
	if !ok {
		label = class
	}
	if class == "no_data" {
		return label
	}
	return num(score) + " " + label
}
