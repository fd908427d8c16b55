package api_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"churndesk/backend/boot"
)

// dbFingerprint hashes every row of every table the API can write.
func dbFingerprint(t *testing.T, b *boot.Backend) string {
	t.Helper()
	h := sha256.New()
	for _, table := range []string{"accounts", "contacts", "usage_snapshots", "nps_responses", "churn_records", "churn_audits", "mrr_movements",
		"checklists", "checklist_items", "tasks", "settings", "tiers", "referrals", "api_tokens", "qbr_reports", "webhook_events"} {
		var rows []map[string]any
		if err := b.Store.Read(context.Background()).Table(table).Find(&rows).Error; err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		fmt.Fprintf(h, "%s:%d:%v;", table, len(rows), rows)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestHostileInputIsRefusedAndChangesNothing(t *testing.T) {
	long := strings.Repeat("A", 100_000)
	acc := func(field string, value any) map[string]any { return with(validAccount(), field, value) }
	cases := []struct {
		name, method, path string
		body               any
		want               int
	}{
		{"name as number", "POST", "/api/v1/accounts", acc("name", 42), 422},
		{"mrr as string", "POST", "/api/v1/accounts", acc("mrr", "100"), 422},
		{"mrr as float", "POST", "/api/v1/accounts", acc("mrr", 10.5), 422},
		{"mrr negative", "POST", "/api/v1/accounts", acc("mrr", -1), 422},
		{"mrr beyond int64", "POST", "/api/v1/accounts", `{"name":"X","segment":"smb","mrr":99999999999999999999999,"currency":"EUR","contract_start":"2025-01-01","status":"active"}`, 422},
		{"seats negative", "POST", "/api/v1/accounts", acc("seats", -3), 422},
		{"missing name", "POST", "/api/v1/accounts", without(validAccount(), "name"), 422},
		{"missing everything", "POST", "/api/v1/accounts", map[string]any{}, 422},
		{"null body", "POST", "/api/v1/accounts", "null", 422},
		{"array body", "POST", "/api/v1/accounts", "[1,2,3]", 400},
		{"huge name", "POST", "/api/v1/accounts", acc("name", long), 422},
		{"huge body", "POST", "/api/v1/accounts", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, 413},
		{"unknown segment", "POST", "/api/v1/accounts", acc("segment", "galactic"), 422},
		{"unknown status", "POST", "/api/v1/accounts", acc("status", "deleted"), 422},
		{"impossible date", "POST", "/api/v1/accounts", acc("contract_start", "2025-02-30"), 422},
		{"date with time", "POST", "/api/v1/accounts", acc("contract_start", "2025-01-01T00:00:00Z"), 422},
		{"year zero", "POST", "/api/v1/accounts", acc("renewal_date", "0000-01-01"), 422},
		{"currency lower garbage", "POST", "/api/v1/accounts", acc("currency", "€€€"), 422},
		{"SQL in currency", "POST", "/api/v1/accounts", acc("currency", "EUR'; DROP TABLE accounts;--"), 422},
		{"SQL in sort", "GET", "/api/v1/accounts?sort=name%3BDROP%20TABLE%20accounts", nil, 422},
		{"SQL in sort column", "GET", "/api/v1/accounts?sort=%28SELECT%201%29", nil, 422},
		{"limit too large", "GET", "/api/v1/accounts?limit=100000", nil, 422},
		{"negative offset", "GET", "/api/v1/accounts?offset=-5", nil, 422},
		{"limit as text", "GET", "/api/v1/accounts?limit=ten", nil, 422},
		{"unknown status filter", "GET", "/api/v1/accounts?status=<script>", nil, 422},
		{"bad utf-8", "POST", "/api/v1/accounts", "{\"name\":\"\xc3\x28\"}", 400},
		{"unknown field", "POST", "/api/v1/accounts", acc("admin", true), 422},
		{"trailing garbage", "POST", "/api/v1/accounts", `{"name":"a"} trailing`, 400},
		{"domain with script", "POST", "/api/v1/accounts", acc("domain", "<script>alert(1)</script>"), 422},
		{"domain path traversal", "POST", "/api/v1/accounts", acc("domain", "../../etc/passwd"), 422},
		{"card month 13", "POST", "/api/v1/accounts", with(acc("card_expiry_month", 13), "card_expiry_year", 2027), 422},
		{"id not a number", "GET", "/api/v1/accounts/abc", nil, 422},
		{"id negative", "DELETE", "/api/v1/accounts/-1", nil, 422},
		{"id path traversal", "GET", "/api/v1/accounts/..%2F..%2Fetc%2Fpasswd", nil, 422},
		{"missing account", "DELETE", "/api/v1/accounts/999999", nil, 404},
		{"contact bad email", "POST", "/api/v1/accounts/1/contacts", map[string]any{"name": "X", "email": "not-an-email", "role": "user"}, 422},
		{"contact formula role", "POST", "/api/v1/accounts/1/contacts", map[string]any{"name": "X", "email": "a@b.co", "role": "=HYPERLINK()"}, 422},
		{"NPS score 11", "POST", "/api/v1/accounts/1/nps", map[string]any{"score": 11, "responded_on": "2026-01-01"}, 422},
		{"NPS score negative", "POST", "/api/v1/accounts/1/nps", map[string]any{"score": -1, "responded_on": "2026-01-01"}, 422},
		{"usage negative users", "PUT", "/api/v1/usage", map[string]any{"items": []map[string]any{{"account_id": 1, "week_start": "2026-11-16", "active_users": -1, "logins": 0, "key_feature_uses": 0}}}, 422},
		{"usage empty batch", "PUT", "/api/v1/usage", map[string]any{"items": []any{}}, 422},
		{"health weights 99", "PUT", "/api/v1/health-model", `{"model":{"components":[{"key":"nps","weight":99,"good":9,"bad":4}],"good_from":70,"poor_below":40},"engagement":{"window_weeks":12,"rising_above":2,"declining_below":-2,"inactive_weeks":3}}`, 422},
		{"churn unknown reason", "POST", "/api/v1/accounts/1/churn", map[string]any{"churn_date": "2026-10-01", "reason": "<img src=x onerror=alert(1)>"}, 422},
		{"churn before contract", "POST", "/api/v1/accounts/1/churn", map[string]any{"churn_date": "1999-01-01", "reason": "other"}, 422},
		{"metrics reversed", "GET", "/api/v1/metrics?from=2026-12-01&to=2026-01-01", nil, 422},
		{"qbr bad quarter", "GET", "/api/v1/accounts/1/qbr?quarter=2026-Q9", nil, 422},
		{"tier negative MRR", "POST", "/api/v1/tiers", map[string]any{"name": "T", "rank": 1, "min_tenure_months": 0, "min_mrr": -1, "min_lifetime_revenue": 0, "benefits": []any{}}, 422},
		{"referral to unknown account", "POST", "/api/v1/referrals", map[string]any{"referrer_account_id": 999999, "referred_company": "X", "referred_on": "2026-01-01", "channel": "email"}, 422},
		{"token bad scope", "POST", "/api/v1/tokens", map[string]any{"name": "x", "scope": "root"}, 422},
		{"webhook unsigned", "POST", "/api/v1/webhooks/generic", `{"id":"1","type":"payment.failed","source":"x","data":{"external_id":"1"}}`, 401},
		{"stripe unsigned", "POST", "/api/v1/webhooks/stripe", `{"id":"evt_1","type":"invoice.payment_failed"}`, 401},
		{"import path traversal kind", "POST", "/api/v1/import/..%2F..%2Fsecrets", nil, 400},
	}
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		if res := call(t, srv, "POST", "/api/v1/accounts", validAccount()); res.status != 201 {
			t.Fatalf("seed account: %d %s", res.status, res.body)
		}
		before := dbFingerprint(t, b)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				res := call(t, srv, tc.method, tc.path, tc.body)
				if res.status != tc.want {
					t.Errorf("status %d, want %d: %s", res.status, tc.want, res.body)
				}
				e := decode[map[string]any](t, res)
				if e["code"] == nil || e["message"] == nil {
					t.Errorf("not the error shape: %s", res.body)
				}
				if tc.want == 422 && e["fields"] == nil {
					t.Errorf("422 without fields: %s", res.body)
				}
			})
		}
		if after := dbFingerprint(t, b); after != before {
			t.Error("a refused request changed the database")
		}
		if len(cases) < 40 {
			t.Errorf("only %d hostile cases", len(cases))
		}
	})
}

// TestStoredTextStaysText stores markup and formulas and reads them back
// unchanged as JSON strings, served as JSON (never HTML), and neutralised in CSV.
func TestStoredTextStaysText(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		name := `<script>alert("x")</script> =1+1`
		res := call(t, srv, "POST", "/api/v1/accounts", with(validAccount(), "name", name))
		if res.status != 201 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/json") {
			t.Fatalf("create: %d %v", res.status, res.header)
		}
		if got := decode[map[string]any](t, res)["name"]; got != name {
			t.Errorf("name came back as %q", got)
		}
		csvRes, err := http.Get(srv.URL + "/api/v1/accounts/export")
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(csvRes.Body)
		csvRes.Body.Close()
		if !strings.Contains(string(raw), `<script>alert(""x"")</script> =1+1`) {
			t.Errorf("csv = %s", raw)
		}
		formula := call(t, srv, "POST", "/api/v1/accounts", with(with(validAccount(), "name", "=1+1"), "domain", "formula.io"))
		if formula.status != 201 {
			t.Fatal(formula.status)
		}
		csvRes, _ = http.Get(srv.URL + "/api/v1/accounts/export")
		raw, _ = io.ReadAll(csvRes.Body)
		csvRes.Body.Close()
		if !strings.Contains(string(raw), "\n4,'=1+1,") && !strings.Contains(string(raw), ",'=1+1,") {
			t.Errorf("=1+1 not neutralised: %s", raw)
		}
	})
}
