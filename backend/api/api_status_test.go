package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"churndesk/backend/api"
	"churndesk/backend/boot"
	"churndesk/backend/reliability/invariants"
)

// TestAccountStatusChurnedOnlyThroughChurnRecords: the accounts API does
// not take status "churned" (a new account, or a customer set to it) nor
// moves a churned account back to a live status: 422 naming status, in the
// asker's language, nothing written. Logging the churn sets the status;
// editing a churned account's other fields keeps working; reactivation
// makes it a customer again, after which the form may set any live status.
// Every invariant holds at the end (a churned account has a current churn
// record, a live one has none).
func TestAccountStatusChurnedOnlyThroughChurnRecords(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		count := func() (n int64) {
			b.Store.Read(context.Background()).Raw("SELECT COUNT(*) FROM accounts").Scan(&n)
			return n
		}
		moves := func() (n int64) {
			b.Store.Read(context.Background()).Raw("SELECT COUNT(*) FROM mrr_movements").Scan(&n)
			return n
		}
		refused := func(res response, want string) {
			t.Helper()
			e := decode[struct {
				Code   string
				Fields map[string]string
			}](t, res)
			if res.status != 422 || e.Code != "validation_failed" || !strings.Contains(e.Fields["status"], want) || len(e.Fields) != 1 {
				t.Errorf("answer %d %s, want 422 naming status with %q", res.status, res.body, want)
			}
		}

		in := validAccount()
		in["status"] = "churned"
		refused(call(t, srv, "POST", "/api/v1/accounts", in), "log the churn on the account")
		if n := count(); n != 0 {
			t.Fatalf("the refused create stored %d accounts", n)
		}

		acc := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/accounts", validAccount()))
		id := strconv.Itoa(int(acc["id"].(float64)))
		before := moves()
		in = validAccount()
		in["status"], in["mrr"] = "churned", 0
		refused(call(t, srv, "PUT", "/api/v1/accounts/"+id, in), "which records why and sets the status")
		got := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/accounts/"+id, nil))
		if got["status"] != "active" || got["mrr"].(float64) != 49900 || moves() != before {
			t.Errorf("after the refused update: status %v, MRR %v, movements %d → %d", got["status"], got["mrr"], before, moves())
		}

		// In Russian the field message is Russian.
		req, _ := http.NewRequest("PUT", srv.URL+"/api/v1/accounts/"+id, jsonBody(t, in))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept-Language", "ru")
		req.Header.Set(api.ClientHeader, "app")
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		refused(response{status: res.StatusCode, body: raw}, "запишите уход")

		if r := call(t, srv, "POST", "/api/v1/accounts/"+id+"/churn", map[string]any{"churn_date": "2026-10-31", "reason": "price_budget"}); r.status != 201 {
			t.Fatalf("log churn: %d %s", r.status, r.body)
		}
		// A churned account's other fields can still be edited.
		in = validAccount()
		in["status"], in["owner"] = "churned", "Ola Nowak"
		if r := call(t, srv, "PUT", "/api/v1/accounts/"+id, in); r.status != 200 {
			t.Fatalf("edit the churned account: %d %s", r.status, r.body)
		}
		for _, s := range []string{"active", "onboarding", "trial"} {
			in["status"] = s
			refused(call(t, srv, "PUT", "/api/v1/accounts/"+id, in), "reactivate it from its churn panel")
		}
		got = decode[map[string]any](t, call(t, srv, "GET", "/api/v1/accounts/"+id, nil))
		if got["status"] != "churned" || got["owner"] != "Ola Nowak" {
			t.Errorf("churned account = %v / %v", got["status"], got["owner"])
		}

		if r := call(t, srv, "POST", "/api/v1/accounts/"+id+"/reactivate", map[string]any{"date": "2026-11-20", "mrr": 30000}); r.status != 204 {
			t.Fatalf("reactivate: %d %s", r.status, r.body)
		}
		in = validAccount()
		in["status"], in["mrr"], in["contract_start"] = "onboarding", 30000, "2026-11-20"
		if r := call(t, srv, "PUT", "/api/v1/accounts/"+id, in); r.status != 200 {
			t.Fatalf("edit the reactivated account: %d %s", r.status, r.body)
		}
		rep, err := invariants.Check(context.Background(), b.Store)
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.Err(); err != nil {
			t.Error(err)
		}
	})
}
