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
// Bad (0 points) and Good (100 points); Good may be above or below Bad. A
// component without data is left out of the score (see Evaluate).
type Component struct {
	Key    string  `json:"key" validate:"required,oneof=engagement_trend login_recency seat_utilisation nps payment csm_sentiment" enum:"engagement_trend,login_recency,seat_utilisation,nps,payment,csm_sentiment"`
	Weight int     `json:"weight" validate:"gte=0,lte=100" minimum:"0" maximum:"100"`
	Good   float64 `json:"good" description:"Measure value that scores 100."`
	Bad    float64 `json:"bad" description:"Measure value that scores 0."`
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
			{Key: EngagementTrend, Weight: 25, Good: 2, Bad: -10},
			{Key: LoginRecency, Weight: 20, Good: 3, Bad: 21},
			{Key: SeatUtilisation, Weight: 20, Good: 80, Bad: 10},
			{Key: LatestNPS, Weight: 15, Good: 9, Bad: 4},
			{Key: Payment, Weight: 10, Good: 0, Bad: 30},
			{Key: CSMSentiment, Weight: 10, Good: 5, Bad: 1},
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

// The health bands, and the class of an account with too little data.
const (
	Good    Class = "good"
	Average Class = "average"
	Poor    Class = "poor"
	NoData  Class = "no_data"
)

// MinDataWeight is the share of the model's weight (in %) that must have
// data for a score to get a class: below it the account has too little data
// and its class is NoData.
const MinDataWeight = 50

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
	HasData bool     `json:"has_data" description:"False when the component had no data and was left out of the score."`
	Score   float64  `json:"score" description:"The component's own score, 0–100 (0 when left out)."`
	Weight  int      `json:"weight" description:"The component's weight in the model."`
	Share   float64  `json:"share" description:"The weight rescaled over the components with data (they add up to 100); 0 when left out."`
	Points  float64  `json:"points" description:"Share × score ÷ 100: what the component added to the total."`
	Lost    float64  `json:"lost" description:"Share − points: what the component cost."`
}

// Score is an account's health with its explanation.
type Score struct {
	Score      float64  `json:"score" description:"Weighted score over the components with data, their weights rescaled to 100."`
	Class      Class    `json:"class" enum:"good,average,poor,no_data" description:"The band, or no_data when less than half of the model's weight has data."`
	DataWeight int      `json:"data_weight" description:"Share of the model's weight (in %) whose components had data."`
	Omitted    []string `json:"omitted" description:"Components left out for lack of data."`
	Breakdown  []Part   `json:"breakdown"`
}

// Evaluate scores ms with m. A component without data is left out and the
// weights of the others are rescaled to add up to 100; when less than
// MinDataWeight % of the weight has data, the class is NoData.
func (m Model) Evaluate(ms Measures) Score {
	scores := make([]float64, len(m.Components))
	has := make([]bool, len(m.Components))
	total, withData := 0, 0
	for i, c := range m.Components {
		total += c.Weight
		measure := ms.of(c.Key)
		switch {
		case c.Key == EngagementTrend && ms.Inactive:
			scores[i], has[i] = 0, true
		case measure != nil:
			scores[i], has[i] = interpolate(*measure, c.Bad, c.Good), true
		}
		if has[i] {
			withData += c.Weight
		}
	}
	out := Score{Omitted: []string{}, Breakdown: make([]Part, 0, len(m.Components))}
	var sum float64
	for i, c := range m.Components {
		part := Part{Key: c.Key, Measure: ms.of(c.Key), HasData: has[i], Weight: c.Weight}
		if !has[i] {
			out.Omitted = append(out.Omitted, c.Key)
		} else if withData > 0 {
			share := float64(c.Weight) * 100 / float64(withData)
			points := share * scores[i] / 100
			sum += points
			part.Score, part.Share, part.Points = round1(scores[i]), round1(share), round1(points)
			part.Lost = math.Max(0, round1(share-points))
		}
		out.Breakdown = append(out.Breakdown, part)
	}
	if total > 0 {
		out.DataWeight = int(math.Round(float64(withData) * 100 / float64(total)))
	}
	out.Score = round1(sum)
	if out.DataWeight < MinDataWeight {
		out.Class = NoData
	} else {
		out.Class = m.ClassOf(out.Score)
	}
	return out
}

// interpolate maps v to 0 at bad and 100 at good, clamped to 0–100.
func interpolate(v, bad, good float64) float64 {
	s := (v - bad) / (good - bad) * 100
	return math.Max(0, math.Min(100, s))
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
