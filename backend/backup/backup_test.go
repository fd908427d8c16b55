package backup_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"churndesk/backend/backup"
	"churndesk/backend/check"
	"churndesk/backend/demo"
	"churndesk/backend/store"
)

// fingerprint counts and hashes every row of the data tables.
func fingerprint(t *testing.T, file string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+file+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := ""
	for _, table := range []string{"accounts", "contacts", "usage_snapshots", "nps_responses", "churn_records", "mrr_movements"} {
		rows, err := db.Query("SELECT * FROM " + table + " ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		h := sha256.New()
		n := 0
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			fmt.Fprint(h, vals...)
			n++
		}
		rows.Close()
		out += fmt.Sprintf("%s=%d:%x ", table, n, h.Sum(nil)[:6])
	}
	return out
}

func TestBackupWhileWritingAndRestore(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	ctx := context.Background()
	s, err := store.Open(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	if _, err := demo.NewLoader(s, check.New(), func() time.Time { return today }, nil).Load(ctx, demo.Options{Accounts: 150, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	// Keep writing while the backup runs.
	var stop atomic.Bool
	var wg sync.WaitGroup
	var written atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			a := store.Account{Name: fmt.Sprintf("Live %d", i), SearchText: "live", Segment: "smb", Currency: "EUR", Status: "active", ContractStart: store.NewDate(today)}
			if s.Write(ctx).Create(&a).Error == nil {
				written.Add(1)
			}
		}
	}()
	time.Sleep(50 * time.Millisecond)
	file := filepath.Join(dir, "backups", "b1.db")
	if err := backup.Save(ctx, s, file); err != nil {
		t.Fatal(err)
	}
	stop.Store(true)
	wg.Wait()
	if written.Load() == 0 {
		t.Fatal("nothing was written during the backup")
	}
	if version, err := backup.Check(file); err != nil || version != store.LatestMigration() {
		t.Fatalf("check: %s %v", version, err)
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %o", info.Mode().Perm())
	}
	if err := backup.Save(ctx, s, file); err == nil {
		t.Error("a backup overwrote an existing file")
	}

	// With writes stopped, a second backup restores to an identical database.
	second := filepath.Join(dir, "backups", "b2.db")
	if err := backup.Save(ctx, s, second); err != nil {
		t.Fatal(err)
	}
	want := fingerprint(t, live)
	s.Close()
	restored := filepath.Join(dir, "restored.db")
	if _, err := backup.Restore(second, restored, today); err != nil {
		t.Fatal(err)
	}
	if got := fingerprint(t, restored); got != want {
		t.Errorf("restored database differs:\n got  %s\n want %s", got, want)
	}
	kept, err := backup.Restore(file, restored, today)
	if err != nil || kept == "" {
		t.Fatalf("restore over an existing file: %q %v", kept, err)
	}
	if fingerprint(t, kept) != want {
		t.Error("the replaced database was not kept as it was")
	}
}

func TestCheckRefusesDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("this is not a database at all, just some text long enough"), 0o600)
	if _, err := backup.Check(junk); err == nil {
		t.Error("junk passed the check")
	}
	empty := filepath.Join(dir, "empty.db")
	db, _ := sql.Open("sqlite3", empty)
	db.Exec("CREATE TABLE x (a int)")
	db.Close()
	if _, err := backup.Check(empty); err == nil {
		t.Error("a database without ChurnDesk's schema passed the check")
	}
	if _, err := backup.Restore(junk, filepath.Join(dir, "target.db"), time.Now()); err == nil {
		t.Error("junk was restored")
	}
	if _, err := os.Stat(filepath.Join(dir, "target.db")); !os.IsNotExist(err) {
		t.Error("a refused restore left a file behind")
	}
}

func TestRotateDeletesOnlyWhatItWrote(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Someone else's files, some in the very shape of our names.
	foreign := []string{"churndesk-2020-01-01T000000.db", "churndesk-old.db", "notes.txt"}
	for _, n := range foreign {
		os.WriteFile(filepath.Join(dir, n), []byte("theirs"), 0o600)
	}
	// A manifest line naming a file outside the folder is ignored too.
	os.WriteFile(filepath.Join(dir, backup.Manifest), []byte("../../etc/passwd\nchurndesk-2020-01-01T000000.db.bak\n"), 0o600)
	var ours []string
	for d := 1; d <= 5; d++ {
		file, err := backup.SaveDaily(context.Background(), s, dir, time.Date(2026, 11, d, 3, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(file)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %o, want 600", file, st.Mode().Perm())
		}
		ours = append(ours, filepath.Base(file))
	}
	removed, err := backup.Rotate(dir, 3)
	if err != nil || len(removed) != 2 || filepath.Base(removed[0]) != "churndesk-2026-11-01T030000.db" || filepath.Base(removed[1]) != "churndesk-2026-11-02T030000.db" {
		t.Errorf("removed %v %v", removed, err)
	}
	for _, n := range foreign {
		if raw, err := os.ReadFile(filepath.Join(dir, n)); err != nil || string(raw) != "theirs" {
			t.Errorf("foreign file %s was touched: %v", n, err)
		}
	}
	for _, n := range ours[2:] {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("kept backup %s is gone", n)
		}
	}
}

func TestBackupFolderMustBeSafe(t *testing.T) {
	base := t.TempDir()
	good := filepath.Join(base, "good")
	os.Mkdir(good, 0o700)
	open := filepath.Join(base, "open")
	os.Mkdir(open, 0o777)
	os.Chmod(open, 0o777)
	link := filepath.Join(base, "link")
	os.Symlink(good, link)
	cases := []struct {
		dir string
		ok  bool
	}{
		{good, true},
		{open, false},                        // others may write there
		{link, false},                        // a symbolic link
		{"relative/dir", false},              // not absolute
		{good + "/../good", false},           // .. parts
		{filepath.Join(base, "none"), false}, // missing
		{filepath.Join(good, "x.db"), false}, // not a folder
	}
	os.WriteFile(filepath.Join(good, "x.db"), nil, 0o600)
	for _, tc := range cases {
		if err := backup.CheckFolder(tc.dir); (err == nil) != tc.ok {
			t.Errorf("CheckFolder(%s) = %v, want ok=%v", tc.dir, err, tc.ok)
		}
	}
}

func TestSaveRefusesExistingFileAndSymlink(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	target := filepath.Join(dir, "victim.txt")
	os.WriteFile(target, []byte("keep me"), 0o600)
	link := filepath.Join(dir, "link.db")
	os.Symlink(target, link)
	for _, file := range []string{target, link} {
		if err := backup.Save(context.Background(), s, file); err == nil {
			t.Errorf("Save(%s) wrote over an existing file or link", file)
		}
	}
	if raw, _ := os.ReadFile(target); string(raw) != "keep me" {
		t.Errorf("the file behind the link was changed: %q", raw)
	}
}
