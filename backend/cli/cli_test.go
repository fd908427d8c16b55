package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"churndesk/backend/api"
	"churndesk/backend/cli"
)

// syncBuffer lets the test read what a running command has printed so far.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var dist = fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>ChurnDesk</title>")}}

func run(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut syncBuffer
	code := cli.Run(ctx, args, cli.Env{Stdout: &out, Stderr: &errOut, Dist: dist})
	return code, out.String(), errOut.String()
}

func TestDemoThenServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	code, out, errOut := run(t, context.Background(), "demo", "--db", db, "--accounts", "40", "--seed", "3")
	if code != 0 || !strings.HasPrefix(out, "Loaded 40 accounts, ") {
		t.Fatalf("demo: code %d, out %q, err %q", code, out, errOut)
	}
	if info, err := os.Stat(db); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("database file: %v %v", info, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- cli.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, cli.Env{Stdout: &stdout, Stderr: &stderr, Dist: dist})
	}()
	addr := waitForAddress(t, &stdout, &stderr)
	res, err := http.Get("http://" + addr + "/api/v1/accounts?limit=10")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Items []json.RawMessage `json:"items"`
		Total int               `json:"total"`
	}
	json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	if len(list.Items) != 10 || list.Total != 40 {
		t.Errorf("accounts page: %d items, total %d", len(list.Items), list.Total)
	}
	page, err := http.Get("http://" + addr + "/accounts/17")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(page.Body)
	page.Body.Close()
	if page.StatusCode != 200 || !strings.Contains(body.String(), "<title>ChurnDesk</title>") {
		t.Errorf("client route: %d %q", page.StatusCode, body.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

var listening = regexp.MustCompile(`ChurnDesk listening on http://(\S+)`)

func waitForAddress(t *testing.T, stdout, stderr *syncBuffer) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(stdout.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve did not start: %q %q", stdout.String(), stderr.String())
	return ""
}

func TestServeBeyondLoopbackNeedsTokens(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	code, _, errOut := run(t, context.Background(), "serve", "--db", db, "--addr", "0.0.0.0:0")
	if code != 1 || !strings.Contains(errOut, "refusing to serve on 0.0.0.0:0 without an API token") {
		t.Fatalf("code %d, stderr %q", code, errOut)
	}
	code, out, _ := run(t, context.Background(), "token", "create", "--db", db, "--name", "crm", "--scope", "read")
	secret := regexp.MustCompile(`cd_[a-z0-9]+`).FindString(out)
	if code != 0 || secret == "" {
		t.Fatalf("token create: %d %q", code, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	go cli.Run(ctx, []string{"serve", "--db", db, "--addr", "0.0.0.0:0"}, cli.Env{Stdout: &stdout, Stderr: &stderr, Dist: dist})
	addr := waitForAddress(t, &stdout, &stderr)
	port := addr[strings.LastIndex(addr, ":"):]
	base := "http://127.0.0.1" + port
	get := func(path, secret string) int {
		req, _ := http.NewRequest("GET", base+path, nil)
		if secret != "" {
			req.Header.Set("Authorization", "Bearer "+secret)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := get("/api/v1/accounts", ""); got != 401 {
		t.Errorf("no token: %d, want 401", got)
	}
	if got := get("/api/v1/accounts", "cd_wrong"); got != 401 {
		t.Errorf("wrong token: %d, want 401", got)
	}
	if got := get("/api/v1/accounts", secret); got != 200 {
		t.Errorf("read token: %d, want 200", got)
	}
	if got := get("/api/v1/health", ""); got != 200 {
		t.Errorf("health without token: %d, want 200", got)
	}
	req, _ := http.NewRequest("POST", base+"/api/v1/accounts", strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer "+secret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 403 {
		t.Errorf("read token writing: %d, want 403", res.StatusCode)
	}
}

func TestOpenAPICommandWritesTheServedDocument(t *testing.T) {
	file := filepath.Join(t.TempDir(), "openapi.json")
	if code, _, errOut := run(t, context.Background(), "openapi", "-o", file); code != 0 {
		t.Fatalf("openapi: %s", errOut)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := api.Spec()
	if string(got) != string(want)+"\n" {
		t.Error("written document differs from the served one")
	}
}

func TestBadFlagsAndHelp(t *testing.T) {
	code, _, errOut := run(t, context.Background(), "demo", "--accounts", "lots")
	if code != 1 || !strings.Contains(errOut, `invalid value "lots" for flag -accounts`) {
		t.Errorf("bad flag: code %d, %q", code, errOut)
	}
	code, out, _ := run(t, context.Background(), "help")
	if code != 0 || !strings.Contains(out, "serve") || !strings.Contains(out, "demo") {
		t.Errorf("help: code %d, %q", code, out)
	}
	for _, name := range cli.Commands {
		if !cli.IsCommand([]string{name}) || !strings.Contains(out, "  "+name+" ") {
			t.Errorf("command %s is listed but not runnable or not in the help", name)
		}
	}
	if !cli.IsCommand([]string{"serve"}) || cli.IsCommand([]string{"--db", "x.db"}) || cli.IsCommand(nil) {
		t.Error("IsCommand misclassifies")
	}
}
