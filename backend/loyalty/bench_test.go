package loyalty_test

import (
	"context"
	"os"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/loyalty"
	"churndesk/backend/store"
)

// BenchmarkEvaluate places every account of the database named by
// CHURNDESK_BENCH_DB (e.g. made by `churndesk demo --accounts 100000`).
func BenchmarkEvaluate(b *testing.B) {
	file := os.Getenv("CHURNDESK_BENCH_DB")
	if file == "" {
		b.Skip("set CHURNDESK_BENCH_DB to a large database")
	}
	s, err := store.Open(context.Background(), file)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	svc := loyalty.NewService(s, check.New(), time.Now)
	for b.Loop() {
		if _, err := svc.Evaluate(context.Background(), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
