package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"churndesk/backend/api"
	"churndesk/backend/boot"
	"churndesk/backend/store/storetest"
	"churndesk/backend/tokens"
)

var fixedNow = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// eachServer runs fn against the real handler on every test engine.
func eachServer(t *testing.T, fn func(t *testing.T, srv *httptest.Server, b *boot.Backend)) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			b, err := boot.OpenWith(context.Background(), e.DSN, func() time.Time { return fixedNow }, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { b.Close() })
			srv := httptest.NewServer(b.API())
			t.Cleanup(srv.Close)
			fn(t, srv, b)
		})
	}
}

type response struct {
	status int
	body   []byte
	header http.Header
}

func call(t *testing.T, srv *httptest.Server, method, path string, body any) response {
	t.Helper()
	return callIn(t, srv, "", method, path, body)
}

// callIn is call with the interface language the app sends as
// Accept-Language ("" sends none).
func callIn(t *testing.T, srv *httptest.Server, lang, method, path string, body any) response {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.ClientHeader, "app") // as ChurnDesk's own pages send it
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, body: raw, header: res.Header}
}

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	return v
}

type accountList struct {
	Items []map[string]any `json:"items"`
	Total int              `json:"total"`
}

func validAccount() map[string]any {
	return map[string]any{
		"name": "Acme", "domain": "acme.io", "segment": "smb", "mrr": 49900, "currency": "EUR",
		"contract_start": "2025-03-01", "status": "active", "owner": "Sarah Chen",
	}
}

func TestDemoThenListPage(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		res := call(t, srv, "POST", "/api/v1/demo", map[string]any{"accounts": 200, "seed": 7})
		if res.status != http.StatusCreated {
			t.Fatalf("demo: %d %s", res.status, res.body)
		}
		loaded := decode[map[string]int](t, res)
		if loaded["accounts"] != 200 || loaded["usage_rows"] < 200*4 || loaded["contacts"] < 200 {
			t.Errorf("demo result = %v", loaded)
		}
		list := decode[accountList](t, call(t, srv, "GET", "/api/v1/accounts?limit=10", nil))
		if len(list.Items) != 10 || list.Total != 200 {
			t.Errorf("page: %d items, total %d; want 10 and 200", len(list.Items), list.Total)
		}
		again := call(t, srv, "POST", "/api/v1/demo", map[string]any{"accounts": 5})
		if again.status != http.StatusConflict || decode[api.ErrorBody](t, again).Code != "conflict" {
			t.Errorf("second demo load: %d %s", again.status, again.body)
		}
	})
}

func TestCreateValidationWritesNothing(t *testing.T) {
	cases := []struct {
		name   string
		body   any
		status int
		code   string
		field  string
	}{
		{"negative mrr", with(validAccount(), "mrr", -100), 422, "validation_failed", "mrr"},
		{"mrr as text", with(validAccount(), "mrr", "lots"), 422, "validation_failed", "mrr"},
		{"missing name", without(validAccount(), "name"), 422, "validation_failed", "name"},
		{"unknown field", with(validAccount(), "is_admin", true), 422, "validation_failed", "is_admin"},
		{"unknown status", with(validAccount(), "status", "zombie"), 422, "validation_failed", "status"},
		{"impossible date", with(validAccount(), "contract_start", "2025-13-45"), 422, "validation_failed", "contract_start"},
		{"broken json", `{"name": "Acme"`, 400, "bad_request", ""},
		{"two objects", `{"name":"a"}{"name":"b"}`, 400, "bad_request", ""},
		{"empty body", "", 400, "bad_request", ""},
		{"huge body", `{"name":"` + strings.Repeat("a", 2<<20) + `"}`, 413, "payload_too_large", ""},
		{"bad utf-8", "{\"name\":\"\xff\xfe\"}", 400, "bad_request", ""},
	}
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				res := call(t, srv, "POST", "/api/v1/accounts", tc.body)
				if res.status != tc.status {
					t.Fatalf("status = %d (%s), want %d", res.status, res.body, tc.status)
				}
				e := decode[api.ErrorBody](t, res)
				if e.Code != tc.code || e.Message == "" {
					t.Errorf("error = %+v, want code %s", e, tc.code)
				}
				if tc.field != "" && e.Fields[tc.field] == "" {
					t.Errorf("fields = %v, want one for %s", e.Fields, tc.field)
				}
				total := decode[accountList](t, call(t, srv, "GET", "/api/v1/accounts", nil)).Total
				if total != 0 {
					t.Errorf("accounts after a rejected create = %d, want 0", total)
				}
			})
		}
		res := call(t, srv, "POST", "/api/v1/accounts", with(validAccount(), "mrr", -1))
		if e := decode[api.ErrorBody](t, res); e.Fields["mrr"] != "must be ≥ 0" {
			t.Errorf("negative MRR message = %q", e.Fields["mrr"])
		}
	})
}

func with(m map[string]any, k string, v any) map[string]any { m[k] = v; return m }
func without(m map[string]any, k string) map[string]any     { delete(m, k); return m }

func TestAccountAndContactRoundTrip(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		res := call(t, srv, "POST", "/api/v1/accounts", validAccount())
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		acc := decode[map[string]any](t, res)
		id := int(acc["id"].(float64))
		path := "/api/v1/accounts/" + itoa(id)
		if acc["renewal_date"] != nil || acc["contract_start"] != "2025-03-01" || acc["mrr"].(float64) != 49900 {
			t.Errorf("created = %v", acc)
		}
		upd := call(t, srv, "PUT", path, with(validAccount(), "mrr", 65000))
		if upd.status != 200 || decode[map[string]any](t, upd)["mrr"].(float64) != 65000 {
			t.Errorf("update: %d %s", upd.status, upd.body)
		}
		c := call(t, srv, "POST", path+"/contacts", map[string]any{"name": "Ola Nowak", "email": "ola@acme.io", "role": "champion"})
		if c.status != 201 {
			t.Fatalf("contact: %d %s", c.status, c.body)
		}
		contacts := decode[accountList](t, call(t, srv, "GET", path+"/contacts", nil))
		if contacts.Total != 1 || contacts.Items[0]["email"] != "ola@acme.io" {
			t.Errorf("contacts = %+v", contacts)
		}
		if got := decode[map[string]any](t, call(t, srv, "GET", path, nil)); got["contacts_count"].(float64) != 1 {
			t.Errorf("contacts_count = %v", got["contacts_count"])
		}
		if del := call(t, srv, "DELETE", path, nil); del.status != 204 || len(del.body) != 0 {
			t.Errorf("delete: %d %s", del.status, del.body)
		}
		missing := call(t, srv, "GET", path, nil)
		if missing.status != 404 || decode[api.ErrorBody](t, missing).Code != "not_found" {
			t.Errorf("get deleted: %d %s", missing.status, missing.body)
		}
		if bad := call(t, srv, "GET", "/api/v1/accounts/abc", nil); bad.status != 422 || decode[api.ErrorBody](t, bad).Fields["id"] == "" {
			t.Errorf("bad id: %d %s", bad.status, bad.body)
		}
		if bad := call(t, srv, "GET", "/api/v1/accounts?limit=many", nil); bad.status != 422 || decode[api.ErrorBody](t, bad).Fields["limit"] != "must be a whole number" {
			t.Errorf("bad limit: %d %s", bad.status, bad.body)
		}
		if none := call(t, srv, "GET", "/api/v1/nothing-here", nil); none.status != 404 || decode[api.ErrorBody](t, none).Code != "not_found" {
			t.Errorf("unknown endpoint: %d %s", none.status, none.body)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestExportCSV(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		call(t, srv, "POST", "/api/v1/accounts", with(validAccount(), "name", "=cmd|' /C calc'!A0"))
		res := call(t, srv, "GET", "/api/v1/accounts/export?format=csv", nil)
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("export: %d %v", res.status, res.header)
		}
		lines := strings.Split(strings.TrimSpace(string(res.body)), "\n")
		if len(lines) != 2 || !strings.Contains(lines[1], `'=cmd|' /C calc'!A0`) {
			t.Errorf("csv = %q", res.body)
		}
	})
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		res := call(t, srv, "GET", "/api/v1/openapi.json", nil)
		doc := decode[map[string]any](t, res)
		if doc["openapi"] != "3.1.0" {
			t.Errorf("openapi = %v", doc["openapi"])
		}
		want, err := api.Spec()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(res.body, want) {
			t.Error("served document differs from api.Spec()")
		}
		paths := doc["paths"].(map[string]any)
		for _, p := range []string{"/api/v1/accounts", "/api/v1/accounts/{id}", "/api/v1/accounts/{id}/contacts", "/api/v1/demo", "/api/v1/health"} {
			if paths[p] == nil {
				t.Errorf("path %s is not documented", p)
			}
		}
		health := decode[api.Health](t, call(t, srv, "GET", "/api/v1/health", nil))
		if health.Status != "ok" || (health.Engine != "sqlite" && health.Engine != "postgres") {
			t.Errorf("health = %+v", health)
		}
	})
}

func TestGuard(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		ctx := context.Background()
		read, _ := b.Tokens.Create(ctx, "Anna", tokens.Input{Name: "reporting", Scope: "read"})
		write, _ := b.Tokens.Create(ctx, "Anna", tokens.Input{Name: "hubspot-sync", Scope: "write"})
		revoked, _ := b.Tokens.Create(ctx, "Anna", tokens.Input{Name: "old", Scope: "write"})
		if err := b.Tokens.Revoke(ctx, revoked.ID); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			required     bool
			method, path string
			secret       string
			want         int
		}{
			{true, "GET", "/api/v1/accounts", "", 401},
			{true, "GET", "/api/v1/accounts", read.Secret, 200},
			{true, "POST", "/api/v1/accounts", read.Secret, 403},
			{true, "POST", "/api/v1/accounts", write.Secret, 201},
			{true, "GET", "/api/v1/accounts", revoked.Secret, 401},
			{true, "GET", "/api/v1/health", "", 200},
			{false, "GET", "/api/v1/accounts", "", 200},
			{false, "GET", "/api/v1/accounts", "cd_nonsense", 401},
			{false, "DELETE", "/api/v1/accounts/1", read.Secret, 403},
		}
		for _, tc := range cases {
			h := api.Guard(b.Tokens, tc.required, b.API())
			req := httptest.NewRequest(tc.method, tc.path, jsonBody(t, validAccount()))
			req.Header.Set("Content-Type", "application/json")
			if tc.secret != "" {
				req.Header.Set("Authorization", "Bearer "+tc.secret)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Errorf("required=%v %s %s with %q: %d, want %d (%s)", tc.required, tc.method, tc.path, tc.secret, rec.Code, tc.want, rec.Body)
			}
		}
		list, _ := b.Tokens.List(ctx)
		if len(list.Items) != 3 || list.Items[0].Prefix == "" || strings.HasPrefix(write.Secret, list.Items[1].Prefix) == false {
			t.Errorf("token list = %+v", list.Items)
		}
	})
}

const apiActorHeader = api.ActorHeader

// postUpload posts a multipart body as ChurnDesk's pages do, with the client header.
func postUpload(srv *httptest.Server, path, contentType string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequest("POST", srv.URL+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set(api.ClientHeader, "app")
	return srv.Client().Do(req)
}

func jsonBody(t *testing.T, v any) io.Reader {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(raw)
}
