package api_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/store/storetest"
)

// eachServerAt runs fn against the real handler on every test engine with
// the clock fixed at now.
func eachServerAt(t *testing.T, now time.Time, fn func(t *testing.T, srv *httptest.Server, b *boot.Backend)) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			b, err := boot.OpenWith(context.Background(), e.DSN, func() time.Time { return now }, slog.New(slog.DiscardHandler))
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

// createAccount posts an account and returns its id.
func createAccount(t *testing.T, srv *httptest.Server, fields map[string]any) string {
	t.Helper()
	body := validAccount()
	for k, v := range fields {
		body[k] = v
	}
	res := call(t, srv, "POST", "/api/v1/accounts", body)
	if res.status != 201 {
		t.Fatalf("create account: %d %s", res.status, res.body)
	}
	return itoa(int(decode[map[string]any](t, res)["id"].(float64)))
}

type usagePoint struct {
	Week        string `json:"week"`
	Status      string `json:"status"`
	ActiveUsers int    `json:"active_users"`
}

type healthPart struct {
	Key     string  `json:"key"`
	HasData bool    `json:"has_data"`
	Share   float64 `json:"share"`
	Points  float64 `json:"points"`
}

type accountHealthView struct {
	Live struct {
		Score      float64      `json:"score"`
		Class      string       `json:"class"`
		DataWeight int          `json:"data_weight"`
		Omitted    []string     `json:"omitted"`
		Breakdown  []healthPart `json:"breakdown"`
	} `json:"live"`
	Trend struct {
		Class  string  `json:"class"`
		Slope  float64 `json:"slope_pct_per_week"`
		Weekly []int   `json:"weekly_active_users"`
	} `json:"trend"`
	SeatUtilisation  *float64     `json:"seat_utilisation_pct"`
	WindowEnd        string       `json:"window_end"`
	LoginRecencyDays *int         `json:"login_recency_days"`
	Usage            []usagePoint `json:"usage"`
}

// TestUsageWindowMidWeek: on Thursday 26 Nov 2026 the running week (from
// Monday 23 Nov) has no snapshot yet for "Weekly", while "Early" already
// reported it. Weekly's window ends on the week of 16 Nov: 4, 6, 8 active
// users → slope +2/wk over a mean of 6 = +33.33 %/wk, rising; seat use 8 of
// 10 = 80 %. (Counting the running week as zero gave 4, 6, 8, 0: slope
// −1/wk over 4.5 = −22.22 %/wk, declining, and seat use 0 %.)
// "Gappy" misses the week of 9 Nov in the middle: 5, 0, 5 → slope 0,
// stable, and its chart draws that week as a missing zero.
// "Early": 3 then 6 in the running week → +3/wk over 4.5 = +66.67 %/wk, 60 %.
func TestUsageWindowMidWeek(t *testing.T) {
	thursday := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	eachServerAt(t, thursday, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		weekly := createAccount(t, srv, map[string]any{"name": "Weekly", "seats": 10, "contract_start": "2025-01-01"})
		gappy := createAccount(t, srv, map[string]any{"name": "Gappy", "domain": "gappy.io", "seats": 10, "contract_start": "2025-01-01"})
		early := createAccount(t, srv, map[string]any{"name": "Early", "domain": "early.io", "seats": 10, "contract_start": "2025-01-01"})
		snap := func(id, week string, active int) map[string]any {
			return map[string]any{"account_id": atoi(t, id), "week_start": week, "active_users": active, "logins": active * 3,
				"last_login_at": week + "T10:00:00Z"}
		}
		items := []map[string]any{
			snap(weekly, "2026-11-02", 4), snap(weekly, "2026-11-09", 6), snap(weekly, "2026-11-16", 8),
			snap(gappy, "2026-11-02", 5), snap(gappy, "2026-11-16", 5),
			snap(early, "2026-11-16", 3), snap(early, "2026-11-23", 6),
		}
		if res := call(t, srv, "PUT", "/api/v1/usage", map[string]any{"items": items}); res.status != 200 {
			t.Fatalf("usage: %d %s", res.status, res.body)
		}
		cases := []struct {
			id, name, class, end string
			slope, seats         float64
			weekly               []int
			chart                []usagePoint
		}{
			{weekly, "Weekly", "rising", "2026-11-16", 33.33, 80, []int{4, 6, 8}, []usagePoint{
				{"2026-11-02", "reported", 4}, {"2026-11-09", "reported", 6}, {"2026-11-16", "reported", 8}, {"2026-11-23", "pending", 0}}},
			{gappy, "Gappy", "stable", "2026-11-16", 0, 50, []int{5, 0, 5}, []usagePoint{
				{"2026-11-02", "reported", 5}, {"2026-11-09", "missing", 0}, {"2026-11-16", "reported", 5}, {"2026-11-23", "pending", 0}}},
			{early, "Early", "rising", "2026-11-23", 66.67, 60, []int{3, 6}, []usagePoint{
				{"2026-11-16", "reported", 3}, {"2026-11-23", "reported", 6}}},
		}
		for _, c := range cases {
			ah := decode[accountHealthView](t, call(t, srv, "GET", "/api/v1/accounts/"+c.id+"/health", nil))
			if ah.Trend.Class != c.class || ah.Trend.Slope != c.slope || ah.WindowEnd != c.end || ah.SeatUtilisation == nil || *ah.SeatUtilisation != c.seats {
				t.Errorf("%s: trend %s %.2f, window end %s, seats %v; want %s %.2f, %s, %.0f", c.name, ah.Trend.Class, ah.Trend.Slope, ah.WindowEnd,
					ah.SeatUtilisation, c.class, c.slope, c.end, c.seats)
			}
			if !equalInts(ah.Trend.Weekly, c.weekly) {
				t.Errorf("%s: weekly %v, want %v", c.name, ah.Trend.Weekly, c.weekly)
			}
			if len(ah.Usage) != len(c.chart) {
				t.Errorf("%s: chart %+v, want %+v", c.name, ah.Usage, c.chart)
				continue
			}
			for i, p := range c.chart {
				if ah.Usage[i] != p {
					t.Errorf("%s: chart week %d = %+v, want %+v", c.name, i, ah.Usage[i], p)
				}
			}
		}
	})
}

// TestNewAccountHasTooLittleData: an account created today with no usage,
// no NPS and no sentiment has data only for payment (10 of 100 of the
// weight): it gets no class ("no_data"), where it used to score 35 "poor".
// The dashboard counts it in its own band and the account list filters it.
func TestNewAccountHasTooLittleData(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		id := createAccount(t, srv, map[string]any{"name": "Fresh", "seats": 10, "contract_start": "2026-11-24"})
		ah := decode[accountHealthView](t, call(t, srv, "GET", "/api/v1/accounts/"+id+"/health", nil))
		if ah.Live.Class != "no_data" || ah.Live.DataWeight != 10 || len(ah.Live.Omitted) != 5 || len(ah.Usage) != 0 {
			t.Errorf("fresh account: %+v usage %v, want no_data with 10 %% of the weight and 5 components left out", ah.Live, ah.Usage)
		}
		for _, p := range ah.Live.Breakdown {
			if p.HasData != (p.Key == "payment") {
				t.Errorf("%s: has data %v", p.Key, p.HasData)
			}
		}
		rec := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/health/recompute", map[string]any{}))
		if rec["no_data"] != 1.0 || rec["poor"] != 0.0 {
			t.Errorf("recompute = %v, want 1 no_data, 0 poor", rec)
		}
		ov := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/health/overview", nil))
		if ov["no_data"] != 1.0 || ov["poor"] != 0.0 || len(ov["at_risk"].([]any)) != 0 {
			t.Errorf("overview = %v, want the account in the no-data band and none at risk", ov)
		}
		list := decode[accountList](t, call(t, srv, "GET", "/api/v1/accounts?health=no_data", nil))
		if list.Total != 1 || list.Items[0]["health_class"] != "no_data" {
			t.Errorf("filter by no data: %+v", list)
		}
	})
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPaymentFailureChurnIsInvoluntaryAndNotPreventable: a churn logged for
// a failed payment without flags takes the reason's defaults, not
// preventable and involuntary (it used to come out preventable). A record
// whose flags were set against the default is never rewritten, but the log
// counts and filters it.
func TestPaymentFailureChurnIsInvoluntaryAndNotPreventable(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		failed := createAccount(t, srv, map[string]any{"name": "Card Died"})
		res := call(t, srv, "POST", "/api/v1/accounts/"+failed+"/churn", map[string]any{"churn_date": "2026-11-02", "reason": "payment_failure"})
		if res.status != 201 {
			t.Fatalf("log churn: %d %s", res.status, res.body)
		}
		rec := decode[map[string]any](t, res)
		if rec["preventable"] != false || rec["voluntary"] != false || rec["flags_differ"] != false {
			t.Errorf("payment failure: preventable %v voluntary %v differs %v, want false false false", rec["preventable"], rec["voluntary"], rec["flags_differ"])
		}
		// The CSM knows better for this one: a reminder would have saved it.
		saved := createAccount(t, srv, map[string]any{"name": "Forgot To Pay", "domain": "forgot.io"})
		res = call(t, srv, "POST", "/api/v1/accounts/"+saved+"/churn", map[string]any{"churn_date": "2026-11-03", "reason": "payment_failure", "preventable": true})
		if res.status != 201 || decode[map[string]any](t, res)["flags_differ"] != true {
			t.Fatalf("log churn against the default: %d %s", res.status, res.body)
		}
		type log struct {
			Items       []map[string]any `json:"items"`
			Total       int              `json:"total"`
			FlagsDiffer int              `json:"flags_differ"`
		}
		all := decode[log](t, call(t, srv, "GET", "/api/v1/churn-records", nil))
		if all.Total != 2 || all.FlagsDiffer != 1 {
			t.Errorf("log: total %d, differing %d; want 2, 1", all.Total, all.FlagsDiffer)
		}
		only := decode[log](t, call(t, srv, "GET", "/api/v1/churn-records?flags_differ=true", nil))
		if only.Total != 1 || only.Items[0]["account_name"] != "Forgot To Pay" {
			t.Errorf("filter flags_differ=true: %+v", only)
		}
		follow := decode[log](t, call(t, srv, "GET", "/api/v1/churn-records?flags_differ=false", nil))
		if follow.Total != 1 || follow.Items[0]["account_name"] != "Card Died" || follow.FlagsDiffer != 0 {
			t.Errorf("filter flags_differ=false: %+v", follow)
		}
	})
}

// TestLoginJustAfterLocalMidnightInWarsaw: a login at 23:30 UTC on 23 Nov
// is 00:30 on 24 Nov in Warsaw. With the clock at 09:00 UTC on 24 Nov, the
// machine's zone (UTC here) reads it as yesterday (1 day ago); once the team
// chooses Europe/Warsaw it is today (0 days), and at 23:30 UTC today is
// already 25 Nov in Warsaw.
func TestLoginJustAfterLocalMidnightInWarsaw(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		id := createAccount(t, srv, map[string]any{"name": "Night Owl", "seats": 10, "contract_start": "2025-01-01"})
		item := map[string]any{"account_id": atoi(t, id), "week_start": "2026-11-23", "active_users": 4, "logins": 9, "last_login_at": "2026-11-23T23:30:00Z"}
		if res := call(t, srv, "PUT", "/api/v1/usage", map[string]any{"items": []any{item}}); res.status != 200 {
			t.Fatalf("usage: %d %s", res.status, res.body)
		}
		zone := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/settings/time-zone", nil))
		if zone["chosen"] != false || zone["today"] != "2026-11-24" {
			t.Errorf("default zone: %v", zone)
		}
		if zone["zone"] == "Etc/UTC" || zone["zone"] == "UTC" { // the machine's zone decides until one is chosen
			ah := decode[accountHealthView](t, call(t, srv, "GET", "/api/v1/accounts/"+id+"/health", nil))
			if ah.LoginRecencyDays == nil || *ah.LoginRecencyDays != 1 {
				t.Errorf("in UTC the login was yesterday: %v days ago, want 1", ah.LoginRecencyDays)
			}
		}
		bad := call(t, srv, "PUT", "/api/v1/settings/time-zone", map[string]any{"zone": "Mars/Olympus"})
		if bad.status != 422 || decode[map[string]any](t, bad)["fields"].(map[string]any)["zone"] != "unknown time zone; use an IANA name such as Europe/Warsaw" {
			t.Errorf("unknown zone: %d %s", bad.status, bad.body)
		}
		saved := call(t, srv, "PUT", "/api/v1/settings/time-zone", map[string]any{"zone": "Europe/Warsaw"})
		if saved.status != 200 || decode[map[string]any](t, saved)["zone"] != "Europe/Warsaw" {
			t.Fatalf("save zone: %d %s", saved.status, saved.body)
		}
		ah := decode[accountHealthView](t, call(t, srv, "GET", "/api/v1/accounts/"+id+"/health", nil))
		if ah.LoginRecencyDays == nil || *ah.LoginRecencyDays != 0 {
			t.Errorf("login at 00:30 Warsaw time, read at 10:00 the same day: %v days ago, want 0", ah.LoginRecencyDays)
		}
		// The account page shows the day of the timestamp as written: the
		// team's day, not the UTC day before it.
		raw := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/accounts/"+id+"/health", nil))
		if raw["last_login_at"] != "2026-11-24T00:30:00+01:00" {
			t.Errorf("last_login_at = %v, want 2026-11-24T00:30:00+01:00", raw["last_login_at"])
		}
	})
	late := time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)
	eachServerAt(t, late, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		call(t, srv, "PUT", "/api/v1/settings/time-zone", map[string]any{"zone": "Europe/Warsaw"})
		if zone := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/settings/time-zone", nil)); zone["today"] != "2026-11-25" || zone["chosen"] != true {
			t.Errorf("23:30 UTC in Warsaw: %v, want today 2026-11-25", zone)
		}
	})
}

// TestTenureMonthsClampToTheMonthsEnd: on 28 Feb 2025 an account started on
// 29 Feb 2024 has 12 whole months (it used to wait for 1 Mar 2025), and one
// started on 31 Jan 2025 has 1 month (it used to wait for 3 Mar); one
// started on 1 Feb 2025 has none yet (1 Feb + 1 month = 1 Mar).
func TestTenureMonthsClampToTheMonthsEnd(t *testing.T) {
	day := time.Date(2025, 2, 28, 12, 0, 0, 0, time.UTC)
	eachServerAt(t, day, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		for _, tier := range []map[string]any{
			{"name": "Year", "rank": 2, "min_tenure_months": 12, "benefits": []any{}},
			{"name": "Month", "rank": 1, "min_tenure_months": 1, "benefits": []any{}},
		} {
			if res := call(t, srv, "POST", "/api/v1/tiers", tier); res.status != 201 {
				t.Fatalf("tier: %d %s", res.status, res.body)
			}
		}
		leap := createAccount(t, srv, map[string]any{"name": "Leap", "contract_start": "2024-02-29"})
		endOfJan := createAccount(t, srv, map[string]any{"name": "End Of Jan", "domain": "eoj.io", "contract_start": "2025-01-31"})
		feb := createAccount(t, srv, map[string]any{"name": "February", "domain": "feb.io", "contract_start": "2025-02-01"})
		if res := call(t, srv, "POST", "/api/v1/tiers/evaluate", map[string]any{}); res.status != 200 {
			t.Fatalf("evaluate: %d %s", res.status, res.body)
		}
		for id, want := range map[string]string{leap: "Year", endOfJan: "Month", feb: ""} {
			acc := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/accounts/"+id, nil))
			if acc["loyalty_tier"] != want {
				t.Errorf("%s: tier %q, want %q", acc["name"], acc["loyalty_tier"], want)
			}
		}
	})
}
