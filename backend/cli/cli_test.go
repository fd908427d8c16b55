package cli_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
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
	if !strings.Contains(stderr.String(), "WARNING: serving on 0.0.0.0:0 without TLS") || !strings.Contains(stderr.String(), "reverse proxy") {
		t.Errorf("no TLS warning: %q", stderr.String())
	}
	// The open health check says only that the server is up.
	res, err = http.Get(base + "/api/v1/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Errorf("health = %s", body)
	}
	// A name nobody gave with --public-host is refused.
	req, _ = http.NewRequest("GET", base+"/api/v1/accounts", nil)
	req.Host = "rebind.example" + port
	req.Header.Set("Authorization", "Bearer "+secret)
	if res, err = http.DefaultClient.Do(req); err != nil || res.StatusCode != 421 {
		t.Errorf("foreign host: %v %v", res.StatusCode, err)
	}
	res.Body.Close()
}

func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := writeSelfSigned(t, dir)
	if code, _, errOut := run(t, context.Background(), "serve", "--db", filepath.Join(dir, "x.db"), "--tls-cert", certFile); code != 1 || !strings.Contains(errOut, "--tls-cert and --tls-key go together") {
		t.Errorf("cert without key: %d %q", code, errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	go cli.Run(ctx, []string{"serve", "--db", filepath.Join(dir, "x.db"), "--addr", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile}, cli.Env{Stdout: &stdout, Stderr: &stderr, Dist: dist})
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stdout.String(), "listening on https://") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	addr := regexp.MustCompile(`https://(\S+)`).FindStringSubmatch(stdout.String())
	if addr == nil {
		t.Fatalf("serve did not start with TLS: %q %q", stdout.String(), stderr.String())
	}
	cl := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // the test's own self-signed certificate
	res, err := cl.Get("https://" + addr[1] + "/api/v1/health")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("https health: %v %v", res, err)
	}
	res.Body.Close()
}

// writeSelfSigned writes a certificate for 127.0.0.1 and its key as PEM files.
func writeSelfSigned(t *testing.T, dir string) (string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	return certFile, keyFile
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
