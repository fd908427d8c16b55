// Command bench measures ChurnDesk at real size and writes
// bench/results.json and docs/BENCHMARKS.md. Run it with `make bench`
// (full size: 100,000 accounts) or `make bench-smoke` (2,000 accounts).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/importer"
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

type run struct {
	dir     string
	bin     string
	db      string
	results []Result
}

func (r *run) add(name string, value float64, unit, target string, met *bool, note string) {
	r.results = append(r.results, Result{Name: name, Value: round(value), Unit: unit, Target: target, Met: met, Note: note})
	fmt.Printf("%-52s %10.1f %-3s %s\n", name, round(value), unit, target)
}

func round(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }

func ptr(b bool) *bool { return &b }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func main() {
	accounts := flag.Int("accounts", 100000, "portfolio size")
	usageRows := flag.Int("usage-rows", 1000000, "rows in the usage CSV compared with sqlite3's .import")
	out := flag.String("out", "bench", "folder for results.json (docs/BENCHMARKS.md is written at full size only)")
	only := flag.String("only", "", "run one group of measures only: accounts-import (a generated HubSpot export of --accounts companies, beside the sqlite3 shell), today (the Today screen on a generated portfolio of --accounts)")
	flag.Parse()
	dir, err := os.MkdirTemp("", "churndesk-bench-")
	must(err)
	defer os.RemoveAll(dir)
	r := &run{dir: dir, bin: filepath.Join(dir, "churndesk"), db: filepath.Join(dir, "bench.db")}
	ctx := context.Background()
	if *only == "accounts-import" {
		r.importCRMAccounts(generatedHubSpot(*accounts))
		for _, res := range r.results {
			if res.Note != "" {
				fmt.Printf("  %s: %s\n", res.Name, res.Note)
			}
		}
		return
	}
	must(exec.Command("go", "build", "-o", r.bin, ".").Run())
	if *only == "today" {
		b, err := boot.OpenWith(ctx, r.db, time.Now, slog.New(slog.DiscardHandler))
		must(err)
		_, err = b.Demo.Load(ctx, demo.Options{Accounts: *accounts, Seed: 1})
		must(err)
		b.Close()
		r.serve(func(base string) { r.today(base) })
		return
	}

	start := time.Now()
	b, err := boot.OpenWith(ctx, r.db, time.Now, slog.New(slog.DiscardHandler))
	must(err)
	res, err := b.Demo.Load(ctx, demo.Options{Accounts: *accounts, Seed: 1})
	must(err)
	r.add("portfolio load (demo generator, all tables)", time.Since(start).Seconds(), "s", "", nil,
		fmt.Sprintf("%d accounts, %d usage rows, %d NPS answers, %d churn records", res.Accounts, res.UsageRows, res.NPSResponses, res.Churned))

	d := timed(func() { _, err = b.Health.Recompute(ctx, time.Now()) })
	must(err)
	r.add("health recompute, every live account", d.Seconds(), "s", "≤ 5 s", ptr(d <= 5*time.Second), "")
	d = timed(func() { _, err = b.Loyalty.Evaluate(ctx, time.Now()) })
	must(err)
	r.add("loyalty tier evaluation", d.Seconds(), "s", "", nil, "")
	b.Close()

	r.importVersusSQLite(*usageRows)
	r.importCRMAccounts(r.exportedHubSpot())
	r.endpoints()
	writeResults(r, *out, *accounts)
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

// importVersusSQLite imports the same usage CSV through ChurnDesk and with
// the sqlite3 shell's .import into the same table: a copy of the portfolio's
// database taken just before, so both write into the same rows and indexes,
// and both upsert by account and week. For reference the shell also imports
// the file into an empty copy of the table.
func (r *run) importVersusSQLite(n int) {
	csvFile := filepath.Join(r.dir, "usage.csv")
	f, err := os.Create(csvFile)
	must(err)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "account_id,week_start,active_users,logins,key_feature_uses")
	day := time.Date(2019, 1, 7, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(w, "%d,%s,%d,%d,%d\n", i%2000+1, day.AddDate(0, 0, 7*(i/2000)).Format(time.DateOnly), i%37, i%211, i%53)
	}
	w.Flush()
	f.Close()

	sameDB := filepath.Join(r.dir, "floor-same.db")
	if out, err := exec.Command("sqlite3", r.db, ".backup "+sameDB).CombinedOutput(); err != nil {
		must(fmt.Errorf("copy the database: %v: %s", err, out))
	}
	raw, err := os.ReadFile(csvFile)
	must(err)
	b, err := boot.OpenWith(context.Background(), r.db, time.Now, slog.New(slog.DiscardHandler))
	must(err)
	ours := timed(func() {
		_, err = b.Importer.Import(context.Background(), "bench", "usage", raw, importer.Options{
			Mapping:    map[string]string{"account": "account_id", "week_start": "week_start", "active_users": "active_users", "logins": "logins", "key_feature_uses": "key_feature_uses"},
			AccountKey: "id"})
	})
	must(err)
	b.Close()

	const staging = "CREATE TABLE usage_import (account_id INTEGER, week_start TEXT, active_users INTEGER, logins INTEGER, key_feature_uses INTEGER);\n"
	load := ".mode csv\n.import --skip 1 " + csvFile + " usage_import\nBEGIN;\n" +
		"INSERT INTO usage_snapshots (account_id, week_start, active_users, logins, key_feature_uses) SELECT * FROM usage_import WHERE true\n" +
		"ON CONFLICT (account_id, week_start) DO UPDATE SET active_users = excluded.active_users, logins = excluded.logins, key_feature_uses = excluded.key_feature_uses;\nCOMMIT;\n"
	same := r.sqliteScript(sameDB, staging+load)
	schema, err := exec.Command("sqlite3", r.db, ".schema usage_snapshots").Output()
	must(err)
	empty := r.sqliteScript(filepath.Join(r.dir, "floor-empty.db"), string(schema)+"\n"+staging+load)

	ratio := ours.Seconds() / same.Seconds()
	r.add(fmt.Sprintf("usage CSV import, %d rows, ChurnDesk", n), ours.Seconds(), "s", "", nil, "into the portfolio's usage table, upserting by account and week")
	r.add(fmt.Sprintf("usage CSV import, %d rows, sqlite3 .import", n), same.Seconds(), "s", "", nil, "the same file into the same table (a copy taken just before), upserting the same way")
	r.add("usage import ÷ sqlite3 .import", ratio, "×", "≤ 2×", ptr(ratio <= 2), "")
	r.add(fmt.Sprintf("usage CSV import, %d rows, sqlite3 .import into an empty table", n), empty.Seconds(), "s", "", nil,
		fmt.Sprintf("for reference: ChurnDesk takes %.1f× this", ours.Seconds()/empty.Seconds()))
}

// sqliteScript runs a script with the sqlite3 shell on db and times it.
func (r *run) sqliteScript(db, script string) time.Duration {
	file := db + ".sql"
	must(os.WriteFile(file, []byte(script), 0o600))
	return timed(func() {
		cmd := exec.Command("sqlite3", db)
		in, err := os.Open(file)
		must(err)
		defer in.Close()
		cmd.Stdin = in
		if out, err := cmd.CombinedOutput(); err != nil {
			must(fmt.Errorf("sqlite3 .import: %v: %s", err, out))
		}
	})
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// endpoints starts serve, times start-up, and measures the busiest endpoints.
func (r *run) endpoints() {
	start := time.Now()
	cmd := exec.Command(r.bin, "serve", "--db", r.db, "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	must(cmd.Start())
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stdout)
	base := ""
	for sc.Scan() {
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	_, err := http.Get(base + "/api/v1/health")
	must(err)
	ready := time.Since(start)
	r.add("serve start-up to first answered request", ms(ready), "ms", "≤ 1000 ms", ptr(ready <= time.Second), "")
	// Let the start-up refresh (scores, triggers, tiers) finish first.
	time.Sleep(2 * time.Second)
	for _, e := range []struct{ name, path, target string }{
		{"metrics", "/api/v1/metrics", "p50 ≤ 200 ms"},
		{"retention curve", "/api/v1/retention/curve", "p50 ≤ 200 ms"},
		{"dashboard: summary", "/api/v1/summary", "p50 ≤ 200 ms"},
		{"dashboard: health overview", "/api/v1/health/overview", "p50 ≤ 200 ms"},
		{"account list page, sorted by MRR", "/api/v1/accounts?limit=25&sort=-mrr", "p95 ≤ 50 ms"},
		{"account list page, searched", "/api/v1/accounts?limit=25&q=nord&sort=name", "p95 ≤ 50 ms"},
		{"QBR report JSON", "/api/v1/accounts/1/qbr?quarter=2026-Q3", ""},
		{"QBR report PDF", "/api/v1/accounts/1/qbr?quarter=2026-Q3&format=pdf", "≤ 500 ms"},
	} {
		var times []time.Duration
		for range 15 {
			t0 := time.Now()
			res, err := http.Get(base + e.path)
			must(err)
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				must(fmt.Errorf("%s: %d", e.path, res.StatusCode))
			}
			times = append(times, time.Since(t0))
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		p50, p95 := times[len(times)/2], times[len(times)*95/100]
		switch {
		case strings.HasPrefix(e.target, "p95"):
			r.add(e.name+" (p95)", ms(p95), "ms", e.target, ptr(p95 <= 50*time.Millisecond), fmt.Sprintf("p50 %.1f ms", ms(p50)))
		case strings.HasPrefix(e.target, "p50"):
			r.add(e.name+" (p50)", ms(p50), "ms", e.target, ptr(p50 <= 200*time.Millisecond), fmt.Sprintf("p95 %.1f ms", ms(p95)))
		case e.target != "":
			r.add(e.name+" (p50)", ms(p50), "ms", e.target, ptr(p50 <= 500*time.Millisecond), "")
		default:
			r.add(e.name+" (p50)", ms(p50), "ms", "", nil, "")
		}
	}
	rss := residentMB(cmd.Process.Pid)
	r.add("serve resident memory after the dashboard", rss, "MB", "≤ 250 MB", ptr(rss <= 250), "")
	r.today(base)
}

// residentMB reads a process's resident set size from /proc.
func residentMB(pid int) float64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			kb, _ := strconv.ParseFloat(strings.Fields(line)[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func writeResults(r *run, dir string, accounts int) {
	must(os.MkdirAll(dir, 0o755))
	machine := map[string]any{"cores": runtime.NumCPU(), "memory_gb": memoryGB(), "go": runtime.Version(), "sqlite": store.SQLite}
	raw, _ := json.MarshalIndent(map[string]any{"accounts": accounts, "machine": machine, "results": r.results, "at": time.Now().UTC().Format(time.RFC3339)}, "", "  ")
	must(os.WriteFile(filepath.Join(dir, "results.json"), append(raw, '\n'), 0o644))
	if accounts < 100000 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmarks\n\nMeasured by `make bench` on %d cores and %.0f GB of memory with %d accounts (%s).\n\n", runtime.NumCPU(), memoryGB(), accounts, time.Now().UTC().Format("2006-01-02"))
	b.WriteString("| Measure | Value | Target | Met |\n|---|---|---|---|\n")
	for _, res := range r.results {
		met := ""
		if res.Met != nil {
			met = map[bool]string{true: "yes", false: "**no**"}[*res.Met]
		}
		value := fmt.Sprintf("%.1f %s", res.Value, res.Unit)
		if res.Note != "" {
			value += " (" + res.Note + ")"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", res.Name, value, res.Target, met)
	}
	// What the numbers mean, and why a target is missed, is written by hand.
	if notes, err := os.ReadFile(filepath.Join("bench", "NOTES.md")); err == nil {
		b.WriteString("\n" + string(notes))
	}
	must(os.WriteFile(filepath.Join("docs", "BENCHMARKS.md"), []byte(b.String()), 0o644))
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
