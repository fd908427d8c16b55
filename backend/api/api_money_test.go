package api_test

import (
	"context"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"churndesk/backend/boot"
	"churndesk/backend/store"
)

type conversion struct {
	Currency string
	Rates    []struct {
		Currency, Date string
		Rate           float64
	}
	Warnings []struct{ Code, Currency string }
}

type homeFigure struct {
	Key     string
	Value   *float64
	Formula string
}

type homeMetrics struct {
	Breakdowns struct {
		Reason []struct {
			Key         string
			MRRLost     map[string]int64 `json:"mrr_lost"`
			MRRLostHome *int64           `json:"mrr_lost_home"`
		}
	}
	Home struct {
		Revenue *struct {
			Currency                        string
			MRRStart                        int64 `json:"mrr_start"`
			Expansion, Contraction, Churned int64
			Figures                         []homeFigure
		}
		RatesOn    string `json:"rates_on"`
		Conversion conversion
	}
}

func (m homeMetrics) figure(key string) float64 {
	for _, f := range m.Home.Revenue.Figures {
		if f.Key == key && f.Value != nil {
			return *f.Value
		}
	}
	return -1
}

// newAccount creates an account through the API and returns its id.
func newAccount(t *testing.T, srv *httptest.Server, name, currency string, mrr int64, start, status string) string {
	t.Helper()
	res := call(t, srv, "POST", "/api/v1/accounts", map[string]any{"name": name, "segment": "smb", "mrr": mrr, "currency": currency,
		"contract_start": start, "status": status, "owner": "Anna"})
	if res.status != 201 {
		t.Fatalf("create %s: %d %s", name, res.status, res.body)
	}
	return strconv.Itoa(int(decode[map[string]any](t, res)["id"].(float64)))
}

func mustStatus(t *testing.T, r response, want int, what string) {
	t.Helper()
	if r.status != want {
		t.Fatalf("%s: %d %s", what, r.status, r.body)
	}
}

// TestHomeCurrencyFigures builds a three-currency portfolio through the API,
// today being 2026-11-24, home currency EUR, rates PLN 0.25 (2026-01-01) and
// 0.23 (2026-11-01), USD 0.90 (2026-06-01) and USD 0.50 (2026-12-01, after
// today: never used). All customers started 2025-06-01:
//
//	A EUR 1,000.00, expanded today to 1,600.00
//	B PLN 2,270.00
//	C USD 500.00, contracted today to 400.00
//	D EUR 200.00, churned 2026-05-01 (price_budget)
//	E PLN 400.00, churned 2026-08-01 (competitor)
//	T EUR 300.00, a trial since 2026-10-01
//
// Period 2026-01-01 … 2026-11-24, rates of 2026-11-24 (PLN 0.23, USD 0.90):
// MRR at start = 1,200.00 + 2,670.00×0.23 + 500.00×0.90 = 2,264.10 EUR;
// churned = 200.00 + 400.00×0.23 = 292.00; contraction = 100.00×0.90 = 90.00;
// expansion = 600.00.
// GRR = (2,264.10 − 90.00 − 292.00) ÷ 2,264.10 = 83.13 %;
// NRR = (2,264.10 + 600.00 − 90.00 − 292.00) ÷ 2,264.10 = 109.63 %;
// gross revenue churn = 382.00 ÷ 2,264.10 = 16.87 %;
// CLV = (2,264.10 ÷ 5) ÷ (2 ÷ 5 ÷ (327 ÷ 30.4375)) = 12,161.98 EUR.
// Dashboard MRR = 1,600.00 + 2,270.00×0.23 + 400.00×0.90 = 2,482.10 EUR
// (the trial's 300.00 is not revenue).
func TestHomeCurrencyFigures(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		// Without a home currency, rates cannot be stored.
		if r := call(t, srv, "POST", "/api/v1/exchange-rates", map[string]any{"currency": "PLN", "date": "2026-01-01", "rate": 0.25}); r.status != 422 || !contains(r.body, "set the home currency first") {
			t.Fatalf("rate before home currency: %d %s", r.status, r.body)
		}
		mustStatus(t, call(t, srv, "PUT", "/api/v1/settings/currency", map[string]any{"currency": "EUR"}), 200, "home currency")
		for _, r := range []map[string]any{
			{"currency": "PLN", "date": "2026-01-01", "rate": 0.25},
			{"currency": "PLN", "date": "2026-11-01", "rate": 0.23},
			{"currency": "USD", "date": "2026-06-01", "rate": 0.9},
			{"currency": "USD", "date": "2026-12-01", "rate": 0.5},
		} {
			mustStatus(t, call(t, srv, "POST", "/api/v1/exchange-rates", r), 201, "rate")
		}
		a := newAccount(t, srv, "A", "EUR", 100000, "2025-06-01", "active")
		bID := newAccount(t, srv, "B", "PLN", 227000, "2025-06-01", "active")
		c := newAccount(t, srv, "C", "USD", 50000, "2025-06-01", "active")
		d := newAccount(t, srv, "D", "EUR", 20000, "2025-06-01", "active")
		e := newAccount(t, srv, "E", "PLN", 40000, "2025-06-01", "active")
		trial := newAccount(t, srv, "T", "EUR", 30000, "2026-10-01", "trial")
		for id, mrr := range map[string]int64{a: 160000, c: 40000} {
			acc := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/accounts/"+id, nil))
			mustStatus(t, call(t, srv, "PUT", "/api/v1/accounts/"+id, map[string]any{"name": acc["name"], "segment": "smb", "mrr": mrr,
				"currency": acc["currency"], "contract_start": "2025-06-01", "status": "active", "owner": "Anna"}), 200, "edit MRR")
		}
		mustStatus(t, call(t, srv, "POST", "/api/v1/accounts/"+d+"/churn", map[string]any{"churn_date": "2026-05-01", "reason": "price_budget"}), 201, "churn D")
		mustStatus(t, call(t, srv, "POST", "/api/v1/accounts/"+e+"/churn", map[string]any{"churn_date": "2026-08-01", "reason": "competitor"}), 201, "churn E")

		// Dashboard total: one number in EUR, the trial left out, and the rates named.
		type summary struct {
			MRRByCurrency map[string]int64 `json:"mrr_by_currency"`
			MRRHome       *int64           `json:"mrr_home"`
			Conversion    conversion
		}
		sum := decode[summary](t, call(t, srv, "GET", "/api/v1/summary", nil))
		if sum.MRRHome == nil || *sum.MRRHome != 248210 || sum.MRRByCurrency["EUR"] != 160000 || sum.Conversion.Currency != "EUR" || len(sum.Conversion.Warnings) != 0 {
			t.Fatalf("summary = %+v (home %v)", sum, sum.MRRHome)
		}
		if got := sum.Conversion.Rates; len(got) != 2 || got[0].Currency != "PLN" || got[0].Date != "2026-11-01" || got[0].Rate != 0.23 ||
			got[1].Currency != "USD" || got[1].Date != "2026-06-01" || got[1].Rate != 0.9 {
			t.Errorf("rates used = %+v", got)
		}

		// MRR at risk: B and the trial are poorly scored; only B's MRR is at risk.
		for _, id := range []string{bID, trial} {
			if err := b.Store.Write(context.Background()).Model(&store.Account{}).Where("id = ?", id).Update("health_class", "poor").Error; err != nil {
				t.Fatal(err)
			}
		}
		type overview struct {
			Poor          int64
			MRRAtRisk     map[string]int64 `json:"mrr_at_risk"`
			MRRAtRiskHome *int64           `json:"mrr_at_risk_home"`
		}
		ov := decode[overview](t, call(t, srv, "GET", "/api/v1/health/overview", nil))
		if ov.Poor != 2 || ov.MRRAtRisk["PLN"] != 227000 || ov.MRRAtRisk["EUR"] != 0 || ov.MRRAtRiskHome == nil || *ov.MRRAtRiskHome != 52210 {
			t.Errorf("overview = %+v (home %v)", ov, ov.MRRAtRiskHome)
		}

		m := decode[homeMetrics](t, call(t, srv, "GET", "/api/v1/metrics?from=2026-01-01&to=2026-11-24&as_of=2026-11-24", nil))
		r := m.Home.Revenue
		if r == nil || r.Currency != "EUR" || r.MRRStart != 226410 || r.Expansion != 60000 || r.Contraction != 9000 || r.Churned != 29200 {
			t.Fatalf("home revenue = %+v", r)
		}
		for key, want := range map[string]float64{"grr": 83.13, "nrr": 109.63, "gross_revenue_churn": 16.87, "clv": 1216198} {
			if got := m.figure(key); got != want {
				t.Errorf("home %s = %v, want %v", key, got, want)
			}
		}
		if m.Home.RatesOn != "2026-11-24" || len(m.Home.Conversion.Rates) != 2 || len(m.Home.Conversion.Warnings) != 0 {
			t.Errorf("home conversion = %+v", m.Home)
		}
		lost := map[string]int64{}
		for _, s := range m.Breakdowns.Reason {
			if s.MRRLostHome != nil {
				lost[s.Key] = *s.MRRLostHome
			}
		}
		// price_budget: EUR 200.00; competitor: PLN 400.00 × 0.23 = EUR 92.00.
		if lost["price_budget"] != 20000 || lost["competitor"] != 9200 {
			t.Errorf("MRR lost by reason in EUR = %v", lost)
		}

		// Tier rules are in EUR: B's PLN 2,270.00 is EUR 522.10, below Gold's 1,500.00.
		mustStatus(t, call(t, srv, "POST", "/api/v1/tiers", map[string]any{"name": "Silver", "rank": 1, "min_tenure_months": 6, "benefits": []any{}}), 201, "Silver")
		mustStatus(t, call(t, srv, "POST", "/api/v1/tiers", map[string]any{"name": "Gold", "rank": 2, "min_tenure_months": 12, "min_mrr": 150000, "benefits": []any{}}), 201, "Gold")
		mustStatus(t, call(t, srv, "POST", "/api/v1/tiers/evaluate", map[string]any{}), 200, "evaluate")
		tierOf := func(id string) string {
			return decode[map[string]any](t, call(t, srv, "GET", "/api/v1/accounts/"+id, nil))["loyalty_tier"].(string)
		}
		if tierOf(bID) != "Silver" || tierOf(a) != "Gold" || tierOf(c) != "Silver" {
			t.Errorf("tiers: B %q, A %q, C %q; want Silver, Gold, Silver", tierOf(bID), tierOf(a), tierOf(c))
		}

		// A currency without a rate: no single homeFigure, a warning that names it.
		g := newAccount(t, srv, "G", "GBP", 300000, "2025-06-01", "active")
		sum = decode[summary](t, call(t, srv, "GET", "/api/v1/summary", nil))
		if sum.MRRHome != nil || sum.MRRByCurrency["GBP"] != 300000 || len(sum.Conversion.Warnings) != 1 ||
			sum.Conversion.Warnings[0].Code != "missing_rate" || sum.Conversion.Warnings[0].Currency != "GBP" {
			t.Errorf("summary with GBP = %+v (home %v)", sum, sum.MRRHome)
		}
		m = decode[homeMetrics](t, call(t, srv, "GET", "/api/v1/metrics?from=2026-01-01&to=2026-11-24&as_of=2026-11-24", nil))
		if m.Home.Revenue != nil || len(m.Home.Conversion.Warnings) != 1 || m.Home.Conversion.Warnings[0].Currency != "GBP" {
			t.Errorf("home revenue with GBP = %+v", m.Home)
		}
		ev := decode[struct{ Conversion conversion }](t, call(t, srv, "POST", "/api/v1/tiers/evaluate", map[string]any{}))
		if len(ev.Conversion.Warnings) != 1 || ev.Conversion.Warnings[0].Currency != "GBP" || tierOf(g) != "Silver" {
			t.Errorf("evaluate with GBP: %+v, G in %q", ev.Conversion, tierOf(g))
		}
	})
}

// TestRatesImport checks that a CSV with bad rows stores nothing and names
// every bad row and field, and that a good one stores every row.
func TestRatesImport(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		mustStatus(t, call(t, srv, "PUT", "/api/v1/settings/currency", map[string]any{"currency": "EUR"}), 200, "home currency")
		bad := call(t, srv, "POST", "/api/v1/exchange-rates/import", map[string]any{
			"csv": "currency,date,rate\nPLN,2026-10-01,0.24\nUSD,2026-13-01,0.9\nGBP,2026-10-01,abc\nEUR,2026-10-01,1\nPLN,2026-10-01,0.25\n"})
		type fail struct {
			Code   string
			Fields map[string]string
		}
		f := decode[fail](t, bad)
		want := map[string]string{
			"rows[3].date": "must be a date written YYYY-MM-DD",
			"rows[4].rate": "must be a number such as 0.2345",
			"rows[6].date": "repeats the PLN rate of row 2",
		}
		if bad.status != 422 || f.Code != "validation_failed" {
			t.Fatalf("bad import: %d %s", bad.status, bad.body)
		}
		for k, v := range want {
			if f.Fields[k] != v {
				t.Errorf("field %s = %q, want %q (all: %v)", k, f.Fields[k], v, f.Fields)
			}
		}
		type table struct {
			Home  string
			Rates []struct {
				Currency, Date string
				Rate           float64
			}
		}
		if got := decode[table](t, call(t, srv, "GET", "/api/v1/settings/currency", nil)); got.Home != "EUR" || len(got.Rates) != 0 {
			t.Errorf("after a failed import the table holds %+v", got)
		}
		// The home currency itself is refused with its row named.
		home := decode[fail](t, call(t, srv, "POST", "/api/v1/exchange-rates/import", map[string]any{"csv": "currency,date,rate\nEUR,2026-10-01,1\n"}))
		if home.Fields["rows[2].currency"] != "is the home currency: its rate is always 1" {
			t.Errorf("home currency row: %+v", home)
		}
		good := call(t, srv, "POST", "/api/v1/exchange-rates/import", map[string]any{"csv": "\ufeffCurrency;Date;Rate\nPLN;2026-10-01;0,24\nusd;2026-10-01;0,91\n"})
		res := decode[struct {
			Written int
			Table   table
		}](t, good)
		if good.status != 200 || res.Written != 2 || len(res.Table.Rates) != 2 || res.Table.Rates[0].Currency != "PLN" || res.Table.Rates[0].Rate != 0.24 ||
			res.Table.Rates[1].Currency != "USD" || res.Table.Rates[1].Rate != 0.91 {
			t.Errorf("good import: %d %s", good.status, good.body)
		}
	})
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }
