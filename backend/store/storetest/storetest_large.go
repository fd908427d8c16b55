package storetest

import (
	"context"
	"os"
	"testing"

	"churndesk/backend/store"
)

// LargeEnv names the environment variable holding a large database for
// benchmarks: a SQLite file or a postgres:// URL, e.g. filled by
// `churndesk demo --accounts 100000`.
const LargeEnv = "CHURNDESK_BENCH_DB"

// Large opens the database named by CHURNDESK_BENCH_DB, closed when the
// benchmark ends; without it the benchmark is skipped. Benchmarks that
// write (a recompute, an evaluation) change that database: use a copy.
func Large(b *testing.B) *store.Store {
	b.Helper()
	dsn := os.Getenv(LargeEnv)
	if dsn == "" {
		b.Skip("set " + LargeEnv + " to a large database (e.g. churndesk demo --accounts 100000 --db FILE)")
	}
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatalf("open %s: %v", LargeEnv, err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}
