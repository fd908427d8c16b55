package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

func TestSQLiteFileSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "churn.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode = %o, want 600", got)
	}
	ctx := context.Background()
	pragmas := []struct {
		name string
		db   func(context.Context) *gorm.DB
		want string
	}{
		{"journal_mode", s.Write, "wal"},
		{"foreign_keys", s.Write, "1"},
		{"busy_timeout", s.Write, "10000"},
		{"synchronous", s.Write, "2"},
		{"foreign_keys", s.Read, "1"},
		{"query_only", s.Read, "1"},
		{"query_only", s.Write, "0"},
	}
	for _, p := range pragmas {
		var got string
		if err := p.db(ctx).Raw("PRAGMA " + p.name).Scan(&got).Error; err != nil {
			t.Fatalf("PRAGMA %s: %v", p.name, err)
		}
		if got != p.want {
			t.Errorf("PRAGMA %s = %q, want %q", p.name, got, p.want)
		}
	}
	if s.Engine() != store.SQLite {
		t.Errorf("engine = %s", s.Engine())
	}
}

func TestReadHandleRefusesWrites(t *testing.T) {
	s := storetest.Open(t, storetest.Engines(t)[0])
	err := s.Read(context.Background()).Exec("DELETE FROM accounts").Error
	if err == nil {
		t.Fatal("a write through the read handle succeeded")
	}
}

// TestUpgradeFromFirstMigration creates a database at the first schema
// version, stores a row, then migrates to the latest and finds the row.
func TestUpgradeFromFirstMigration(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			s, err := store.OpenUnmigrated(e.DSN)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			if err := store.MigrateTo(s.Write(ctx), "0001_foundation"); err != nil {
				t.Fatal(err)
			}
			err = s.Write(ctx).Exec(`INSERT INTO accounts (name, search_text, segment, mrr, currency, contract_start, status, created_at, updated_at)
				VALUES ('Old Co', 'old co', 'smb', 1234, 'EUR', '2024-01-15', 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`).Error
			if err != nil {
				t.Fatal(err)
			}
			if err := store.Migrate(s.Write(ctx)); err != nil {
				t.Fatal(err)
			}
			var got store.Account
			if err := s.Read(ctx).First(&got).Error; err != nil {
				t.Fatal(err)
			}
			if got.Name != "Old Co" || got.MRR != 1234 || got.ContractStart.String() != "2024-01-15" || got.HealthScore != nil || got.HealthClass != "" {
				t.Errorf("after upgrade: %+v", got)
			}
			var moves []store.MRRMovement
			s.Read(ctx).Find(&moves)
			if len(moves) != 1 || moves[0].Kind != "new" || moves[0].Amount != 1234 || moves[0].Date.String() != "2024-01-15" {
				t.Errorf("movements made for an existing account: %+v", moves)
			}
			var latest string
			s.Read(ctx).Table("schema_migrations").Select("MAX(id)").Scan(&latest)
			if latest != store.LatestMigration() {
				t.Errorf("newest applied migration = %q, want %q", latest, store.LatestMigration())
			}
		})
	}
}

func TestCascadeDeletesAccountRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Account{Name: "A", SearchText: "a", Segment: "smb", Currency: "EUR", Status: "active", ContractStart: mustDate(t, "2025-01-06")}
		if err := s.Write(ctx).Create(&a).Error; err != nil {
			t.Fatal(err)
		}
		c := store.Contact{AccountID: a.ID, Name: "C", Email: "c@a.com", Role: "user"}
		u := store.UsageSnapshot{AccountID: a.ID, WeekStart: mustDate(t, "2025-01-06"), ActiveUsers: 3}
		n := store.NPSResponse{AccountID: a.ID, Score: 9, RespondedOn: mustDate(t, "2025-02-01")}
		for _, row := range []any{&c, &u, &n} {
			if err := s.Write(ctx).Create(row).Error; err != nil {
				t.Fatal(err)
			}
		}
		dup := store.UsageSnapshot{AccountID: a.ID, WeekStart: mustDate(t, "2025-01-06"), ActiveUsers: 4}
		if err := s.Write(ctx).Create(&dup).Error; err == nil {
			t.Error("a second usage row for the same account and week was accepted")
		}
		if err := s.Write(ctx).Delete(&store.Account{}, a.ID).Error; err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"contacts", "usage_snapshots", "nps_responses"} {
			var n int64
			s.Read(ctx).Table(table).Count(&n)
			if n != 0 {
				t.Errorf("%s rows after deleting the account = %d, want 0", table, n)
			}
		}
	})
}

func mustDate(t *testing.T, s string) store.Date {
	t.Helper()
	d, err := store.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2026-11-24": "2026-11-24", "2024-02-29": "2024-02-29", "2026-01-09": "2026-01-09"} {
		d, err := store.ParseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDate(%q) = %s %v", in, d, err)
		}
	}
	for _, bad := range []string{"2025-02-29", "2026-13-01", "2026-00-10", "2026-1-09", "20261109", "2026-11-3x", ""} {
		if _, err := store.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}
