package risk

import (
	"cmp"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/engagement"
	"churndesk/backend/fault"
	"churndesk/backend/fx"
	"churndesk/backend/health"
	"churndesk/backend/retention"
)

// MinEvents is the fewest churns the training window must hold before the
// model learns anything; below it the health score stays the guide.
const MinEvents = 30

// Period is the spacing of the landmark days, in days: monthly person-periods.
const Period = 30

// maxLandmarks bounds how far back training looks: a year of months.
const maxLandmarks = 12

// trainingSet is the model's view of history up to a cut-off day: on each
// landmark day (cut-off − k × 30 days) every customer alive that day, with
// its measures that day, followed until the next landmark: churn within the
// period is the event (time = days from the landmark), otherwise censored
// at 30 days. The periods do not overlap, so each churn is counted once,
// and nothing dated after the cut-off is read. A forecast over a horizon
// of h days takes the period's baseline hazard h ÷ 30 times, as if the
// account's measures held still.
type trainingSet struct {
	Cutoff    time.Time
	Horizon   int
	Landmarks []time.Time
	Subjects  []subject
	Measures  []Measures
	Time      []float64
	Event     []bool
}

// env is what reading history needs besides the database.
type env struct {
	health health.Model
	conv   *fx.Converter
	es     engagement.Settings
	loc    *time.Location
}

// landmarkDays are cut-off − k × 30 days for k = 1… back to earliest (the
// first life's start, or four weeks after the first usage week when there
// is usage: before it every account would look silent), at most
// maxLandmarks of them.
func landmarkDays(cutoff time.Time, earliest time.Time) []time.Time {
	var out []time.Time
	for k := 1; k <= maxLandmarks; k++ {
		l := cutoff.AddDate(0, 0, -k*Period)
		if l.Before(earliest) {
			break
		}
		out = append(out, l)
	}
	return out
}

// buildTrainingSet reads the history known on cutoff into a training set.
func buildTrainingSet(db *gorm.DB, e env, cutoff time.Time, horizon int) (trainingSet, error) {
	ts, err := planTrainingSet(db, cutoff, horizon)
	if err != nil {
		return trainingSet{}, err
	}
	ms, err := measureGroups(db, e, ts.group())
	if err != nil {
		return trainingSet{}, err
	}
	ts.Measures = ms[0]
	return ts, nil
}

// group is the training set's subjects to measure.
func (ts trainingSet) group() group { return group{landmarks: ts.Landmarks, subjects: ts.Subjects} }

// planTrainingSet lists a training set's landmark days and rows, with
// their follow-up, before anything is measured.
func planTrainingSet(db *gorm.DB, cutoff time.Time, horizon int) (trainingSet, error) {
	lives, err := retention.LivesAsOf(db, cutoff)
	if err != nil {
		return trainingSet{}, fmt.Errorf("load lives: %w", err)
	}
	return planTrainingSetOf(db, lives, cutoff, horizon)
}

// planTrainingSetOf is planTrainingSet on the lives as they were known on
// the cut-off day, already read.
func planTrainingSetOf(db *gorm.DB, lives []retention.Life, cutoff time.Time, horizon int) (trainingSet, error) {
	ts := trainingSet{Cutoff: cutoff, Horizon: horizon}
	if len(lives) == 0 {
		return ts, nil
	}
	earliest := lives[0].From
	for _, l := range lives {
		if l.From.Before(earliest) {
			earliest = l.From
		}
	}
	var firstUsage sql.NullString
	if err := db.Raw(`SELECT CAST(MIN(week_start) AS TEXT) FROM usage_snapshots`).Scan(&firstUsage).Error; err != nil {
		return trainingSet{}, fmt.Errorf("first usage week: %w", err)
	}
	if d, ok := dayOf(firstUsage.String); ok && d.AddDate(0, 0, 28).After(earliest) {
		earliest = d.AddDate(0, 0, 28)
	}
	ts.Landmarks = landmarkDays(cutoff, earliest)
	rows := 0
	for _, day := range ts.Landmarks {
		for _, l := range lives {
			if !l.From.After(day) && (l.To == nil || l.To.After(day)) {
				rows++
			}
		}
	}
	ts.Subjects, ts.Time, ts.Event = make([]subject, 0, rows), make([]float64, 0, rows), make([]bool, 0, rows)
	for k, day := range ts.Landmarks {
		end := day.AddDate(0, 0, Period)
		for _, l := range lives {
			if l.From.After(day) || (l.To != nil && !l.To.After(day)) {
				continue
			}
			ts.Subjects = append(ts.Subjects, subject{Account: l.AccountID, From: l.From, Landmark: k})
			if l.To != nil && !l.To.After(end) {
				ts.Time = append(ts.Time, l.To.Sub(day).Hours()/24)
				ts.Event = append(ts.Event, true)
			} else {
				ts.Time = append(ts.Time, Period)
				ts.Event = append(ts.Event, false)
			}
		}
	}
	return ts, nil
}

// events counts the churns in the training set.
func (ts trainingSet) events() int {
	n := 0
	for _, e := range ts.Event {
		if e {
			n++
		}
	}
	return n
}

// Fitted is a model learnt from a training set, ready to score.
type Fitted struct {
	Scales      []Scale
	Coef        []float64
	SE          []float64
	BaseHazard  float64 // Breslow cumulative baseline hazard over one period, at the training means
	Horizon     int
	Concordance float64
	LogLik      float64
	LogLikNull  float64
	Rows        int
	Events      int
	Accounts    int
	gets        []func(*Measures) float64 // each scale's accessor, looked up once
}

// fitTrainingSet standardises the covariates and fits the Cox model. It
// refuses, saying why, when the window holds fewer than MinEvents churns.
func fitTrainingSet(ts trainingSet, ridge float64) (Fitted, error) {
	events := ts.events()
	if events < MinEvents {
		return Fitted{}, fault.Conflict(fmt.Sprintf(
			"The risk model cannot learn yet: it needs at least %d churns in its training window (%d months up to %s) and there are %d. Until then the health score stays the guide.",
			MinEvents, len(ts.Landmarks), ts.Cutoff.Format(time.DateOnly), events))
	}
	scales := chooseCovariates(ts.Measures)
	if len(scales) == 0 {
		return Fitted{}, fault.Conflict("The risk model cannot learn: no covariate varies across the accounts.")
	}
	// The fit reads each covariate in standard deviations; the continuous
	// ones are centred on their mean, the flags keep 0 for "not set", so
	// most of a row is zero and the fit's passes skip it. Centring changes
	// no coefficient, only the baseline, which is moved to the means below.
	// The rows are laid out by follow-up time, longest first (ties by
	// row), the order the fit passes over them in.
	rows := make([]int, len(ts.Time))
	for i := range rows {
		rows[i] = i
	}
	slices.SortFunc(rows, func(a, b int) int { return cmp.Or(cmp.Compare(ts.Time[b], ts.Time[a]), cmp.Compare(a, b)) })
	s := Survival{Time: make([]float64, len(rows)), Event: make([]bool, len(rows)), P: len(scales), X: make([]float64, len(rows)*len(scales))}
	gets := accessors(scales)
	centre := make([]float64, len(scales))
	for j, sc := range scales {
		if sc.Unit != "flag" {
			centre[j] = sc.Mean
		}
	}
	for k, i := range rows {
		s.Time[k], s.Event[k] = ts.Time[i], ts.Event[i]
		row := s.X[k*s.P : (k+1)*s.P]
		for j, get := range gets {
			row[j] = (get(&ts.Measures[i]) - centre[j]) / scales[j].SD
		}
	}
	fit, err := FitCox(s, ridge)
	if err != nil {
		return Fitted{}, fmt.Errorf("fit the risk model: %w", err)
	}
	atMeans := 0.0 // x·β at the training means, in the fit's terms
	for j, sc := range scales {
		atMeans += fit.Coef[j] * (sc.Mean - centre[j]) / sc.SD
	}
	accounts := map[int64]bool{}
	for _, sub := range ts.Subjects {
		accounts[sub.Account] = true
	}
	return Fitted{gets: gets, Scales: scales, Coef: fit.Coef, SE: fit.SE, BaseHazard: CumHazardAt(fit.Baseline, Period) * math.Exp(atMeans), Horizon: ts.Horizon,
		Concordance: fit.Concordance, LogLik: fit.LogLik, LogLikNull: fit.LogLikNull, Rows: s.Rows(), Events: events, Accounts: len(accounts)}, nil
}

// contributions returns each covariate's β·z for m, z standardised:
// (value − mean) ÷ SD.
func (f Fitted) contributions(m Measures) []float64 {
	z := make([]float64, len(f.Scales))
	for j, sc := range f.Scales {
		z[j] = (f.gets[j](&m) - sc.Mean) / sc.SD * f.Coef[j]
	}
	return z
}

// Probability is the chance that an account with measures m churns within
// the horizon: 1 − exp(−H₀(30 days) · horizon ÷ 30 · exp(x·β)).
func (f Fitted) Probability(m Measures) float64 {
	eta := 0.0
	for _, c := range f.contributions(m) {
		eta += c
	}
	return 1 - math.Exp(-f.BaseHazard*float64(f.Horizon)/Period*math.Exp(eta))
}
