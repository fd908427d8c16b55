// Package health scores accounts with the team's own weighted model and
// keeps a weekly history of every account's score.
package health

import (
	"fmt"
	"math"

	"churndesk/backend/fault"
)

// The component keys of the health model (domain.md defaults).
const (
	EngagementTrend = "engagement_trend"
	LoginRecency    = "login_recency"
	SeatUtilisation = "seat_utilisation"
	LatestNPS       = "nps"
	Payment         = "payment"
	CSMSentiment    = "csm_sentiment"
)

// ComponentKeys lists every component, in display order.
var ComponentKeys = []string{EngagementTrend, LoginRecency, SeatUtilisation, LatestNPS, Payment, CSMSentiment}

// Component scores one measure 0–100 by straight-line interpolation between
// Bad (0 points) and Good (100 points); Good may be above or below Bad.
type Component struct {
	Key          string  `json:"key" validate:"required,oneof=engagement_trend login_recency seat_utilisation nps payment csm_sentiment" enum:"engagement_trend,login_recency,seat_utilisation,nps,payment,csm_sentiment"`
	Weight       int     `json:"weight" validate:"gte=0,lte=100" minimum:"0" maximum:"100"`
	Good         float64 `json:"good" description:"Measure value that scores 100."`
	Bad          float64 `json:"bad" description:"Measure value that scores 0."`
	MissingScore float64 `json:"missing_score" validate:"gte=0,lte=100" description:"Score (0–100) when there is no data for this measure."`
}

// Model is the team's health model.
type Model struct {
	Components []Component `json:"components" validate:"required,min=1,max=6,dive"`
	GoodFrom   float64     `json:"good_from" validate:"gt=0,lte=100" description:"Scores at or above this are good."`
	PoorBelow  float64     `json:"poor_below" validate:"gt=0,lte=100" description:"Scores below this are poor; between the two, average."`
}

// DefaultModel is the model every new database starts with.
func DefaultModel() Model {
	return Model{
		Components: []Component{
			{Key: EngagementTrend, Weight: 25, Good: 2, Bad: -10, MissingScore: 50},
			{Key: LoginRecency, Weight: 20, Good: 3, Bad: 21, MissingScore: 0},
			{Key: SeatUtilisation, Weight: 20, Good: 80, Bad: 10, MissingScore: 0},
			{Key: LatestNPS, Weight: 15, Good: 9, Bad: 4, MissingScore: 50},
			{Key: Payment, Weight: 10, Good: 0, Bad: 30, MissingScore: 100},
			{Key: CSMSentiment, Weight: 10, Good: 5, Bad: 1, MissingScore: 50},
		},
		GoodFrom:  70,
		PoorBelow: 40,
	}
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Check validates m beyond its tags: weights total 100, keys are unique,
// Good differs from Bad, and the cut-offs are in order.
func (m Model) Check(v Validator) error {
	if err := v.Struct(m); err != nil {
		return err
	}
	fields := map[string]string{}
	total := 0
	seen := map[string]bool{}
	for i, c := range m.Components {
		total += c.Weight
		if seen[c.Key] {
			fields[fmt.Sprintf("components[%d].key", i)] = "appears twice"
		}
		seen[c.Key] = true
		if c.Good == c.Bad {
			fields[fmt.Sprintf("components[%d].good", i)] = "must differ from bad"
		}
	}
	if total != 100 {
		fields["components"] = fmt.Sprintf("weights must add up to 100; they add up to %d", total)
	}
	if m.PoorBelow >= m.GoodFrom {
		fields["poor_below"] = "must be below good_from"
	}
	if len(fields) > 0 {
		return fault.Validation(fields)
	}
	return nil
}

// Class names a health band.
type Class string

// The health bands.
const (
	Good    Class = "good"
	Average Class = "average"
	Poor    Class = "poor"
)

// ClassOf puts a 0–100 score in its band.
func (m Model) ClassOf(score float64) Class {
	switch {
	case score >= m.GoodFrom:
		return Good
	case score >= m.PoorBelow:
		return Average
	default:
		return Poor
	}
}

// Measures are the raw inputs for one account; nil means no data.
type Measures struct {
	TrendSlope      *float64 // % per week
	Inactive        bool     // the trend class is inactive: the trend scores 0
	DaysSinceLogin  *float64
	SeatUtilisation *float64 // %
	LatestNPS       *float64 // 0–10
	DaysOverdue     *float64 // 0 when payments are fine
	CSMSentiment    *float64 // 1–5
}

func (ms Measures) of(key string) *float64 {
	switch key {
	case EngagementTrend:
		return ms.TrendSlope
	case LoginRecency:
		return ms.DaysSinceLogin
	case SeatUtilisation:
		return ms.SeatUtilisation
	case LatestNPS:
		return ms.LatestNPS
	case Payment:
		return ms.DaysOverdue
	case CSMSentiment:
		return ms.CSMSentiment
	}
	return nil
}

// Part is one component's share of a score.
type Part struct {
	Key     string   `json:"key"`
	Measure *float64 `json:"measure" description:"The raw value measured, or null when there was no data."`
	Score   float64  `json:"score" description:"The component's own score, 0–100."`
	Weight  int      `json:"weight"`
	Points  float64  `json:"points" description:"Weight × score ÷ 100: what the component added to the total."`
	Lost    float64  `json:"lost" description:"Weight − points: what the component cost."`
}

// Score is an account's health with its explanation.
type Score struct {
	Score     float64 `json:"score"`
	Class     Class   `json:"class" enum:"good,average,poor"`
	Breakdown []Part  `json:"breakdown"`
}

// Evaluate scores ms with m.
func (m Model) Evaluate(ms Measures) Score {
	var total float64
	parts := make([]Part, 0, len(m.Components))
	for _, c := range m.Components {
		measure := ms.of(c.Key)
		score := c.MissingScore
		switch {
		case c.Key == EngagementTrend && ms.Inactive:
			score = 0
		case measure != nil:
			score = interpolate(*measure, c.Bad, c.Good)
		}
		points := round1(float64(c.Weight) * score / 100)
		parts = append(parts, Part{Key: c.Key, Measure: measure, Score: round1(score), Weight: c.Weight,
			Points: points, Lost: round1(float64(c.Weight) - points)})
		total += float64(c.Weight) * score / 100
	}
	total = round1(total)
	return Score{Score: total, Class: m.ClassOf(total), Breakdown: parts}
}

// interpolate maps v to 0 at bad and 100 at good, clamped to 0–100.
func interpolate(v, bad, good float64) float64 {
	s := (v - bad) / (good - bad) * 100
	return math.Max(0, math.Min(100, s))
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
