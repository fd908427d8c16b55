package store_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestEachRowReadsTheDriversValues reads accounts straight from the
// driver on the pool and through database/sql inside a transaction: an IN
// list from a slice, integers, text and NULL come out the same both ways,
// and an error from the callback stops the read.
func TestEachRowReadsTheDriversValues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ids := storetest.SeedAccounts(t, s, 3)
		if err := s.Write(ctx).Exec("UPDATE accounts SET csm_sentiment = 4 WHERE id = ?", ids[1]).Error; err != nil {
			t.Fatal(err)
		}
		const q = `SELECT id, name, seats, csm_sentiment, CAST(contract_start AS TEXT) FROM accounts WHERE id IN ? AND seats >= ? ORDER BY id`
		read := func(db *gorm.DB) []string {
			var got []string
			err := store.EachRow(db, q, []any{ids[1:], 10}, func(row []driver.Value) error {
				sentiment := "NULL"
				if row[3] != nil {
					sentiment = fmt.Sprint(store.RowInt(row[3]))
				}
				got = append(got, fmt.Sprintf("%d %s %d %s %s", store.RowInt(row[0]), store.RowText(row[1]), store.RowInt(row[2]), sentiment, store.RowText(row[4])))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		want := fmt.Sprintf("[%d Account 2 10 4 2024-01-01 %d Account 3 10 NULL 2024-01-01]", ids[1], ids[2])
		if got := fmt.Sprint(read(s.Read(ctx))); got != want {
			t.Errorf("from the pool: %s, want %s", got, want)
		}
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			if got := fmt.Sprint(read(tx)); got != want {
				t.Errorf("in a transaction: %s, want %s", got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		stop := errors.New("stop")
		calls := 0
		err = store.EachRow(s.Read(ctx), q, []any{ids, 0}, func([]driver.Value) error { calls++; return stop })
		if !errors.Is(err, stop) || calls != 1 {
			t.Errorf("a failing callback: %v after %d calls, want stop after 1", err, calls)
		}
	})
}
