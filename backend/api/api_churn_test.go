package api_test

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"churndesk/backend/boot"
)

func TestChurnEndpoints(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		acc := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/accounts", validAccount()))
		id := strconv.Itoa(int(acc["id"].(float64)))
		logged := call(t, srv, "POST", "/api/v1/accounts/"+id+"/churn", map[string]any{
			"churn_date": "2026-10-31", "reason": "competitor", "competitor": "Rivalry", "quotes": []string{"Cheaper elsewhere"}})
		if logged.status != 201 {
			t.Fatalf("log churn: %d %s", logged.status, logged.body)
		}
		rec := decode[map[string]any](t, logged)
		recPath := "/api/v1/churn-records/" + strconv.Itoa(int(rec["id"].(float64)))
		// 2025-03-01 → 2026-10-31 = 609 days.
		if rec["tenure_days"].(float64) != 609 || rec["account_name"] != "Acme" || rec["created_by"] != "local user" {
			t.Errorf("record = %v", rec)
		}
		if a := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/accounts/"+id, nil)); a["status"] != "churned" {
			t.Errorf("account status = %v", a["status"])
		}
		req, _ := http.NewRequest("PUT", srv.URL+recPath, jsonBody(t, map[string]any{"churn_date": "2026-10-31", "reason": "price_budget", "lessons": "Annual plan"}))
		req.Header.Set(apiActorHeader, "Tomasz Nowak")
		req.Header.Set("Content-Type", "application/json")
		res, err := srv.Client().Do(req)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("update: %v %v", res.StatusCode, err)
		}
		res.Body.Close()
		type entry struct {
			Action, Actor string
			Changes       map[string]struct{ Old, New any }
		}
		trail := decode[struct{ Items []entry }](t, call(t, srv, "GET", recPath+"/audit", nil)).Items
		if len(trail) != 2 || trail[1].Actor != "Tomasz Nowak" || trail[1].Changes["reason"].Old != "competitor" || trail[1].Changes["reason"].New != "price_budget" {
			t.Errorf("trail = %+v", trail)
		}
		list := decode[accountList](t, call(t, srv, "GET", "/api/v1/churn-records?reason=price_budget", nil))
		if list.Total != 1 {
			t.Errorf("filtered log total = %d", list.Total)
		}
		if bad := call(t, srv, "POST", "/api/v1/accounts/"+id+"/churn", map[string]any{"churn_date": "2026-11-01", "reason": "other"}); bad.status != 409 {
			t.Errorf("churning a churned account: %d", bad.status)
		}
		type metrics struct {
			Customers struct{ Start, End, New, Lost int }
			Figures   []struct {
				Key     string
				Value   *float64
				Formula string
			}
			Breakdowns struct {
				Reason []struct {
					Key   string
					Count int
				}
			}
		}
		m := decode[metrics](t, call(t, srv, "GET", "/api/v1/metrics?from=2026-01-01&to=2026-11-23&as_of=2026-11-24", nil))
		// One customer since 2025-03-01, lost on 2026-10-31: S 1, E 0, lost 1.
		if m.Customers.Start != 1 || m.Customers.End != 0 || m.Customers.Lost != 1 || len(m.Breakdowns.Reason) != 1 || m.Breakdowns.Reason[0].Key != "price_budget" {
			t.Errorf("metrics = %+v", m)
		}
		for _, f := range m.Figures {
			if f.Key == "logo_churn" && (f.Value == nil || *f.Value != 100 || f.Formula == "") {
				t.Errorf("logo churn = %+v", f)
			}
		}
		members := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/metrics/members?set=lost&from=2026-01-01&to=2026-11-23&as_of=2026-11-24", nil))
		if members["total"].(float64) != 1 {
			t.Errorf("members = %v", members)
		}
		curve := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/retention/curve?as_of=2026-11-24", nil))
		points := curve["curves"].([]any)[0].(map[string]any)["points"].([]any)
		if last := points[len(points)-1].(map[string]any); last["tenure_days"].(float64) != 609 || last["survival"].(float64) != 0 {
			t.Errorf("curve = %v", points)
		}
		if bad := call(t, srv, "GET", "/api/v1/metrics?from=2026-12-01&to=2026-11-01", nil); bad.status != 422 {
			t.Errorf("reversed period: %d", bad.status)
		}
		if res := call(t, srv, "POST", "/api/v1/accounts/"+id+"/reactivate", map[string]any{"date": "2026-11-20", "mrr": 30000}); res.status != 204 {
			t.Errorf("reactivate: %d %s", res.status, res.body)
		}
		if a := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/accounts/"+id, nil)); a["status"] != "active" || a["contract_start"] != "2026-11-20" {
			t.Errorf("reactivated account = %v", a)
		}
	})
}

func TestChurnExport(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		acc := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/accounts", with(validAccount(), "name", "=HYPERLINK(\"x\")")))
		id := strconv.Itoa(int(acc["id"].(float64)))
		call(t, srv, "POST", "/api/v1/accounts/"+id+"/churn", map[string]any{"churn_date": "2026-10-31", "reason": "competitor", "lessons": "@SUM(1)"})
		csvRes := call(t, srv, "GET", "/api/v1/churn-records/export?format=csv", nil)
		body := string(csvRes.body)
		if csvRes.status != 200 || !strings.Contains(body, `'=HYPERLINK(""x"")`) || !strings.Contains(body, "'@SUM(1)") || !strings.Contains(body, "Moved to a competitor") {
			t.Errorf("csv: %d %q", csvRes.status, body)
		}
		x := call(t, srv, "GET", "/api/v1/churn-records/export?format=xlsx", nil)
		f, err := excelize.OpenReader(bytes.NewReader(x.body))
		if err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		rows, _ := f.GetRows("Churn")
		if len(rows) != 2 || rows[1][0] != `'=HYPERLINK("x")` || rows[1][10] != "609" {
			t.Errorf("xlsx rows = %q", rows)
		}
		if bad := call(t, srv, "GET", "/api/v1/churn-records/export?format=pdf", nil); bad.status != 422 {
			t.Errorf("pdf: %d", bad.status)
		}
	})
}

func TestAccountsAndFiguresExports(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		call(t, srv, "POST", "/api/v1/accounts", with(validAccount(), "name", "=1+1"))
		x := call(t, srv, "GET", "/api/v1/accounts/export?format=xlsx", nil)
		f, err := excelize.OpenReader(bytes.NewReader(x.body))
		if err != nil {
			t.Fatalf("accounts xlsx: %v", err)
		}
		rows, _ := f.GetRows("Accounts")
		if len(rows) != 2 || rows[1][1] != "'=1+1" || rows[1][6] != "49900" {
			t.Errorf("accounts rows = %q", rows)
		}
		figs := call(t, srv, "GET", "/api/v1/metrics/export?format=csv&from=2026-01-01&to=2026-11-23&as_of=2026-11-24", nil)
		if figs.status != 200 || !strings.Contains(string(figs.body), "crr,,100,percent,CRR = (E − N) ÷ S × 100,2026-01-01,2026-11-23,2026-11-24") {
			t.Errorf("figures csv: %d %s", figs.status, figs.body)
		}
	})
}
