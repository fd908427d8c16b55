package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"churndesk/backend/store"
)

// TestTwoServersOnOneFile runs two `churndesk serve` processes on the same
// SQLite file, with four clients on each creating accounts and changing
// their MRR at once. Every write either succeeds or is refused with a
// 503 database_busy (never a 500); each server reads what the other wrote;
// afterwards the file holds exactly the successful writes and keeps every
// invariant.
func TestTwoServersOnOneFile(t *testing.T) {
	if testing.Short() || os.Getenv("CHURNDESK_TEST_PG") != "" {
		t.Skip("a SQLite file test of the real binary: it runs in the SQLite pass")
	}
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "shared.db")
	run(t, bin, "demo", "--db", db, "--accounts", "50", "--seed", "2")
	var bases []string
	for range 2 {
		cmd, base := startServe(t, bin, db)
		defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
		bases = append(bases, base)
	}
	const perClient = 40
	type tally struct {
		created, busy int
		mrr           map[int64]int64
		ids           []int64
		errs          []string
	}
	results := make([]tally, 8)
	var wg sync.WaitGroup
	for c := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			base := bases[c%2]
			res := tally{mrr: map[int64]int64{}}
			for n := range perClient {
				mrr := int64(1000 + 10*n + c)
				body := map[string]any{"name": fmt.Sprintf("Twin %d-%d", c, n), "segment": "smb", "mrr": mrr, "currency": "EUR", "contract_start": "2025-01-01", "status": "active"}
				method, path, want := "POST", "/api/v1/accounts", 201
				if n%3 == 2 && len(res.ids) > 0 {
					id := res.ids[len(res.ids)-1]
					method, path, want = "PUT", fmt.Sprintf("/api/v1/accounts/%d", id), 200
					body["name"] = fmt.Sprintf("Twin %d-%d edited", c, id)
				}
				status, raw := call(method, base+path, body)
				switch {
				case status == want:
					var a struct {
						ID  int64 `json:"id"`
						MRR int64 `json:"mrr"`
					}
					json.Unmarshal(raw, &a)
					if method == "POST" {
						res.created++
						res.ids = append(res.ids, a.ID)
					}
					res.mrr[a.ID] = a.MRR
				case status == 503:
					res.busy++
				default:
					res.errs = append(res.errs, fmt.Sprintf("client %d %s %s: %d %s", c, method, path, status, raw))
				}
			}
			results[c] = res
		}()
	}
	wg.Wait()
	created, busy := 0, 0
	var sum int64
	for c, r := range results {
		for _, e := range r.errs {
			t.Error(e)
		}
		created += r.created
		busy += r.busy
		for _, m := range r.mrr {
			sum += m
		}
		// The other server reads this client's newest account.
		if len(r.ids) > 0 {
			other := bases[(c+1)%2]
			if status, raw := call("GET", fmt.Sprintf("%s/api/v1/accounts/%d", other, r.ids[len(r.ids)-1]), nil); status != 200 {
				t.Errorf("the other server cannot read account %d: %d %s", r.ids[len(r.ids)-1], status, raw)
			}
		}
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got, gotSum int64
	s.Read(context.Background()).Raw("SELECT COUNT(*) FROM accounts WHERE name LIKE 'Twin %'").Scan(&got)
	s.Read(context.Background()).Raw("SELECT COALESCE(SUM(mrr), 0) FROM accounts WHERE name LIKE 'Twin %'").Scan(&gotSum)
	if got != int64(created) || gotSum != sum {
		t.Errorf("file holds %d twin accounts (MRR %d); the clients saw %d created (MRR %d)", got, gotSum, created, sum)
	}
	checks := mustHoldStore(t, s)
	t.Logf("two servers, 8 clients × %d writes: %d accounts created, %d writes refused busy (503), 0 errors; counts and MRR match; %d invariant checks passed", perClient, created, busy, checks)
}

func call(method, url string, body any) (int, []byte) {
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-ChurnDesk-Client", "app")
	c := &http.Client{Timeout: 30 * time.Second}
	res, err := c.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}
