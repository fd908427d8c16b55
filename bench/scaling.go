package main

import (
	"fmt"
	"math"
	"strings"
)

// scaling is how one measure grows between two portfolio sizes: the
// exponent k in value ∝ nᵏ, beside the exponent n log n would have over
// the same step.
type scaling struct {
	Name     string  `json:"name"`
	From     int     `json:"from"`
	To       int     `json:"to"`
	Exponent float64 `json:"exponent"`
	NLogN    float64 `json:"n_log_n" description:"The exponent n·log n shows over the same step."`
	Faster   bool    `json:"faster_than_n_log_n"`
}

// noiseFloor is the slack over n log n's exponent before a measure counts
// as growing faster: repeated runs on a shared machine differ by about this.
const noiseFloor = 0.15

// scaled says whether a measure's value should grow with the portfolio:
// times and memory do, ratios do not.
func scaled(res Result) bool { return res.Unit == "s" || res.Unit == "ms" || res.Unit == "MB" }

// scalingOf computes each measure's exponent between consecutive sizes.
func scalingOf(ns []int, sizes map[int][]Result) []scaling {
	var out []scaling
	for i := 1; i < len(ns); i++ {
		n1, n2 := ns[i-1], ns[i]
		before := map[string]float64{}
		for _, res := range sizes[n1] {
			before[res.Name] = res.Value
		}
		for _, res := range sizes[n2] {
			v1, ok := before[res.Name]
			if !ok || !scaled(res) || v1 <= 0 || res.Value <= 0 {
				continue
			}
			k := math.Log(res.Value/v1) / math.Log(float64(n2)/float64(n1))
			bound := nLogNExponent(n1, n2)
			out = append(out, scaling{Name: res.Name, From: n1, To: n2, Exponent: round2(k), NLogN: round2(bound), Faster: k > bound+noiseFloor})
		}
	}
	return out
}

// nLogNExponent is the exponent n·log n shows between n1 and n2.
func nLogNExponent(n1, n2 int) float64 {
	a, b := float64(n1), float64(n2)
	return math.Log(b*math.Log(b)/(a*math.Log(a))) / math.Log(b/a)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// scalingChart draws every timed measure against the portfolio size on
// log-log axes as an SVG image, with n and n·log n as dashed guides.
func scalingChart(ns []int, sizes map[int][]Result) []byte {
	const w, h, left, right, top, bottom = 1060.0, 560.0, 70.0, 480.0, 20.0, 50.0
	type series struct {
		name string
		vals []float64 // ms, one per size
	}
	var all []series
	for _, res := range sizes[ns[len(ns)-1]] {
		// One line per measure: an endpoint's p50 stands for it.
		if (res.Unit != "s" && res.Unit != "ms") || strings.HasSuffix(res.Name, "(p95)") && msValue(sizes[ns[len(ns)-1]], strings.TrimSuffix(res.Name, "(p95)")+"(p50)") > 0 {
			continue
		}
		s := series{name: res.Name}
		for _, n := range ns {
			s.vals = append(s.vals, msValue(sizes[n], res.Name))
		}
		all = append(all, s)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range all {
		for _, v := range s.vals {
			if v > 0 {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	yLo, yHi := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	xLo, xHi := math.Log10(float64(ns[0])), math.Log10(float64(ns[len(ns)-1]))
	x := func(n float64) float64 { return left + (math.Log10(n)-xLo)/(xHi-xLo)*(w-left-right) }
	y := func(v float64) float64 { return top + (yHi-math.Log10(v))/(yHi-yLo)*(h-top-bottom) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="12">`+"\n", w, h, w, h)
	b.WriteString(`<title>Time of each measure against portfolio size, log-log</title>` + "\n")
	fmt.Fprintf(&b, `<rect width="%.0f" height="%.0f" fill="#fff"/>`+"\n", w, h)
	for p := yLo; p <= yHi; p++ {
		v := math.Pow(10, p)
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n",
			left, w-right, y(v), y(v), left-6, y(v)+4, msLabel(v))
	}
	for _, n := range ns {
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n",
			x(float64(n)), x(float64(n)), top, h-bottom, x(float64(n)), h-bottom+16, thousands(n))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">accounts</text>`+"\n", left+(w-left-right)/2, h-12)
	// Guides from the middle of the value range: slope 1 (n) and n log n.
	mid := math.Pow(10, (yLo+yHi)/2)
	n0, n1 := float64(ns[0]), float64(ns[len(ns)-1])
	legend := func(i int, colour, dash, label string) {
		ly := top + 14 + float64(i)*18
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="2"%s/><text x="%.1f" y="%.1f">%s</text>`+"\n",
			w-right+30, w-right+50, ly-4, ly-4, colour, dash, w-right+56, ly, escapeXML(label))
	}
	for i, g := range []struct {
		end   float64
		dash  string
		label string
	}{{mid * n1 / n0, ` stroke-dasharray="8 4"`, "∝ n (guide)"}, {mid * n1 * math.Log(n1) / (n0 * math.Log(n0)), ` stroke-dasharray="3 3"`, "∝ n log n (guide)"}} {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"%s/>`+"\n", x(n0), y(mid), x(n1), y(g.end), g.dash)
		legend(i, "#888", g.dash, g.label)
	}
	palette := []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}
	for i, s := range all {
		colour := palette[i%len(palette)]
		dash := ""
		if i >= len(palette) {
			dash = ` stroke-dasharray="2 2"`
		}
		var pts []string
		for j, v := range s.vals {
			if v > 0 {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(float64(ns[j])), y(v)))
			}
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>`+"\n", colour, dash, strings.Join(pts, " "))
		legend(i+2, colour, dash, s.name)
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// msValue is a measure's value in milliseconds, 0 when it is missing.
func msValue(results []Result, name string) float64 {
	for _, res := range results {
		if res.Name == name {
			if res.Unit == "s" {
				return res.Value * 1000
			}
			return res.Value
		}
	}
	return 0
}

func msLabel(v float64) string {
	if v >= 1000 {
		return fmt.Sprintf("%g s", v/1000)
	}
	return fmt.Sprintf("%g ms", v)
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func escapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "÷", "&#247;").Replace(s)
}
