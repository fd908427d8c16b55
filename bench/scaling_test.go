package main

import (
	"math"
	"strings"
	"testing"
)

func TestNLogNExponent(t *testing.T) {
	// ln(10 · ln 100000 / ln 10000) / ln 10 = ln 12.5 / ln 10 = 1.09691
	if got := nLogNExponent(10000, 100000); math.Abs(got-1.09691) > 1e-5 {
		t.Fatalf("n log n exponent 10k→100k = %.5f, want 1.09691", got)
	}
}

func TestScalingOf(t *testing.T) {
	sizes := map[int][]Result{
		1000:  {{Name: "linear", Value: 10, Unit: "ms"}, {Name: "square", Value: 1, Unit: "s"}, {Name: "ratio", Value: 1.2, Unit: "×"}},
		10000: {{Name: "linear", Value: 100, Unit: "ms"}, {Name: "square", Value: 100, Unit: "s"}, {Name: "ratio", Value: 1.4, Unit: "×"}},
	}
	got := scalingOf([]int{1000, 10000}, sizes)
	if len(got) != 2 {
		t.Fatalf("want exponents for the two timed measures only, got %+v", got)
	}
	if got[0].Name != "linear" || got[0].Exponent != 1 || got[0].Faster {
		t.Errorf("linear: %+v, want exponent 1, not faster than n log n", got[0])
	}
	if got[1].Name != "square" || got[1].Exponent != 2 || !got[1].Faster {
		t.Errorf("square: %+v, want exponent 2, faster than n log n", got[1])
	}
	svg := string(scalingChart([]int{1000, 10000}, sizes))
	for _, want := range []string{"<svg", ">linear<", ">square<", ">10,000<", "∝ n log n"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if strings.Contains(svg, ">ratio<") {
		t.Error("the chart draws a ratio, which does not grow with the portfolio")
	}
}
