// Command bench measures ChurnDesk at real size and writes
// bench/results.json and docs/BENCHMARKS.md. Run it with `make bench`
// (10,000, 30,000 and 100,000 accounts on SQLite, 100,000 on PostgreSQL,
// and the concurrent daily mix on both) or `make bench-smoke` (one small
// portfolio on SQLite).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/store"
)

// Result is one measured figure and, where the issue sets one, its target.
type Result struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Target string  `json:"target,omitempty"`
	Met    *bool   `json:"met,omitempty"`
	Note   string  `json:"note,omitempty"`
}

// run is one portfolio on one engine and what was measured on it.
type run struct {
	dir      string
	bin      string
	db       string // SQLite file or postgres:// URL
	engine   string // "sqlite" or "postgres"
	accounts int
	slack    float64 // targets are multiplied by this (2 on PostgreSQL)
	results  []Result
}

func (r *run) add(name string, value float64, unit, target string, met *bool, note string) {
	r.results = append(r.results, Result{Name: name, Value: round(value), Unit: unit, Target: target, Met: met, Note: note})
	fmt.Printf("  %-50s %10s %-3s %s", name, show(value), unit, target)
	if note != "" {
		fmt.Printf("  (%s)", note)
	}
	fmt.Println()
}

// within adds a timed measure with an upper bound (in ms or s, as unit
// says); the bound is scaled by the engine's slack and shown with it.
func (r *run) within(name string, value float64, unit string, bound float64, prefix, note string) {
	bound *= r.slack
	target := fmt.Sprintf("%s≤ %s %s", prefix, trimFloat(bound), unit)
	r.add(name, value, unit, target, ptr(value <= bound), note)
}

func trimFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// round keeps three significant digits (at least one decimal): small
// measures stay readable and large ones carry no false precision.
func round(v float64) float64 {
	if v == 0 {
		return 0
	}
	digits := max(1, 3-int(math.Ceil(math.Log10(math.Abs(v)))))
	pow := math.Pow(10, float64(digits))
	return math.Round(v*pow) / pow
}

// show writes a rounded value without trailing zeros.
func show(v float64) string { return strconv.FormatFloat(round(v), 'f', -1, 64) }

func ptr(b bool) *bool { return &b }

// startCPUProfile profiles the process's CPU into path until the returned
// function is called.
func startCPUProfile(path string) func() {
	f, err := os.Create(path)
	must(err)
	must(pprof.StartCPUProfile(f))
	return func() {
		pprof.StopCPUProfile()
		must(f.Close())
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func main() {
	sizes := flag.String("sizes", "10000,30000,100000", "portfolio sizes for the scaling curve, ascending; the last is the reference size")
	accounts := flag.Int("accounts", 0, "one portfolio size instead of --sizes (the smoke run)")
	usageRows := flag.Int("usage-rows", 1000000, "rows in the usage CSV at the reference size (scaled alike for smaller sizes)")
	out := flag.String("out", "bench", "folder for results.json (docs/BENCHMARKS.md is written when the reference size is 100,000)")
	only := flag.String("only", "", "run one group of measures only: accounts-import (a generated HubSpot export of --accounts companies, beside the sqlite3 shell), today (the Today screen on a generated portfolio of --accounts), scores (health recompute and tier evaluation), risk (training the churn-risk model, then scoring every live account), usage-import (beside the sqlite3 shell) or endpoints (serve, the timed requests and Today), each on --portfolio or a generated portfolio of --accounts")
	mixFor := flag.Duration("mix", 60*time.Second, "how long the 16 clients of the daily mix run on each engine (0: skip)")
	desktop := flag.Bool("desktop", true, "measure the desktop app's cold start and memory under Xvfb at the reference size")
	pg := flag.String("pg", os.Getenv("CHURNDESK_TEST_PG"), "an empty PostgreSQL database for the team-mode run (default $CHURNDESK_TEST_PG; empty: skip)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the benchmark process to this file (read it with go tool pprof)")
	flag.Parse()
	if *cpuProfile != "" {
		stop := startCPUProfile(*cpuProfile)
		defer stop()
	}
	dir, err := os.MkdirTemp("", "churndesk-bench-")
	must(err)
	defer os.RemoveAll(dir)
	ns := parseSizes(*sizes, *accounts)
	if *only == "accounts-import" {
		r := &run{dir: dir, engine: "sqlite", slack: 1, accounts: ns[len(ns)-1]}
		r.importCRMAccounts(generatedHubSpot(r.accounts))
		return
	}
	bin := filepath.Join(dir, "churndesk")
	must(exec.Command("go", "build", "-o", bin, ".").Run())
	if runOnly(*only, dir, bin, ns[len(ns)-1], *usageRows) {
		return
	}
	if *only == "today" {
		r := &run{dir: dir, bin: bin, db: filepath.Join(dir, "bench.db"), engine: "sqlite", slack: 1, accounts: ns[len(ns)-1]}
		b := r.open()
		_, err := b.Demo.Load(context.Background(), demo.Options{Accounts: r.accounts, Seed: 1})
		must(err)
		b.Close()
		s, _ := r.startServe()
		defer s.stop()
		r.today(s.base)
		return
	}

	rep := report{At: time.Now().UTC(), Sizes: map[int][]Result{}}
	var ref *run
	for _, n := range ns {
		fmt.Printf("SQLite, %d accounts\n", n)
		r := &run{dir: filepath.Join(dir, strconv.Itoa(n)), bin: bin, engine: "sqlite", accounts: n, slack: 1}
		must(os.MkdirAll(r.dir, 0o700))
		r.db = filepath.Join(r.dir, "bench.db")
		r.sqliteSuite(max(1, int(int64(*usageRows)*int64(n)/int64(ns[len(ns)-1]))))
		if *desktop && n == ns[len(ns)-1] {
			r.desktopStart()
		}
		rep.Sizes[n] = r.results
		ref = r
	}
	if *mixFor > 0 {
		fmt.Printf("SQLite, daily mix of 16 clients for %s\n", *mixFor)
		rep.Mix = append(rep.Mix, ref.dailyMix(*mixFor))
	}
	if *pg != "" {
		n := ns[len(ns)-1]
		fmt.Printf("PostgreSQL, %d accounts\n", n)
		r := &run{dir: filepath.Join(dir, "pg"), bin: bin, engine: "postgres", db: *pg, accounts: n, slack: 2}
		must(os.MkdirAll(r.dir, 0o700))
		r.postgresSuite(*usageRows)
		rep.Postgres = r.results
		if *mixFor > 0 {
			fmt.Printf("PostgreSQL, daily mix of 16 clients for %s\n", *mixFor)
			rep.Mix = append(rep.Mix, r.dailyMix(*mixFor))
		}
	}
	rep.write(*out, ns)
}

// parseSizes reads --sizes, or the single --accounts size.
func parseSizes(list string, one int) []int {
	if one > 0 {
		return []int{one}
	}
	var ns []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			must(fmt.Errorf("--sizes: %q is not a portfolio size", f))
		}
		ns = append(ns, n)
	}
	if !slices.IsSorted(ns) {
		must(fmt.Errorf("--sizes must be ascending"))
	}
	return ns
}

// loadPortfolio fills the run's database with the demo generator's
// portfolio (seed 1) and times it.
func (r *run) loadPortfolio() {
	start := time.Now()
	b := r.open()
	res, err := b.Demo.Load(context.Background(), demo.Options{Accounts: r.accounts, Seed: 1})
	must(err)
	r.add("portfolio load (demo generator, all tables)", time.Since(start).Seconds(), "s", "", nil,
		fmt.Sprintf("%d accounts, %d usage rows, %d NPS answers, %d churn records", res.Accounts, res.UsageRows, res.NPSResponses, res.Churned))
	r.scoreAndTier(b)
	r.risk(b)
	b.Close()
}

// scoreAndTier times a full health recompute and a tier evaluation.
func (r *run) scoreAndTier(b *boot.Backend) {
	var err error
	d := timed(func() { _, err = b.Health.Recompute(context.Background(), b.Now()) })
	must(err)
	r.within("health recompute, every live account", d.Seconds(), "s", 2, "", "")
	d = timed(func() { _, err = b.Loyalty.Evaluate(context.Background(), b.Now()) })
	must(err)
	r.within("loyalty tier evaluation", d.Seconds(), "s", 1, "", "")
}

// sqliteSuite is every measure on a SQLite portfolio of r.accounts.
func (r *run) sqliteSuite(usageRows int) {
	r.loadPortfolio()
	r.importVersusSQLite(usageRows)
	r.importCRMAccounts(r.exportedHubSpot())
	r.endpoints()
}

// postgresSuite is the same measures on PostgreSQL, where there is no
// shell floor to compare the usage import with.
func (r *run) postgresSuite(usageRows int) {
	r.loadPortfolio()
	r.importUsage(r.usageCSV(usageRows), usageRows)
	r.endpoints()
}

func (r *run) open() *boot.Backend {
	b, err := boot.OpenWith(context.Background(), r.db, time.Now, slog.New(slog.DiscardHandler))
	must(err)
	return b
}

func timed(fn func()) time.Duration {
	start := time.Now()
	fn()
	return time.Since(start)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// report is everything one `make bench` measured.
type report struct {
	At       time.Time        `json:"at"`
	Machine  map[string]any   `json:"machine"`
	Sizes    map[int][]Result `json:"sizes" description:"SQLite measures per portfolio size"`
	Postgres []Result         `json:"postgres,omitempty"`
	Mix      []mixResult      `json:"mix,omitempty"`
	Scaling  []scaling        `json:"scaling,omitempty"`
}

func (rep *report) write(dir string, ns []int) {
	rep.Machine = map[string]any{"cores": runtime.NumCPU(), "memory_gb": round(memoryGB()), "go": runtime.Version(), "sqlite": store.SQLite}
	rep.Scaling = scalingOf(ns, rep.Sizes)
	must(os.MkdirAll(dir, 0o755))
	raw, _ := json.MarshalIndent(rep, "", "  ")
	must(os.WriteFile(filepath.Join(dir, "results.json"), append(raw, '\n'), 0o644))
	if ns[len(ns)-1] < 100000 {
		return
	}
	if len(ns) > 1 {
		must(os.WriteFile(filepath.Join("docs", "bench-scaling.svg"), scalingChart(ns, rep.Sizes), 0o644))
	}
	must(os.WriteFile(filepath.Join("docs", "BENCHMARKS.md"), rep.markdown(ns), 0o644))
}

func memoryGB() float64 {
	raw, _ := os.ReadFile("/proc/meminfo")
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "MemTotal:") {
			kb, _ := strconv.ParseFloat(strings.Fields(line)[1], 64)
			return kb / 1024 / 1024
		}
	}
	return 0
}
