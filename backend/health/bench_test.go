package health_test

import (
	"context"
	"os"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/health"
	"churndesk/backend/store"
)

// BenchmarkRecompute scores every account of the database named by
// CHURNDESK_BENCH_DB (e.g. made by `churndesk demo --accounts 100000`).
func BenchmarkRecompute(b *testing.B) {
	file := os.Getenv("CHURNDESK_BENCH_DB")
	if file == "" {
		b.Skip("set CHURNDESK_BENCH_DB to a large database")
	}
	s, err := store.Open(context.Background(), file)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	svc := health.NewService(s, check.New(), time.Now)
	for b.Loop() {
		if _, err := svc.Recompute(context.Background(), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
