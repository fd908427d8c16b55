package accounts_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"churndesk/backend/accounts"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// BenchmarkListByRisk100k pages 100,000 accounts, 90 % of them with a
// stored forecast, sorted by risk: the first page, a page deep in the
// scored ones and a page among the unscored; by name for comparison.
func BenchmarkListByRisk100k(b *testing.B) {
	for _, e := range storetest.Engines(b) {
		b.Run(e.Name, func(b *testing.B) {
			s := storetest.Open(b, e)
			ids := storetest.SeedAccounts(b, s, 100_000)
			day, _ := store.ParseDate("2026-11-24")
			err := s.Tx(context.Background(), func(tx *gorm.DB) error {
				batch := store.NewBatch(tx, "risk_scores", []string{"account_id", "model_id", "probability", "expected_loss", "scored_on"}, "")
				defer batch.Close()
				return batch.Append(90_000, func(args []any, i int) []any {
					p := float64((i*7919)%100_000) / 100_000
					return append(args, ids[i], int64(1), p, p*100, day)
				})
			})
			if err != nil {
				b.Fatal(err)
			}
			svc := newService(s)
			for _, c := range []struct {
				name string
				page accounts.Page
			}{
				{"risk-desc-first", accounts.Page{Limit: 25, Sort: "-risk"}},
				{"risk-asc-first", accounts.Page{Limit: 25, Sort: "risk"}},
				{"risk-desc-deep", accounts.Page{Limit: 25, Offset: 50_000, Sort: "-risk"}},
				{"risk-unscored", accounts.Page{Limit: 25, Offset: 95_000, Sort: "-risk"}},
				{"name-first", accounts.Page{Limit: 25, Sort: "name"}},
			} {
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						got, err := svc.List(context.Background(), accounts.ListQuery{Page: c.page})
						if err != nil || len(got.Items) != 25 {
							b.Fatalf("%d items, %v", len(got.Items), err)
						}
					}
				})
			}
		})
	}
}
