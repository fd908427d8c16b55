// Package storetest builds fresh databases for tests: a temporary SQLite
// file always, and a private schema on the PostgreSQL server named by
// CHURNDESK_TEST_PG when that is set.
package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"churndesk/backend/store"
)

// PGEnv names the environment variable holding the test server's DSN.
const PGEnv = "CHURNDESK_TEST_PG"

// Engine is one database a test runs against.
type Engine struct {
	Name string
	DSN  string
}

// Engines lists the databases every store and API test runs on.
func Engines(t testing.TB) []Engine {
	t.Helper()
	engines := []Engine{{Name: "sqlite", DSN: filepath.Join(t.TempDir(), "test.db")}}
	if base := os.Getenv(PGEnv); base != "" {
		engines = append(engines, Engine{Name: "postgres", DSN: PrivateSchema(t, base)})
	}
	return engines
}

// Open opens and migrates a fresh store for e, closed when the test ends.
func Open(t testing.TB, e Engine) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), e.DSN)
	if err != nil {
		t.Fatalf("open %s: %v", e.Name, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Each runs fn once per engine as a subtest with a fresh migrated store.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	for _, e := range Engines(t) {
		t.Run(e.Name, func(t *testing.T) { fn(t, Open(t, e)) })
	}
}

// PrivateSchema creates an empty schema on the server at base, dropped when
// the test ends, and returns a DSN whose search_path points at it.
func PrivateSchema(t testing.TB, base string) string {
	t.Helper()
	admin, err := store.OpenUnmigrated(base)
	if err != nil {
		t.Fatalf("connect to %s: %v", PGEnv, err)
	}
	schema := fmt.Sprintf("t_%x", rand.Uint64())
	ctx := context.Background()
	if err := admin.Write(ctx).Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Write(ctx).Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PGEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
