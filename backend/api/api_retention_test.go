package api_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"churndesk/backend/boot"
	"churndesk/backend/retention"
	"churndesk/backend/store"
)

// life is one account of a hand-worked portfolio: its contract start, its
// churn date if it churned and the day it came back if it did.
type life struct {
	name, start, churn, back string
	status                   string
	mrr                      int64
}

// build creates the portfolio through the API and returns the ids by name.
func build(t *testing.T, srv *httptest.Server, lives []life) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, l := range lives {
		in := validAccount()
		in["name"], in["domain"], in["contract_start"], in["mrr"] = l.name, "", l.start, l.mrr
		if l.status != "" {
			in["status"] = l.status
		}
		res := call(t, srv, "POST", "/api/v1/accounts", in)
		if res.status != 201 {
			t.Fatalf("create %s: %d %s", l.name, res.status, res.body)
		}
		id := strconv.Itoa(int(decode[map[string]any](t, res)["id"].(float64)))
		ids[l.name] = id
		if l.churn != "" {
			if res := call(t, srv, "POST", "/api/v1/accounts/"+id+"/churn", map[string]any{"churn_date": l.churn, "reason": "price_budget"}); res.status != 201 {
				t.Fatalf("churn %s: %d %s", l.name, res.status, res.body)
			}
		}
		if l.back != "" {
			if res := call(t, srv, "POST", "/api/v1/accounts/"+id+"/reactivate", map[string]any{"date": l.back, "mrr": l.mrr}); res.status != 204 {
				t.Fatalf("reactivate %s: %d %s", l.name, res.status, res.body)
			}
		}
	}
	return ids
}

// pastPortfolio is the portfolio, seen from 30 June 2026 (today is
// 24 Nov 2026). Two lives ended before 2026: L1 (came back in September)
// and L2. Seven were customers on 1 Jan 2026: A–G; B, C and G left in the
// first half year, D left on 1 Sep (and came back on 1 Oct) and F on 15 Oct,
// both after the as-of day. H and I started in the half year. J and K
// started after the as-of day and T is a trial: none of them count.
var pastPortfolio = []life{
	{name: "L1", start: "2024-03-10", churn: "2025-06-15", back: "2026-09-01"},
	{name: "L2", start: "2025-02-05", churn: "2025-11-20"},
	{name: "A", start: "2025-01-10"},
	{name: "B", start: "2025-01-20", churn: "2026-03-15"},
	{name: "C", start: "2025-01-25", churn: "2026-05-10"},
	{name: "D", start: "2025-01-28", churn: "2026-09-01", back: "2026-10-01"},
	{name: "E", start: "2025-01-31"},
	{name: "F", start: "2025-06-01", churn: "2026-10-15"},
	{name: "G", start: "2025-08-01", churn: "2026-02-20"},
	{name: "H", start: "2026-02-01"},
	{name: "I", start: "2026-04-01"},
	{name: "J", start: "2026-08-01"},
	{name: "K", start: "2026-07-15", churn: "2026-10-01"},
	{name: "T", start: "2026-03-01", status: "trial", mrr: 99900},
}

// TestFiguresAsOfAPastDay: as of 30 June 2026 the lives that ended later
// (D, F) were customers, the later starts (J, K) did not exist and the
// trial is no customer. Hand-worked: S = 7 (A–G), E = 6 (A, D, E, F, H, I),
// N = 2, lost 3 → logo churn 3 ÷ 7 = 42.86 %, CRR (6 − 2) ÷ 7 = 57.14 %.
// Curve: 11 lives at risk at tenure 0 (L1, L2, A–I). January 2025 cohort: A–E = 5, on
// 30 June 2026 A, D, E are left: 60 %. MRR (10,000 each) from the
// movements: 9 "new" − 2 churns = 70,000 at the start; − 3 churns + 2 new
// = 60,000 at the end; GRR = NRR = 40,000 ÷ 70,000 = 57.14 %.
func TestFiguresAsOfAPastDay(t *testing.T) {
	for i := range pastPortfolio {
		if pastPortfolio[i].mrr == 0 {
			pastPortfolio[i].mrr = 10000
		}
	}
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		build(t, srv, pastPortfolio)
		const q = "from=2026-01-01&to=2026-06-30&as_of=2026-06-30"
		m := decode[retention.Metrics](t, call(t, srv, "GET", "/api/v1/metrics?"+q, nil))
		if want := (retention.Counts{Start: 7, End: 6, New: 2, Lost: 3, Unavoidable: 3}); m.Customers != want {
			t.Errorf("counts = %+v, want %+v", m.Customers, want)
		}
		for key, want := range map[string]float64{"logo_churn": 42.86, "crr": 57.14} {
			if got := figure(t, m.Figures, key); got != want {
				t.Errorf("%s = %v, want %v", key, got, want)
			}
		}
		if len(m.Revenue) != 1 || m.Revenue[0].MRRStart != 70000 || m.Revenue[0].MRREnd != 60000 || m.Revenue[0].Churned != 30000 {
			t.Fatalf("revenue = %+v", m.Revenue)
		}
		if grr, nrr := figure(t, m.Revenue[0].Figures, "grr"), figure(t, m.Revenue[0].Figures, "nrr"); grr != 57.14 || nrr != 57.14 {
			t.Errorf("GRR, NRR = %v, %v; want 57.14, 57.14", grr, nrr)
		}
		if n := len(m.Breakdowns.Reason); n != 1 || m.Breakdowns.Reason[0].Count != 3 {
			t.Errorf("lost by reason = %+v, want the 3 churns of the half year", m.Breakdowns.Reason)
		}
		members := decode[retention.Members](t, call(t, srv, "GET", "/api/v1/metrics/members?set=end&"+q, nil))
		var names []string
		for _, it := range members.Items {
			names = append(names, it.Name)
			if it.To != nil {
				t.Errorf("%s ends on %s, after the as-of day", it.Name, *it.To)
			}
		}
		if members.Total != 6 || len(names) != 6 || names[0] != "A" || names[1] != "D" || names[3] != "F" {
			t.Errorf("customers at the end = %d %v, want A D E F H I", members.Total, names)
		}

		curves := decode[retention.Curves](t, call(t, srv, "GET", "/api/v1/retention/curve?as_of=2026-06-30", nil))
		if len(curves.Curves) != 1 || curves.Curves[0].Customers != 11 || curves.Curves[0].Points[0].AtRisk != 11 {
			t.Fatalf("curve = %+v, want 11 at risk", curves)
		}
		// The first churn is G's at 203 days; I (90 days) and H (149) are
		// censored before it, so 9 are at risk: S = 1 − 1/9.
		if p := curves.Curves[0].Points[1]; p.TenureDays != 203 || p.AtRisk != 9 || p.Survival != 0.8889 {
			t.Errorf("first churn point = %+v", p)
		}
		cohorts := decode[retention.CohortTable](t, call(t, srv, "GET", "/api/v1/retention/cohorts?as_of=2026-06-30", nil))
		found := false
		for _, c := range cohorts.Cohorts {
			if c.Month == "2025-01" {
				found = true
				if c.Size != 5 || len(c.Retained) == 0 || c.Retained[len(c.Retained)-1] != 60 {
					t.Errorf("January 2025 cohort = %+v, want 5 at 60 %%", c)
				}
			}
			if c.Month >= "2026-07" {
				t.Errorf("cohort %s started after the as-of day", c.Month)
			}
		}
		if !found {
			t.Errorf("no January 2025 cohort in %+v", cohorts.Cohorts)
		}
		// Today: 8 churn records (L1, L2, B, C, D, F, G, K) and 7 current
		// lives (L1 and D since coming back, A, E, H, I, J).
		now := decode[retention.Curves](t, call(t, srv, "GET", "/api/v1/retention/curve", nil))
		if now.Curves[0].Customers != 15 {
			t.Errorf("curve today: %d lives, want 15", now.Curves[0].Customers)
		}
	})
}

// TestTrialConvertsInsidePeriod: P1 (200,000) and P2 (50,000, churns on
// 1 Aug) are customers; X is a 99,900 trial since 15 Jan. For June to today
// GRR = NRR = (250,000 − 50,000) ÷ 250,000 = 80 %: the trial's MRR is no
// revenue. Converting X today writes one "new" movement of 99,900 today
// and makes today its contract start: GRR and NRR stay 80 %, MRR at the
// end becomes 299,900 and X is a new customer of the period.
func TestTrialConvertsInsidePeriod(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		ids := build(t, srv, []life{
			{name: "P1", start: "2025-01-01", mrr: 200000},
			{name: "P2", start: "2025-03-01", churn: "2026-08-01", mrr: 50000},
			{name: "X", start: "2026-01-15", status: "trial", mrr: 99900},
		})
		x := validAccount()
		x["name"], x["domain"], x["contract_start"], x["status"], x["mrr"] = "X", "", "2026-01-15", "trial", 129900
		if res := call(t, srv, "PUT", "/api/v1/accounts/"+ids["X"], x); res.status != 200 {
			t.Fatalf("raise the trial's MRR: %d %s", res.status, res.body)
		}
		check := func(stage string, end int64, counts retention.Counts) {
			t.Helper()
			m := decode[retention.Metrics](t, call(t, srv, "GET", "/api/v1/metrics?from=2026-06-01", nil))
			if len(m.Revenue) != 1 || m.Revenue[0].MRRStart != 250000 || m.Revenue[0].MRREnd != end {
				t.Fatalf("%s: revenue = %+v", stage, m.Revenue)
			}
			r := m.Revenue[0].Figures
			if grr, nrr := figure(t, r, "grr"), figure(t, r, "nrr"); grr != 80 || nrr != 80 {
				t.Errorf("%s: GRR, NRR = %v, %v; want 80, 80", stage, grr, nrr)
			}
			if m.Customers != counts {
				t.Errorf("%s: counts = %+v, want %+v", stage, m.Customers, counts)
			}
		}
		check("trial", 200000, retention.Counts{Start: 2, End: 1, Lost: 1, Unavoidable: 1})
		x["status"] = "active"
		res := call(t, srv, "PUT", "/api/v1/accounts/"+ids["X"], x)
		if res.status != 200 || decode[map[string]any](t, res)["contract_start"] != "2026-11-24" {
			t.Fatalf("convert: %d %s", res.status, res.body)
		}
		check("converted", 329900, retention.Counts{Start: 2, End: 2, New: 1, Lost: 1, Unavoidable: 1})
		var moves []store.MRRMovement
		if err := b.Store.Read(context.Background()).Where("account_id = ?", ids["X"]).Find(&moves).Error; err != nil {
			t.Fatal(err)
		}
		if len(moves) != 1 || moves[0].Kind != "new" || moves[0].Amount != 129900 || moves[0].Date.String() != "2026-11-24" {
			t.Errorf("X's movements = %+v, want one new 129,900 on 2026-11-24", moves)
		}
	})
}

func figure(t *testing.T, figures []retention.Figure, key string) float64 {
	t.Helper()
	for _, f := range figures {
		if f.Key == key {
			if f.Value == nil {
				t.Fatalf("%s has no value", key)
			}
			return *f.Value
		}
	}
	t.Fatalf("no figure %s", key)
	return 0
}

// TestQBROfAPastQuarter: a QBR for Q3 2026 (today is 24 Nov) describes
// 30 Sep 2026. Big's MRR was raised from 100,000 to 150,000 today, so Q3
// reads 100,000 and Q4 (still running) 150,000. Gone churned on 15 Oct and Late
// started on 1 Oct: Q3's list has Big and Gone, not Late; Q4's has Big and
// Late. Try is a trial, no customer: never listed.
func TestQBROfAPastQuarter(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		lives := []life{
			{name: "Big", start: "2025-05-01", mrr: 100000},
			{name: "Gone", start: "2025-06-01", churn: "2026-10-15", mrr: 80000},
			{name: "Late", start: "2026-10-01", mrr: 60000},
			{name: "Try", start: "2026-06-01", status: "trial", mrr: 90000},
		}
		ids := build(t, srv, lives)
		for _, l := range lives {
			in := validAccount()
			in["name"], in["domain"], in["contract_start"], in["mrr"], in["segment"] = l.name, "", l.start, l.mrr, "enterprise"
			if l.name == "Big" {
				in["mrr"] = 150000
			}
			if l.churn != "" {
				in["status"] = "churned"
			}
			if l.status != "" {
				in["status"] = l.status
			}
			if res := call(t, srv, "PUT", "/api/v1/accounts/"+ids[l.name], in); res.status != 200 {
				t.Fatalf("update %s: %d %s", l.name, res.status, res.body)
			}
		}
		type report struct {
			Computed struct {
				Commercial struct {
					AsOf string `json:"as_of"`
					MRR  int64  `json:"mrr"`
				} `json:"commercial"`
			} `json:"computed"`
		}
		for quarter, want := range map[string]struct {
			asOf string
			mrr  int64
		}{"2026-Q3": {"2026-09-30", 100000}, "2026-Q4": {"2026-11-24", 150000}} {
			r := decode[report](t, call(t, srv, "GET", "/api/v1/accounts/"+ids["Big"]+"/qbr?quarter="+quarter, nil))
			if c := r.Computed.Commercial; c.AsOf != want.asOf || c.MRR != want.mrr {
				t.Errorf("%s: commercial = %+v, want MRR %d as of %s", quarter, c, want.mrr, want.asOf)
			}
		}
		for quarter, want := range map[string]string{"2026-Q3": "Big Gone", "2026-Q4": "Big Late"} {
			due := decode[struct {
				Items []struct {
					Name string `json:"name"`
				} `json:"items"`
			}](t, call(t, srv, "GET", "/api/v1/qbr?quarter="+quarter, nil))
			var names []string
			for _, it := range due.Items {
				names = append(names, it.Name)
			}
			slices.Sort(names)
			if got := strings.Join(names, " "); got != want {
				t.Errorf("%s QBRs: %s, want %s", quarter, got, want)
			}
		}
	})
}
