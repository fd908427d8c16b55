package api_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"churndesk/backend/api"
	"churndesk/backend/boot"
	"churndesk/backend/tokens"
)

// openGuarded opens a fresh SQLite backend and the handler serve builds
// from it for policy.
func openGuarded(t *testing.T, policy api.Policy, required bool) (*boot.Backend, http.Handler) {
	t.Helper()
	b, err := boot.OpenWith(context.Background(), t.TempDir()+"/g.db", func() time.Time { return fixedNow }, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, api.Protect(policy, api.Guard(b.Tokens, required, b.API()))
}

// attempt is one write request as a browser page or a script could send it.
type attempt struct {
	origin, site, contentType, method, host string
	body                                    string
}

func (a attempt) do(h http.Handler, path string) int {
	req := httptest.NewRequest(a.method, "http://"+a.host+path, strings.NewReader(a.body))
	req.Host = a.host
	if a.origin != "" {
		req.Header.Set("Origin", a.origin)
	}
	if a.site != "" {
		req.Header.Set("Sec-Fetch-Site", a.site)
	}
	if a.contentType != "" {
		req.Header.Set("Content-Type", a.contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

// TestOnlyOwnPagesAndScriptsCanWrite runs every combination of Origin,
// Sec-Fetch-Site, content type and method against POST /api/v1/accounts on
// a loopback server: only the server's own origin or no Origin, with a
// same-origin (or no) Sec-Fetch-Site and a JSON content type, writes.
func TestOnlyOwnPagesAndScriptsCanWrite(t *testing.T) {
	b, h := openGuarded(t, api.LoopbackPolicy(), false)
	const own = "127.0.0.1:8765"
	body := `{"name":"Acme","segment":"smb","mrr":100,"currency":"EUR","contract_start":"2025-01-01","status":"active"}`
	origins := []string{"", "http://127.0.0.1:8765", "http://127.0.0.1:9999", "http://localhost:8765", "https://evil.example", "null"}
	sites := []string{"", "same-origin", "same-site", "cross-site", "none"}
	types := []string{"application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}
	created := 0
	for _, origin := range origins {
		for _, site := range sites {
			for _, ct := range types {
				a := attempt{origin: origin, site: site, contentType: ct, method: "POST", host: own, body: body}
				want := http.StatusCreated
				switch {
				case origin != "" && origin != "http://"+own:
					want = http.StatusForbidden
				case site == "same-site" || site == "cross-site":
					want = http.StatusForbidden
				case !strings.HasPrefix(ct, "application/json"):
					want = http.StatusUnsupportedMediaType
				}
				before := countAccounts(t, b)
				got := a.do(h, "/api/v1/accounts")
				if got != want {
					t.Errorf("Origin %q, Sec-Fetch-Site %q, Content-Type %q: %d, want %d", origin, site, ct, got, want)
				}
				after := countAccounts(t, b)
				if got == http.StatusCreated {
					created++
				} else if after != before {
					t.Errorf("Origin %q, Sec-Fetch-Site %q, Content-Type %q was refused yet wrote", origin, site, ct)
				}
			}
		}
	}
	// 2 acceptable origins × 3 acceptable sites × 2 JSON types.
	if created != 12 || countAccounts(t, b) != 12 {
		t.Errorf("%d writes answered 201, %d accounts stored; want 12", created, countAccounts(t, b))
	}
	// Reads: a foreign Origin is refused; cross-site navigation without Origin (a link) reads.
	for _, tc := range []struct {
		a    attempt
		want int
	}{
		{attempt{method: "GET", host: own, origin: "https://evil.example", site: "cross-site"}, 403},
		{attempt{method: "GET", host: own, site: "cross-site"}, 200},
		{attempt{method: "GET", host: own, origin: "http://" + own, site: "same-origin"}, 200},
		{attempt{method: "DELETE", host: own, site: "cross-site"}, 403},
		{attempt{method: "PUT", host: own, origin: "http://localhost:3000", contentType: "application/json", body: "{}"}, 403},
	} {
		if got := tc.a.do(h, "/api/v1/accounts"); got != tc.want {
			t.Errorf("%+v: %d, want %d", tc.a, got, tc.want)
		}
	}
}

func countAccounts(t *testing.T, b *boot.Backend) int64 {
	t.Helper()
	var n int64
	if err := b.Store.Read(context.Background()).Table("accounts").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestForeignHostIsMisdirected: a DNS-rebinding page sends its own name as
// Host; loopback answers only its own names, a team server only its
// --public-host names and addresses.
func TestForeignHostIsMisdirected(t *testing.T) {
	b, loop := openGuarded(t, api.LoopbackPolicy(), false)
	tok, err := b.Tokens.Create(context.Background(), "test", tokens.Input{Name: "Anna", Scope: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	public := api.Protect(api.PublicPolicy([]string{"churn.example.com"}), api.Guard(b.Tokens, true, b.API()))
	cases := []struct {
		name string
		h    http.Handler
		host string
		want int
	}{
		{"loopback 127.0.0.1", loop, "127.0.0.1:8765", 200},
		{"loopback localhost", loop, "localhost:8765", 200},
		{"loopback [::1]", loop, "[::1]:8765", 200},
		{"loopback localhost no port", loop, "localhost", 200},
		{"loopback rebinding name", loop, "evil.example:8765", 421},
		{"loopback localhost subdomain", loop, "localhost.evil.example", 421},
		{"loopback LAN address", loop, "192.168.1.5:8765", 421},
		{"loopback empty host", loop, "", 421},
		{"public named host", public, "churn.example.com", 200},
		{"public named host with port and dot", public, "CHURN.example.com.:8443", 200},
		{"public address", public, "10.0.0.7:8765", 200},
		{"public rebinding name", public, "evil.example", 421},
		{"public lookalike", public, "churn.example.com.evil.example", 421},
	}
	for _, tc := range cases {
		req := httptest.NewRequest("GET", "/api/v1/accounts", nil)
		req.Host = tc.host
		req.Header.Set("Authorization", "Bearer "+tok.Secret)
		rec := httptest.NewRecorder()
		tc.h.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("%s (Host %q): %d, want %d: %s", tc.name, tc.host, rec.Code, tc.want, rec.Body)
		}
		if tc.want == 421 && strings.Contains(rec.Body.String(), "items") {
			t.Errorf("%s: a refused request read data", tc.name)
		}
	}
}

// TestUploadsNeedTheClientHeader: a form on another page can send a
// multipart body, but not the header ChurnDesk's pages add.
func TestUploadsNeedTheClientHeader(t *testing.T) {
	_, h := openGuarded(t, api.LoopbackPolicy(), false)
	for _, withHeader := range []bool{false, true} {
		for _, path := range []string{"/api/v1/import/accounts", "/api/v1/import-inspect"} {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, _ := mw.CreateFormFile("file", "a.csv")
			fw.Write([]byte("Name,Domain\nAcme,acme.io\n"))
			mw.WriteField("options", `{"dry_run":true,"mapping":{"name":"Name","domain":"Domain","external_id":"Domain"}}`)
			mw.Close()
			req := httptest.NewRequest("POST", path, &body)
			req.Host = "127.0.0.1:8765"
			req.Header.Set("Content-Type", mw.FormDataContentType())
			if withHeader {
				req.Header.Set(api.ClientHeader, "app")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			want := http.StatusForbidden
			if withHeader {
				want = http.StatusOK
			}
			if rec.Code != want {
				t.Errorf("%s with header=%v: %d, want %d: %s", path, withHeader, rec.Code, want, rec.Body)
			}
		}
	}
}

// TestScopesEndWhereTheySay: read reads, write changes data but not
// tokens, secrets, backups or settings, admin does all.
func TestScopesEndWhereTheySay(t *testing.T) {
	b, h := openGuarded(t, api.LoopbackPolicy(), true)
	ctx := context.Background()
	secret := map[string]string{}
	for _, scope := range []string{"read", "write", "admin"} {
		tok, err := b.Tokens.Create(ctx, "test", tokens.Input{Name: "Person " + scope, Scope: scope})
		if err != nil {
			t.Fatal(err)
		}
		secret[scope] = tok.Secret
	}
	cases := []struct {
		method, path, body string
		read, write, admin int
	}{
		{"GET", "/api/v1/accounts", "", 200, 200, 200},
		{"POST", "/api/v1/accounts", `{"name":"A","segment":"smb","mrr":1,"currency":"EUR","contract_start":"2025-01-01","status":"active"}`, 403, 201, 201},
		{"GET", "/api/v1/tokens", "", 403, 403, 200},
		{"POST", "/api/v1/tokens", `{"name":"New","scope":"admin"}`, 403, 403, 201},
		{"GET", "/api/v1/settings/webhooks", "", 403, 403, 200},
		{"PUT", "/api/v1/settings/webhooks", `{"stripe":"whsec_x","generic":"0123456789abcdef0123"}`, 403, 403, 200},
		{"GET", "/api/v1/settings/backup", "", 403, 403, 200},
		{"PUT", "/api/v1/churn-settings", `{}`, 403, 403, 422},
		{"PUT", "/api/v1/settings/brand", `{}`, 403, 403, 200},
		{"PUT", "/api/v1/health-model", `{}`, 403, 403, 422},
		{"GET", "/api/v1/health-model", "", 200, 200, 200},
	}
	for _, tc := range cases {
		for _, scope := range []string{"read", "write", "admin"} {
			want := map[string]int{"read": tc.read, "write": tc.write, "admin": tc.admin}[scope]
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			req.Host = "127.0.0.1"
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+secret[scope])
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != want {
				t.Errorf("%s %s with a %s token: %d, want %d: %s", tc.method, tc.path, scope, rec.Code, want, rec.Body)
			}
		}
	}
	// The audit trail names the person the token was made for.
	list, _ := b.Tokens.List(ctx)
	var madeBy string
	for _, tk := range list.Items {
		if tk.Name == "New" {
			madeBy = tk.CreatedBy
		}
	}
	if madeBy != "Person admin (API token)" {
		t.Errorf("token made by %q", madeBy)
	}
	// With tokens required the open health check says only that it is up.
	req := httptest.NewRequest("GET", "/api/v1/health", nil)
	req.Host = "127.0.0.1"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if got := strings.TrimSpace(rec.Body.String()); rec.Code != 200 || got != `{"status":"ok"}` {
		t.Errorf("health = %d %s", rec.Code, got)
	}
}
