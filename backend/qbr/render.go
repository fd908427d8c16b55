package qbr

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"churndesk/backend/pdf"
	"churndesk/backend/texts"
)

// section is one headed block of the document: lines and an optional table.
type section struct {
	key    string
	title  string
	lines  []string
	header []string
	widths []int
	rows   [][]string
}

// SectionKeys lists the sections of a deck and a document in their order.
var SectionKeys = []string{"summary", "usage", "health", "health_breakdown", "nps", "value", "experiment", "goals", "partnership", "risks", "next_goals"}

// Options choose what an export shows beyond the customer-facing sections.
type Options struct {
	// Internal adds what is for the team only: the health breakdown and the
	// loyalty tier. Off for exports that go to the customer.
	Internal bool
}

// kept tells whether the report keeps section key even when it is empty.
func kept(r Report, key string) bool {
	for _, k := range r.Edited.Keep {
		if k == key && key != "experiment" { // an experiment has nothing to show without one
			return true
		}
	}
	return false
}

func fill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

// sections returns the report's sections in the deck's order, with the
// deck's titles and number formats; a section with nothing in it is left
// out, as it is from the deck, unless the report keeps it: then it says it
// is empty in the deck's words. Internal sections need o.Internal.
func sections(r Report, o Options) []section {
	l := r.Language
	w := func(k string) string { return dw(l, k) }
	cur := r.Computed.Commercial.Currency
	if cur == "" {
		cur = r.Account.Currency
	}
	c := r.Computed.Commercial
	renewal := w("none")
	if c.RenewalDate != nil {
		renewal = texts.Date(l, c.RenewalDate.Time)
	}
	plan := c.Plan
	if plan == "" {
		plan = w("none")
	}
	var out []section
	// empty adds section key, titled title, saying none when the report keeps it.
	empty := func(key, title, none string) {
		if kept(r, key) {
			out = append(out, section{key: key, title: title, lines: []string{none}})
		}
	}
	if t := strings.TrimSpace(r.Edited.ExecutiveSummary); t != "" {
		out = append(out, section{key: "summary", title: w("summary"), lines: []string{t,
			fmt.Sprintf("%s: %s · %s: %s · %s: %s", w("plan"), plan, w("seats"), fmtNum(float64(c.Seats), l, 0), w("renewal"), renewal)}})
	} else {
		empty("summary", w("summary"), w("noSummary"))
	}
	usage := section{key: "usage", title: w("usage"), lines: []string{fill(w("usageSub"), "quarter", r.Quarter, "previous", r.PreviousQuarter)},
		header: []string{w("kpi"), w("previous") + " (" + r.PreviousQuarter + ")", w("current") + " (" + r.Quarter + ")", w("change")}, widths: []int{5, 2, 3, 2}}
	for _, u := range r.Computed.Usage {
		ch := "—"
		if u.ChangePct != nil {
			ch = pctText(*u.ChangePct, l)
		}
		usage.rows = append(usage.rows, []string{w(u.Key), fmtNum(u.Previous, l, 1), fmtNum(u.This, l, 1), ch})
	}
	out = append(out, usage)
	if n := len(r.Computed.Health); n > 0 {
		first, last := r.Computed.Health[0], r.Computed.Health[n-1]
		delta := last.Score - first.Score
		sign := ""
		if delta > 0 {
			sign = "+"
		}
		out = append(out, section{key: "health", title: w("health"), lines: []string{
			fmt.Sprintf("%s – %s", texts.Date(l, r.From.Time), texts.Date(l, r.To.Time)),
			fmt.Sprintf("%s: %s (%s) · %s: %s%s", w("latest"), fmtNum(last.Score, l, 1), w("class_"+last.Class), w("changeInQuarter"), sign, fmtNum(delta, l, 1))}})
	} else {
		empty("health", w("health"), w("noHealth"))
	}
	if o.Internal {
		if len(r.Computed.HealthBreakdown) > 0 {
			s := section{key: "health_breakdown", title: w("healthBreakdown"), header: []string{w("component"), w("score"), w("share"), w("points")}, widths: []int{6, 2, 2, 2}}
			for _, p := range r.Computed.HealthBreakdown {
				score := w("none")
				if p.HasData {
					score = fmtNum(p.Score, l, 1)
				}
				s.rows = append(s.rows, []string{upperFirst(draftWords(l).parts[p.Key]), score, fmtNum(p.Share, l, 1), fmtNum(p.Points, l, 1)})
			}
			out = append(out, s)
		} else {
			empty("health_breakdown", w("healthBreakdown"), w("noBreakdown"))
		}
	}
	if n := r.Computed.NPS; n.Responses > 0 || len(r.Computed.Verbatims) > 0 {
		s := section{key: "nps", title: w("nps")}
		if n.Responses > 0 {
			s.lines = append(s.lines, fmt.Sprintf("NPS %s · %s", signedNum(n.NPS), plural(l, n.Responses, draftWords(l).answers)),
				fmt.Sprintf("%s: %d · %s: %d · %s: %d", w("promoters"), n.Promoters, w("passives"), n.Passives, w("detractors"), n.Detractors))
		}
		for _, v := range r.Computed.Verbatims {
			s.lines = append(s.lines, fmt.Sprintf("“%s” — %d/10 · %s", v.Comment, v.Score, texts.Date(l, v.Date.Time)))
		}
		out = append(out, s)
	} else {
		empty("nps", w("nps"), w("noNps"))
	}
	if len(r.Value.KPIs) > 0 {
		s := section{key: "value", title: w("value"), lines: []string{w("valueSub"),
			fill(w("improvedCount"), "improved", fmt.Sprint(r.Value.Improved), "notImproved", fmt.Sprint(r.Value.NotImproved))},
			header: []string{w("kpi"), w("before"), w("after"), w("change"), w("result")}, widths: []int{4, 2, 2, 2, 2}}
		for _, k := range r.Value.KPIs {
			ch := kpiChange(k.Change, k.Unit, l, cur)
			if k.ChangePct != nil {
				ch += " (" + pctText(*k.ChangePct, l) + ")"
			}
			s.rows = append(s.rows, []string{k.Name, kpiValue(k.Before, k.Unit, l, cur), kpiValue(k.After, k.Unit, l, cur), ch, verdictText(k.Change, k.Verdict, l)})
		}
		out = append(out, s)
	} else {
		empty("value", w("value"), w("noValue"))
	}
	if len(r.Value.Experiment) > 0 {
		e := r.Edited.Value.Experiment
		s := section{key: "experiment", title: w("experiment"), lines: []string{w("experimentSub")},
			header: []string{w("kpi"), w("target"), w("control"), w("uplift"), w("result")}, widths: []int{2, 3, 3, 2, 2}}
		if e != nil {
			if e.Description != "" {
				s.lines = append(s.lines, e.Description)
			}
			s.lines = append(s.lines, fmt.Sprintf("%s: %s · %s: %s", w("target"), orDash(e.TargetGroup), w("control"), orDash(e.ControlGroup)))
		}
		for _, k := range r.Value.Experiment {
			group := func(before, after, change float64) string {
				return fmt.Sprintf("%s → %s (%s)", kpiValue(before, k.Unit, l, cur), kpiValue(after, k.Unit, l, cur), kpiChange(change, k.Unit, l, cur))
			}
			s.rows = append(s.rows, []string{k.Name, group(k.TargetBefore, k.TargetAfter, k.TargetChange), group(k.ControlBefore, k.ControlAfter, k.ControlChange),
				kpiChange(k.Uplift, k.Unit, l, cur), verdictText(k.Uplift, k.Verdict, l)})
		}
		s.lines = append(s.lines, w("upliftFormula"))
		out = append(out, s)
	}
	if len(r.Edited.Goals) > 0 {
		s := section{key: "goals", title: w("goals"), lines: []string{r.PreviousQuarter}, header: []string{w("goal"), w("outcome"), w("status")}, widths: []int{5, 5, 2}}
		for _, g := range r.Edited.Goals {
			s.rows = append(s.rows, []string{g.Goal, g.Outcome, w("goal_" + g.Status)})
		}
		out = append(out, s)
	} else {
		empty("goals", w("goals"), w("noGoals"))
	}
	p := section{key: "partnership", title: w("partnership")}
	if o.Internal {
		tier := r.Computed.Tier
		if tier == "" {
			tier = w("none")
		}
		p.lines = append(p.lines, w("tier")+": "+tier)
	}
	if t := strings.TrimSpace(r.Edited.SupportSummary); t != "" {
		p.lines = append(p.lines, w("support")+": "+t)
	}
	for _, b := range r.Computed.BenefitsUsed {
		line := w("benefitsUsed") + ": " + b.Kind
		if b.Note != "" {
			line += ": " + b.Note
		}
		p.lines = append(p.lines, line+" ("+texts.Date(l, b.Date.Time)+")")
	}
	for _, ref := range r.Computed.Referrals {
		p.lines = append(p.lines, fmt.Sprintf("%s: %s · %s (%s)", w("referrals"), ref.Company, ref.Status, texts.Date(l, ref.Date.Time)))
	}
	p.lines = append(p.lines, fmt.Sprintf("%s: %s · %s: %s", w("plan"), plan, w("seats"), fmtNum(float64(c.Seats), l, 0)),
		fmt.Sprintf("%s: %s", w("mrr"), minorMoneyText(c.MRR, cur, l)), fmt.Sprintf("%s: %s", w("renewal"), renewal))
	for _, m := range c.Movements {
		sign := "+"
		amount := m.Amount
		if amount < 0 {
			sign, amount = "−", -amount
		}
		p.lines = append(p.lines, fmt.Sprintf("%s: %s %s%s (%s)", w("movements"), m.Kind, sign, minorMoneyText(amount, cur, l), texts.Date(l, m.Date.Time)))
	}
	out = append(out, p)
	if len(r.Edited.Risks) > 0 {
		out = append(out, section{key: "risks", title: w("risks"), lines: bulleted(r.Edited.Risks)})
	} else {
		empty("risks", w("risks"), w("noRisks"))
	}
	if len(r.Edited.NextGoals) > 0 {
		out = append(out, section{key: "next_goals", title: w("nextGoals"), lines: bulleted(r.Edited.NextGoals)})
	} else {
		empty("next_goals", w("nextGoals"), w("noNextGoals"))
	}
	return out
}

// upperFirst capitalises the first letter: "trend zaangażowania" → "Trend zaangażowania".
func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func bulleted(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = "• " + s
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// Markdown renders the report as Markdown; o.Internal adds the sections for the team.
func Markdown(r Report, o Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — %s %s\n\n%s – %s\n", r.Account.Name, dw(r.Language, "qbr"), r.Quarter, texts.Date(r.Language, r.From.Time), texts.Date(r.Language, r.To.Time))
	for _, s := range sections(r, o) {
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

// PDF renders the report as an A4 document, with the deck's charts;
// o.Internal adds the sections for the team.
func PDF(r Report, o Options) ([]byte, error) {
	l := r.Language
	doc, err := pdf.New(r.Account.Name + " · " + r.Quarter)
	if err != nil {
		return nil, err
	}
	subtitle := fmt.Sprintf("%s %s · %s – %s", dw(l, "qbr"), r.Quarter, texts.Date(l, r.From.Time), texts.Date(l, r.To.Time))
	if r.Brand.CompanyName != "" {
		subtitle += " · " + r.Brand.CompanyName
	}
	if r.Status != "final" {
		subtitle += " · " + strings.ToUpper(dw(l, "draft"))
	}
	doc.Title(r.Account.Name, subtitle)
	secs := sections(r, o)
	pictures, err := drawCharts(r, secs)
	if err != nil {
		return nil, err
	}
	for i, s := range secs {
		doc.Heading(s.title)
		for _, line := range s.lines {
			doc.Paragraph(line)
		}
		if len(s.header) > 0 && len(s.rows) > 0 {
			doc.Table(s.header, s.widths, s.rows)
		}
		if pictures[i] != nil {
			doc.Image(pictures[i], chartHeightMM)
		}
	}
	return doc.Bytes()
}

// Document renders account id's report for quarter as "pdf" or "md" and
// names the file by the one QBR file-name rule.
func (s *Service) Document(ctx context.Context, accountID int64, quarter, format string, o Options) (string, []byte, error) {
	r, err := s.Report(ctx, accountID, quarter)
	if err != nil {
		return "", nil, err
	}
	name := FileName(r.Account.Name, r.Account.ID, r.Quarter, format)
	if format == "md" {
		return name, []byte(Markdown(r, o)), nil
	}
	raw, err := PDF(r, o)
	return name, raw, err
}

// PDF renders account id's report for quarter.
func (s *Service) PDF(ctx context.Context, accountID int64, quarter string, o Options) ([]byte, error) {
	r, err := s.Report(ctx, accountID, quarter)
	if err != nil {
		return nil, err
	}
	return PDF(r, o)
}

// Markdown renders account id's report for quarter.
func (s *Service) Markdown(ctx context.Context, accountID int64, quarter string, o Options) (string, error) {
	r, err := s.Report(ctx, accountID, quarter)
	if err != nil {
		return "", err
	}
	return Markdown(r, o), nil
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
	used := map[string]bool{}
	for _, d := range due.Items {
		line := BatchLine{AccountID: d.AccountID, Name: d.Name, File: FileName(d.Name, d.AccountID, due.Quarter, "pdf")}
		if used[line.File] { // two accounts of one name: the id tells them apart
			line.File = FileName(fmt.Sprintf("%s %d", d.Name, d.AccountID), d.AccountID, due.Quarter, "pdf")
		}
		used[line.File] = true
		raw, err := s.PDF(ctx, d.AccountID, due.Quarter, Options{}) // a batch goes to customers
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
