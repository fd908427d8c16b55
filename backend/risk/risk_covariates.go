package risk

import (
	"math"
	"sort"
	"strings"

	"churndesk/backend/engagement"
	"churndesk/backend/health"
)

// Measures are one account's facts on one day, each read only from data
// dated on or before that day (see Covariates for where each comes from).
type Measures struct {
	TenureMonths float64          `json:"tenure_months"`
	RenewalDays  int              `json:"renewal_days" description:"Days to the next contract anniversary (renewal)."`
	MRR          float64          `json:"mrr" description:"MRR that day in major units of the home currency (of the account's own currency when no rate converts it)."`
	Seats        int              `json:"seats"`
	SeatUse      float64          `json:"seat_use" description:"Active users of the latest complete reported week ÷ seats, %."`
	Slope        float64          `json:"slope" description:"Engagement trend, % of the window's mean per week."`
	Class        engagement.Class `json:"class"`
	LoginDays    int              `json:"login_days" description:"Days since the last login, capped at 90; 90 when none is known."`
	NPS          *int             `json:"nps"`
	Overdue      bool             `json:"overdue"`
	OverdueDays  int              `json:"overdue_days"`
	CardExpiring bool             `json:"card_expiring" description:"The card on file expires within 60 days."`
	Sentiment    *int             `json:"sentiment"`
	OpenTasks    int              `json:"open_tasks" description:"Playbook tasks open that day."`
	Segment      string           `json:"segment"`
	Plan         string           `json:"plan"`
	HasUsage     bool             `json:"has_usage" description:"Usage weeks were reported before the day."`
	HasLogin     bool             `json:"has_login"`
}

// renewalWindow is how close a renewal must be to count as soon (domain.md's
// renewal trigger: within 90 days).
const renewalWindow = 90

// maxLoginDays caps login recency: past three months of silence, more
// silence says nothing new.
const maxLoginDays = 90

// Covariate describes one input of the model, in the terms of the domain.
type Covariate struct {
	Key    string  `json:"key" description:"Covariate key; segment:<value> and plan:<value> are indicators of one segment or plan."`
	Step   float64 `json:"step" description:"The change the hazard ratio is given for, in the covariate's own unit."`
	Unit   string  `json:"unit" enum:"months,doubling,percent,pct_per_week,days,flag,points,count"`
	Source string  `json:"source" description:"Where the value comes from and how it is kept free of look-ahead."`
}

// baseCovariates are the numeric and flag covariates, in model order; one
// indicator per segment and plan follows them (the commonest is the
// reference and has none).
var baseCovariates = []Covariate{
	{"tenure", 12, "months", "Whole months from the contract start of the life to the day (calendar month rule)."},
	{"renewal_soon", 1, "flag", "The next contract anniversary (renewal) falls within 90 days of the day: known in advance from the contract start."},
	{"log_mrr", 1, "doubling", "log₂ of the MRR that day, summed from the MRR movements dated on or before it and converted to the home currency at that day's rate."},
	{"log_seats", 1, "doubling", "log₂(1 + seats) as the account holds them now: seats have no history."},
	{"seat_use", 10, "percent", "Active users of the latest complete reported week before the day ÷ seats."},
	{"trend_slope", 5, "pct_per_week", "Least-squares slope of weekly active users over the 12 reported weeks before the day, % of their mean per week (clipped to ±50)."},
	{"declining", 1, "flag", "Engagement class that day is declining."},
	{"inactive", 1, "flag", "Engagement class that day is inactive (no activity in the last 3 reported weeks)."},
	{"login_days", 7, "days", "Days since the last login recorded in usage weeks before the day (capped at 90)."},
	{"nps_detractor", 1, "flag", "The latest NPS answer on or before the day is 0–6."},
	{"nps_promoter", 1, "flag", "The latest NPS answer on or before the day is 9–10."},
	{"payment_overdue", 1, "flag", "Payment status is overdue with an overdue-since date on or before the day."},
	{"card_expiring", 1, "flag", "The card on file expires within 60 days of the day."},
	{"csm_sentiment", 1, "points", "The CSM's sentiment 1–5 as set now (it has no history); 3 when not set."},
	{"open_tasks", 1, "count", "Playbook tasks created on or before the day and not done by then."},
}

// value returns covariate key of m (before standardising).
func (m *Measures) value(key string) float64 { return accessor(key)(m) }

// flag is a covariate's value of a condition.
func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// accessor returns the function that reads covariate key from measures
// (before standardising): looked up once, then applied to every row.
func accessor(key string) func(m *Measures) float64 {
	switch key {
	case "tenure":
		return func(m *Measures) float64 { return m.TenureMonths }
	case "renewal_soon":
		return func(m *Measures) float64 { return flag(m.RenewalDays <= renewalWindow) }
	case "log_mrr":
		return func(m *Measures) float64 { return math.Log2(1 + math.Max(0, m.MRR)) }
	case "log_seats":
		return func(m *Measures) float64 { return math.Log2(1 + float64(max(0, m.Seats))) }
	case "seat_use":
		return func(m *Measures) float64 { return math.Min(m.SeatUse, 200) }
	case "trend_slope":
		return func(m *Measures) float64 { return math.Max(-50, math.Min(50, m.Slope)) }
	case "declining":
		return func(m *Measures) float64 { return flag(m.Class == engagement.Declining) }
	case "inactive":
		return func(m *Measures) float64 { return flag(m.Class == engagement.Inactive) }
	case "login_days":
		return func(m *Measures) float64 { return float64(m.LoginDays) }
	case "nps_detractor":
		return func(m *Measures) float64 { return flag(m.NPS != nil && *m.NPS <= 6) }
	case "nps_promoter":
		return func(m *Measures) float64 { return flag(m.NPS != nil && *m.NPS >= 9) }
	case "payment_overdue":
		return func(m *Measures) float64 { return flag(m.Overdue) }
	case "card_expiring":
		return func(m *Measures) float64 { return flag(m.CardExpiring) }
	case "csm_sentiment":
		return func(m *Measures) float64 {
			if m.Sentiment == nil {
				return 3
			}
			return float64(*m.Sentiment)
		}
	case "open_tasks":
		return func(m *Measures) float64 { return float64(m.OpenTasks) }
	}
	if v, ok := strings.CutPrefix(key, "segment:"); ok && v != "" {
		return func(m *Measures) float64 { return flag(m.Segment == v) }
	}
	if v, ok := strings.CutPrefix(key, "plan:"); ok && v != "" {
		return func(m *Measures) float64 { return flag(m.Plan == v) }
	}
	return func(*Measures) float64 { return 0 }
}

// Scale is how one covariate is standardised: (value − Mean) ÷ SD.
type Scale struct {
	Covariate
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// chooseCovariates picks the model's covariates for a training set: the
// base ones plus an indicator per segment and plan value other than the
// commonest, keeping only those that vary (a constant teaches nothing and
// makes the fit singular), with their means and standard deviations.
func chooseCovariates(rows []Measures) []Scale {
	cands := append([]Covariate(nil), baseCovariates...)
	for _, level := range []struct {
		prefix string
		of     func(*Measures) string
		unit   string
	}{
		{"segment:", func(m *Measures) string { return m.Segment }, "Segment of the account."},
		{"plan:", func(m *Measures) string { return m.Plan }, "Plan of the account (plans have no history: as it stands)."},
	} {
		counts := map[string]int{}
		for i := range rows {
			counts[level.of(&rows[i])]++
		}
		values := make([]string, 0, len(counts))
		for v := range counts {
			values = append(values, v)
		}
		sort.Slice(values, func(i, j int) bool {
			a, b := values[i], values[j]
			return counts[a] > counts[b] || (counts[a] == counts[b] && a < b)
		})
		for _, v := range values[min(1, len(values)):] {
			cands = append(cands, Covariate{Key: level.prefix + v, Step: 1, Unit: "flag", Source: level.unit + " Reference: " + values[0] + "."})
		}
	}
	// One pass over the rows for every candidate: a row is read from memory
	// once, not once per candidate.
	gets := make([]func(*Measures) float64, len(cands))
	for c, cand := range cands {
		gets[c] = accessor(cand.Key)
	}
	sum, sq := make([]float64, len(cands)), make([]float64, len(cands))
	for i := range rows {
		for c, get := range gets {
			v := get(&rows[i])
			sum[c] += v
			sq[c] += v * v
		}
	}
	var out []Scale
	n := float64(len(rows))
	for c, cand := range cands {
		mean := sum[c] / n
		variance := sq[c]/n - mean*mean
		if n < 2 || variance <= 1e-12 {
			continue
		}
		out = append(out, Scale{Covariate: cand, Mean: mean, SD: math.Sqrt(variance)})
	}
	return out
}

// accessors are the scales' accessor functions, in order.
func accessors(scales []Scale) []func(*Measures) float64 {
	gets := make([]func(*Measures) float64, len(scales))
	for j, sc := range scales {
		gets[j] = accessor(sc.Key)
	}
	return gets
}

// healthMeasures are m in the health model's terms: each health
// component's measure is a covariate of its own (trend slope, login
// recency, seat use, latest NPS, payment overdue, CSM sentiment), and the
// backtest scores the health model on these same measures.
func healthMeasures(m Measures) health.Measures {
	hm := health.Measures{Inactive: m.Class == engagement.Inactive}
	ptr := func(v float64) *float64 { return &v }
	if m.HasUsage {
		hm.TrendSlope, hm.SeatUtilisation = ptr(m.Slope), ptr(m.SeatUse)
	}
	if m.HasLogin {
		hm.DaysSinceLogin = ptr(float64(m.LoginDays))
	}
	if m.NPS != nil {
		hm.LatestNPS = ptr(float64(*m.NPS))
	}
	hm.DaysOverdue = ptr(float64(m.OverdueDays))
	if m.Sentiment != nil {
		hm.CSMSentiment = ptr(float64(*m.Sentiment))
	}
	return hm
}
