package health

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"churndesk/backend/store"
)

// TestBreakdownWriterMatchesJSON checks the hand-written breakdown against
// json.Marshal: on the default model's parts, on every kind of value a
// measure can take (none, zero, negative, tiny, huge, long fractions), and
// on many random ones.
func TestBreakdownWriterMatchesJSON(t *testing.T) {
	w := newBreakdownWriter()
	check := func(parts []Part) {
		t.Helper()
		want, err := json.Marshal(parts)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.write(parts); string(got) != string(want) {
			t.Fatalf("breakdown\n got %s\nwant %s", got, want)
		}
	}
	check([]Part{})
	slope, days := -3.25, 12.0
	check(DefaultModel().Evaluate(Measures{TrendSlope: &slope, DaysSinceLogin: &days}).Breakdown)
	odd := []float64{0, math.Copysign(0, -1), -1, 1e-7, -2.5e-9, 1e-6, 1e20, 1e21, 3.4e300, 0.1 + 0.2, 100.0 / 3, 84.26, -40, 123456789.125}
	for _, v := range odd {
		v := v
		check([]Part{{Key: "engagement_trend", Measure: &v, HasData: true, Score: v, Weight: 25, Share: v, Points: v, Lost: v},
			{Key: "nps", Measure: nil, Weight: 15}, {Key: `a"<b>&`, Measure: &v}})
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		v := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(40)-20))
		round := math.Round(v*10) / 10
		check([]Part{{Key: "login_recency", Measure: &v, HasData: r.IntN(2) == 0, Score: round, Weight: r.IntN(101), Share: round, Points: v, Lost: round}})
	}
}

// TestDayOf reads dates as store.ParseDate does, including what it refuses.
func TestDayOf(t *testing.T) {
	for _, text := range []string{"2026-11-23", "2024-02-29", "2026-11-23 00:00:00+00:00", "0001-01-01", "2025-02-30", "2026-13-01", "2026-1-23", "", "garbage-text"} {
		want, _ := store.ParseDate(text[:min(len(text), 10)])
		if got := dayOf(text); !got.Equal(want.Time) || got.Location() != want.Location() {
			t.Errorf("dayOf(%q) = %v, want %v", text, got, want.Time)
		}
	}
}
