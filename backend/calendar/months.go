// Package calendar holds the team's calendar rules (domain.md "Dates, money
// and conventions"): adding months clamps to the month's last day, and whole
// months of tenure follow the same rule.
package calendar

import "time"

// AddMonths returns t moved by n months (n may be negative), keeping the
// time of day and location; a day that the target month does not have is
// clamped to that month's last day: 29 Feb 2024 + 12 months = 28 Feb 2025,
// 31 Jan + 1 month = 28 or 29 Feb.
func AddMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	total := int(m) - 1 + n
	y += floorDiv(total, 12)
	month := time.Month(total - floorDiv(total, 12)*12 + 1)
	if last := DaysIn(y, month); d > last {
		d = last
	}
	hh, mm, ss := t.Clock()
	return time.Date(y, month, d, hh, mm, ss, t.Nanosecond(), t.Location())
}

// AddYears returns t moved by n years with the same clamping as AddMonths.
func AddYears(t time.Time, n int) time.Time { return AddMonths(t, 12*n) }

// WholeMonths counts the whole months from start to end by the same rule:
// the largest n ≥ 0 with AddMonths(start, n) on or before end's calendar day.
// An account started on 29 Feb 2024 has 12 months on 28 Feb 2025; one
// started on 31 Jan has a month on the last day of February. Both are read
// as calendar days: the time of day does not count.
func WholeMonths(start, end time.Time) int {
	s := dayOf(start)
	e := dayOf(end)
	if e.Before(s) {
		return 0
	}
	n := (e.Year()-s.Year())*12 + int(e.Month()) - int(s.Month())
	for n > 0 && AddMonths(s, n).After(e) {
		n--
	}
	return n
}

// DaysIn is the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
