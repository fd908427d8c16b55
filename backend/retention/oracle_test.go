package retention

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/nps"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// oracleLife is one customer life of a generated portfolio, as R reads it.
type oracleLife struct{ start, churn string }

// oracleAccount is one generated account with its churn records.
type oracleAccount struct {
	row     store.Account
	records []store.ChurnRecord
}

// portfolio is a generated set of accounts and the lives R is given.
type portfolio struct {
	name     string
	accounts []oracleAccount
	lives    []oracleLife
}

// generatePortfolio plans n accounts: starts and churns fall on a few
// shared days (ties of tenure and of calendar day), some accounts churn and
// come back (an old churn record plus a current life), some churn again,
// some start after the earliest as-of day. Two accounts start on the first
// day and stay, so the curve never falls to zero (where Greenwood's
// variance is undefined). Three trials are added that R never sees: they
// are no customers.
func generatePortfolio(seed uint64, n int) portfolio {
	r := rand.New(rand.NewPCG(seed, 14))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	startDays := make([]int, 18)
	for i := range startDays {
		startDays[i] = r.IntN(980)
	}
	startDays[0] = 0
	tenures := []int{14, 30, 30, 61, 90, 120, 183, 200, 365, 400}
	out := portfolio{name: fmt.Sprintf("seed%d_n%d", seed, n)}
	for i := range n {
		start := base.AddDate(0, 0, startDays[r.IntN(len(startDays))])
		if i < 2 {
			start = base
		}
		acc := oracleAccount{row: store.Account{Name: fmt.Sprintf("P%d", i), SearchText: "p", Segment: "smb", Currency: "EUR", Status: "active"}}
		for {
			churn := start.AddDate(0, 0, tenures[r.IntN(len(tenures))]+r.IntN(3))
			if i < 2 || churn.After(today) || r.IntN(10) < 4 {
				acc.row.ContractStart = store.NewDate(start)
				out.lives = append(out.lives, oracleLife{start: day(start)})
				break
			}
			acc.records = append(acc.records, store.ChurnRecord{ChurnDate: store.NewDate(churn), ContractStart: store.NewDate(start), Reason: "other", Currency: "EUR"})
			out.lives = append(out.lives, oracleLife{start: day(start), churn: day(churn)})
			back := churn.AddDate(0, 0, 20+r.IntN(200))
			if back.After(today) || r.IntN(10) < 6 {
				acc.row.ContractStart, acc.row.Status = store.NewDate(start), "churned"
				break
			}
			start = back
		}
		out.accounts = append(out.accounts, acc)
	}
	for i := range 3 {
		out.accounts = append(out.accounts, oracleAccount{row: store.Account{Name: "Trial", SearchText: "t", Segment: "smb", Currency: "EUR",
			Status: "trial", ContractStart: store.NewDate(base.AddDate(0, 0, 100*i))}})
	}
	return out
}

// insert replaces the database's accounts and churn records with p's.
func (p portfolio) insert(t *testing.T, s *store.Store) {
	t.Helper()
	db := s.Write(context.Background())
	for _, table := range []string{"churn_records", "accounts"} {
		if err := db.Exec("DELETE FROM " + table).Error; err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range p.accounts {
		row := a.row
		if err := db.Create(&row).Error; err != nil {
			t.Fatal(err)
		}
		for _, rec := range a.records {
			rec.AccountID = row.ID
			if err := db.Create(&rec).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRetentionAgreesWithR compares ChurnDesk's Kaplan–Meier curve, its
// Greenwood band and its cohort table, read through the service from a
// real database, with R's survival package (survfit, conf.type = "plain")
// on the same lives, for several portfolios and past as-of days, to 1e-4.
func TestRetentionAgreesWithR(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Rscript is missing on CI: scripts/deps.sh test installs r-base-core and r-cran-survival")
		}
		t.Skip("Rscript is not installed: the R oracle needs r-base-core and r-cran-survival (scripts/deps.sh test installs them)")
	}
	asOfs := []string{"2024-09-30", "2025-06-30", "2025-12-31", "2026-03-15", "2026-11-24"}
	var portfolios []portfolio
	for i, n := range []int{12, 40, 150, 400} {
		portfolios = append(portfolios, generatePortfolio(uint64(i+1), n))
	}
	km, cohorts := runR(t, rscript, portfolios, asOfs)
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := check.New()
		svc := NewService(s, c, nps.NewService(s, c), func() time.Time { return time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) })
		for _, p := range portfolios {
			t.Run(p.name, func(t *testing.T) {
				p.insert(t, s)
				for _, asOf := range asOfs {
					key := p.name + " " + asOf
					compareCurve(t, svc, asOf, km[key])
					compareCohorts(t, svc, asOf, cohorts[key])
				}
			})
		}
	})
}

// rRow is one row of R's output, by column name.
type rRow map[string]string

func (r rRow) num(t *testing.T, col string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(r[col], 64)
	if err != nil {
		t.Fatalf("R column %s = %q: %v", col, r[col], err)
	}
	return v
}

// runR writes every portfolio's lives and the as-of days to a temporary
// folder, runs the R script once (R takes seconds to start) and returns its
// curve and cohort rows by portfolio and as-of day ("name day").
func runR(t *testing.T, rscript string, portfolios []portfolio, asOfs []string) (km, cohorts map[string][]rRow) {
	t.Helper()
	dir := t.TempDir()
	livesRows := [][]string{{"portfolio", "start", "churn"}}
	for _, p := range portfolios {
		for _, l := range p.lives {
			livesRows = append(livesRows, []string{p.name, l.start, l.churn})
		}
	}
	asOfRows := [][]string{{"as_of"}}
	for _, a := range asOfs {
		asOfRows = append(asOfRows, []string{a})
	}
	writeCSV(t, filepath.Join(dir, "lives.csv"), livesRows)
	writeCSV(t, filepath.Join(dir, "asof.csv"), asOfRows)
	script, err := filepath.Abs(filepath.Join("testdata", "km_oracle.R"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(rscript, "--vanilla", script, "lives.csv", "asof.csv", "km.csv", "cohorts.csv")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Rscript: %v\n%s", err, out)
	}
	return readCSV(t, filepath.Join(dir, "km.csv")), readCSV(t, filepath.Join(dir, "cohorts.csv"))
}

func writeCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
}

func readCSV(t *testing.T, path string) map[string][]rRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]rRow{}
	for _, raw := range rows[1:] {
		r := rRow{}
		for i, col := range rows[0] {
			r[col] = raw[i]
		}
		key := r["portfolio"] + " " + r["as_of"]
		out[key] = append(out[key], r)
	}
	return out
}

const oracleTolerance = 1e-4

// compareCurve checks every churn time of ChurnDesk's curve against R's
// row at the same time, and that R has no churn time ChurnDesk lacks.
func compareCurve(t *testing.T, svc *Service, asOf string, rows []rRow) {
	t.Helper()
	curves, err := svc.Curve(context.Background(), CurveQuery{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(curves.Curves) != 1 || len(rows) == 0 {
		t.Fatalf("as of %s: %d curves, %d R rows", asOf, len(curves.Curves), len(rows))
	}
	c := curves.Curves[0]
	if total := int(rows[0].num(t, "total")); c.Customers != total {
		t.Errorf("as of %s: %d lives, R has %d", asOf, c.Customers, total)
	}
	byTime := map[int]rRow{}
	events := 0
	for _, r := range rows {
		byTime[int(r.num(t, "time"))] = r
		if r.num(t, "n_event") > 0 {
			events++
		}
	}
	churnPoints := 0
	for _, p := range c.Points {
		if p.Churned == 0 {
			continue
		}
		churnPoints++
		r, ok := byTime[p.TenureDays]
		if !ok {
			t.Errorf("as of %s: R has no row at tenure %d", asOf, p.TenureDays)
			continue
		}
		if p.AtRisk != int(r.num(t, "n_risk")) || p.Churned != int(r.num(t, "n_event")) {
			t.Errorf("as of %s, day %d: n=%d d=%d, R n=%s d=%s", asOf, p.TenureDays, p.AtRisk, p.Churned, r["n_risk"], r["n_event"])
		}
		for _, v := range []struct {
			name string
			got  float64
			col  string
		}{{"S", p.Survival, "surv"}, {"lower", p.CILow, "lower"}, {"upper", p.CIHigh, "upper"}} {
			if want := r.num(t, v.col); math.Abs(v.got-want) > oracleTolerance {
				t.Errorf("as of %s, day %d: %s = %.6f, R %.6f", asOf, p.TenureDays, v.name, v.got, want)
			}
		}
	}
	if churnPoints != events {
		t.Errorf("as of %s: %d churn times, R has %d", asOf, churnPoints, events)
	}
}

// compareCohorts checks each cohort's size and each month's retained share
// against R's counts (the share rounded to 0.1 % as the service states it).
func compareCohorts(t *testing.T, svc *Service, asOf string, rows []rRow) {
	t.Helper()
	table, err := svc.Cohorts(context.Background(), CurveQuery{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	got := map[string]Cohort{}
	for _, c := range table.Cohorts {
		got[c.Month] = c
		seen += len(c.Retained)
	}
	if seen != len(rows) {
		t.Errorf("as of %s: %d cohort cells, R has %d", asOf, seen, len(rows))
	}
	for _, r := range rows {
		c, ok := got[r["month"]]
		k := int(r.num(t, "k"))
		if !ok || k >= len(c.Retained) {
			t.Errorf("as of %s: no cohort cell %s month %d", asOf, r["month"], k)
			continue
		}
		size, alive := r.num(t, "size"), r.num(t, "alive")
		if c.Size != int(size) {
			t.Errorf("as of %s: cohort %s has %d, R %v", asOf, r["month"], c.Size, size)
		}
		if want := math.Round(alive/size*1000) / 10; math.Abs(c.Retained[k]-want) > oracleTolerance {
			t.Errorf("as of %s: cohort %s month %d = %v %%, R %v of %v = %v %%", asOf, r["month"], k, c.Retained[k], alive, size, want)
		}
	}
}
