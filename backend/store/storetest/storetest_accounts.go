package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// SeedAccounts writes n plain active accounts ("Account 1" …) in one
// batched transaction, for benchmarks at portfolio scale, and returns
// their ids in order.
func SeedAccounts(tb testing.TB, s *store.Store, n int) []int64 {
	tb.Helper()
	start, _ := store.ParseDate("2024-01-01")
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	cols := []string{"name", "search_text", "segment", "mrr", "currency", "seats", "contract_start", "status", "owner", "created_at", "updated_at"}
	ids := make([]int64, 0, n)
	err := s.Tx(context.Background(), func(tx *gorm.DB) error {
		b := store.NewBatch(tx, "accounts", cols, "RETURNING id")
		defer b.Close()
		rows := make([][]any, n)
		for i := range rows {
			name := fmt.Sprintf("Account %d", i+1)
			rows[i] = []any{name, fmt.Sprintf("account %d\t", i+1), "smb", int64(10000 + i%5000), "EUR", 10, start, "active", "Sarah", now, now}
		}
		return b.Query(rows, func(r *sql.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
			return nil
		})
	})
	if err != nil {
		tb.Fatalf("seed %d accounts: %v", n, err)
	}
	return ids
}
