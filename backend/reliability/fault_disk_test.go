package reliability

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"churndesk/backend/store"
)

// limited runs the binary with a file size limit of kb KiB (RLIMIT_FSIZE,
// as a full disk looks to a writer) and returns its exit error and output.
func limited(bin string, kb int, args ...string) (error, string) {
	cmd := exec.Command("bash", append([]string{"-c", fmt.Sprintf(`ulimit -f %d; exec "$0" "$@"`, kb), bin}, args...)...)
	out, err := cmd.CombinedOutput()
	return err, string(out)
}

// TestDiskFullWritesNothing gives an import and a backup no room to grow
// (a 100 KiB file size limit in the child process): each fails with a
// message that says the disk is full and nothing was kept; the database
// keeps none of the import, passes its checks, and the backup leaves no
// half-written file.
func TestDiskFullWritesNothing(t *testing.T) {
	if testing.Short() || os.Getenv("CHURNDESK_TEST_PG") != "" {
		t.Skip("a SQLite file test of the real binary: it runs in the SQLite pass")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash for ulimit")
	}
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "full.db")
	run(t, bin, "demo", "--db", db, "--accounts", "100", "--seed", "4")
	var csv bytes.Buffer
	fmt.Fprintln(&csv, "Account;Week;Active users;Logins")
	for acc := 1; acc <= 100; acc++ {
		for wk := range 40 {
			fmt.Fprintf(&csv, "%d;%s;%d;%d\n", acc, time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*wk).Format(time.DateOnly), acc%9+1, wk)
		}
	}
	usage := filepath.Join(dir, "usage.csv")
	os.WriteFile(usage, csv.Bytes(), 0o600)
	mapping := filepath.Join(dir, "mapping.json")
	os.WriteFile(mapping, []byte(`{"mapping":{"account":"Account","week_start":"Week","active_users":"Active users","logins":"Logins"},"account_key":"id"}`), 0o600)

	count := func() int64 {
		s, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		mustHoldStore(t, s)
		var n int64
		s.Read(context.Background()).Raw("SELECT COUNT(*) FROM usage_snapshots").Scan(&n)
		return n
	}
	before := count()
	err, out := limited(bin, 100, "import", "--db", db, "--kind", "usage", "--mapping", mapping, usage)
	if err == nil || !strings.Contains(out, "disk is full") || !strings.Contains(out, "nothing of this was written") {
		t.Fatalf("import on a full disk: %v\n%s", err, out)
	}
	if after := count(); after != before {
		t.Fatalf("usage rows %d → %d after the failed import", before, after)
	}
	t.Logf("import: %s", strings.TrimSpace(out))

	target := filepath.Join(dir, "backups", "copy.db")
	err, out = limited(bin, 100, "backup", "--db", db, target)
	if err == nil || !strings.Contains(out, "not enough space") || !strings.Contains(out, "nothing was kept") {
		t.Fatalf("backup on a full disk: %v\n%s", err, out)
	}
	left, _ := filepath.Glob(target + "*")
	if len(left) > 0 {
		t.Errorf("the failed backup left %v", left)
	}
	t.Logf("backup: %s", strings.TrimSpace(out))

	// With room again both succeed.
	run(t, bin, "import", "--db", db, "--kind", "usage", "--mapping", mapping, usage)
	if after := count(); after != before+4000 {
		t.Errorf("after the retried import: %d rows, want %d", after, before+4000)
	}
	run(t, bin, "backup", "--db", db, target)
}
