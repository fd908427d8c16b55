package usage_test

import (
	"context"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/usage"
)

// TestUpsertManyAcrossChunks writes more snapshots than two statements
// carry, then writes them again changed: every row lands once, and the
// second write replaces the first.
func TestUpsertManyAcrossChunks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for id := int64(1); id <= 3; id++ {
			a := store.Account{ID: id, Name: "A", SearchText: "a", Segment: "smb", Currency: "EUR", ContractStart: store.NewDate(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)), Status: "active"}
			if err := s.Write(ctx).Create(&a).Error; err != nil {
				t.Fatal(err)
			}
		}
		// 3 accounts × 4,001 weeks = 12,003 rows: two full statements and a short one.
		monday := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
		items := make([]usage.SnapshotInput, 0, 12003)
		for w := range 4001 {
			for id := int64(1); id <= 3; id++ {
				items = append(items, usage.SnapshotInput{AccountID: id, WeekStart: monday.AddDate(0, 0, 7*w).Format(time.DateOnly), ActiveUsers: 1, Logins: w % 7})
			}
		}
		svc := usage.NewService(s, check.New())
		for round, users := range []int{1, 5} {
			for i := range items {
				items[i].ActiveUsers = users
			}
			res, err := svc.UpsertMany(ctx, items, false)
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			var n, sum int64
			if err := s.Read(ctx).Raw("SELECT COUNT(*), COALESCE(SUM(active_users), 0) FROM usage_snapshots").Row().Scan(&n, &sum); err != nil {
				t.Fatal(err)
			}
			if res.Upserted != 12003 || n != 12003 || sum != int64(12003*users) {
				t.Errorf("round %d: upserted %d, %d rows, active users summing to %d; want 12003, 12003, %d", round, res.Upserted, n, sum, 12003*users)
			}
		}
		var last string
		if err := s.Read(ctx).Raw("SELECT CAST(MAX(week_start) AS TEXT) FROM usage_snapshots").Row().Scan(&last); err != nil {
			t.Fatal(err)
		}
		if want := monday.AddDate(0, 0, 7*4000).Format(time.DateOnly); last[:10] != want {
			t.Errorf("last week = %s, want %s", last, want)
		}
		// The larger page cache of a big upsert is given back afterwards.
		if s.Engine() == store.SQLite {
			var cache int
			if err := s.Write(ctx).Raw("PRAGMA cache_size").Row().Scan(&cache); err != nil || cache != -2000 {
				t.Errorf("cache_size after the upsert = %d (%v), want the default -2000", cache, err)
			}
		}
	})
}
