package health_test

import (
	"context"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/health"
	"churndesk/backend/store/storetest"
)

// BenchmarkRecompute scores every account of the large database named by
// CHURNDESK_BENCH_DB.
func BenchmarkRecompute(b *testing.B) {
	svc := health.NewService(storetest.Large(b), check.New(), time.Now)
	for b.Loop() {
		if _, err := svc.Recompute(context.Background(), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverview is the dashboard's health picture of the large database.
func BenchmarkOverview(b *testing.B) {
	svc := health.NewService(storetest.Large(b), check.New(), time.Now)
	for b.Loop() {
		if _, err := svc.Overview(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
