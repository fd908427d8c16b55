package retention_test

import (
	"context"
	"os"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/nps"
	"churndesk/backend/retention"
	"churndesk/backend/store"
)

// benchService opens the database named by CHURNDESK_BENCH_DB (a large
// portfolio, e.g. from `churndesk demo --accounts 100000`).
func benchService(b *testing.B) *retention.Service {
	file := os.Getenv("CHURNDESK_BENCH_DB")
	if file == "" {
		b.Skip("set CHURNDESK_BENCH_DB to a large database")
	}
	s, err := store.Open(context.Background(), file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	c := check.New()
	return retention.NewService(s, c, nps.NewService(s, c), time.Now)
}

func BenchmarkMetrics(b *testing.B) {
	svc := benchService(b)
	for b.Loop() {
		if _, err := svc.Metrics(context.Background(), retention.MetricsQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCurve(b *testing.B) {
	svc := benchService(b)
	for b.Loop() {
		if _, err := svc.Curve(context.Background(), retention.CurveQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}
