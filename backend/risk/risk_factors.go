package risk

import (
	"math"
	"strings"

	"churndesk/backend/texts"
)

// factorOf names the measure behind a covariate with the numbers its text needs.
func factorOf(key string, m Measures) Factor {
	f := Factor{Key: key, Args: map[string]float64{}}
	switch {
	case strings.HasPrefix(key, "segment:"):
		f.Key, f.Value = "segment", m.Segment
	case strings.HasPrefix(key, "plan:"):
		f.Key, f.Value = "plan", m.Plan
	}
	switch key {
	case "tenure":
		f.Args["months"] = m.TenureMonths
	case "renewal_soon":
		f.Args["days"] = float64(m.RenewalDays)
	case "log_mrr":
		f.Args["mrr"] = math.Round(m.MRR)
	case "log_seats":
		f.Args["seats"] = float64(m.Seats)
	case "seat_use":
		f.Args["percent"] = math.Round(m.SeatUse)
	case "trend_slope", "declining":
		f.Args["slope"] = math.Round(m.Slope*10) / 10
	case "login_days", "inactive":
		f.Args["days"] = float64(m.LoginDays)
	case "nps_detractor", "nps_promoter":
		if m.NPS != nil {
			f.Args["score"] = float64(*m.NPS)
		}
	case "payment_overdue":
		f.Args["days"] = float64(m.OverdueDays)
	case "csm_sentiment":
		f.Args["score"] = 3
		if m.Sentiment != nil {
			f.Args["score"] = float64(*m.Sentiment)
		}
	case "open_tasks":
		f.Args["count"] = float64(m.OpenTasks)
	}
	return f
}

// factorText renders a factor with its effect, e.g. "no login for 24 days:
// risk ×2.3", in lang from the server's catalogues (risk.factor.<key>;
// English when lang is empty or unknown), its numbers written the
// language's way (Russian and Polish write a decimal comma).
func factorText(lang string, f Factor, currency string) string {
	var args []any
	switch f.Key {
	case "segment", "plan":
		args = []any{f.Value}
	case "log_mrr":
		args = []any{texts.Figure(lang, f.Args["mrr"]), currency}
	default:
		for _, v := range f.Args { // at most one number
			args = append(args, texts.Figure(lang, v))
		}
	}
	return strings.TrimSpace(texts.Text(lang, "risk.factor."+f.Key, args...)) + ": " + texts.Text(lang, "risk.factor.effect", texts.Figure(lang, f.Effect))
}
