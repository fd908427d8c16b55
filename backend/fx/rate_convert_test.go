package fx

import (
	"testing"
	"time"

	"churndesk/backend/store"
)

func day(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

func rate(cur, home, on string, r float64) store.ExchangeRate {
	return store.ExchangeRate{Currency: cur, Home: home, Day: store.Date{Time: day(on)}, Rate: r}
}

func TestConvertUsesLatestRateOnOrBefore(t *testing.T) {
	c := NewConverter("EUR", []store.ExchangeRate{
		rate("PLN", "EUR", "2026-11-01", 0.23), rate("PLN", "EUR", "2026-01-01", 0.25),
		rate("JPY", "EUR", "2026-01-01", 0.0062), rate("KWD", "EUR", "2026-01-01", 2.8),
		rate("USD", "GBP", "2026-01-01", 0.8), // quoted in another home currency: ignored
	})
	cases := []struct {
		name     string
		minor    int64
		cur, on  string
		want     int64
		converts bool
	}{
		{"the day before a new rate uses the old one", 227000, "PLN", "2026-10-31", 56750, true},
		{"the new rate's own day uses it", 227000, "PLN", "2026-11-01", 52210, true},
		{"before the first rate there is none", 227000, "PLN", "2025-12-31", 0, false},
		{"the home currency is itself", 12345, "EUR", "2020-01-01", 12345, true},
		// JPY has no minor digits: ¥10,000 × 0.0062 = €62.00.
		{"zero-digit currency", 10000, "JPY", "2026-06-01", 6200, true},
		// KWD has three: 1.500 KWD × 2.8 = €4.20.
		{"three-digit currency", 1500, "KWD", "2026-06-01", 420, true},
		{"a rate quoted in another home currency is not used", 100, "USD", "2026-06-01", 0, false},
	}
	for _, tc := range cases {
		got, ok := c.Convert(tc.minor, tc.cur, day(tc.on))
		if got != tc.want || ok != tc.converts {
			t.Errorf("%s: %d %s on %s = %d, %v; want %d, %v", tc.name, tc.minor, tc.cur, tc.on, got, ok, tc.want, tc.converts)
		}
	}
	r := c.Report()
	if len(r.Warnings) != 2 || r.Warnings[0].Currency != "PLN" || r.Warnings[1].Currency != "USD" || r.Warnings[1].Code != MissingRate {
		t.Errorf("warnings = %+v", r.Warnings)
	}
	if len(r.Rates) != 4 || r.Rates[2].Currency != "PLN" || r.Rates[2].Date != "2026-01-01" || r.Rates[3].Date != "2026-11-01" {
		t.Errorf("rates used = %+v", r.Rates)
	}
}

func TestSumIsNullWhenACurrencyLacksARate(t *testing.T) {
	c := NewConverter("EUR", []store.ExchangeRate{rate("PLN", "EUR", "2026-01-01", 0.25)})
	if got := c.Sum(map[string]int64{"EUR": 1000, "PLN": 400}, day("2026-06-01")); got == nil || *got != 1100 {
		t.Errorf("EUR 10.00 + PLN 4.00 = %v, want 1100", got)
	}
	if got := c.Sum(map[string]int64{"EUR": 1000, "GBP": 400}, day("2026-06-01")); got != nil {
		t.Errorf("sum with GBP = %d, want null", *got)
	}
	if got := c.Sum(map[string]int64{"EUR": 1000, "GBP": 0}, day("2026-06-01")); got == nil || *got != 1000 {
		t.Errorf("a zero amount needs no rate: %v", got)
	}
	none := NewConverter("", nil)
	if got := none.Sum(map[string]int64{"EUR": 1000}, day("2026-06-01")); got != nil || none.Report().Warnings[0].Code != NoHomeCurrency {
		t.Errorf("no home currency: %v %+v", got, none.Report())
	}
}
