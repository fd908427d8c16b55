package reliability

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"churndesk/backend/reliability/invariants"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// KillsEnv sets how many SIGKILLs TestKilledWritesKeepInvariants sends
// (default 100; 1,000 for the long run).
const KillsEnv = "CHURNDESK_KILLS"

func killCount(t *testing.T) int {
	if v := os.Getenv(KillsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive whole number", KillsEnv, v)
		}
		return n
	}
	return 100
}

// killOp is one write operation of the real binary: its arguments and,
// for serve, the requests sent to it while it runs.
type killOp struct {
	name  string
	args  func(db string) []string
	serve bool
}

// TestKilledWritesKeepInvariants runs random write operations of the real
// binary — a usage import, a health recompute, a tier evaluation, and a
// server taking concurrent account, churn, reactivation and usage writes —
// and SIGKILLs each at a random moment, 100 times (CHURNDESK_KILLS for
// more). After every kill the database opens and keeps every invariant.
// On the SQLite pass it uses a file; on the PostgreSQL pass a server.
func TestKilledWritesKeepInvariants(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it 100 times")
	}
	dir := t.TempDir()
	// serve makes its daily backup at start: into this test's folder.
	t.Setenv("XDG_DATA_HOME", dir)
	bin := buildBinary(t, dir)
	engine := storetest.Engine{Name: "sqlite", DSN: filepath.Join(dir, "kill.db")}
	if base := os.Getenv(storetest.PGEnv); base != "" {
		engine = storetest.Engine{Name: "postgres", DSN: storetest.PrivateSchema(t, base)}
	}
	db := engine.DSN
	run(t, bin, "demo", "--db", db, "--accounts", "300", "--seed", "9")

	usage := filepath.Join(dir, "usage.csv")
	var csv bytes.Buffer
	fmt.Fprintln(&csv, "Account;Week;Active users;Logins")
	for acc := 1; acc <= 300; acc++ {
		for wk := range 10 {
			fmt.Fprintf(&csv, "%d;%s;%d;%d\n", acc, time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*wk).Format(time.DateOnly), (acc+wk)%30+1, acc*wk%300)
		}
	}
	os.WriteFile(usage, csv.Bytes(), 0o600)
	mapping := filepath.Join(dir, "mapping.json")
	os.WriteFile(mapping, []byte(`{"mapping":{"account":"Account","week_start":"Week","active_users":"Active users","logins":"Logins"},"account_key":"id"}`), 0o600)

	ops := []killOp{
		{"usage import", func(db string) []string {
			return []string{"import", "--db", db, "--kind", "usage", "--mapping", mapping, usage}
		}, false},
		{"health recompute", func(db string) []string { return []string{"health", "recompute", "--db", db} }, false},
		{"tier evaluation", func(db string) []string { return []string{"tiers", "evaluate", "--db", db} }, false},
		{"server writes", nil, true},
	}
	r := rand.New(rand.NewPCG(100, 21))
	kills := killCount(t)
	perOp := map[string]int{}
	checks := 0
	started := time.Now()
	for i := range kills {
		op := ops[r.IntN(len(ops))]
		var cmd *exec.Cmd
		var stop func()
		if op.serve {
			cmd, stop = startServeWrites(t, bin, db, r)
		} else {
			cmd = exec.Command(bin, op.args(db)...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			stop = func() {}
		}
		t0 := time.Now()
		time.Sleep(time.Duration(r.IntN(200)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		stop()
		perOp[op.name]++
		ran := time.Since(t0)
		s, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatalf("kill %d (%s): the database does not open: %v", i, op.name, err)
		}
		rep, err := invariants.Check(context.Background(), s)
		s.Close()
		if err != nil {
			t.Fatalf("kill %d (%s): %v", i, op.name, err)
		}
		if err := rep.Err(); err != nil {
			t.Fatalf("kill %d (%s): %v", i, op.name, err)
		}
		checks += rep.Checks
		if testing.Verbose() && i < 10 {
			t.Logf("kill %d %s after %s; check took %s", i, op.name, ran.Round(time.Millisecond), time.Since(t0)-ran)
		}
	}
	t.Logf("%s: %d SIGKILLs in %s (%v); the database opened and kept every invariant after each: %d invariant checks",
		engine.Name, kills, time.Since(started).Round(time.Second), perOp, checks)
}

// startServeWrites starts `churndesk serve` on a free port and keeps four
// clients writing to it (accounts, MRR changes, churn records,
// reactivations, usage) until it is killed.
func startServeWrites(t *testing.T, bin, db string, r *rand.Rand) (*exec.Cmd, func()) {
	t.Helper()
	cmd, base := startServe(t, bin, db)
	client := &http.Client{Timeout: 5 * time.Second}
	seed := r.Uint64()
	var wg sync.WaitGroup
	quit := make(chan struct{})
	for c := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cr := rand.New(rand.NewPCG(seed, uint64(c)))
			for n := 0; ; n++ {
				select {
				case <-quit:
					return
				default:
				}
				id := 1 + cr.IntN(300)
				var path, method string
				var body any
				switch cr.IntN(5) {
				case 0:
					method, path, body = "POST", "/api/v1/accounts", map[string]any{"name": fmt.Sprintf("Kill %d %d", c, n), "segment": "smb", "mrr": 1000 + cr.IntN(9000), "currency": "EUR", "contract_start": "2025-01-01", "status": "active"}
				case 1:
					method, path, body = "POST", fmt.Sprintf("/api/v1/accounts/%d/churn", id), map[string]any{"churn_date": "2026-03-01", "reason": "other"}
				case 2:
					method, path, body = "POST", fmt.Sprintf("/api/v1/accounts/%d/reactivate", id), map[string]any{"date": "2026-03-10", "mrr": 2000 + cr.IntN(5000)}
				case 3:
					method, path, body = "PUT", "/api/v1/usage", map[string]any{"items": []map[string]any{{"account_id": id, "week_start": "2026-03-02", "active_users": cr.IntN(20), "logins": cr.IntN(90), "key_feature_uses": 1}}}
				default:
					method, path, body = "POST", "/api/v1/health/recompute", map[string]any{}
				}
				raw, _ := json.Marshal(body)
				req, _ := http.NewRequest(method, base+path, bytes.NewReader(raw))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-ChurnDesk-Client", "app")
				res, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				bufio.NewReader(res.Body).WriteTo(nopWriter{})
				res.Body.Close()
			}
		}()
	}
	return cmd, func() { close(quit); wg.Wait() }
}

// startServe starts `churndesk serve` on db and a free port and waits
// until it answers.
func startServe(t *testing.T, bin, db string) (*exec.Cmd, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", addr)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	for range 500 {
		if res, err := http.Get(base + "/api/v1/health"); err == nil {
			res.Body.Close()
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cmd, base
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
