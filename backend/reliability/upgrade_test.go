package reliability

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"churndesk/backend/reliability/invariants"
	"churndesk/backend/store"
)

// TestPreviousReleaseDatabaseUpgrades opens a copy of a database written by
// release 0.1.0 (testdata/release-0.1.0.db, made by
// scripts/upgrade-fixture.sh from that release's commit) with the current
// code: it migrates to the newest schema, keeps every row and figure, keeps
// the invariants and takes new writes.
func TestPreviousReleaseDatabaseUpgrades(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "release-0.1.0.db"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	type figures struct {
		Accounts, Churned, Usage, Movements, MRR, Scores int64
		Version                                          string
	}
	read := func(s *store.Store) figures {
		var f figures
		db := s.Read(context.Background())
		db.Raw("SELECT COUNT(*) FROM accounts").Scan(&f.Accounts)
		db.Raw("SELECT COUNT(*) FROM churn_records").Scan(&f.Churned)
		db.Raw("SELECT COUNT(*) FROM usage_snapshots").Scan(&f.Usage)
		db.Raw("SELECT COUNT(*) FROM mrr_movements").Scan(&f.Movements)
		db.Raw("SELECT COALESCE(SUM(mrr), 0) FROM accounts WHERE status IN ('active', 'onboarding')").Scan(&f.MRR)
		db.Raw("SELECT COUNT(*) FROM health_scores").Scan(&f.Scores)
		db.Raw("SELECT id FROM schema_migrations ORDER BY id DESC LIMIT 1").Scan(&f.Version)
		return f
	}
	old, err := store.OpenUnmigrated(file)
	if err != nil {
		t.Fatal(err)
	}
	before := read(old)
	old.Close()
	if before.Accounts != 60 || before.Version != "0015_import_undo" {
		t.Fatalf("fixture: %+v, want 60 accounts at schema 0015_import_undo", before)
	}

	b := openBackend(t, file)
	defer b.Close()
	after := read(b.Store)
	want := before
	want.Version = store.LatestMigration()
	if after != want {
		t.Errorf("after the upgrade: %+v, want %+v", after, want)
	}
	// Release 0.1.0's sample portfolio wrote churn records without their
	// creation entry in the audit trail; every other rule holds as written.
	rep, err := invariants.CheckExcept(context.Background(), b.Store, invariants.RuleAudit)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Err(); err != nil {
		t.Error(err)
	}
	srv := httptest.NewServer(b.API())
	defer srv.Close()
	if res, body := postJSON(t, srv, "/api/v1/accounts", newAccount); res.StatusCode != 201 {
		t.Fatalf("write after the upgrade: %d %v", res.StatusCode, body)
	}
	t.Logf("0.1.0 database (%d accounts, %d churn records, %d usage rows) migrated %s → %s; %d invariant checks passed; it takes writes",
		before.Accounts, before.Churned, before.Usage, before.Version, after.Version, rep.Checks)
}
