package retention

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dp(s string) *time.Time { t := d(s); return &t }

// The hand-worked period: Q1 2026, known as of 2026-04-30.
//
//	A  2025-01-10 → active                 1000, +200 expansion on 2026-02-01
//	B  2025-03-01 → 2026-02-15 preventable  500
//	C  2025-06-01 → active                  800, −100 contraction on 2026-03-01
//	D  2025-11-20 → 2026-03-20 unavoidable, involuntary   300
//	E  2026-02-01 → active (new)            400
//	F  2026-02-10 → 2026-03-01 (new, lost, preventable)   100
//	G  2024-05-05 → 2025-12-01 (gone before the period)   250
//
// S = {A,B,C,D} = 4, E = {A,C,E} = 3, N = {E,F} = 2, lost = {B,D,F} = 3.
// CRR = (3 − 2) ÷ 4 = 25 %; logo churn = 3 ÷ 4 = 75 %.
// MRR at start = 1000 + 500 + 800 + 300 = 2600 (G's 250 came and went).
// Base accounts only: expansion 200, contraction 100, churned 500 + 300 = 800.
// Gross revenue churn = 900 ÷ 2600 = 34.62 %; GRR = 1700 ÷ 2600 = 65.38 %;
// NRR = 1900 ÷ 2600 = 73.08 %. MRR at end = 2300.
// CLV: 89 days = 2.92402 months; monthly churn = 0.75 ÷ 2.92402 = 0.256496;
// ARPA = 650; CLV = 650 ÷ 0.256496 = 2534.
// Renewals due: A (2026-01-10) and B (2026-03-01); A renewed, B did not → 50 %.
func fixture() ([]Life, []Movement, Period) {
	lives := []Life{
		{AccountID: 1, From: d("2025-01-10"), Currency: "EUR"},
		{AccountID: 2, From: d("2025-03-01"), To: dp("2026-02-15"), Currency: "EUR", Preventable: true, Voluntary: true},
		{AccountID: 3, From: d("2025-06-01"), Currency: "EUR"},
		{AccountID: 4, From: d("2025-11-20"), To: dp("2026-03-20"), Currency: "EUR"},
		{AccountID: 5, From: d("2026-02-01"), Currency: "EUR"},
		{AccountID: 6, From: d("2026-02-10"), To: dp("2026-03-01"), Currency: "EUR", Preventable: true, Voluntary: true},
		{AccountID: 7, From: d("2024-05-05"), To: dp("2025-12-01"), Currency: "EUR", Voluntary: true},
	}
	m := func(id int64, day, kind string, amount int64) Movement {
		return Movement{AccountID: id, Date: d(day), Kind: kind, Amount: amount, Currency: "EUR"}
	}
	moves := []Movement{
		m(1, "2025-01-10", "new", 1000), m(1, "2026-02-01", "expansion", 200),
		m(2, "2025-03-01", "new", 500), m(2, "2026-02-15", "churn", -500),
		m(3, "2025-06-01", "new", 800), m(3, "2026-03-01", "contraction", -100),
		m(4, "2025-11-20", "new", 300), m(4, "2026-03-20", "churn", -300),
		m(5, "2026-02-01", "new", 400),
		m(6, "2026-02-10", "new", 100), m(6, "2026-03-01", "churn", -100),
		m(7, "2024-05-05", "new", 250), m(7, "2025-12-01", "churn", -250),
	}
	return lives, moves, Period{From: d("2026-01-01"), To: d("2026-03-31"), AsOf: d("2026-04-30")}
}

func value(t *testing.T, figs []Figure, key string) float64 {
	t.Helper()
	for _, f := range figs {
		if f.Key == key {
			if f.Value == nil {
				t.Fatalf("%s is null", key)
			}
			return *f.Value
		}
	}
	t.Fatalf("no figure %s", key)
	return 0
}

func TestPeriodFiguresHandWorked(t *testing.T) {
	lives, moves, p := fixture()
	c := CountLives(lives, p)
	if c != (Counts{Start: 4, End: 3, New: 2, Lost: 3, Preventable: 2, Unavoidable: 1, Involuntary: 1}) {
		t.Fatalf("counts = %+v", c)
	}
	figs := CustomerFigures(c)
	for key, want := range map[string]float64{"crr": 25, "logo_churn": 75, "preventable_share": 66.67, "unavoidable_share": 33.33, "preventable_rate": 50, "unavoidable_rate": 25} {
		if got := value(t, figs, key); got != want {
			t.Errorf("%s = %v, want %v", key, got, want)
		}
	}
	rev := RevenueFigures(lives, moves, c, p)
	if len(rev) != 1 {
		t.Fatalf("revenue = %+v", rev)
	}
	r := rev[0]
	if r.MRRStart != 2600 || r.MRREnd != 2300 || r.Expansion != 200 || r.Contraction != 100 || r.Churned != 800 {
		t.Errorf("revenue inputs = %+v", r)
	}
	for key, want := range map[string]float64{"gross_revenue_churn": 34.62, "grr": 65.38, "nrr": 73.08, "clv": 2534} {
		if got := value(t, r.Figures, key); got != want {
			t.Errorf("%s = %v, want %v", key, got, want)
		}
	}
	due, renewed := Renewals(lives, p)
	if due != 2 || renewed != 1 || value(t, []Figure{RenewalFigure(due, renewed)}, "renewal_rate") != 50 {
		t.Errorf("renewals: %d due, %d renewed", due, renewed)
	}
}

func TestFiguresDivideByZeroToNull(t *testing.T) {
	figs := CustomerFigures(Counts{})
	for _, f := range figs {
		if f.Value != nil {
			t.Errorf("%s = %v with no customers, want null", f.Key, *f.Value)
		}
	}
}

func TestBreakdownsAndCohorts(t *testing.T) {
	lives, _, p := fixture()
	lives[1].Reason, lives[1].MRRLost, lives[1].Plan = "price", 500, "Growth"
	lives[3].Reason, lives[3].MRRLost, lives[3].Plan = "business_closed", 300, "Starter"
	lives[5].Reason, lives[5].MRRLost, lives[5].Plan = "price", 100, "Starter"
	b := Break(Lost(lives, p))
	if len(b.Reason) != 2 || b.Reason[0].Key != "price" || b.Reason[0].Count != 2 || b.Reason[0].MRRLost["EUR"] != 600 {
		t.Errorf("by reason = %+v", b.Reason)
	}
	// Tenures: B 351 days (6-12m), D 120 days (3-6m), F 19 days (0-3m).
	tenure := map[string]int{}
	for _, s := range b.Tenure {
		tenure[s.Key] = s.Count
	}
	if tenure["6-12m"] != 1 || tenure["3-6m"] != 1 || tenure["0-3m"] != 1 {
		t.Errorf("by tenure = %+v", b.Tenure)
	}
	// Cohort 2026-02: E (stays) and F (lost 2026-03-01). End of Feb: both → 100;
	// end of March: only E → 50; end of April (as of 2026-04-30): 50.
	cohorts := Cohorts(lives, p.AsOf, 24)
	last := cohorts[len(cohorts)-1]
	if last.Month != "2026-02" || last.Size != 2 || len(last.Retained) != 3 || last.Retained[0] != 100 || last.Retained[1] != 50 || last.Retained[2] != 50 {
		t.Errorf("2026-02 cohort = %+v", last)
	}
}
