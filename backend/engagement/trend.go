// Package engagement computes how an account uses the product: login
// recency, seat utilisation and the engagement trend over recent weeks.
// Its functions are pure: they take usage weeks and settings, never a database.
package engagement

import (
	"math"
	"time"
)

// Class names an engagement trend.
type Class string

// The trend classes, from domain.md.
const (
	Rising    Class = "rising"
	Stable    Class = "stable"
	Declining Class = "declining"
	Inactive  Class = "inactive"
)

// Settings are the team's choices for classifying a trend.
type Settings struct {
	WindowWeeks    int     `json:"window_weeks" validate:"gte=4,lte=52" minimum:"4" maximum:"52"`
	RisingAbove    float64 `json:"rising_above" validate:"gte=0,lte=100" description:"Slope in % of the mean per week above which the trend is rising."`
	DecliningBelow float64 `json:"declining_below" validate:"gte=-100,lte=0" description:"Slope in % of the mean per week below which the trend is declining."`
	InactiveWeeks  int     `json:"inactive_weeks" validate:"gte=1,lte=12" description:"Weeks without any activity that make an account inactive."`
}

// DefaultSettings are the defaults from domain.md: 12 weeks, ±2 %/wk, 3 quiet weeks.
func DefaultSettings() Settings {
	return Settings{WindowWeeks: 12, RisingAbove: 2, DecliningBelow: -2, InactiveWeeks: 3}
}

// Week is one week of an account's usage.
type Week struct {
	Start       time.Time
	ActiveUsers int
	Logins      int
}

// Trend is the engagement trend over a window of weeks.
type Trend struct {
	Class           Class   `json:"class" enum:"rising,stable,declining,inactive"`
	SlopePctPerWeek float64 `json:"slope_pct_per_week" description:"Least-squares slope of weekly active users as % of the window's mean, per week."`
	Mean            float64 `json:"mean_active_users"`
	Weeks           []int   `json:"weekly_active_users" description:"Active users per week in the window, oldest first."`
}

// TrendOf classifies weeks (oldest first, one per week, missing weeks
// already filled with zeros) using the last s.WindowWeeks of them.
func TrendOf(weeks []Week, s Settings) Trend {
	if len(weeks) > s.WindowWeeks {
		weeks = weeks[len(weeks)-s.WindowWeeks:]
	}
	series := make([]float64, len(weeks))
	active := make([]int, len(weeks))
	for i, w := range weeks {
		series[i], active[i] = float64(w.ActiveUsers), w.ActiveUsers
	}
	slope, mean := SlopePercent(series)
	t := Trend{SlopePctPerWeek: round2(slope), Mean: round2(mean), Weeks: active}
	switch {
	case quiet(weeks, s.InactiveWeeks) || mean == 0:
		t.Class = Inactive
	case slope > s.RisingAbove:
		t.Class = Rising
	case slope < s.DecliningBelow:
		t.Class = Declining
	default:
		t.Class = Stable
	}
	return t
}

// quiet reports whether the last n weeks show no activity at all; with fewer
// than n weeks of history an account is not called inactive.
func quiet(weeks []Week, n int) bool {
	if len(weeks) < n {
		return false
	}
	for _, w := range weeks[len(weeks)-n:] {
		if w.ActiveUsers > 0 || w.Logins > 0 {
			return false
		}
	}
	return true
}

// SlopePercent returns the least-squares slope of y over x = 0, 1, 2, … as a
// percentage of y's mean, and the mean. Fewer than two points, or a zero
// mean, give a slope of 0.
func SlopePercent(y []float64) (slope, mean float64) {
	n := float64(len(y))
	if len(y) == 0 {
		return 0, 0
	}
	var sumY float64
	for _, v := range y {
		sumY += v
	}
	mean = sumY / n
	if len(y) < 2 || mean == 0 {
		return 0, mean
	}
	xMean := (n - 1) / 2
	var num, den float64
	for i, v := range y {
		dx := float64(i) - xMean
		num += dx * (v - mean)
		den += dx * dx
	}
	return num / den / mean * 100, mean
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// FillWeeks returns one Week per week from first to last (Mondays), taking
// the given weeks where present and zeros elsewhere. A window holds a dozen
// weeks or so: a scan of the given weeks is cheaper than a map, and where a
// week is given twice the later one is taken.
func FillWeeks(given []Week, first, last time.Time) []Week {
	if first.After(last) {
		return nil
	}
	var small [16]int
	keys := small[:0]
	for _, w := range given {
		keys = append(keys, dayKey(w.Start))
	}
	out := make([]Week, 0, max(0, int(last.Sub(first).Hours()/24/7)+1))
	for d := first; !d.After(last); d = d.AddDate(0, 0, 7) {
		w := Week{Start: d}
		k := dayKey(d)
		for i := len(keys) - 1; i >= 0; i-- {
			if keys[i] == k {
				w = given[i]
				break
			}
		}
		out = append(out, w)
	}
	return out
}

// dayKey is t's calendar day in its own location as yyyymmdd: weeks from
// different locations match when their dates read the same.
func dayKey(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// WindowEnd is the week a usage window ends on as of asOf: the latest
// complete reported week (domain.md). latest is the latest week on or before
// asOf's week for which any account has a snapshot (ok false when there is
// none); hasRunning says whether this account already has a snapshot for
// the running week. A running week without a snapshot is not reported yet
// (files arrive on Monday for the week before), so the window ends the week
// before it; a complete week without a snapshot is a week of zero usage.
func WindowEnd(asOf, latest time.Time, ok, hasRunning bool) time.Time {
	running := WeekStart(asOf)
	prev := running.AddDate(0, 0, -7)
	switch {
	case !ok:
		return prev
	case latest.Before(running):
		return WeekStart(latest)
	case hasRunning:
		return running
	default:
		return prev
	}
}

// WeekStart is the Monday of t's week, at midnight UTC.
func WeekStart(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// DaysSince counts whole days from then to asOf; a nil then gives -1 (never).
func DaysSince(then *time.Time, asOf time.Time) int {
	if then == nil {
		return -1
	}
	a := time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	t := time.Date(then.Year(), then.Month(), then.Day(), 0, 0, 0, 0, time.UTC)
	return int(a.Sub(t).Hours() / 24)
}

// SeatUtilisation is active users ÷ seats as a percentage; 0 seats give 0.
func SeatUtilisation(activeUsers, seats int) float64 {
	if seats <= 0 {
		return 0
	}
	return round2(float64(activeUsers) / float64(seats) * 100)
}
