package loyalty_test

import (
	"context"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/loyalty"
	"churndesk/backend/store/storetest"
)

// BenchmarkEvaluate places every account of the large database named by
// CHURNDESK_BENCH_DB.
func BenchmarkEvaluate(b *testing.B) {
	svc := loyalty.NewService(storetest.Large(b), check.New(), time.Now)
	for b.Loop() {
		if _, err := svc.Evaluate(context.Background(), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
