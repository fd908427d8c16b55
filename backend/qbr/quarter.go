package qbr

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

var quarterPattern = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)

// Quarter is a calendar quarter.
type Quarter struct {
	Year, N int
}

// ParseQuarter reads "2026-Q3".
func ParseQuarter(s string) (Quarter, error) {
	m := quarterPattern.FindStringSubmatch(s)
	if m == nil {
		return Quarter{}, fault.Field("quarter", "must be written like 2026-Q3")
	}
	y, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	return Quarter{y, n}, nil
}

// QuarterOf is the quarter that holds t.
func QuarterOf(t time.Time) Quarter { return Quarter{t.Year(), (int(t.Month())-1)/3 + 1} }

func (q Quarter) String() string { return fmt.Sprintf("%d-Q%d", q.Year, q.N) }

// Start is the quarter's first day.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*(q.N-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// End is the quarter's last day.
func (q Quarter) End() time.Time { return q.Start().AddDate(0, 3, -1) }

// AsOf is the day the quarter's report describes and whether the quarter
// is over: its last day once it is over, today while it runs (or has not
// begun).
func (q Quarter) AsOf(now time.Time) (store.Date, bool) {
	today := store.NewDate(now)
	if end := store.NewDate(q.End()); end.Before(today.Time) {
		return end, true
	}
	return today, false
}

// Previous is the quarter before.
func (q Quarter) Previous() Quarter {
	if q.N == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.N - 1}
}

// pctChange is (now − before) ÷ before × 100, rounded to 0.1; nil for before 0.
func pctChange(now, before float64) *float64 {
	if before == 0 {
		return nil
	}
	v := math.Round((now-before)/math.Abs(before)*1000) / 10
	return &v
}

// Evaluate computes each KPI's change and each experiment KPI's difference
// in differences. A KPI counts as improved only if it moved the right way;
// those that did not are reported too.
func Evaluate(v Value) ValueResult {
	out := ValueResult{KPIs: []KPIResult{}, Experiment: []ExperimentResult{}}
	for _, k := range v.KPIs {
		change := round2(k.After - k.Before)
		r := KPIResult{KPI: k, Change: change, Verdict: Verdict(change, k.Direction)}
		if !InPoints(k.Unit) {
			r.ChangePct = pctChange(k.After, k.Before)
		}
		r.Improved = r.Verdict == Improved
		out.KPIs = append(out.KPIs, r)
		out.count(r.Verdict)
	}
	if v.Experiment != nil {
		for _, k := range v.Experiment.KPIs {
			tc, cc := round2(k.TargetAfter-k.TargetBefore), round2(k.ControlAfter-k.ControlBefore)
			uplift := round2(tc - cc)
			r := ExperimentResult{ExperimentKPI: k, TargetChange: tc, ControlChange: cc, Uplift: uplift, Verdict: Verdict(uplift, k.Direction)}
			r.Improved = r.Verdict == Improved
			out.Experiment = append(out.Experiment, r)
			out.count(r.Verdict)
		}
	}
	return out
}

func (v *ValueResult) count(verdict string) {
	switch verdict {
	case Improved:
		v.Improved++
	case Worsened, Unchanged:
		v.NotImproved++
	}
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
