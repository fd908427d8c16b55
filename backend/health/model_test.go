package health

import (
	"testing"

	"churndesk/backend/check"
	"churndesk/backend/fault"
)

func f(v float64) *float64 { return &v }

func TestEvaluateHandWorked(t *testing.T) {
	m := DefaultModel()
	// trend −4 %/wk: (−4 − −10) ÷ 12 × 100 = 50        × 25 % = 12.5
	// 12 days since login: (12 − 21) ÷ (3 − 21) = 50    × 20 % = 10
	// utilisation 45 %: (45 − 10) ÷ 70 = 50             × 20 % = 10
	// NPS 6: (6 − 4) ÷ 5 = 40                           × 15 % = 6
	// paid on time: 0 days overdue = 100                × 10 % = 10
	// no CSM sentiment: missing score 50                × 10 % = 5
	// total 53.5 → average (40 ≤ 53.5 < 70)
	got := m.Evaluate(Measures{TrendSlope: f(-4), DaysSinceLogin: f(12), SeatUtilisation: f(45), LatestNPS: f(6), DaysOverdue: f(0)})
	if got.Score != 53.5 || got.Class != Average {
		t.Fatalf("score %.1f %s, want 53.5 average", got.Score, got.Class)
	}
	wantPoints := map[string]float64{EngagementTrend: 12.5, LoginRecency: 10, SeatUtilisation: 10, LatestNPS: 6, Payment: 10, CSMSentiment: 5}
	for _, p := range got.Breakdown {
		if p.Points != wantPoints[p.Key] || p.Lost != float64(p.Weight)-p.Points {
			t.Errorf("%s: points %.1f lost %.1f, want %.1f", p.Key, p.Points, p.Lost, wantPoints[p.Key])
		}
	}
}

func TestEvaluateClampsAndInactive(t *testing.T) {
	m := DefaultModel()
	got := m.Evaluate(Measures{TrendSlope: f(30), Inactive: true, DaysSinceLogin: f(400), SeatUtilisation: f(150), LatestNPS: f(10), DaysOverdue: f(45), CSMSentiment: f(5)})
	// trend 0 (inactive), login 0, utilisation 100 → 20, NPS 100 → 15, payment 0, sentiment 100 → 10
	if got.Score != 45 || got.Class != Average {
		t.Errorf("score %.1f %s, want 45 average", got.Score, got.Class)
	}
	if ClassOf := m.ClassOf(70); ClassOf != Good {
		t.Errorf("70 is %s, want good", ClassOf)
	}
	if c := m.ClassOf(39.9); c != Poor {
		t.Errorf("39.9 is %s, want poor", c)
	}
	if c := m.ClassOf(40); c != Average {
		t.Errorf("40 is %s, want average", c)
	}
}

func TestModelCheck(t *testing.T) {
	v := check.New()
	cases := []struct {
		name   string
		mutate func(*Model)
		field  string
		msg    string
	}{
		{"default is valid", func(*Model) {}, "", ""},
		{"weights 95", func(m *Model) { m.Components[0].Weight = 20 }, "components", "weights must add up to 100; they add up to 95"},
		{"weights 105", func(m *Model) { m.Components[0].Weight = 30 }, "components", "weights must add up to 100; they add up to 105"},
		{"duplicate key", func(m *Model) { m.Components[1].Key = EngagementTrend }, "components[1].key", "appears twice"},
		{"good equals bad", func(m *Model) { m.Components[2].Good = 10 }, "components[2].good", "must differ from bad"},
		{"cut-offs reversed", func(m *Model) { m.PoorBelow = 80 }, "poor_below", "must be below good_from"},
		{"unknown key", func(m *Model) { m.Components[0].Key = "vibes" }, "components[0].key", "must be one of: engagement_trend, login_recency, seat_utilisation, nps, payment, csm_sentiment"},
		{"negative weight", func(m *Model) { m.Components[0].Weight = -5 }, "components[0].weight", "must be ≥ 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := DefaultModel()
			tc.mutate(&m)
			err := m.Check(v)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("valid model refused: %v", err)
				}
				return
			}
			fe, ok := fault.As(err)
			if !ok || fe.Fields[tc.field] != tc.msg {
				t.Errorf("err = %v, want %s: %s", err, tc.field, tc.msg)
			}
		})
	}
}
