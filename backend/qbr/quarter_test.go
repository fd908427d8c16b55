package qbr

import "testing"

func TestQuarters(t *testing.T) {
	q, err := ParseQuarter("2026-Q1")
	if err != nil {
		t.Fatal(err)
	}
	if q.Start().Format("2006-01-02") != "2026-01-01" || q.End().Format("2006-01-02") != "2026-03-31" || q.Previous().String() != "2025-Q4" {
		t.Errorf("2026-Q1: %s … %s, previous %s", q.Start(), q.End(), q.Previous())
	}
	for _, bad := range []string{"2026-Q5", "2026Q1", "Q3-2026", ""} {
		if _, err := ParseQuarter(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestDifferenceInDifferences checks an experiment worked out by hand.
//
// Tickets per week (lower is better): target 40 → 28 (−12), control 38 → 35
// (−3): uplift −12 − (−3) = −9, an improvement.
// Onboarding days (lower is better): target 10 → 9 (−1), control 12 → 10
// (−2): uplift −1 − (−2) = +1, worse than control: not improved.
// Weekly active users (higher is better): target 50 → 65, control 48 → 52:
// uplift 15 − 4 = +11, improved.
// Before/after: report hours 20 → 12 (lower is better): −8, improved;
// adoption 70 % → 68 % (higher is better): −2, not improved.
func TestDifferenceInDifferences(t *testing.T) {
	v := Evaluate(Value{
		KPIs: []KPI{{Name: "Report hours", Unit: UnitHours, Direction: Lower, Before: 20, After: 12}, {Name: "Adoption", Unit: UnitPercent, Direction: Higher, Before: 70, After: 68}},
		Experiment: &Experiment{KPIs: []ExperimentKPI{
			{Name: "Tickets/week", Unit: UnitCount, Direction: Lower, TargetBefore: 40, TargetAfter: 28, ControlBefore: 38, ControlAfter: 35},
			{Name: "Onboarding days", Unit: UnitDays, Direction: Lower, TargetBefore: 10, TargetAfter: 9, ControlBefore: 12, ControlAfter: 10},
			{Name: "WAU", Unit: UnitCount, Direction: Higher, TargetBefore: 50, TargetAfter: 65, ControlBefore: 48, ControlAfter: 52},
		}},
	})
	want := []struct {
		uplift   float64
		improved bool
	}{{-9, true}, {1, false}, {11, true}}
	for i, w := range want {
		if got := v.Experiment[i]; got.Uplift != w.uplift || got.Improved != w.improved {
			t.Errorf("%s: uplift %v improved %v, want %v %v", got.Name, got.Uplift, got.Improved, w.uplift, w.improved)
		}
	}
	if v.KPIs[0].Change != -8 || !v.KPIs[0].Improved || *v.KPIs[0].ChangePct != -40 || v.KPIs[1].Improved || v.KPIs[1].Change != -2 {
		t.Errorf("before/after = %+v", v.KPIs)
	}
	if v.Improved != 3 || v.NotImproved != 2 {
		t.Errorf("improved %d, not improved %d; want 3 and 2", v.Improved, v.NotImproved)
	}
}
