package retention

import "testing"

// TestKaplanMeierHandWorked checks a table worked out by hand.
//
// Ten customers; tenure in days, + for still active (censored):
//
//	30, 30, 60+, 90, 90+, 120, 150+, 180, 180, 200+
//
//	t    n   d   S(t)                         Greenwood Σ d/(n(n−d))
//	30   10  2   8/10           = 0.8         2/(10·8) = 0.025
//	90    7  1   0.8·6/7        = 0.685714    + 1/(7·6) = 0.048810
//	120   5  1   0.685714·4/5   = 0.548571    + 1/(5·4) = 0.098810
//	180   3  2   0.548571·1/3   = 0.182857    + 2/(3·1) = 0.765476
//
// At 90 the censored customer (90+) is still at risk: n = 7 (10 − 2 churned
// at 30 − 1 censored at 60). SE(90) = 0.685714·√0.048810 = 0.151497, so the
// band is 0.685714 ± 1.96·0.151497 = [0.388786, 0.982642].
// SE(180) = 0.182857·√0.765476 = 0.159983 → [0, 0.496416].
func TestKaplanMeierHandWorked(t *testing.T) {
	var subjects []Subject
	for _, s := range []struct {
		days    int
		churned bool
	}{{30, true}, {30, true}, {60, false}, {90, true}, {90, false}, {120, true}, {150, false}, {180, true}, {180, true}, {200, false}} {
		subjects = append(subjects, Subject{TenureDays: s.days, Churned: s.churned})
	}
	got := KaplanMeier(subjects)
	want := []Point{
		{TenureDays: 0, AtRisk: 10, Survival: 1, CILow: 1, CIHigh: 1},
		{TenureDays: 30, AtRisk: 10, Churned: 2, Survival: 0.8, CILow: 0.5521, CIHigh: 1},
		{TenureDays: 90, AtRisk: 7, Churned: 1, Censored: 1, Survival: 0.6857, CILow: 0.3888, CIHigh: 0.9826},
		{TenureDays: 120, AtRisk: 5, Churned: 1, Survival: 0.5486, CILow: 0.2106, CIHigh: 0.8865},
		{TenureDays: 180, AtRisk: 3, Churned: 2, Survival: 0.1829, CILow: 0, CIHigh: 0.4964},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d points: %+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("point %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if s := SurvivalAt(got, 100); s != 0.6857 {
		t.Errorf("S(100) = %v", s)
	}
	if s := SurvivalAt(got, 10); s != 1 {
		t.Errorf("S(10) = %v", s)
	}
}

func TestKaplanMeierEdges(t *testing.T) {
	if got := KaplanMeier(nil); len(got) != 1 || got[0].Survival != 1 || got[0].AtRisk != 0 {
		t.Errorf("empty = %+v", got)
	}
	all := KaplanMeier([]Subject{{TenureDays: 10, Churned: true}, {TenureDays: 10, Churned: true}})
	if last := all[len(all)-1]; last.Survival != 0 || last.CILow != 0 || last.CIHigh != 0 {
		t.Errorf("everyone churned = %+v", last)
	}
	none := KaplanMeier([]Subject{{TenureDays: 10}, {TenureDays: 20}})
	if len(none) != 1 || none[0].Survival != 1 {
		t.Errorf("no churn = %+v", none)
	}
}

// A subject standing for several customers counts as that many subjects.
func TestKaplanMeierCountsGroupedSubjects(t *testing.T) {
	one := KaplanMeier([]Subject{{TenureDays: 5, Churned: true}, {TenureDays: 30}, {TenureDays: 30}, {TenureDays: 30}, {TenureDays: 40, Churned: true}})
	grouped := KaplanMeier([]Subject{{TenureDays: 5, Churned: true}, {TenureDays: 30, Count: 3}, {TenureDays: 40, Churned: true}})
	if len(one) != len(grouped) {
		t.Fatalf("points: %d one by one, %d grouped", len(one), len(grouped))
	}
	for i := range one {
		if one[i] != grouped[i] {
			t.Errorf("point %d: %+v one by one, %+v grouped", i, one[i], grouped[i])
		}
	}
	// 5 at risk, 1 churns on day 5: S = 0.8; the last churn empties the curve.
	if grouped[0].AtRisk != 5 || grouped[1].Survival != 0.8 || grouped[len(grouped)-1].Survival != 0 {
		t.Errorf("grouped = %+v", grouped)
	}
}
