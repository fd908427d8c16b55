package demo_test

import (
	"context"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/demo"
	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

var today = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) // a Tuesday

func load(t *testing.T, s *store.Store, n int, seed int64) demo.Result {
	t.Helper()
	l := demo.NewLoader(s, check.New(), func() time.Time { return today }, nil)
	res, err := l.Load(context.Background(), demo.Options{Accounts: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// fingerprint summarises a portfolio so two loads can be compared.
type fingerprint struct {
	Accounts, Contacts, Usage, NPS           int64
	MRR, ActiveUsers, Scores, DistinctNames  int64
	FirstName, LastWeek, FirstWeek, MaxStart string
}

func fingerprintOf(t *testing.T, s *store.Store) fingerprint {
	t.Helper()
	db := s.Read(context.Background())
	var f fingerprint
	db.Model(&store.Account{}).Count(&f.Accounts)
	db.Model(&store.Contact{}).Count(&f.Contacts)
	db.Model(&store.UsageSnapshot{}).Count(&f.Usage)
	db.Model(&store.NPSResponse{}).Count(&f.NPS)
	db.Model(&store.Account{}).Select("COALESCE(SUM(mrr),0)").Scan(&f.MRR)
	db.Model(&store.UsageSnapshot{}).Select("COALESCE(SUM(active_users),0)").Scan(&f.ActiveUsers)
	db.Model(&store.NPSResponse{}).Select("COALESCE(SUM(score),0)").Scan(&f.Scores)
	db.Model(&store.Account{}).Select("COUNT(DISTINCT name)").Scan(&f.DistinctNames)
	db.Model(&store.Account{}).Select("name").Order("id").Limit(1).Scan(&f.FirstName)
	var week store.Date
	db.Model(&store.UsageSnapshot{}).Select("MAX(week_start)").Scan(&week)
	f.LastWeek = week.String()
	db.Model(&store.UsageSnapshot{}).Select("MIN(week_start)").Scan(&week)
	f.FirstWeek = week.String()
	return f
}

func TestDemoIsDeterministicAndRealistic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		res := load(t, s, 300, 42)
		if res.Accounts != 300 || res.Contacts < 300 || res.Contacts > 1200 {
			t.Errorf("result = %+v", res)
		}
		got := fingerprintOf(t, s)
		if got.Accounts != 300 || got.Contacts != int64(res.Contacts) || got.Usage != int64(res.UsageRows) || got.NPS != int64(res.NPSResponses) {
			t.Errorf("stored counts %+v differ from result %+v", got, res)
		}
		if got.DistinctNames != 300 {
			t.Errorf("distinct names = %d, want 300", got.DistinctNames)
		}
		// 2026-11-24 is a Tuesday: the newest week starts Monday 2026-11-23,
		// and 52 weeks of history go back 51 weeks to Monday 2025-12-01.
		if got.LastWeek != "2026-11-23" || got.FirstWeek != "2025-12-01" {
			t.Errorf("usage weeks %s … %s, want 2025-12-01 … 2026-11-23", got.FirstWeek, got.LastWeek)
		}

		other := storetest.Open(t, storetest.Engine{Name: "sqlite", DSN: t.TempDir() + "/again.db"})
		load(t, other, 300, 42)
		if again := fingerprintOf(t, other); again != got {
			t.Errorf("same seed, different portfolio:\n%+v\n%+v", got, again)
		}
		third := storetest.Open(t, storetest.Engine{Name: "sqlite", DSN: t.TempDir() + "/seed2.db"})
		load(t, third, 300, 43)
		if diff := fingerprintOf(t, third); diff.MRR == got.MRR {
			t.Errorf("seeds 42 and 43 gave the same MRR total %d", got.MRR)
		}
	})
}

func TestDemoRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		load(t, s, 150, 1)
		db := s.Read(context.Background())
		var accs []store.Account
		var usage []store.UsageSnapshot
		db.Find(&accs)
		db.Find(&usage)
		byID := map[int64]store.Account{}
		for _, a := range accs {
			byID[a.ID] = a
		}
		for _, u := range usage {
			a := byID[u.AccountID]
			if u.WeekStart.Before(a.ContractStart.AddDate(0, 0, -6)) {
				t.Errorf("usage week %s before %s's contract start %s", u.WeekStart, a.Name, a.ContractStart)
			}
			if u.ActiveUsers > a.Seats || u.ActiveUsers < 0 {
				t.Errorf("%s: %d active users with %d seats", a.Name, u.ActiveUsers, a.Seats)
			}
		}
		var badScores, overdueWithoutDate int64
		db.Model(&store.NPSResponse{}).Where("score < 0 OR score > 10").Count(&badScores)
		db.Model(&store.Account{}).Where("payment_status = 'overdue' AND overdue_since IS NULL").Count(&overdueWithoutDate)
		if badScores != 0 || overdueWithoutDate != 0 {
			t.Errorf("bad scores %d, overdue without date %d", badScores, overdueWithoutDate)
		}
		// MRR movements add up to today's MRR for customers and to nothing
		// for churned accounts and trials (whose MRR is no revenue yet).
		var sums []struct {
			AccountID int64
			Total     int64
		}
		db.Model(&store.MRRMovement{}).Select("account_id, SUM(amount) AS total").Group("account_id").Scan(&sums)
		moved := map[int64]int64{}
		for _, m := range sums {
			moved[m.AccountID] = m.Total
		}
		trials := 0
		for _, a := range accs {
			want := a.MRR
			if a.Status == "churned" || a.Status == "trial" {
				want = 0
			}
			if a.Status == "trial" {
				trials++
				if _, ok := moved[a.ID]; ok {
					t.Errorf("trial %s has MRR movements", a.Name)
				}
			}
			if moved[a.ID] != want {
				t.Errorf("%s (%s): movements add up to %d, MRR %d", a.Name, a.Status, moved[a.ID], a.MRR)
			}
		}
		if trials == 0 {
			t.Error("no trials in the demo portfolio")
		}
		var segments []string
		db.Model(&store.Account{}).Distinct("segment").Order("segment").Pluck("segment", &segments)
		if len(segments) != 3 {
			t.Errorf("segments = %v, want all three", segments)
		}
	})
}

func TestDemoRefusesNonEmptyAndBadSize(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		l := demo.NewLoader(s, check.New(), func() time.Time { return today }, nil)
		if _, err := l.Load(context.Background(), demo.Options{Accounts: 0}); !isField(err, "accounts") {
			t.Errorf("0 accounts: %v", err)
		}
		if _, err := l.Load(context.Background(), demo.Options{Accounts: 100001}); !isField(err, "accounts") {
			t.Errorf("100001 accounts: %v", err)
		}
		load(t, s, 3, 1)
		_, err := l.Load(context.Background(), demo.Options{Accounts: 3})
		if fe, ok := fault.As(err); !ok || fe.Code != fault.CodeConflict {
			t.Errorf("second load: %v, want conflict", err)
		}
		if got := fingerprintOf(t, s).Accounts; got != 3 {
			t.Errorf("accounts after refused load = %d, want 3", got)
		}
	})
}

func isField(err error, field string) bool {
	fe, ok := fault.As(err)
	return ok && fe.Fields[field] != ""
}

// TestHistoryWeeksCoverLastQuarter: a sample portfolio is scored weekly from
// the week holding the first day of the previous quarter, so last quarter's
// QBR has a point for every week. 24 Nov 2026: weeks of 29 Jun … 23 Nov = 22.
// 10 Feb 2026: weeks of 29 Sep 2025 … 9 Feb 2026 = 20. 1 Oct 2026: weeks of
// 29 Jun … 28 Sep = 14. Very large portfolios get two weeks.
func TestHistoryWeeksCoverLastQuarter(t *testing.T) {
	cases := []struct {
		accounts int
		today    time.Time
		want     int
	}{
		{60, time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), 22},
		{60, time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC), 20},
		{60, time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC), 14},
		{20000, time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), 2},
	}
	for _, c := range cases {
		if got := demo.HistoryWeeks(c.accounts, c.today); got != c.want {
			t.Errorf("HistoryWeeks(%d, %s) = %d, want %d", c.accounts, c.today.Format("2006-01-02"), got, c.want)
		}
	}
}
