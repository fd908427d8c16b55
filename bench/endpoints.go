package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// server is a running `churndesk serve` on the run's database.
type server struct {
	cmd  *exec.Cmd
	base string
}

// startServe starts serve on a free port and returns once it answers,
// with the time that took.
func (r *run) startServe() (*server, time.Duration) {
	start := time.Now()
	cmd := exec.Command(r.bin, "serve", "--db", r.db, "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	must(cmd.Start())
	sc := bufio.NewScanner(stdout)
	base := ""
	for sc.Scan() {
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	res, err := http.Get(base + "/api/v1/health")
	must(err)
	res.Body.Close()
	return &server{cmd: cmd, base: base}, time.Since(start)
}

func (s *server) stop() {
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

// endpoint is one timed request and its target at the reference size.
type endpoint struct {
	name, path string
	p50, p95   float64 // ms; 0: no target
}

// endpoints starts serve, times start-up, and measures the busiest endpoints.
func (r *run) endpoints() {
	s, ready := r.startServe()
	defer s.stop()
	r.within("serve start-up to first answered request", ms(ready), "ms", 300, "", "")
	// The portfolio was refreshed today and its risk model trained before
	// serve started, so serve has no start-up work to run; a short pause
	// lets it settle all the same.
	time.Sleep(time.Second)
	for _, e := range []endpoint{
		{"metrics", "/api/v1/metrics", 100, 150},
		{"retention curve", "/api/v1/retention/curve", 100, 150},
		{"retention cohorts", "/api/v1/retention/cohorts", 100, 150},
		{"dashboard: summary", "/api/v1/summary", 100, 150},
		{"dashboard: health overview", "/api/v1/health/overview", 100, 150},
		{"account list page, sorted by MRR", "/api/v1/accounts?limit=25&sort=-mrr", 0, 50},
		{"account list page, searched", "/api/v1/accounts?limit=25&q=nord&sort=name", 0, 50},
		{"QBR report JSON", "/api/v1/accounts/1/qbr?quarter=2026-Q3", 0, 0},
		{"QBR report PDF", "/api/v1/accounts/1/qbr?quarter=2026-Q3&format=pdf", 300, 0},
	} {
		times := make([]time.Duration, 0, 20)
		for range 20 {
			d, status := s.get(e.path)
			if status != http.StatusOK {
				must(fmt.Errorf("%s: %d", e.path, status))
			}
			times = append(times, d)
		}
		p50, p95 := percentiles(times)
		switch {
		case e.p50 > 0 && e.p95 > 0:
			r.within(e.name+" (p50)", p50, "ms", e.p50, "p50 ", "")
			r.within(e.name+" (p95)", p95, "ms", e.p95, "p95 ", "")
		case e.p95 > 0:
			r.within(e.name+" (p95)", p95, "ms", e.p95, "p95 ", fmt.Sprintf("p50 %.1f ms", p50))
		case e.p50 > 0:
			r.within(e.name+" (p50)", p50, "ms", e.p50, "p50 ", fmt.Sprintf("p95 %.1f ms", p95))
		default:
			r.add(e.name+" (p50)", p50, "ms", "", nil, fmt.Sprintf("p95 %.1f ms", p95))
		}
	}
	r.within("serve resident memory after the dashboard", residentMB(s.cmd.Process.Pid), "MB", 150, "", "")
	r.today(s.base)
}

// get requests path and returns how long the whole answer took.
func (s *server) get(path string) (time.Duration, int) {
	t0 := time.Now()
	res, err := http.Get(s.base + path)
	if err != nil {
		return time.Since(t0), 0
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return time.Since(t0), res.StatusCode
}

// percentiles returns the p50 and p95 of times in milliseconds.
func percentiles(times []time.Duration) (float64, float64) {
	if len(times) == 0 {
		return 0, 0
	}
	slices.Sort(times)
	return ms(times[len(times)/2]), ms(times[min(len(times)-1, len(times)*95/100)])
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
