package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestEachAccountUsageGivesEachAccountsWeeks stores weeks out of order, a
// week without a login and weeks outside the range, and reads them back
// per account on the pool and inside a transaction: every value comes out,
// in week order, and only the range asked for.
func TestEachAccountUsageGivesEachAccountsWeeks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ids := storetest.SeedAccounts(t, s, 3)
		week := func(d string) store.Date { w, _ := store.ParseDate(d); return w }
		login := time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)
		rows := []store.UsageSnapshot{
			{AccountID: ids[0], WeekStart: week("2026-03-16"), ActiveUsers: 7, Logins: 40, LastLoginAt: &login},
			{AccountID: ids[0], WeekStart: week("2026-03-02"), ActiveUsers: 5, Logins: 21},
			{AccountID: ids[0], WeekStart: week("2026-03-09"), ActiveUsers: 312, Logins: 1500},
			{AccountID: ids[0], WeekStart: week("2026-02-23"), ActiveUsers: 1, Logins: 1}, // before the range
			{AccountID: ids[1], WeekStart: week("2026-03-09"), ActiveUsers: 2, Logins: 3},
			{AccountID: ids[2], WeekStart: week("2026-03-23"), ActiveUsers: 9, Logins: 9}, // after it
		}
		if err := s.Write(ctx).Create(&rows).Error; err != nil {
			t.Fatal(err)
		}
		read := func(db *gorm.DB) string {
			got := ""
			err := store.EachAccountUsage(db, ids, week("2026-03-02"), week("2026-03-16"), func(account int64, weeks []store.UsageWeek) error {
				got += fmt.Sprintf("account %d:", account-ids[0]+1)
				for _, w := range weeks {
					var at store.NullTime
					if w.LastLogin != "" {
						if err := at.Scan(w.LastLogin); err != nil {
							t.Errorf("last login %q: %v", w.LastLogin, err)
						}
					}
					got += fmt.Sprintf(" %s %d/%d %v", w.Week, w.ActiveUsers, w.Logins, at.Time.UTC().Format(time.RFC3339))
				}
				got += ";"
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		const none = "0001-01-01T00:00:00Z"
		want := "account 1: 2026-03-02 5/21 " + none + " 2026-03-09 312/1500 " + none + " 2026-03-16 7/40 2026-03-04T10:30:00Z;" +
			"account 2: 2026-03-09 2/3 " + none + ";"
		if got := read(s.Read(ctx)); got != want {
			t.Errorf("from the pool:\n got %s\nwant %s", got, want)
		}
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			if got := read(tx); got != want {
				t.Errorf("in a transaction:\n got %s\nwant %s", got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		stop := errors.New("stop")
		calls := 0
		err = store.EachAccountUsage(s.Read(ctx), ids, week("2026-01-01"), week("2026-12-31"), func(int64, []store.UsageWeek) error { calls++; return stop })
		if !errors.Is(err, stop) || calls != 1 {
			t.Errorf("a failing callback: %v after %d calls, want stop after 1", err, calls)
		}
	})
}
