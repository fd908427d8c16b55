package risk

import (
	"fmt"
	"math"
	"sort"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/health"
	"churndesk/backend/retention"
)

// Backtest is the honest check of a model: trained on what was known at
// the cut-off (as-of − horizon), scored on the customers alive that day,
// compared with who churned in the horizon that followed; beside it, the
// team's own health score on the same accounts.
type Backtest struct {
	Cutoff      string   `json:"cutoff" format:"date" description:"Training data end here: as-of − horizon."`
	AsOf        string   `json:"as_of" format:"date"`
	Horizon     int      `json:"horizon_days"`
	Accounts    int      `json:"accounts" description:"Customers alive on the cut-off day, scored."`
	Churned     int      `json:"churned" description:"Of those, how many churned within the horizon."`
	TrainEvents int      `json:"train_events"`
	Concordance float64  `json:"concordance" description:"Harrell's C of the model trained at the cut-off, on its own training data."`
	AUC         float64  `json:"auc" description:"Chance that a churned account was scored riskier than one that stayed (0.5 is a coin)."`
	Brier       float64  `json:"brier" description:"Mean squared gap between the predicted probability and what happened (0 is perfect)."`
	CatchTop10  float64  `json:"catch_top10" description:"Share of the MRR lost in the horizon that sat in the riskiest 10 % of accounts."`
	Calibration []Decile `json:"calibration" description:"Accounts in ten groups by predicted risk: mean predicted vs observed churn."`
	ROC         []Point  `json:"roc" description:"False and true positive rates at every cut of the score (at most 101 points)."`
	Health      Versus   `json:"health" description:"The team's health score on the same accounts and outcome."`
}

// Versus is how another score does on the backtest's split.
type Versus struct {
	AUC        float64 `json:"auc"`
	CatchTop10 float64 `json:"catch_top10"`
	Scored     int     `json:"scored" description:"Accounts the health model could class on the cut-off day (from the same data the model saw); the rest count as 50."`
	ROC        []Point `json:"roc"`
}

// Decile is one tenth of the accounts by predicted risk.
type Decile struct {
	Decile    int     `json:"decile" description:"1 = least risky."`
	Accounts  int     `json:"accounts"`
	Predicted float64 `json:"predicted"`
	Observed  float64 `json:"observed"`
}

// Point is one point of a ROC curve.
type Point struct {
	FPR float64 `json:"fpr"`
	TPR float64 `json:"tpr"`
}

// backtestPlan is what a backtest measures: the training set at the
// cut-off and the customers alive that day, with whether each churned
// within the horizon.
type backtestPlan struct {
	asOf, cutoff time.Time
	horizon      int
	train        trainingSet
	subjects     []subject
	churned      []bool
}

// planBacktest lists what a backtest at asOf reads.
func planBacktest(db *gorm.DB, asOf time.Time, horizon int) (backtestPlan, error) {
	lives, err := retention.LivesAsOf(db, asOf)
	if err != nil {
		return backtestPlan{}, fmt.Errorf("load lives: %w", err)
	}
	return planBacktestOf(db, lives, asOf, horizon)
}

// planBacktestOf is planBacktest on the lives as known on asOf, already
// read.
func planBacktestOf(db *gorm.DB, lives []retention.Life, asOf time.Time, horizon int) (backtestPlan, error) {
	cutoff := asOf.AddDate(0, 0, -horizon)
	ts, err := planTrainingSet(db, cutoff, horizon)
	if err != nil {
		return backtestPlan{}, err
	}
	p := backtestPlan{asOf: asOf, cutoff: cutoff, horizon: horizon, train: ts}
	for _, l := range lives {
		if l.From.After(cutoff) || (l.To != nil && !l.To.After(cutoff)) {
			continue
		}
		p.subjects = append(p.subjects, subject{Account: l.AccountID, From: l.From})
		p.churned = append(p.churned, l.To != nil)
	}
	return p, nil
}

// groups are the backtest's two groups to measure: the training set and
// the accounts scored on the cut-off day.
func (p backtestPlan) groups() []group {
	return []group{p.train.group(), {landmarks: []time.Time{p.cutoff}, subjects: p.subjects}}
}

// runBacktest trains at asOf − horizon and checks the forecast against the
// horizon that followed.
func runBacktest(db *gorm.DB, e env, asOf time.Time, horizon int, ridge float64) (Backtest, Fitted, error) {
	p, err := planBacktest(db, asOf, horizon)
	if err != nil {
		return Backtest{}, Fitted{}, err
	}
	ms, err := measureGroups(db, e, p.groups()...)
	if err != nil {
		return Backtest{}, Fitted{}, err
	}
	return p.finish(e, ms[0], ms[1], ridge)
}

// finish fits the training set (measured as train) and scores the
// accounts alive on the cut-off day (measured as measures).
func (p backtestPlan) finish(e env, train, measures []Measures, ridge float64) (Backtest, Fitted, error) {
	ts := p.train
	ts.Measures = train
	fit, err := fitTrainingSet(ts, ridge)
	if err != nil {
		return Backtest{}, Fitted{}, err
	}
	subjects, churned := p.subjects, p.churned
	bt := Backtest{Cutoff: day(p.cutoff), AsOf: day(p.asOf), Horizon: p.horizon, Accounts: len(subjects), TrainEvents: fit.Events, Concordance: fit.Concordance}
	prob := make([]float64, len(subjects))
	lost := make([]float64, len(subjects))
	for i, ms := range measures {
		prob[i] = fit.Probability(ms)
		if churned[i] {
			bt.Churned++
			lost[i] = ms.MRR
			bt.Brier += (1 - prob[i]) * (1 - prob[i])
		} else {
			bt.Brier += prob[i] * prob[i]
		}
	}
	if len(subjects) > 0 {
		bt.Brier /= float64(len(subjects))
	}
	bt.AUC, bt.ROC = AUC(prob, churned)
	bt.CatchTop10 = catchTop(prob, lost, subjects)
	bt.Calibration = calibration(prob, churned)
	hr, scored := healthRisk(e.health, measures)
	bt.Health.Scored = scored
	bt.Health.AUC, bt.Health.ROC = AUC(hr, churned)
	bt.Health.CatchTop10 = catchTop(hr, lost, subjects)
	return bt, fit, nil
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// healthRisk scores each account with the team's health model on the
// cut-off day, from the same measures the risk model saw (usage weeks
// complete before the day, answers and payments dated by then), and turns
// the score into a risk (100 − score); accounts with too little data for a
// class count as 50.
func healthRisk(model health.Model, measures []Measures) ([]float64, int) {
	out := make([]float64, len(measures))
	scored := 0
	for i, m := range measures {
		out[i] = 50
		if s := model.Evaluate(healthMeasures(m)); s.Class != health.NoData {
			out[i] = 100 - s.Score
			scored++
		}
	}
	return out, scored
}

// AUC is the area under the ROC curve of score against outcome (the
// Mann–Whitney statistic, ties counting one half), with the curve itself
// thinned to at most 101 points.
func AUC(score []float64, positive []bool) (float64, []Point) {
	idx := make([]int, len(score))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	var pos, neg float64
	for _, p := range positive {
		if p {
			pos++
		} else {
			neg++
		}
	}
	if pos == 0 || neg == 0 {
		return 0.5, []Point{{0, 0}, {1, 1}}
	}
	var tp, fp, area float64
	points := []Point{{0, 0}}
	for g := 0; g < len(idx); {
		end := g
		var dtp, dfp float64
		for end < len(idx) && score[idx[end]] == score[idx[g]] {
			if positive[idx[end]] {
				dtp++
			} else {
				dfp++
			}
			end++
		}
		area += dfp * (tp + dtp/2)
		tp, fp = tp+dtp, fp+dfp
		points = append(points, Point{FPR: fp / neg, TPR: tp / pos})
		g = end
	}
	return area / (pos * neg), thin(points, 101)
}

// thin keeps at most n points of a curve, evenly spaced, ends included.
func thin(p []Point, n int) []Point {
	if len(p) <= n {
		return p
	}
	out := make([]Point, 0, n)
	for k := range n {
		out = append(out, p[k*(len(p)-1)/(n-1)])
	}
	return out
}

// catchTop is the share of lost MRR held by the riskiest 10 % of accounts
// (at least one), ties broken by account id.
func catchTop(score, lost []float64, subjects []subject) float64 {
	idx := make([]int, len(score))
	total := 0.0
	for i := range idx {
		idx[i] = i
		total += lost[i]
	}
	if total == 0 {
		return 0
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := idx[a], idx[b]
		return score[x] > score[y] || (score[x] == score[y] && subjects[x].Account < subjects[y].Account)
	})
	top := max(1, int(math.Ceil(float64(len(idx))/10)))
	caught := 0.0
	for _, i := range idx[:top] {
		caught += lost[i]
	}
	return caught / total
}

// calibration groups accounts into ten equal groups by predicted risk.
func calibration(prob []float64, churned []bool) []Decile {
	idx := make([]int, len(prob))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return prob[idx[a]] < prob[idx[b]] })
	out := []Decile{}
	for d := range 10 {
		lo, hi := d*len(idx)/10, (d+1)*len(idx)/10
		if hi == lo {
			continue
		}
		dec := Decile{Decile: d + 1, Accounts: hi - lo}
		for _, i := range idx[lo:hi] {
			dec.Predicted += prob[i]
			if churned[i] {
				dec.Observed++
			}
		}
		dec.Predicted /= float64(dec.Accounts)
		dec.Observed /= float64(dec.Accounts)
		out = append(out, dec)
	}
	return out
}
