package calendar

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAddMonthsClampsToTheMonthsLastDay(t *testing.T) {
	cases := []struct {
		start string
		n     int
		want  string
	}{
		{"2024-02-29", 12, "2025-02-28"}, // leap day, next year has no 29 Feb
		{"2024-02-29", 48, "2028-02-29"}, // four years on it exists again
		{"2025-01-31", 1, "2025-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2025-01-31", 2, "2025-03-31"}, // from the start, not chained: 31 Mar
		{"2025-01-31", 3, "2025-04-30"},
		{"2025-03-31", -1, "2025-02-28"},
		{"2025-01-15", -1, "2024-12-15"},
		{"2025-01-15", -13, "2023-12-15"},
		{"2025-11-30", 3, "2026-02-28"},
		{"2025-05-10", 0, "2025-05-10"},
	}
	for _, c := range cases {
		if got := AddMonths(day(c.start), c.n).Format(time.DateOnly); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.start, c.n, got, c.want)
		}
	}
	if got := AddYears(day("2024-02-29"), 1).Format(time.DateOnly); got != "2025-02-28" {
		t.Errorf("29 Feb 2024 + 1 year = %s, want 2025-02-28", got)
	}
	warsaw, _ := time.LoadLocation("Europe/Warsaw")
	at := time.Date(2025, 1, 31, 0, 30, 0, 0, warsaw)
	if got := AddMonths(at, 1); !got.Equal(time.Date(2025, 2, 28, 0, 30, 0, 0, warsaw)) {
		t.Errorf("keeps time of day and zone: %v", got)
	}
}

func TestWholeMonthsUsesTheSameRule(t *testing.T) {
	cases := []struct {
		start, end string
		want       int
	}{
		{"2024-02-29", "2025-02-27", 11},
		{"2024-02-29", "2025-02-28", 12}, // used to need 1 Mar 2025
		{"2024-02-29", "2025-03-01", 12},
		{"2025-01-31", "2025-02-27", 0},
		{"2025-01-31", "2025-02-28", 1}, // used to need 3 Mar (31 Jan + 1 month "rolled over")
		{"2025-01-31", "2025-03-30", 1},
		{"2025-01-31", "2025-03-31", 2},
		{"2025-01-31", "2025-04-30", 3},
		{"2025-01-15", "2025-01-14", 0}, // end before start
		{"2025-01-15", "2026-01-15", 12},
		{"2025-01-15", "2026-01-14", 11},
	}
	for _, c := range cases {
		if got := WholeMonths(day(c.start), day(c.end)); got != c.want {
			t.Errorf("whole months %s → %s = %d, want %d", c.start, c.end, got, c.want)
		}
	}
}
