package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// markdown is docs/BENCHMARKS.md: the reference size's table, the scaling
// exponents and chart, the PostgreSQL run, the daily mix, and the notes
// written by hand in bench/NOTES.md.
func (rep *report) markdown(ns []int) []byte {
	ref := ns[len(ns)-1]
	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmarks\n\nMeasured by `make bench` on %d cores and %.0f GB of memory (%s).\n\n", runtime.NumCPU(), memoryGB(), rep.At.Format("2006-01-02"))
	fmt.Fprintf(&b, "## SQLite, %s accounts\n\n", thousands(ref))
	table(&b, rep.Sizes[ref])
	if len(ns) > 1 {
		b.WriteString("\n## How cost grows with the portfolio\n\n")
		b.WriteString("Every measure at each size, and its growth exponent k (value ∝ nᵏ) between sizes; n·log n is the limit, ")
		fmt.Fprintf(&b, "with %.2f of slack for the noise of a shared machine.\n\n![Time of each measure against portfolio size, log-log](bench-scaling.svg)\n\n", noiseFloor)
		b.WriteString("| Measure |")
		for _, n := range ns {
			fmt.Fprintf(&b, " %s |", thousands(n))
		}
		for i := 1; i < len(ns); i++ {
			fmt.Fprintf(&b, " k %s→%s |", short(ns[i-1]), short(ns[i]))
		}
		b.WriteString("\n|---|" + strings.Repeat("---|", 2*len(ns)-1) + "\n")
		for _, res := range rep.Sizes[ref] {
			if !scaled(res) {
				continue
			}
			fmt.Fprintf(&b, "| %s |", res.Name)
			for _, n := range ns {
				fmt.Fprintf(&b, " %s |", valueOf(rep.Sizes[n], res.Name))
			}
			for i := 1; i < len(ns); i++ {
				fmt.Fprintf(&b, " %s |", exponentOf(rep.Scaling, res.Name, ns[i]))
			}
			b.WriteString("\n")
		}
	}
	if len(rep.Postgres) > 0 {
		fmt.Fprintf(&b, "\n## PostgreSQL 15, %s accounts (team mode; targets × 2)\n\n", thousands(ref))
		table(&b, rep.Postgres)
	}
	if len(rep.Mix) > 0 {
		b.WriteString("\n## The daily mix: 16 people at once\n\n")
		b.WriteString("| Engine | Request | Count | p50 | p95 |\n|---|---|---|---|---|\n")
		for _, m := range rep.Mix {
			for _, k := range m.Kinds {
				fmt.Fprintf(&b, "| %s | %s | %d | %s ms | %s ms |\n", m.Engine, k.Name, k.Count, show(k.P50), show(k.P95))
			}
			fmt.Fprintf(&b, "| %s | **all, %.0f s** | %d | | %d errors |\n", m.Engine, m.Seconds, m.Requests, m.Errors)
		}
	}
	// What the numbers mean, and why a target is missed, is written by hand.
	if notes, err := os.ReadFile(filepath.Join("bench", "NOTES.md")); err == nil {
		b.WriteString("\n" + string(notes))
	}
	return []byte(b.String())
}

func table(b *strings.Builder, results []Result) {
	b.WriteString("| Measure | Value | Target | Met |\n|---|---|---|---|\n")
	for _, res := range results {
		met := ""
		if res.Met != nil {
			met = map[bool]string{true: "yes", false: "**no**"}[*res.Met]
		}
		value := show(res.Value) + " " + res.Unit
		if res.Note != "" {
			value += " (" + res.Note + ")"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", res.Name, value, res.Target, met)
	}
}

func valueOf(results []Result, name string) string {
	for _, res := range results {
		if res.Name == name {
			return show(res.Value) + " " + res.Unit
		}
	}
	return "—"
}

func exponentOf(all []scaling, name string, to int) string {
	for _, s := range all {
		if s.Name == name && s.To == to {
			if s.Faster {
				return fmt.Sprintf("**%.2f**", s.Exponent)
			}
			return fmt.Sprintf("%.2f", s.Exponent)
		}
	}
	return "—"
}

// short writes 30000 as 30k.
func short(n int) string {
	if n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}
