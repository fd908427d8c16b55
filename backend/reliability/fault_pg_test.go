package reliability

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestPostgresTerminatedMidTransaction ends the server session of a
// sample-portfolio load (one transaction of thousands of rows) with
// pg_terminate_backend while it writes, five times. The request answers
// 503 database_unavailable, the transaction is rolled back (no account
// stays), the invariants hold, and the next requests succeed on a new
// connection without a restart.
func TestPostgresTerminatedMidTransaction(t *testing.T) {
	base := os.Getenv(storetest.PGEnv)
	if base == "" {
		t.Skip("needs PostgreSQL: scripts/pg-test.sh go test ./backend/reliability/")
	}
	b, srv, app := pgServer(t, base, "cd_fault")
	admin, err := store.OpenUnmigrated(base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 7))
	const faults = 5
	terminated, checks := 0, 0
	for i := range faults {
		done := make(chan *http.Response, 1)
		go func() {
			res, _ := postJSON(t, srv, "/api/v1/demo", map[string]any{"accounts": 3000, "seed": i})
			done <- res
		}()
		// Wait until the load is inside its transaction, then end it.
		var killed int64
		deadline := time.Now().Add(20 * time.Second)
		for killed == 0 && time.Now().Before(deadline) {
			var busy int64
			admin.Read(ctx).Raw("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND xact_start IS NOT NULL AND state <> 'idle'", app).Scan(&busy)
			if busy > 0 {
				time.Sleep(time.Duration(20+r.IntN(200)) * time.Millisecond)
				admin.Read(ctx).Raw("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ? AND xact_start IS NOT NULL) t", app).Scan(&killed)
				continue
			}
			time.Sleep(5 * time.Millisecond)
		}
		res := <-done
		var accounts int64
		b.Store.Read(ctx).Raw("SELECT COUNT(*) FROM accounts").Scan(&accounts)
		switch {
		case killed > 0 && res.StatusCode == 503:
			terminated++
			if accounts != 0 {
				t.Fatalf("fault %d: %d accounts stayed after the rolled-back load", i, accounts)
			}
		case res.StatusCode == 201:
			t.Fatalf("fault %d: the load finished before it was ended (killed %d); make it larger", i, killed)
		default:
			t.Fatalf("fault %d: killed %d sessions, the load answered %d", i, killed, res.StatusCode)
		}
		checks += mustHold(t, b, fmt.Sprintf("after fault %d", i))
		if res, body := getStatus(t, srv, "/api/v1/summary"); res != 200 {
			t.Fatalf("fault %d: next request %d %s", i, res, body)
		}
	}
	if res, body := postJSON(t, srv, "/api/v1/accounts", newAccount); res.StatusCode != 201 {
		t.Fatalf("write after the faults: %d %v", res.StatusCode, body)
	}
	checks += mustHold(t, b, "at the end")
	t.Logf("%d of %d loads ended by pg_terminate_backend mid-transaction: each answered 503, rolled back, the next request succeeded; %d invariant checks passed", terminated, faults, checks)
}

// pgServer serves the API on a private schema of base; its sessions carry
// an application name starting with prefix, so a test can find them in
// pg_stat_activity.
func pgServer(t *testing.T, base, prefix string) (*boot.Backend, *httptest.Server, string) {
	t.Helper()
	app := fmt.Sprintf("%s_%x", prefix, rand.Uint32())
	b := openBackend(t, storetest.PrivateSchema(t, base)+"&application_name="+app)
	t.Cleanup(func() { b.Close() })
	srv := httptest.NewServer(b.API())
	t.Cleanup(srv.Close)
	return b, srv, app
}

func getStatus(t *testing.T, srv *httptest.Server, path string) (int, string) {
	t.Helper()
	res, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var buf [300]byte
	n, _ := res.Body.Read(buf[:])
	return res.StatusCode, string(buf[:n])
}

// TestPostgresRestartedMidTransaction restarts the PostgreSQL server
// (fast shutdown, as an upgrade or a crash-restart does) while a
// sample-portfolio load writes inside its transaction. The load answers
// 503 database_unavailable and leaves nothing, and once the server is back
// the app reconnects by itself: the very next read and write succeed and
// the invariants hold.
func TestPostgresRestartedMidTransaction(t *testing.T) {
	base, restart := os.Getenv(storetest.PGEnv), os.Getenv("CHURNDESK_TEST_PG_RESTART")
	if base == "" || restart == "" {
		t.Skip("needs a PostgreSQL server of its own to restart: PG_TEST_RESTART=1 scripts/pg-test.sh go test -run TestPostgresRestarted ./backend/reliability/")
	}
	b, srv, app := pgServer(t, base, "cd_restart")
	ctx := context.Background()
	// Warm the pool: several connections sit idle when the server goes away.
	for range 4 {
		if res, body := getStatus(t, srv, "/api/v1/summary"); res != 200 {
			t.Fatalf("before the restart: %d %s", res, body)
		}
	}
	admin, err := store.OpenUnmigrated(base)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *http.Response, 1)
	go func() {
		res, _ := postJSON(t, srv, "/api/v1/demo", map[string]any{"accounts": 3000, "seed": 9})
		done <- res
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var busy int64
		admin.Read(ctx).Raw("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND xact_start IS NOT NULL AND state <> 'idle'", app).Scan(&busy)
		if busy > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the load never started its transaction")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	admin.Close()
	if out, err := exec.Command("sh", "-c", restart).CombinedOutput(); err != nil {
		t.Fatalf("restart the server: %v\n%s", err, out)
	}
	res := <-done
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("the load cut by the restart answered %d, want 503", res.StatusCode)
	}
	// The server is up again: the next requests succeed on new connections.
	for i := range 6 {
		if code, body := getStatus(t, srv, "/api/v1/summary"); code != 200 {
			t.Fatalf("read %d after the restart: %d %s", i+1, code, body)
		}
	}
	var accounts int64
	if err := b.Store.Read(ctx).Raw("SELECT COUNT(*) FROM accounts").Scan(&accounts).Error; err != nil || accounts != 0 {
		t.Fatalf("after the rolled-back load: %d accounts (%v)", accounts, err)
	}
	if res, body := postJSON(t, srv, "/api/v1/accounts", newAccount); res.StatusCode != 201 {
		t.Fatalf("write after the restart: %d %v", res.StatusCode, body)
	}
	checks := mustHold(t, b, "after the restart")
	t.Logf("server restarted mid-transaction: the load answered 503 and left nothing; the next 6 reads and a write succeeded; %d invariant checks passed", checks)
}
