package engagement

import (
	"testing"
	"time"
)

func weeksOf(active ...int) []Week {
	start := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)
	out := make([]Week, len(active))
	for i, a := range active {
		out[i] = Week{Start: start.AddDate(0, 0, 7*i), ActiveUsers: a, Logins: a * 4}
	}
	return out
}

func TestTrendOf(t *testing.T) {
	cases := []struct {
		name  string
		weeks []Week
		slope float64
		class Class
	}{
		// slope 2 users/week over mean 13 → 15.38 %/wk
		{"rising", weeksOf(10, 12, 14, 16), 15.38, Rising},
		{"flat", weeksOf(10, 10, 10, 10), 0, Stable},
		// slope −1 user/week over mean 17.5 → −5.71 %/wk
		{"declining", weeksOf(20, 19, 18, 17, 16, 15), -5.71, Declining},
		// slope exactly +2 % (1 over mean 50) is not above the threshold
		{"boundary +2 % is stable", weeksOf(49, 50, 51), 2, Stable},
		{"boundary −2 % is stable", weeksOf(51, 50, 49), -2, Stable},
		// slope 1 over mean 25 → 4 %
		{"just rising", weeksOf(24, 25, 26), 4, Rising},
		// three quiet weeks make an account inactive whatever the slope
		// (slope −22.5/17.5 = −1.2857/wk over mean 2.5 → −51.43 %)
		{"three quiet weeks", weeksOf(5, 5, 5, 0, 0, 0), -51.43, Inactive},
		// two quiet weeks: slope −2/wk over mean 2.5 → −80 %
		{"two quiet weeks", weeksOf(5, 5, 0, 0), -80, Declining},
		{"never used", weeksOf(0, 0), 0, Inactive},
		// only the last 12 weeks count: the early spike is outside the window
		{"window", weeksOf(900, 900, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10), 0, Stable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := TrendOf(tc.weeks, DefaultSettings())
			if got.SlopePctPerWeek != tc.slope || got.Class != tc.class {
				t.Errorf("slope %.2f class %s, want %.2f %s", got.SlopePctPerWeek, got.Class, tc.slope, tc.class)
			}
		})
	}
}

func TestLoginsAloneAreActivity(t *testing.T) {
	w := weeksOf(5, 5, 0, 0, 0)
	w[4].Logins = 2
	if got := TrendOf(w, DefaultSettings()).Class; got == Inactive {
		t.Errorf("a week with logins counted as quiet")
	}
}

func TestFillWeeksAndHelpers(t *testing.T) {
	first := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	got := FillWeeks([]Week{{Start: first.AddDate(0, 0, 7), ActiveUsers: 4}}, first, first.AddDate(0, 0, 21))
	if len(got) != 4 || got[0].ActiveUsers != 0 || got[1].ActiveUsers != 4 || got[3].Start.Format(time.DateOnly) != "2026-11-23" {
		t.Errorf("FillWeeks = %+v", got)
	}
	// A week given twice takes the later one; a given week off the window's
	// Mondays or outside it is left out; a zone that reads the same date matches.
	warsaw := time.FixedZone("CET", 3600)
	got = FillWeeks([]Week{
		{Start: first, ActiveUsers: 1}, {Start: first, ActiveUsers: 2}, {Start: first.AddDate(0, 0, 3), ActiveUsers: 9},
		{Start: first.AddDate(0, 0, -7), ActiveUsers: 9}, {Start: time.Date(2026, 11, 9, 0, 0, 0, 0, warsaw), ActiveUsers: 5},
	}, first, first.AddDate(0, 0, 14))
	if len(got) != 3 || got[0].ActiveUsers != 2 || got[1].ActiveUsers != 5 || got[2].ActiveUsers != 0 {
		t.Errorf("FillWeeks with repeats = %+v", got)
	}
	if ws := WeekStart(time.Date(2026, 11, 29, 23, 0, 0, 0, time.UTC)); ws.Format(time.DateOnly) != "2026-11-23" {
		t.Errorf("WeekStart(Sunday 29th) = %s", ws)
	}
	asOf := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	login := time.Date(2026, 11, 3, 23, 59, 0, 0, time.UTC)
	if d := DaysSince(&login, asOf); d != 21 {
		t.Errorf("DaysSince = %d, want 21", d)
	}
	if d := DaysSince(nil, asOf); d != -1 {
		t.Errorf("DaysSince(nil) = %d", d)
	}
	if u := SeatUtilisation(17, 20); u != 85 {
		t.Errorf("SeatUtilisation = %v", u)
	}
}
