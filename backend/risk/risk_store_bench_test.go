package risk

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/check"
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

// BenchmarkScoreLarge scores every live account of the large database
// named by CHURNDESK_BENCH_DB with its newest model (train one first:
// churndesk risk train --db FILE), as the risk page's first page does.
func BenchmarkScoreLarge(b *testing.B) {
	svc := NewService(storetest.Large(b), check.New(), time.Now)
	for b.Loop() {
		if _, err := svc.Score(context.Background(), ScoreQuery{Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStoreScoresLarge scores and stores every live account's
// forecast in the large database named by CHURNDESK_BENCH_DB (it writes:
// use a copy), as the background refresh does.
func BenchmarkStoreScoresLarge(b *testing.B) {
	svc := NewService(storetest.Large(b), check.New(), time.Now)
	for b.Loop() {
		if _, ok, err := svc.StoreScores(context.Background(), Query{}); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkTrainLarge trains the model with its backtest on the large
// database named by CHURNDESK_BENCH_DB (it writes: use a copy), as the
// Train button does.
func BenchmarkTrainLarge(b *testing.B) {
	svc := NewService(storetest.Large(b), check.New(), time.Now)
	for b.Loop() {
		if _, err := svc.Train(context.Background(), "bench", Query{}); err != nil {
			b.Fatal(err)
		}
	}
}
