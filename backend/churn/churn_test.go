package churn_test

import (
	"context"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/churn"
	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func date(s string) store.Date { d, _ := store.ParseDate(s); return d }

func ptr[T any](v T) *T { return &v }

// setup stores Acme (contract start 2025-03-03, 49 900 EUR) with eight weeks
// of usage falling 10, 9, … 3 active users, and a poor health score in the
// week of churn.
func setup(t *testing.T, s *store.Store) (*churn.Service, int64) {
	t.Helper()
	ctx := context.Background()
	acc := store.Account{Name: "Acme", SearchText: "acme", Segment: "smb", Plan: "Growth", Currency: "EUR", Status: "active",
		MRR: 49900, Seats: 20, ContractStart: date("2025-03-03"), Owner: "Sarah", PaymentStatus: "ok"}
	if err := s.Write(ctx).Create(&acc).Error; err != nil {
		t.Fatal(err)
	}
	week := date("2026-09-07").Time
	for i := range 8 {
		u := store.UsageSnapshot{AccountID: acc.ID, WeekStart: store.NewDate(week.AddDate(0, 0, 7*i)), ActiveUsers: 10 - i, Logins: 20}
		if err := s.Write(ctx).Create(&u).Error; err != nil {
			t.Fatal(err)
		}
	}
	h := store.HealthScore{AccountID: acc.ID, WeekStart: date("2026-10-26"), Score: 31.5, Class: "poor", Breakdown: "[]"}
	if err := s.Write(ctx).Create(&h).Error; err != nil {
		t.Fatal(err)
	}
	return churn.NewService(s, check.New(), func() time.Time { return now }, nil), acc.ID
}

func TestLogChurnFreezesAndMarks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, id := setup(t, s)
		ctx := context.Background()
		rec, err := svc.Create(ctx, "Anna", id, churn.Input{
			ChurnDate: "2026-10-31", Reason: "competitor", Competitor: "Rivalry Inc",
			Answers: map[string]string{"main_reason": "Cheaper elsewhere"}, Quotes: []string{"You were great, but the price…"},
			Lessons: "Offer annual pricing earlier", WouldReturn: "maybe", FollowUpOn: "2027-04-30",
		})
		if err != nil {
			t.Fatal(err)
		}
		// 2025-03-03 → 2026-10-31 is 607 days. Weeks 10…3 fall 1 user a week
		// over a mean of 6.5: −15.38 %/wk, declining.
		if rec.TenureDays != 607 || rec.EngagementClass != "declining" || len(rec.EngagementWeeks) != 8 || rec.EngagementWeeks[0] != 10 {
			t.Errorf("frozen: tenure %d, engagement %s %v", rec.TenureDays, rec.EngagementClass, rec.EngagementWeeks)
		}
		if rec.HealthScore == nil || *rec.HealthScore != 31.5 || rec.HealthClass != "poor" {
			t.Errorf("health at churn = %v %s", rec.HealthScore, rec.HealthClass)
		}
		if !rec.Preventable || !rec.Voluntary || rec.MRRLost != 49900 || rec.Currency != "EUR" || rec.CreatedBy != "Anna" {
			t.Errorf("defaults: %+v", rec)
		}
		var acc store.Account
		s.Read(ctx).First(&acc, id)
		if acc.Status != "churned" {
			t.Errorf("account status = %s", acc.Status)
		}
		var moves []store.MRRMovement
		s.Read(ctx).Where("kind = 'churn'").Find(&moves)
		if len(moves) != 1 || moves[0].Amount != -49900 || moves[0].Date.String() != "2026-10-31" {
			t.Errorf("churn movement = %+v", moves)
		}
		_, err = svc.Create(ctx, "Anna", id, churn.Input{ChurnDate: "2026-11-01", Reason: "other"})
		if fe, ok := fault.As(err); !ok || fe.Code != fault.CodeConflict {
			t.Errorf("second churn: %v", err)
		}
	})
}

func TestChurnValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, id := setup(t, s)
		cases := []struct {
			in    churn.Input
			field string
			msg   string
		}{
			{churn.Input{ChurnDate: "2026-10-31", Reason: "aliens"}, "reason", "is not in the reason list (Settings → Churn reasons)"},
			{churn.Input{ChurnDate: "2025-01-01", Reason: "other"}, "churn_date", "must not be before the contract start 2025-03-03"},
			{churn.Input{ChurnDate: "31.10.2026", Reason: "other"}, "churn_date", "must be a date written YYYY-MM-DD"},
			{churn.Input{ChurnDate: "2026-10-31", Reason: "other", WouldReturn: "perhaps"}, "would_return", "must be one of: yes, no, maybe"},
			{churn.Input{ChurnDate: "2026-10-31", Reason: "other", MRRLost: ptr(int64(-1))}, "mrr_lost", "must be ≥ 0"},
		}
		for _, tc := range cases {
			_, err := svc.Create(context.Background(), "Anna", id, tc.in)
			if fe, ok := fault.As(err); !ok || fe.Fields[tc.field] != tc.msg {
				t.Errorf("%+v: err %v, want %s: %s", tc.in, err, tc.field, tc.msg)
			}
		}
		var n int64
		s.Read(context.Background()).Model(&store.ChurnRecord{}).Count(&n)
		if n != 0 {
			t.Errorf("records after rejected input = %d", n)
		}
		if _, err := svc.Create(context.Background(), "Anna", 9999, churn.Input{ChurnDate: "2026-10-31", Reason: "other"}); err == nil {
			t.Error("churn of a missing account accepted")
		}
	})
}

func TestAuditTrailAndDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, id := setup(t, s)
		ctx := context.Background()
		rec, err := svc.Create(ctx, "Anna", id, churn.Input{ChurnDate: "2026-10-31", Reason: "competitor"})
		if err != nil {
			t.Fatal(err)
		}
		upd, err := svc.Update(ctx, "Tomasz", rec.ID, churn.Input{ChurnDate: "2026-10-31", Reason: "price_budget", Lessons: "Annual plan"})
		if err != nil {
			t.Fatal(err)
		}
		// price_budget defaults to unavoidable.
		if upd.Reason != "price_budget" || upd.Preventable || upd.UpdatedBy != "Tomasz" {
			t.Errorf("updated = %+v", upd)
		}
		trail, err := svc.Audit(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(trail) != 2 || trail[0].Action != "create" || trail[1].Action != "update" || trail[1].Actor != "Tomasz" {
			t.Fatalf("trail = %+v", trail)
		}
		ch := trail[1].Changes
		if len(ch) != 3 || ch["reason"] != (churn.Change{Old: "competitor", New: "price_budget"}) ||
			ch["preventable"] != (churn.Change{Old: true, New: false}) || ch["lessons"] != (churn.Change{Old: "", New: "Annual plan"}) {
			t.Errorf("update changes = %+v", ch)
		}
		if trail[0].Changes["churn_date"].New != "2026-10-31" || trail[0].Changes["tenure_days"].New != 607.0 {
			t.Errorf("create changes = %+v", trail[0].Changes)
		}
		// Saving the same values again writes no audit entry.
		svc.Update(ctx, "Tomasz", rec.ID, churn.Input{ChurnDate: "2026-10-31", Reason: "price_budget", Lessons: "Annual plan"})
		if trail, _ = svc.Audit(ctx, rec.ID); len(trail) != 2 {
			t.Errorf("no-op update added an entry: %d", len(trail))
		}
		if err := svc.Delete(ctx, "Anna", rec.ID); err != nil {
			t.Fatal(err)
		}
		trail, _ = svc.Audit(ctx, rec.ID)
		if len(trail) != 3 || trail[2].Action != "delete" || trail[2].Changes["reason"].Old != "price_budget" {
			t.Errorf("after delete: %+v", trail)
		}
		var acc store.Account
		s.Read(ctx).First(&acc, id)
		var churnMoves int64
		s.Read(ctx).Model(&store.MRRMovement{}).Where("kind = 'churn'").Count(&churnMoves)
		if acc.Status != "active" || churnMoves != 0 {
			t.Errorf("after deleting the only churn: status %s, churn movements %d", acc.Status, churnMoves)
		}
	})
}

func TestReactivateKeepsHistoryAndList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, id := setup(t, s)
		ctx := context.Background()
		first, _ := svc.Create(ctx, "Anna", id, churn.Input{ChurnDate: "2026-01-31", Reason: "low_usage"})
		if err := svc.Reactivate(ctx, id, churn.Reactivation{Date: "2026-01-15", MRR: 30000}); err == nil {
			t.Error("reactivation before the churn date accepted")
		}
		if err := svc.Reactivate(ctx, id, churn.Reactivation{Date: "2026-04-01", MRR: 30000}); err != nil {
			t.Fatal(err)
		}
		second, err := svc.Create(ctx, "Anna", id, churn.Input{ChurnDate: "2026-10-01", Reason: "price_budget"})
		if err != nil {
			t.Fatal(err)
		}
		// The second life started 2026-04-01: 183 days; the first record keeps 334.
		if second.TenureDays != 183 || second.MRRLost != 30000 {
			t.Errorf("second record = tenure %d, mrr %d", second.TenureDays, second.MRRLost)
		}
		list, err := svc.List(ctx, churn.Query{AccountID: id})
		if err != nil {
			t.Fatal(err)
		}
		if list.Total != 2 || list.Items[0].ID != second.ID || list.Items[1].ID != first.ID || list.Items[1].TenureDays != 334 {
			t.Errorf("list = %+v", list)
		}
		prev, _ := svc.List(ctx, churn.Query{Preventable: "true"})
		byReason, _ := svc.List(ctx, churn.Query{Reason: "price_budget", Q: "acm"})
		if prev.Total != 1 || byReason.Total != 1 || byReason.Items[0].AccountName != "Acme" {
			t.Errorf("filters: preventable %d, price %d", prev.Total, byReason.Total)
		}
		var moves []store.MRRMovement
		s.Read(ctx).Order("date").Find(&moves)
		kinds := ""
		for _, m := range moves {
			kinds += m.Kind + " "
		}
		if kinds != "churn reactivation churn " {
			t.Errorf("movements = %s", kinds)
		}
	})
}
