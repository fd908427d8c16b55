package reliability

import (
	"bufio"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// buildBinary compiles the churndesk command once for the crash test.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "churndesk")
	out, err := exec.Command("go", "build", "-o", bin, "churndesk").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func run(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
	return string(out)
}

func usageRows(t *testing.T, db string) (int64, string) {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var integrity string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := conn.QueryRow("SELECT count(*) FROM usage_snapshots").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n, integrity
}

// TestKilledImportLeavesNothing kills a large usage import with SIGKILL at
// 10 random moments (20 with CHURNDESK_KILLS set, as the long run does). After each kill the database must pass PRAGMA
// integrity_check and hold none of the import; a final run completes it.
func TestKilledImportLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and imports 90,000 rows 10 times")
	}
	if os.Getenv("CHURNDESK_TEST_PG") != "" {
		t.Skip("a SQLite file test: it runs in the SQLite pass")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "crash.db")
	run(t, bin, "demo", "--db", db, "--accounts", "3000", "--seed", "4")
	const weeks = 30
	file := filepath.Join(dir, "usage.csv")
	f, _ := os.Create(file)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Account;Week;Active users;Logins")
	rows := 0
	for acc := 1; acc <= 3000; acc++ {
		for wk := range weeks {
			fmt.Fprintf(w, "%d;%s;%d;%d\n", acc, time.Date(2020, 1, 6, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*wk).Format(time.DateOnly), (acc+wk)%30+1, (acc*wk)%300)
			rows++
		}
	}
	w.Flush()
	f.Close()
	mapping := filepath.Join(dir, "mapping.json")
	os.WriteFile(mapping, []byte(`{"mapping":{"account":"Account","week_start":"Week","active_users":"Active users","logins":"Logins"},"account_key":"id"}`), 0o600)
	args := []string{"import", "--db", db, "--kind", "usage", "--mapping", mapping, file}

	base, integrity := usageRows(t, db)
	if integrity != "ok" {
		t.Fatalf("integrity before: %s", integrity)
	}
	// Time one full import on a copy, to aim the kills inside its span.
	probe := filepath.Join(dir, "probe.db")
	raw, _ := os.ReadFile(db)
	os.WriteFile(probe, raw, 0o600)
	started := time.Now()
	run(t, bin, "import", "--db", probe, "--kind", "usage", "--mapping", mapping, file)
	full := time.Since(started)

	r := rand.New(rand.NewPCG(20, 26))
	absent, complete := 0, 0
	kills := 10
	if os.Getenv(KillsEnv) != "" {
		kills = 20
	}
	for i := range kills {
		before, _ := usageRows(t, db)
		cmd := exec.Command(bin, args...)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		at := time.Duration(float64(full) * (0.05 + 0.85*r.Float64()))
		time.Sleep(at)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		n, integrity := usageRows(t, db)
		if integrity != "ok" {
			t.Fatalf("kill %d at %s: integrity_check = %s", i, at, integrity)
		}
		switch {
		case n == before:
			absent++
		case n == base+int64(rows):
			// The kill came after the commit: the import is whole. Later
			// runs upsert the same rows, so the count stays.
			complete++
		default:
			t.Fatalf("kill %d at %s: %d usage rows, want %d (nothing) or %d (all) — a partial import survived", i, at, n, before, base+int64(rows))
		}
	}
	run(t, bin, args...)
	if n, _ := usageRows(t, db); n != base+int64(rows) {
		t.Errorf("after the final import: %d rows, want %d", n, base+int64(rows))
	}
	t.Logf("%d kills during a %s import of %d rows: %d left nothing, %d came after the commit; integrity ok every time", kills, full.Round(time.Millisecond), rows, absent, complete)
}
