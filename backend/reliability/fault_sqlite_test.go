package reliability

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"churndesk/backend/api"
	"churndesk/backend/backup"
	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/reliability/invariants"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

func openBackend(t *testing.T, dsn string) *boot.Backend {
	t.Helper()
	b, err := boot.OpenWith(context.Background(), dsn, func() time.Time { return fuzzNow }, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustHoldStore(t *testing.T, s *store.Store) int {
	t.Helper()
	rep, err := invariants.Check(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	return rep.Checks
}

func mustHold(t *testing.T, b *boot.Backend, when string) int {
	t.Helper()
	rep, err := invariants.Check(context.Background(), b.Store)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	if err := rep.Err(); err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	return rep.Checks
}

func fileHash(t *testing.T, files ...string) string {
	t.Helper()
	h := sha256.New()
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		h.Write(raw)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func postJSON(t *testing.T, srv *httptest.Server, path string, body any) (*http.Response, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(string(raw)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.ClientHeader, "app")
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	var m map[string]any
	json.Unmarshal(out, &m)
	return res, m
}

var newAccount = map[string]any{"name": "Busy Ltd", "segment": "smb", "mrr": 1000, "currency": "EUR", "contract_start": "2025-01-01", "status": "active"}

// TestLockedDatabaseAnswers503 holds the SQLite file with another writer
// past the busy timeout: creating an account answers 503 with Retry-After
// and a message that says the database is busy and to retry, writes
// nothing, and succeeds once the other writer lets go.
func TestLockedDatabaseAnswers503(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 10 s busy timeout")
	}
	file := filepath.Join(t.TempDir(), "busy.db")
	b := openBackend(t, file)
	defer b.Close()
	srv := httptest.NewServer(b.API())
	defer srv.Close()
	other, err := sql.Open("sqlite3", "file:"+file+"?_busy_timeout=100")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	var before int64
	b.Store.Read(context.Background()).Raw("SELECT COUNT(*) FROM accounts").Scan(&before)
	started := time.Now()
	res, body := postJSON(t, srv, "/api/v1/accounts", newAccount)
	waited := time.Since(started)
	if res.StatusCode != 503 || res.Header.Get("Retry-After") != "2" || body["code"] != "database_busy" {
		t.Fatalf("while locked: %d Retry-After=%q %v", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	msg, _ := body["message"].(string)
	if !strings.Contains(msg, "database is busy") || !strings.Contains(msg, "try again") || !strings.Contains(msg, "Nothing was saved") {
		t.Errorf("message = %q", msg)
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	conn.Close()
	var after int64
	b.Store.Read(context.Background()).Raw("SELECT COUNT(*) FROM accounts").Scan(&after)
	if after != before {
		t.Errorf("accounts %d → %d while refused", before, after)
	}
	if res, body := postJSON(t, srv, "/api/v1/accounts", newAccount); res.StatusCode != 201 {
		t.Fatalf("after the lock: %d %v", res.StatusCode, body)
	}
	checks := mustHold(t, b, "after the lock")
	t.Logf("locked for %s: 503 database_busy with Retry-After 2, nothing written; the retry stored the account; %d invariant checks passed", waited.Round(time.Second), checks)
}

// TestDamagedFileNamesTheLatestBackup damages a database file in two ways
// (its header, its schema page): start-up refuses it with a message naming
// the latest backup and the restore command, and leaves the file as it
// was; restoring that backup brings everything back.
func TestDamagedFileNamesTheLatestBackup(t *testing.T) {
	for _, tc := range []struct {
		name   string
		offset int64
	}{{"header", 0}, {"schema page", 100}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("XDG_DATA_HOME", t.TempDir())
			file := filepath.Join(t.TempDir(), "data.db")
			b := openBackend(t, file)
			if _, err := b.Demo.Load(context.Background(), demo.Options{Accounts: 20, Seed: 1}); err != nil {
				t.Fatal(err)
			}
			saved, err := b.BackupNow(context.Background(), fuzzNow)
			if err != nil {
				t.Fatal(err)
			}
			var accounts int64
			b.Store.Read(context.Background()).Raw("SELECT COUNT(*) FROM accounts").Scan(&accounts)
			b.Close()
			f, err := os.OpenFile(file, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", 400)), tc.offset)
			f.Close()
			hash := fileHash(t, file)

			_, err = boot.OpenWith(context.Background(), file, time.Now, slog.New(slog.DiscardHandler))
			if !errors.Is(err, boot.ErrDamaged) {
				t.Fatalf("open damaged file: %v", err)
			}
			for _, want := range []string{file, saved, "churndesk restore --db " + file + " " + saved} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message lacks %q: %v", want, err)
				}
			}
			if fileHash(t, file) != hash {
				t.Error("opening changed the damaged file")
			}
			if _, err := backup.Restore(saved, file, fuzzNow); err != nil {
				t.Fatal(err)
			}
			b = openBackend(t, file)
			defer b.Close()
			var got int64
			b.Store.Read(context.Background()).Raw("SELECT COUNT(*) FROM accounts").Scan(&got)
			if got != accounts {
				t.Errorf("restored %d accounts, want %d", got, accounts)
			}
			mustHold(t, b, "after restore")
			t.Logf("damaged %s refused: %v", tc.name, err)
		})
	}
}

// TestNewerSchemaIsRefusedUntouched opens a database that a newer release
// has migrated past this build's newest migration: it is refused with a
// message naming both versions, and nothing in it changes.
func TestNewerSchemaIsRefusedUntouched(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			b := openBackend(t, e.DSN)
			if err := b.Store.Exec(context.Background(), "INSERT INTO schema_migrations (id) VALUES ('9999_from_the_future')"); err != nil {
				t.Fatal(err)
			}
			b.Store.Exec(context.Background(), "INSERT INTO accounts (name, search_text, segment, mrr, currency, contract_start, status, created_at, updated_at) VALUES ('Kept', 'kept', 'smb', 5, 'EUR', '2025-01-01', 'active', '2025-01-01', '2025-01-01')")
			b.Close()
			var files []string
			if e.Name == "sqlite" {
				files = []string{e.DSN, e.DSN + "-wal"}
			}
			hash := fileHash(t, files...)
			_, err := boot.OpenWith(context.Background(), e.DSN, time.Now, slog.New(slog.DiscardHandler))
			if !errors.Is(err, store.ErrNewerSchema) {
				t.Fatalf("open: %v", err)
			}
			for _, want := range []string{"9999_from_the_future", store.LatestMigration(), "Nothing in it was changed"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message lacks %q: %v", want, err)
				}
			}
			t.Logf("%s: %v", e.Name, err)
			if e.Name == "sqlite" && fileHash(t, files...) != hash {
				t.Error("the refused file changed")
			}
			s, err := store.OpenUnmigrated(e.DSN)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var ids []string
			s.Read(context.Background()).Raw("SELECT id FROM schema_migrations ORDER BY id DESC LIMIT 1").Scan(&ids)
			var kept int64
			s.Read(context.Background()).Raw("SELECT COUNT(*) FROM accounts WHERE name = 'Kept'").Scan(&kept)
			if len(ids) != 1 || ids[0] != "9999_from_the_future" || kept != 1 {
				t.Errorf("after the refusal: versions %v, kept rows %d", ids, kept)
			}
		})
	}
}
