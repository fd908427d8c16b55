package health

import (
	"testing"

	"churndesk/backend/check"
	"churndesk/backend/fault"
)

func f(v float64) *float64 { return &v }

func TestEvaluateHandWorked(t *testing.T) {
	m := DefaultModel()
	// trend −4 %/wk: (−4 − −10) ÷ 12 × 100 = 50        weight 25
	// 12 days since login: (12 − 21) ÷ (3 − 21) = 50    weight 20
	// utilisation 45 %: (45 − 10) ÷ 70 = 50             weight 20
	// NPS 6: (6 − 4) ÷ 5 = 40                           weight 15
	// paid on time: 0 days overdue = 100                weight 10
	// no CSM sentiment: left out, the other 90 of weight rescaled to 100:
	// (12.5 + 10 + 10 + 6 + 10) ÷ 0.9 = 48.5 ÷ 0.9 = 53.89 → 53.9 → average.
	// Shares: 27.8, 22.2, 22.2, 16.7, 11.1; points 13.9, 11.1, 11.1, 6.7, 11.1.
	got := m.Evaluate(Measures{TrendSlope: f(-4), DaysSinceLogin: f(12), SeatUtilisation: f(45), LatestNPS: f(6), DaysOverdue: f(0)})
	if got.Score != 53.9 || got.Class != Average || got.DataWeight != 90 {
		t.Fatalf("score %.1f %s data %d, want 53.9 average 90", got.Score, got.Class, got.DataWeight)
	}
	if len(got.Omitted) != 1 || got.Omitted[0] != CSMSentiment {
		t.Errorf("omitted = %v, want [csm_sentiment]", got.Omitted)
	}
	want := map[string][2]float64{EngagementTrend: {27.8, 13.9}, LoginRecency: {22.2, 11.1}, SeatUtilisation: {22.2, 11.1},
		LatestNPS: {16.7, 6.7}, Payment: {11.1, 11.1}, CSMSentiment: {0, 0}}
	for _, p := range got.Breakdown {
		w := want[p.Key]
		if p.Share != w[0] || p.Points != w[1] || p.HasData != (p.Key != CSMSentiment) {
			t.Errorf("%s: share %.1f points %.1f data %v, want %.1f %.1f", p.Key, p.Share, p.Points, p.HasData, w[0], w[1])
		}
	}
}

func TestEvaluateTooLittleData(t *testing.T) {
	m := DefaultModel()
	// A new account: no usage, no NPS, no sentiment; paid. Only payment (10
	// of 100) has data: 10 % < 50 % → no class, where it used to score 35
	// "poor" (missing login and seat use counted as 0).
	got := m.Evaluate(Measures{DaysOverdue: f(0)})
	if got.Class != NoData || got.DataWeight != 10 || got.Score != 100 || len(got.Omitted) != 5 {
		t.Errorf("new account: %+v, want no_data, 10 %% of weight, 5 omitted", got)
	}
	// Payment 10 + sentiment 10 + NPS 15 + login 20 = 55 % ≥ 50 %: classed.
	// 0 overdue 100, sentiment 3 → 50, NPS 9 → 100, login 3 days → 100:
	// (10 + 5 + 15 + 20) ÷ 0.55 = 90.9 → good.
	got = m.Evaluate(Measures{DaysOverdue: f(0), CSMSentiment: f(3), LatestNPS: f(9), DaysSinceLogin: f(3)})
	if got.Class != Good || got.DataWeight != 55 || got.Score != 90.9 {
		t.Errorf("55 %% of weight: %+v, want 90.9 good", got)
	}
	// Exactly 50 %: trend 25 + login 20 + payment 10 = 55; drop login, add
	// sentiment: trend 25 + payment 10 + sentiment 10 = 45 < 50 → no class.
	got = m.Evaluate(Measures{TrendSlope: f(2), DaysOverdue: f(0), CSMSentiment: f(5)})
	if got.Class != NoData || got.DataWeight != 45 {
		t.Errorf("45 %% of weight: %+v, want no_data", got)
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
