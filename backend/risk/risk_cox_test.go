package risk

import (
	"math"
	"testing"
)

// TestConcordanceByHand counts the pairs of four subjects by hand: times
// 1(event) 2(event) 2(censored) 3(censored), scores 4 3 3 1. Comparable
// pairs: (1,2e) conc, (1,2c) conc, (1,3) conc, (2e,2c) tied score, (2e,3)
// conc → (4 + ½) ÷ 5 = 0.9.
func TestConcordanceByHand(t *testing.T) {
	got := Concordance([]float64{1, 2, 2, 3}, []bool{true, true, false, false}, []float64{4, 3, 3, 1})
	if math.Abs(got-0.9) > 1e-12 {
		t.Fatalf("C = %v, want 0.9", got)
	}
	// The reverse order of scores is perfectly discordant but for the tie.
	got = Concordance([]float64{1, 2, 2, 3}, []bool{true, true, false, false}, []float64{1, 3, 3, 4})
	if math.Abs(got-0.1) > 1e-12 {
		t.Fatalf("reversed C = %v, want 0.1", got)
	}
}

// TestCoxOneBinaryCovariate checks a two-group fit against its closed form
// and the ridge's pull towards zero. With subjects (t, event, x) =
// (1,1,1) (2,1,0) (3,0,1) (4,1,0), the Breslow partial likelihood is
// e^β/(2e^β+2) · 1/(e^β+2) · 1/1, maximised where
// 1 − 2e^β/(2e^β+2) − e^β/(e^β+2) = 0 → e^β = √2.
func TestCoxOneBinaryCovariate(t *testing.T) {
	s := Survival{Time: []float64{1, 2, 3, 4}, Event: []bool{true, true, false, true}, X: []float64{1, 0, 1, 0}, P: 1}
	fit, err := FitCox(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := math.Log(math.Sqrt2); math.Abs(fit.Coef[0]-want) > 1e-8 {
		t.Fatalf("β = %v, want ln √2 = %v", fit.Coef[0], want)
	}
	// Baseline at x = 0: 1/(2√2+2) at t=1, + 1/(√2+2) at t=2, + 1 at t=4.
	r := math.Sqrt2
	want := []float64{1 / (2*r + 2), 1/(2*r+2) + 1/(r+2), 1/(2*r+2) + 1/(r+2) + 1}
	for k, h := range fit.Baseline {
		if math.Abs(h.CumHazard-want[k]) > 1e-8 {
			t.Errorf("H0(%v) = %v, want %v", h.Time, h.CumHazard, want[k])
		}
	}
	if got := CumHazardAt(fit.Baseline, 3); math.Abs(got-want[1]) > 1e-8 {
		t.Errorf("H0(3) = %v, want %v", got, want[1])
	}
	ridged, err := FitCox(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !(ridged.Coef[0] > 0 && ridged.Coef[0] < fit.Coef[0]) {
		t.Fatalf("ridge 1 gives β = %v; want between 0 and %v", ridged.Coef[0], fit.Coef[0])
	}
	if _, err := FitCox(Survival{Time: []float64{1}, Event: []bool{false}, X: []float64{1}, P: 1}, 0); err != ErrNoEvents {
		t.Fatalf("no events: %v", err)
	}
}

// TestFactorTextInEachLanguage writes one factor in the three languages.
func TestFactorTextInEachLanguage(t *testing.T) {
	f := Factor{Key: "login_days", Args: map[string]float64{"days": 24}, Effect: 2.31}
	for lang, want := range map[string]string{
		"en": "no login for 24 days: risk ×2.3",
		"ru": "нет входов 24 дн.: риск ×2,3",
		"pl": "brak logowania od 24 dni: ryzyko ×2,3",
		"":   "no login for 24 days: risk ×2.3",
	} {
		if got := factorText(lang, f, ""); got != want {
			t.Errorf("%q: %q, want %q", lang, got, want)
		}
	}
}
