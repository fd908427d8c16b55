package loyalty

import (
	"strings"
	"testing"
	"time"
)

func d(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

var tiers = []TierInput{
	{Name: "Silver", Rank: 1, MinTenureMonths: 6},
	{Name: "Gold", Rank: 2, MinTenureMonths: 12, MinMRR: 100000, MinHealth: "average"},
	{Name: "Platinum", Rank: 3, MinTenureMonths: 24, MinLifetimeRevenue: 5000000, MinHealth: "good"},
}

func TestPlaceBoundaries(t *testing.T) {
	cases := []struct {
		name string
		s    Subject
		want string
	}{
		{"exactly 6 months is Silver", Subject{TenureMonths: 6}, "Silver"},
		{"5 months is nothing", Subject{TenureMonths: 5, MRR: 999999, Health: "good"}, ""},
		{"MRR equal to the minimum is Gold", Subject{TenureMonths: 12, MRR: 100000, Health: "average"}, "Gold"},
		{"one cent short stays Silver", Subject{TenureMonths: 12, MRR: 99999, Health: "good"}, "Silver"},
		{"poor health stays Silver", Subject{TenureMonths: 30, MRR: 500000, Health: "poor"}, "Silver"},
		{"unscored health is below poor", Subject{TenureMonths: 30, MRR: 500000}, "Silver"},
		{"lifetime revenue at the minimum is Platinum", Subject{TenureMonths: 24, MRR: 1, LifetimeRevenue: 5000000, Health: "good"}, "Platinum"},
		{"Platinum needs good health", Subject{TenureMonths: 24, MRR: 200000, LifetimeRevenue: 9000000, Health: "average"}, "Gold"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, why := Place(tiers, tc.s)
			if got != tc.want {
				t.Errorf("placed in %q (%s), want %q", got, why.Render("en"), tc.want)
			}
		})
	}
	_, why := Place(tiers, Subject{TenureMonths: 12, MRR: 99999, Health: "good"})
	if got := why.Render("en"); got != "tenure 12 months ≥ 6 months" {
		t.Errorf("reason = %q", got)
	}
	_, why = Place(tiers, Subject{TenureMonths: 2})
	if got := why.Render("en"); got != "Silver needs tenure 2 months < 6 months" {
		t.Errorf("no-tier reason = %q", got)
	}
	if got := why.Render("ru"); got != "для уровня Silver нужно: стаж 2 месяца < 6 месяцев" {
		t.Errorf("no-tier reason in ru = %q", got)
	}
}

// TestReasonsInEachLanguage writes a placement's reason, with money and
// health, in the three languages.
func TestReasonsInEachLanguage(t *testing.T) {
	tiers := []TierInput{{Name: "Platinum", Rank: 3, MinTenureMonths: 6, MinLifetimeRevenue: 10000000, MinHealth: "good"}}
	_, why := Place(tiers, Subject{TenureMonths: 36, LifetimeRevenue: 57821810, Currency: "EUR", Health: "good"})
	for lang, want := range map[string]string{
		"en": "tenure 36 months ≥ 6 months, lifetime revenue €578,218.10 ≥ €100,000.00, health good ≥ good",
		"ru": "стаж 36 месяцев ≥ 6 месяцев, выручка за всё время 578 218,10 € ≥ 100 000,00 €, здоровье хорошее ≥ хорошее",
		"pl": "staż 36 miesięcy ≥ 6 miesięcy, łączny przychód 578 218,10 € ≥ 100 000,00 €, kondycja dobra ≥ dobra",
	} {
		if got := strings.ReplaceAll(why.Render(lang), "\u00a0", " "); got != want {
			t.Errorf("%s:\n got  %q\n want %q", lang, got, want)
		}
	}
}

func TestTenureAndLifetimeRevenue(t *testing.T) {
	cases := []struct {
		start, asOf string
		want        int
	}{{"2025-11-24", "2026-11-24", 12}, {"2025-11-25", "2026-11-24", 11},
		// The month rule of domain.md: 31 Jan + 1 month = 28 Feb, so a month
		// is whole on the last day of February (it used to be 0 there).
		{"2026-01-31", "2026-02-27", 0}, {"2026-01-31", "2026-02-28", 1}, {"2026-01-31", "2026-03-31", 2},
		{"2024-02-29", "2025-02-28", 12}}
	for _, c := range cases {
		if got := TenureMonths(d(c.start), d(c.asOf)); got != c.want {
			t.Errorf("TenureMonths(%s, %s) = %d, want %d", c.start, c.asOf, got, c.want)
		}
	}
	// 1000 for 730.5 days (24 months) plus 500 more for 365.25 days (12 months):
	// 1000 × 24 + 500 × 12 = 30 000.
	asOf := d("2026-11-24")
	days := func(n float64) time.Duration { return time.Duration(n * 24 * float64(time.Hour)) }
	moves := []Movement{{asOf.Add(-days(730.5)), 1000}, {asOf.Add(-days(365.25)), 500}, {d("2027-01-01"), 999}}
	if got := LifetimeRevenue(moves, asOf); got != 30000 {
		t.Errorf("LifetimeRevenue = %d, want 30000", got)
	}
}

// TestPlaceNameAgreesWithPlace checks the evaluation's quick placing
// against Place on every combination of rules and subjects in a grid,
// including a subject whose currency has no rate.
func TestPlaceNameAgreesWithPlace(t *testing.T) {
	tiers := []TierInput{
		{Name: "Silver", Rank: 1, MinTenureMonths: 6},
		{Name: "Platinum", Rank: 3, MinTenureMonths: 24, MinMRR: 500000, MinHealth: "good"},
		{Name: "Gold", Rank: 2, MinLifetimeRevenue: 1000000, MinHealth: "average"},
		{Name: "Bronze", Rank: 0},
	}
	n := 0
	for _, tenure := range []int{0, 6, 23, 24, 60} {
		for _, mrr := range []int64{0, 499999, 500000} {
			for _, life := range []int64{0, 999999, 1000000} {
				for _, health := range []string{"", "no_data", "poor", "average", "good"} {
					for _, noRate := range []string{"", "CHF"} {
						s := Subject{TenureMonths: tenure, MRR: mrr, LifetimeRevenue: life, Health: health, NoRate: noRate}
						for k := 1; k <= len(tiers); k++ {
							want, _ := Place(tiers[:k], s)
							if got := placeName(bestFirst(tiers[:k]), s); got != want {
								t.Fatalf("%+v with %d tiers: placeName = %q, Place = %q", s, k, got, want)
							}
							n++
						}
					}
				}
			}
		}
	}
	if n != 5*3*3*5*2*4 {
		t.Fatalf("checked %d cases", n)
	}
}
