package health_test

import (
	"context"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/fault"
	"churndesk/backend/health"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// asOf is Tuesday 2026-11-24; its week starts Monday 2026-11-23.
var asOf = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func date(s string) store.Date {
	d, _ := store.ParseDate(s)
	return d
}

// portfolio stores two accounts with four weeks of usage each.
//
// Every week up to the running one (2026-11-23) is reported, so the window
// ends on the running week. Missing inputs are left out and the other
// weights rescaled (they used to score a fixed "missing score").
//
// "Steady": 20 seats, 9 active users every week, last login 2026-11-21 (3 days
// ago), latest NPS 10, paid. Trend 0 %/wk → (0+10)/12 = 83.3 → 20.83 of 25;
// login 3 days → 100 → 20; utilisation 45 % → 50 → 10; NPS 10 → 100 → 15;
// payment 100 → 10; sentiment missing: left out. 75.83 ÷ 0.90 = 84.26 → 84.3 → good.
//
// "Fading": 10 seats, active users 8, 6, 4, 2; last login 2026-11-12 (12 days
// ago); no NPS; 10 days overdue. Slope −2/wk over mean 5 = −40 %/wk → 0;
// login 12 days → 50 → 10; utilisation 20 % → 14.3 → 2.857; NPS missing: left
// out; payment 10 days → 66.7 → 6.667; sentiment 1 → 0. 19.52 ÷ 0.85 =
// 22.97 → 23.0 → poor.
func portfolio(t *testing.T, s *store.Store) (steady, fading int64) {
	t.Helper()
	ctx := context.Background()
	one := 1
	accs := []store.Account{
		{Name: "Steady", SearchText: "steady", Segment: "smb", Currency: "EUR", Status: "active", Seats: 20, ContractStart: date("2024-01-01"), PaymentStatus: "ok"},
		{Name: "Fading", SearchText: "fading", Segment: "smb", Currency: "EUR", Status: "active", Seats: 10, ContractStart: date("2024-01-01"), PaymentStatus: "overdue", OverdueSince: ptr(date("2026-11-14")), CSMSentiment: &one},
		{Name: "Gone", SearchText: "gone", Segment: "smb", Currency: "EUR", Status: "churned", Seats: 10, ContractStart: date("2024-01-01"), PaymentStatus: "ok"},
	}
	if err := s.Write(ctx).Create(&accs).Error; err != nil {
		t.Fatal(err)
	}
	weeks := []string{"2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"}
	fadingUsers := []int{8, 6, 4, 2}
	var usage []store.UsageSnapshot
	for i, w := range weeks {
		steadyLogin := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
		fadingLogin := time.Date(2026, 11, 12, 9, 0, 0, 0, time.UTC)
		usage = append(usage,
			store.UsageSnapshot{AccountID: accs[0].ID, WeekStart: date(w), ActiveUsers: 9, Logins: 40, LastLoginAt: &steadyLogin},
			store.UsageSnapshot{AccountID: accs[1].ID, WeekStart: date(w), ActiveUsers: fadingUsers[i], Logins: 10, LastLoginAt: &fadingLogin},
		)
	}
	if err := s.Write(ctx).Create(&usage).Error; err != nil {
		t.Fatal(err)
	}
	nps := []store.NPSResponse{
		{AccountID: accs[0].ID, Score: 3, RespondedOn: date("2026-05-01")},
		{AccountID: accs[0].ID, Score: 10, RespondedOn: date("2026-10-01")},
		{AccountID: accs[0].ID, Score: 0, RespondedOn: date("2026-12-01")}, // after as-of: ignored
	}
	if err := s.Write(ctx).Create(&nps).Error; err != nil {
		t.Fatal(err)
	}
	return accs[0].ID, accs[1].ID
}

func ptr[T any](v T) *T { return &v }

func newService(s *store.Store) *health.Service {
	return health.NewService(s, check.New(), func() time.Time { return asOf })
}

func TestRecomputeHandWorked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		steady, fading := portfolio(t, s)
		svc := newService(s)
		res, err := svc.Recompute(context.Background(), asOf)
		if err != nil {
			t.Fatal(err)
		}
		if res.Accounts != 2 || res.Good != 1 || res.Poor != 1 || res.Week != "2026-11-23" {
			t.Errorf("result = %+v", res)
		}
		want := map[int64]struct {
			score      float64
			class, eng string
		}{steady: {84.3, "good", "stable"}, fading: {23.0, "poor", "declining"}}
		for id, w := range want {
			var a store.Account
			s.Read(context.Background()).First(&a, id)
			if a.HealthScore == nil || *a.HealthScore != w.score || a.HealthClass != w.class || a.EngagementClass != w.eng {
				t.Errorf("%s: score %v class %s engagement %s, want %.1f %s %s", a.Name, deref(a.HealthScore), a.HealthClass, a.EngagementClass, w.score, w.class, w.eng)
			}
		}
		// A second run for the same week replaces, never duplicates, the history.
		if _, err := svc.Recompute(context.Background(), asOf); err != nil {
			t.Fatal(err)
		}
		var rows int64
		s.Read(context.Background()).Model(&store.HealthScore{}).Count(&rows)
		if rows != 2 {
			t.Errorf("history rows after two runs = %d, want 2", rows)
		}
		// An account that churned after being scored this week takes the
		// week's stored score back, as every run gives it.
		ctx := context.Background()
		if err := s.Write(ctx).Exec(`UPDATE accounts SET status = 'churned', health_score = 1, health_class = 'poor', engagement_class = '' WHERE id = ?`, steady).Error; err != nil {
			t.Fatal(err)
		}
		res, err = svc.Recompute(ctx, asOf)
		if err != nil || res.Accounts != 1 || res.Changed != 0 {
			t.Fatalf("after the churn: %+v %v", res, err)
		}
		for id, w := range want {
			var a store.Account
			s.Read(ctx).First(&a, id)
			if a.HealthScore == nil || *a.HealthScore != w.score || a.HealthClass != w.class || a.EngagementClass != w.eng {
				t.Errorf("after the churn, %s: score %v class %s engagement %s, want %.1f %s %s", a.Name, deref(a.HealthScore), a.HealthClass, a.EngagementClass, w.score, w.class, w.eng)
			}
		}
	})
}

func deref(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}

func TestSavingSettingsRescores(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		steady, _ := portfolio(t, s)
		svc := newService(s)
		if _, err := svc.Recompute(context.Background(), asOf); err != nil {
			t.Fatal(err)
		}
		set, err := svc.Settings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// Weight everything on seat utilisation (45 % → 50 points): Steady drops to average.
		for i := range set.Model.Components {
			set.Model.Components[i].Weight = 0
			if set.Model.Components[i].Key == health.SeatUtilisation {
				set.Model.Components[i].Weight = 100
			}
		}
		res, err := svc.SaveSettings(context.Background(), set)
		if err != nil {
			t.Fatal(err)
		}
		// Steady went from good to average; Fading stays poor (20 % → 14.3).
		if res.Changed != 1 || res.Average != 1 || res.Poor != 1 {
			t.Errorf("result after reweighting = %+v, want 1 changed, 1 average, 1 poor", res)
		}
		var a store.Account
		s.Read(context.Background()).First(&a, steady)
		if deref(a.HealthScore) != 50 || a.HealthClass != "average" {
			t.Errorf("after reweighting: %v %s, want 50 average", deref(a.HealthScore), a.HealthClass)
		}
		set.Model.Components[0].Weight = 7
		_, err = svc.SaveSettings(context.Background(), set)
		if fe, ok := fault.As(err); !ok || fe.Fields["components"] != "weights must add up to 100; they add up to 107" {
			t.Errorf("bad weights: %v", err)
		}
		got, _ := svc.Settings(context.Background())
		if got.Model.Components[0].Weight != 0 {
			t.Errorf("a refused model was stored: %+v", got.Model.Components[0])
		}
	})
}

func TestOverviewBands(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		steady, fading := portfolio(t, s)
		s.Write(ctx).Model(&store.Account{}).Where("id = ?", steady).Update("mrr", 50000)
		s.Write(ctx).Model(&store.Account{}).Where("id = ?", fading).Update("mrr", 12000)
		svc := newService(s)
		if _, err := svc.Recompute(ctx, asOf); err != nil {
			t.Fatal(err)
		}
		o, err := svc.Overview(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if o.Good != 1 || o.Poor != 1 || o.Average != 0 || o.Unscored != 0 {
			t.Errorf("counts = %+v", o)
		}
		if o.MRRByBand["good"]["EUR"] != 50000 || o.MRRByBand["poor"]["EUR"] != 12000 || len(o.MRRByBand["average"]) != 0 {
			t.Errorf("MRR by band = %v", o.MRRByBand)
		}
		if o.MRRAtRisk["EUR"] != 12000 || len(o.AtRisk) != 1 || o.AtRisk[0].ID != fading {
			t.Errorf("at risk = %v %+v", o.MRRAtRisk, o.AtRisk)
		}
	})
}
