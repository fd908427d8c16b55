package risk

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// BenchmarkWriteScores100k stores 100,000 forecasts over a previous set
// (every row an upsert), as a background scoring of a large portfolio does.
func BenchmarkWriteScores100k(b *testing.B) {
	for _, e := range storetest.Engines(b) {
		b.Run(e.Name, func(b *testing.B) {
			s := storetest.Open(b, e)
			ids := storetest.SeedAccounts(b, s, 100_000)
			day, _ := store.ParseDate("2026-11-24")
			all := make([]AccountRisk, len(ids))
			for i, id := range ids {
				p := float64(i%1000) / 1000
				all[i] = AccountRisk{AccountID: id, Probability: p, ExpectedLoss: p * 100}
			}
			write := func() {
				if err := s.Tx(context.Background(), func(tx *gorm.DB) error { return writeScores(tx, 1, day, all) }); err != nil {
					b.Fatal(err)
				}
			}
			write()
			b.ResetTimer()
			for b.Loop() {
				write()
			}
		})
	}
}
