package qbr

import (
	"testing"
)

// TestVerdictEveryDirectionAndUnit walks every direction × unit with a rise,
// a fall and no change. Worked by hand: "average time to close a ticket"
// 36 → 21.5 hours, lower is better, falls 14.5 h (−40.3 %): improved;
// "tickets reopened" 8 % → 11 %, lower is better, rises 3 percentage points
// (no relative change is given for a percentage): worsened.
func TestVerdictEveryDirectionAndUnit(t *testing.T) {
	type want struct {
		verdict string
		change  float64
		pct     *float64
	}
	p := func(v float64) *float64 { return &v }
	rise := map[string]want{Higher: {Improved, 0, nil}, Lower: {Worsened, 0, nil}, Neutral: {NoVerdict, 0, nil}}
	fall := map[string]want{Higher: {Worsened, 0, nil}, Lower: {Improved, 0, nil}, Neutral: {NoVerdict, 0, nil}}
	same := map[string]want{Higher: {Unchanged, 0, nil}, Lower: {Unchanged, 0, nil}, Neutral: {NoVerdict, 0, nil}}
	cases := []struct {
		unit          string
		before, after float64
		change        float64
		pct           *float64
		by            map[string]want
	}{
		{UnitCount, 22, 25, 3, p(13.6), rise},
		{UnitCount, 25, 22, -3, p(-12), fall},
		{UnitCount, 22, 22, 0, p(0), same},
		{UnitPercent, 8, 11, 3, nil, rise},
		{UnitPercent, 86, 78, -8, nil, fall},
		{UnitPercent, 40, 40, 0, nil, same},
		{UnitPoints, 31, 45, 14, nil, rise},
		{UnitPoints, 45, 31, -14, nil, fall},
		{UnitPoints, 45, 45, 0, nil, same},
		{UnitHours, 21.5, 36, 14.5, p(67.4), rise},
		{UnitHours, 36, 21.5, -14.5, p(-40.3), fall},
		{UnitHours, 36, 36, 0, p(0), same},
		{UnitDays, 10, 12.5, 2.5, p(25), rise},
		{UnitDays, 12.5, 10, -2.5, p(-20), fall},
		{UnitDays, 10, 10, 0, p(0), same},
		{UnitMoney, 1200, 1500.5, 300.5, p(25), rise},
		{UnitMoney, 1500, 1200, -300, p(-20), fall},
		{UnitMoney, 1500, 1500, 0, p(0), same},
	}
	for _, c := range cases {
		for _, dir := range []string{Higher, Lower, Neutral} {
			v := Evaluate(Value{KPIs: []KPI{{Name: "k", Unit: c.unit, Direction: dir, Before: c.before, After: c.after}}})
			got := v.KPIs[0]
			w := c.by[dir]
			if got.Verdict != w.verdict || got.Change != c.change || got.Improved != (w.verdict == Improved) {
				t.Errorf("%s %s %v→%v: verdict %s change %v improved %v; want %s %v", c.unit, dir, c.before, c.after, got.Verdict, got.Change, got.Improved, w.verdict, c.change)
			}
			if (got.ChangePct == nil) != (c.pct == nil) || (got.ChangePct != nil && *got.ChangePct != *c.pct) {
				t.Errorf("%s %s %v→%v: change_pct %v, want %v", c.unit, dir, c.before, c.after, show(got.ChangePct), show(c.pct))
			}
			wantImproved, wantNot := 0, 0
			switch w.verdict {
			case Improved:
				wantImproved = 1
			case Worsened, Unchanged:
				wantNot = 1
			}
			if v.Improved != wantImproved || v.NotImproved != wantNot {
				t.Errorf("%s %s: counted %d improved, %d not; want %d, %d", c.unit, dir, v.Improved, v.NotImproved, wantImproved, wantNot)
			}
		}
	}
}

func show(p *float64) any {
	if p == nil {
		return "null"
	}
	return *p
}

// TestVerdictOfAnExperiment: a lower-is-better experiment KPI whose target
// fell more than the control improved; a neutral one gets no verdict.
func TestVerdictOfAnExperiment(t *testing.T) {
	v := Evaluate(Value{Experiment: &Experiment{KPIs: []ExperimentKPI{
		{Name: "Days to close", Unit: UnitDays, Direction: Lower, TargetBefore: 40, TargetAfter: 33, ControlBefore: 41, ControlAfter: 39},
		{Name: "Win rate", Unit: UnitPercent, Direction: Higher, TargetBefore: 21, TargetAfter: 22, ControlBefore: 20, ControlAfter: 23},
		{Name: "Meetings", Unit: UnitCount, Direction: Neutral, TargetBefore: 4, TargetAfter: 6, ControlBefore: 4, ControlAfter: 4},
	}}})
	want := []struct {
		uplift  float64
		verdict string
	}{{-5, Improved}, {-2, Worsened}, {2, NoVerdict}}
	for i, w := range want {
		if g := v.Experiment[i]; g.Uplift != w.uplift || g.Verdict != w.verdict {
			t.Errorf("%s: uplift %v %s, want %v %s", g.Name, g.Uplift, g.Verdict, w.uplift, w.verdict)
		}
	}
	if v.Improved != 1 || v.NotImproved != 1 {
		t.Errorf("counted %d improved, %d not; want 1 and 1", v.Improved, v.NotImproved)
	}
}

// TestGuessKPI gives defaults from common KPI names in en, ru and pl.
func TestGuessKPI(t *testing.T) {
	cases := []struct{ name, dir, unit string }{
		{"Average time to close a ticket, hours", Lower, UnitHours},
		{"Tickets reopened, %", Lower, UnitPercent},
		{"Cost per invoice", Lower, UnitMoney},
		{"Errors in reports", Lower, UnitCount},
		{"Churn rate", Lower, UnitPercent},
		{"Forecast accuracy", Higher, UnitPercent},
		{"Weekly active users", Higher, UnitCount},
		{"Days to onboard", Lower, UnitDays},
		{"NPS", Higher, UnitPoints},
		{"Время закрытия заявки, часов", Lower, UnitHours},
		{"Доля повторных обращений", Lower, UnitPercent},
		{"Число участников", Higher, UnitCount},
		{"Koszt obsługi klienta", Lower, UnitMoney},
		{"Liczba zgłoszeń", Lower, UnitCount},
		{"Czas wdrożenia, dni", Lower, UnitDays},
		{"Aktywni użytkownicy", Higher, UnitCount},
	}
	for _, c := range cases {
		if d, u := GuessKPI(c.name); d != c.dir || u != c.unit {
			t.Errorf("GuessKPI(%q) = %s, %s; want %s, %s", c.name, d, u, c.dir, c.unit)
		}
	}
}

// TestStoredKPIsAreUpgraded reads a report saved with free-text units and a
// higher-is-better flag.
func TestStoredKPIsAreUpgraded(t *testing.T) {
	raw := `{"executive_summary":"x","value":{"kpis":[{"name":"Hours","unit":"h","before":64,"after":41,"higher_is_better":false},
		{"name":"Accuracy","unit":"%","before":78,"after":86,"higher_is_better":true},{"name":"Tickets","before":22,"after":25,"higher_is_better":false},
		{"name":"Saved","unit":"EUR","before":1,"after":2,"higher_is_better":true}],
		"experiment":{"kpis":[{"name":"Days","unit":"d","target_before":40,"target_after":33,"control_before":41,"control_after":39,"higher_is_better":false}]}}}`
	e, err := decodeEdited([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, k := range e.Value.KPIs {
		got = append(got, k.Unit+"/"+k.Direction)
	}
	got = append(got, e.Value.Experiment.KPIs[0].Unit+"/"+e.Value.Experiment.KPIs[0].Direction)
	want := []string{"hours/lower", "percent/higher", "count/lower", "money/higher", "days/lower"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("KPI %d: %s, want %s", i, got[i], want[i])
		}
	}
	if e.Risks == nil || e.Goals == nil {
		t.Error("lists not normalised")
	}
}
