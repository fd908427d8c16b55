package retention

import (
	"context"
	"slices"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/nps"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// seed writes the hand-worked fixture of figures_test.go into a real
// database: lives become accounts and churn records, movements become MRR
// movements; a trial and NPS answers are added around them.
func seed(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	lives, moves, _ := fixture()
	segments := []string{"smb", "mid", "smb", "enterprise", "mid", "smb", "smb"}
	db := s.Write(ctx)
	for i, l := range lives {
		a := store.Account{ID: l.AccountID, Name: "A", SearchText: "a", Segment: segments[i], Currency: l.Currency,
			ContractStart: store.NewDate(l.From), Status: "active"}
		if l.To != nil {
			a.Status = "churned"
		}
		if err := db.Create(&a).Error; err != nil {
			t.Fatal(err)
		}
		if l.To != nil {
			r := store.ChurnRecord{AccountID: l.AccountID, ChurnDate: store.NewDate(*l.To), ContractStart: store.NewDate(l.From),
				Reason: "price_budget", Preventable: l.Preventable, Voluntary: l.Voluntary, Currency: l.Currency}
			if err := db.Create(&r).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	trial := store.Account{ID: 8, Name: "Trial", SearchText: "trial", Segment: "smb", Currency: "EUR", ContractStart: store.NewDate(d("2026-01-15")), Status: "trial"}
	if err := db.Create(&trial).Error; err != nil {
		t.Fatal(err)
	}
	for _, m := range moves {
		mv := store.MRRMovement{AccountID: m.AccountID, Date: store.NewDate(m.Date), Kind: m.Kind, Amount: m.Amount, Currency: m.Currency}
		if err := db.Create(&mv).Error; err != nil {
			t.Fatal(err)
		}
	}
	// In Q1 2026: 10, 9, 7, 3 → (2 − 1) ÷ 4 = 25.0; the 0 of 2025-12-31 is outside.
	for _, a := range []struct {
		account int64
		score   int
		day     string
	}{{1, 10, "2026-01-05"}, {3, 9, "2026-02-01"}, {5, 7, "2026-03-31"}, {2, 3, "2026-02-10"}, {1, 0, "2025-12-31"}} {
		r := store.NPSResponse{AccountID: a.account, Score: a.score, RespondedOn: store.NewDate(d(a.day))}
		if err := db.Create(&r).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// TestMetricsFromDatabaseMatchHandWorked checks that the figures read from
// a database (opening MRR summed by the database, NPS counted by it, lives
// read from narrow columns) equal the hand-worked ones.
func TestMetricsFromDatabaseMatchHandWorked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seed(t, s)
		c := check.New()
		svc := NewService(s, c, nps.NewService(s, c), func() time.Time { return d("2026-04-30") })
		m, err := svc.Metrics(context.Background(), MetricsQuery{From: "2026-01-01", To: "2026-03-31", AsOf: "2026-04-30"})
		if err != nil {
			t.Fatal(err)
		}
		if m.Customers != (Counts{Start: 4, End: 3, New: 2, Lost: 3, Preventable: 2, Unavoidable: 1, Involuntary: 1}) {
			t.Errorf("counts = %+v", m.Customers)
		}
		if value(t, m.Figures, "crr") != 25 || value(t, m.Figures, "renewal_rate") != 50 {
			t.Errorf("figures = %+v", m.Figures)
		}
		if len(m.Revenue) != 1 {
			t.Fatalf("revenue = %+v", m.Revenue)
		}
		r := m.Revenue[0]
		if r.MRRStart != 2600 || r.MRREnd != 2300 || r.Expansion != 200 || r.Contraction != 100 || r.Churned != 800 {
			t.Errorf("revenue inputs = %+v", r)
		}
		for key, want := range map[string]float64{"gross_revenue_churn": 34.62, "grr": 65.38, "nrr": 73.08, "clv": 2534} {
			if got := value(t, r.Figures, key); got != want {
				t.Errorf("%s = %v, want %v", key, got, want)
			}
		}
		if m.NPS.Responses != 4 || m.NPS.Promoters != 2 || m.NPS.Passives != 1 || m.NPS.Detractors != 1 || m.NPS.NPS != 25 {
			t.Errorf("NPS = %+v", m.NPS)
		}
		// Lost in the period: B (mid), D (enterprise), F (smb).
		seg := map[string]int{}
		for _, sl := range m.Breakdowns.Segment {
			seg[sl.Key] = sl.Count
		}
		if seg["mid"] != 1 || seg["enterprise"] != 1 || seg["smb"] != 1 {
			t.Errorf("by segment = %+v", m.Breakdowns.Segment)
		}

		// Curves by segment as of 2026-04-30: smb holds A, C (censored), F (lost after
		// 19 days) and G (lost after 575 days); the trial is not a customer.
		curves, err := svc.Curve(context.Background(), CurveQuery{AsOf: "2026-04-30", GroupBy: "segment"})
		if err != nil {
			t.Fatal(err)
		}
		sizes := map[string]int{}
		for _, cv := range curves.Curves {
			sizes[cv.Group] = cv.Customers
		}
		if sizes["smb"] != 4 || sizes["mid"] != 2 || sizes["enterprise"] != 1 || len(sizes) != 3 {
			t.Errorf("curve groups = %v", sizes)
		}

		// Two more customers start on E's day: current customers are read grouped
		// by start day, and the group of three must count three times.
		for _, id := range []int64{9, 10} {
			a := store.Account{ID: id, Name: "Late", SearchText: "late", Segment: "mid", Currency: "EUR", ContractStart: store.NewDate(d("2026-02-01")), Status: "active"}
			if err := s.Write(context.Background()).Create(&a).Error; err != nil {
				t.Fatal(err)
			}
		}
		m, err = svc.Metrics(context.Background(), MetricsQuery{From: "2026-01-01", To: "2026-03-31", AsOf: "2026-04-30"})
		if err != nil {
			t.Fatal(err)
		}
		if m.Customers.Start != 4 || m.Customers.End != 5 || m.Customers.New != 4 || value(t, m.Figures, "crr") != 25 {
			t.Errorf("with two more new customers: counts = %+v", m.Customers)
		}
		cohorts, err := svc.Cohorts(context.Background(), CurveQuery{AsOf: "2026-04-30"})
		if err != nil {
			t.Fatal(err)
		}
		if last := cohorts.Cohorts[len(cohorts.Cohorts)-1]; last.Month != "2026-02" || last.Size != 4 || last.Retained[1] != 75 {
			t.Errorf("2026-02 cohort = %+v", last)
		}
		members, err := svc.Members(context.Background(), MembersQuery{MetricsQuery: MetricsQuery{From: "2026-01-01", To: "2026-03-31", AsOf: "2026-04-30"}, Set: "new"})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, it := range members.Items {
			ids = append(ids, it.AccountID)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, []int64{5, 6, 9, 10}) {
			t.Errorf("new customers = %v", ids)
		}

		// Two more customers start on B's day and are both lost on 2025-09-01
		// (184 days): the curve and the cohorts read past lives counted per
		// churn and start day, and the pair must count twice. As of 2026-04-30
		// the tenures are 19 (lost), 88 ×3, 120 (lost), 184 ×2 (lost), 333,
		// 351 (lost), 475 and 575 (lost): S(184) = 10/11 · 6/7 · 4/6 = 40/77.
		for _, id := range []int64{11, 12} {
			a := store.Account{ID: id, Name: "Pair", SearchText: "pair", Segment: "mid", Currency: "EUR", ContractStart: store.NewDate(d("2025-03-01")), Status: "churned"}
			r := store.ChurnRecord{AccountID: id, ChurnDate: store.NewDate(d("2025-09-01")), ContractStart: store.NewDate(d("2025-03-01")),
				Reason: "price_budget", Currency: "EUR"}
			if err := s.Write(context.Background()).Create(&a).Error; err != nil {
				t.Fatal(err)
			}
			if err := s.Write(context.Background()).Create(&r).Error; err != nil {
				t.Fatal(err)
			}
		}
		curves, err = svc.Curve(context.Background(), CurveQuery{AsOf: "2026-04-30"})
		if err != nil {
			t.Fatal(err)
		}
		if len(curves.Curves) != 1 || curves.Curves[0].Customers != 11 {
			t.Fatalf("curve = %+v", curves.Curves)
		}
		var at184 Point
		for _, p := range curves.Curves[0].Points {
			if p.TenureDays == 184 {
				at184 = p
			}
		}
		if at184.AtRisk != 6 || at184.Churned != 2 || at184.Survival != 0.5195 {
			t.Errorf("point at 184 days = %+v, want 6 at risk, 2 lost, S = 40/77", at184)
		}
		cohorts, err = svc.Cohorts(context.Background(), CurveQuery{AsOf: "2026-04-30"})
		if err != nil {
			t.Fatal(err)
		}
		// B, and the pair lost in month 6: 3 customers, then 1 of 3.
		march := slices.IndexFunc(cohorts.Cohorts, func(c Cohort) bool { return c.Month == "2025-03" })
		if march < 0 {
			t.Fatalf("no 2025-03 cohort in %+v", cohorts.Cohorts)
		}
		if c := cohorts.Cohorts[march]; c.Size != 3 || len(c.Retained) != 14 || c.Retained[5] != 100 || c.Retained[6] != 33.3 {
			t.Errorf("2025-03 cohort = %+v", c)
		}
	})
}
