package retention_test

import (
	"context"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/nps"
	"churndesk/backend/retention"
	"churndesk/backend/store/storetest"
)

// benchService is the retention service on the large database named by
// CHURNDESK_BENCH_DB.
func benchService(b *testing.B) *retention.Service {
	s := storetest.Large(b)
	c := check.New()
	return retention.NewService(s, c, nps.NewService(s, c), time.Now)
}

// BenchmarkMetrics computes the last twelve months' figures.
func BenchmarkMetrics(b *testing.B) {
	svc := benchService(b)
	for b.Loop() {
		if _, err := svc.Metrics(context.Background(), retention.MetricsQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCurve estimates the retention curve.
func BenchmarkCurve(b *testing.B) {
	svc := benchService(b)
	for b.Loop() {
		if _, err := svc.Curve(context.Background(), retention.CurveQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCohorts builds the monthly cohort table.
func BenchmarkCohorts(b *testing.B) {
	svc := benchService(b)
	for b.Loop() {
		if _, err := svc.Cohorts(context.Background(), retention.CurveQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}
