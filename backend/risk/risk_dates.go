package risk

import (
	"time"

	"churndesk/backend/calendar"
	"churndesk/backend/store"
)

// dayOf reads the date at the start of a database text value.
func dayOf[T ~string | ~[]byte](s T) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	if y, mo, d, ok := civilDate(s[:10]); ok {
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), true
	}
	d, err := time.Parse(time.DateOnly, string(s[:10]))
	return d, err == nil
}

// civilDate reads exactly "YYYY-MM-DD" naming a real day.
func civilDate[T ~string | ~[]byte](s T) (int, time.Month, int, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := digits(s[0:4])
	mo, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || mo < 1 || mo > 12 || d < 1 || d > 28 && d > calendar.DaysIn(y, time.Month(mo)) {
		return 0, 0, 0, false
	}
	return y, time.Month(mo), d, true
}

// instantOf reads a timestamp in a database text value (see
// store.NullTime): the forms the SQLite driver writes and PostgreSQL casts
// to text ("2006-01-02 15:04:05.999999999-07:00", "…+00") are read by
// hand, about ten times faster than time.Parse tries the layouts in turn;
// anything else goes through store.NullTime. Only the instant counts (the
// time comes back in UTC); an empty or unreadable value is no time.
func instantOf[T ~string | ~[]byte](s T) (time.Time, bool) {
	if len(s) == 0 {
		return time.Time{}, false
	}
	if t, ok := plainInstant(s); ok {
		return t, true
	}
	var n store.NullTime
	if n.Scan(string(s)) != nil || !n.Valid {
		return time.Time{}, false
	}
	return n.Time, true
}

// plainInstant reads "YYYY-MM-DD hh:mm:ss", a fraction of 1–9 digits, and
// an offset "±hh:mm", "±hh" or "Z" (or none: UTC), every field in range;
// it reports false for anything else, which time.Parse then decides.
func plainInstant[T ~string | ~[]byte](s T) (time.Time, bool) {
	if len(s) < 19 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	y, mo, d, ok := civilDate(s[:10])
	hh, ok1 := digits(s[11:13])
	mm, ok2 := digits(s[14:16])
	ss, ok3 := digits(s[17:19])
	if !ok || !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, false
	}
	rest, nsec := s[19:], 0
	if len(rest) > 0 && rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return time.Time{}, false
		}
		nsec, _ = digits(rest[1:n])
		for k := n; k < 10; k++ {
			nsec *= 10
		}
		rest = rest[n:]
	}
	offset := 0
	switch {
	case len(rest) == 0, len(rest) == 1 && rest[0] == 'Z':
	case (len(rest) == 3 || len(rest) == 6 && rest[3] == ':') && (rest[0] == '+' || rest[0] == '-'):
		oh, ok1 := digits(rest[1:3])
		om, ok2 := 0, true
		if len(rest) == 6 {
			om, ok2 = digits(rest[4:6])
		}
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		offset = oh*3600 + om*60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	return time.Date(y, mo, d, hh, mm, ss, nsec, time.UTC).Add(-time.Duration(offset) * time.Second), true
}

// digits reads a run of decimal digits.
func digits[T ~string | ~[]byte](s T) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
