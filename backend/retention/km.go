// Package retention computes the retention figures of domain.md for a
// period: CRR, logo and revenue churn, GRR, NRR, CLV, renewal rate, churn
// shares, breakdowns, the Kaplan–Meier retention curve and monthly cohorts.
// Its math is pure; the service loads the inputs.
package retention

import (
	"math"
	"sort"
)

// Subject is one account's time as a customer: churned (an event) or still
// a customer at the as-of date (censored).
type Subject struct {
	TenureDays int
	Churned    bool
	Count      int // customers with this same tenure and outcome; 0 means one
}

// Point is the retention curve at one churn time.
type Point struct {
	TenureDays int     `json:"tenure_days"`
	AtRisk     int     `json:"at_risk" description:"Customers whose tenure reached this day (nᵢ)."`
	Churned    int     `json:"churned" description:"Customers who churned at exactly this tenure (dᵢ)."`
	Censored   int     `json:"censored" description:"Customers still active whose tenure is exactly this day."`
	Survival   float64 `json:"survival" description:"S(t) = Π (1 − dᵢ ÷ nᵢ) over churn times ≤ t."`
	CILow      float64 `json:"ci_low" description:"95 % band: S − 1.96·SE, SE from Greenwood's formula."`
	CIHigh     float64 `json:"ci_high"`
}

// z95 is the normal quantile for a two-sided 95 % band.
const z95 = 1.959963984540054

// KaplanMeier estimates S(t) with the product-limit estimator. Censored
// subjects stay at risk up to and including their own tenure (censoring at a
// tied time counts after the churns). The band uses Greenwood's variance
// Var(S) = S² Σ dᵢ ÷ (nᵢ (nᵢ − dᵢ)). The first point is tenure 0 with S = 1.
func KaplanMeier(subjects []Subject) []Point {
	type tally struct{ churned, censored int }
	byDay := map[int]*tally{}
	total := 0
	for _, s := range subjects {
		t := byDay[s.TenureDays]
		if t == nil {
			t = &tally{}
			byDay[s.TenureDays] = t
		}
		n := max(s.Count, 1)
		total += n
		if s.Churned {
			t.churned += n
		} else {
			t.censored += n
		}
	}
	days := make([]int, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	sort.Ints(days)
	points := []Point{{TenureDays: 0, AtRisk: total, Survival: 1, CILow: 1, CIHigh: 1}}
	atRisk := total
	survival, greenwood := 1.0, 0.0
	for _, d := range days {
		t := byDay[d]
		if t.churned > 0 {
			n, dd := float64(atRisk), float64(t.churned)
			survival *= 1 - dd/n
			if atRisk > t.churned {
				greenwood += dd / (n * (n - dd))
			}
			se := survival * math.Sqrt(greenwood)
			p := Point{TenureDays: d, AtRisk: atRisk, Churned: t.churned, Censored: t.censored, Survival: round4(survival),
				CILow: round4(math.Max(0, survival-z95*se)), CIHigh: round4(math.Min(1, survival+z95*se))}
			if d == 0 {
				points[0] = p
			} else {
				points = append(points, p)
			}
		} else if d == 0 {
			points[0].Censored = t.censored
		}
		atRisk -= t.churned + t.censored
	}
	return points
}

func round4(v float64) float64 { return math.Round(v*10000) / 10000 }

// SurvivalAt reads S(t) off a curve: the survival of the last point at or before t.
func SurvivalAt(points []Point, t int) float64 {
	s := 1.0
	for _, p := range points {
		if p.TenureDays > t {
			break
		}
		s = p.Survival
	}
	return s
}
