package qbr

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"gorm.io/gorm"

	"churndesk/backend/health"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// Sections a draft can fill in; each stays marked as drafted until edited.
const (
	DraftedSummary = "executive_summary"
	DraftedGoals   = "goals"
	DraftedKPIs    = "kpis"
	DraftedRisks   = "risks"
)

// riskTriggers are the triggers whose open tasks are risks, most pressing first.
var riskTriggers = []string{"payment_overdue", "health_poor", "usage_drop", "no_login", "nps_detractor", "card_expiring", "renewal_due"}

// draftFacts is what a draft is written from, gathered from the data.
type draftFacts struct {
	triggers  []string      // risk triggers open at the quarter's end, most pressing first
	weakest   []health.Part // health components that cost the most, worst first
	prevGoals []string      // the previous QBR's goals for this quarter
}

// loadDraftFacts reads the triggers open at the quarter's end, the latest
// health breakdown of the quarter and the previous QBR's next-quarter goals.
func loadDraftFacts(db *gorm.DB, acc store.Account, q Quarter) (draftFacts, error) {
	var f draftFacts
	// The triggers whose tasks were open when the quarter ended: created
	// before its end and not done by then (for a running quarter, those
	// open now), so a past quarter's risks agree with its figures.
	var open []string
	endsBefore := q.End().AddDate(0, 0, 1).UTC()
	if err := db.Model(&store.Task{}).Where("account_id = ? AND trigger IN ? AND created_at < ?", acc.ID, riskTriggers, endsBefore).
		Where("status IN ? OR (status = ? AND done_at >= ?)", []string{"open", "snoozed"}, "done", endsBefore).
		Distinct().Pluck("trigger", &open).Error; err != nil {
		return f, fmt.Errorf("load open triggers: %w", err)
	}
	for _, t := range riskTriggers {
		for _, o := range open {
			if o == t {
				f.triggers = append(f.triggers, t)
			}
		}
	}
	var latest store.HealthScore
	if err := db.Where("account_id = ? AND week_start <= ?", acc.ID, store.NewDate(q.End())).Order("week_start DESC").Limit(1).Find(&latest).Error; err != nil {
		return f, fmt.Errorf("load health breakdown: %w", err)
	}
	if latest.Breakdown != "" {
		var parts []health.Part
		if err := json.Unmarshal([]byte(latest.Breakdown), &parts); err != nil {
			return f, fmt.Errorf("read health breakdown: %w", err)
		}
		for _, p := range parts {
			// A component without data was left out of the score: its 0 is no finding.
			if p.HasData && p.Weight > 0 && p.Score < 50 {
				f.weakest = append(f.weakest, p)
			}
		}
		sort.SliceStable(f.weakest, func(i, j int) bool { return f.weakest[i].Lost > f.weakest[j].Lost })
		if len(f.weakest) > 2 {
			f.weakest = f.weakest[:2]
		}
	}
	var prev store.QBRReport
	if err := db.Where("account_id = ? AND quarter = ?", acc.ID, q.Previous().String()).Limit(1).Find(&prev).Error; err != nil {
		return f, fmt.Errorf("load previous QBR: %w", err)
	}
	if prev.ID != 0 {
		e, err := decodeEdited([]byte(prev.Edited))
		if err != nil {
			return f, fmt.Errorf("read previous QBR: %w", err)
		}
		f.prevGoals = e.NextGoals
	}
	return f, nil
}

// Draft writes a report's edited sections from the data, in the report's
// language, for the CSM to edit rather than write: an executive summary of
// three to five sentences (usage, health, NPS, value, renewal), risks from
// open triggers and the weakest health components, value KPIs pre-filled
// from usage, and last QBR's next-quarter goals with their outcome to fill
// in. Every section it fills is listed in Drafted.
func draft(r Report, f draftFacts) Edited {
	w := draftWords(r.Language)
	p := printer(r.Language)
	e := emptyEdited()
	usage := map[string]UsageKPI{}
	for _, u := range r.Computed.Usage {
		usage[u.Key] = u
	}
	for _, g := range f.prevGoals {
		e.Goals = append(e.Goals, Goal{Goal: g, Status: "open"})
	}
	for _, k := range []struct{ key, name, unit string }{
		{"avg_active_users", w.activeUsers, UnitCount}, {"seat_utilisation_pct", w.seatUtil, UnitPercent}, {"key_feature_uses", w.featureUses, UnitCount},
	} {
		if u, ok := usage[k.key]; ok && (u.This > 0 || u.Previous > 0) {
			e.Value.KPIs = append(e.Value.KPIs, KPI{Name: k.name, Unit: k.unit, Direction: Higher, Before: u.Previous, After: u.This})
		}
	}
	for _, t := range f.triggers {
		e.Risks = append(e.Risks, w.triggers[t])
	}
	for _, part := range f.weakest {
		e.Risks = append(e.Risks, fmt.Sprintf(w.weakPart, w.parts[part.Key], p.Sprintf("%.0f", part.Score)))
	}
	e.ExecutiveSummary = summary(r, w, p, usage)
	e.Drafted = []string{DraftedSummary}
	if len(e.Goals) > 0 {
		e.Drafted = append(e.Drafted, DraftedGoals)
	}
	if len(e.Value.KPIs) > 0 {
		e.Drafted = append(e.Drafted, DraftedKPIs)
	}
	if len(e.Risks) > 0 {
		e.Drafted = append(e.Drafted, DraftedRisks)
	}
	return e
}

// summary is the executive summary: usage, health, NPS, value and renewal,
// one sentence each where there is something to say (three to five).
func summary(r Report, w draftWordSet, p *message.Printer, usage map[string]UsageKPI) string {
	var s []string
	num := func(v float64) string { return trimZero(clean(p.Sprintf("%.1f", v))) }
	if u, ok := usage["avg_active_users"]; ok && u.ChangePct != nil {
		key := "usageUp"
		if *u.ChangePct < 0 {
			key = "usageDown"
		} else if *u.ChangePct == 0 {
			key = "usageFlat"
		}
		pct := num(abs(*u.ChangePct))
		s = append(s, fmt.Sprintf(w.sentences[key], num(u.Previous), num(u.This), pct))
	} else if u, ok := usage["avg_active_users"]; ok {
		s = append(s, fmt.Sprintf(w.sentences["usageNew"], num(u.This)))
	}
	if h := r.Computed.Health; len(h) > 0 {
		first, last := h[0], h[len(h)-1]
		s = append(s, fmt.Sprintf(w.sentences["health"], num(first.Score), num(last.Score), w.classes[last.Class]))
	}
	if n := r.Computed.NPS; n.Responses > 0 {
		s = append(s, fmt.Sprintf(w.sentences["nps"], signedNum(n.NPS), plural(r.Language, n.Responses, w.answers)))
	} else {
		s = append(s, w.sentences["noNps"])
	}
	if c := r.Computed.Commercial; c.RenewalDate != nil {
		s = append(s, fmt.Sprintf(w.sentences["renewal"], texts.Date(r.Language, c.RenewalDate.Time)))
	}
	return strings.ReplaceAll(strings.Join(s, " "), "..", ".")
}

// trimZero drops a zero decimal: "225.0" → "225", "12 054,0" → "12 054".
func trimZero(s string) string {
	return strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ",0")
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// signedNum writes a whole number with a real minus sign: "+40", "−100".
func signedNum(v float64) string {
	switch {
	case v > 0:
		return fmt.Sprintf("+%.0f", v)
	case v < 0:
		return fmt.Sprintf("−%.0f", -v)
	}
	return "0"
}

// printer formats numbers in lang: "12,054.5", "12 054,5".
func printer(lang string) *message.Printer {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return message.NewPrinter(tag)
}

// clean turns the no-break spaces of grouped numbers into plain spaces, as the deck does.
func clean(s string) string { return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s) }

// plural writes n with its word form by the language's rule; forms are
// one, few, many (few and many differ in ru and pl only).
func plural(lang string, n int, forms [3]string) string {
	return fmt.Sprintf(forms[pluralIndex(lang, n)], n)
}

// pluralIndex is the form n takes in lang: 0 one, 1 few, 2 many.
func pluralIndex(lang string, n int) int {
	switch lang {
	case "ru":
		switch {
		case n%10 == 1 && n%100 != 11:
			return 0
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return 1
		}
	case "pl":
		switch {
		case n == 1:
			return 0
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return 1
		}
	default:
		if n == 1 {
			return 0
		}
	}
	return 2
}
