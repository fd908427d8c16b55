package health

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/engagement"
	"churndesk/backend/store"
)

// inputs are what an account's score is computed from.
type inputs struct {
	measures    Measures
	trend       engagement.Trend
	weeks       []engagement.Week
	windowEnd   time.Time // the latest complete reported week the window ends on
	lastLoginAt *time.Time
}

// usageWindow is where usage windows end as of a day, for the whole portfolio.
type usageWindow struct {
	asOf   time.Time
	latest time.Time // latest week with any snapshot on or before asOf's week
	ok     bool      // false when no account has any usage yet
}

// loadWindow finds the latest reported usage week on or before asOf's week,
// one indexed query for any number of accounts.
func loadWindow(tx *gorm.DB, asOf time.Time) (usageWindow, error) {
	latest, ok, err := store.LatestUsageWeek(tx, store.NewDate(engagement.WeekStart(asOf)))
	if err != nil {
		return usageWindow{}, err
	}
	return usageWindow{asOf: asOf, latest: latest.Time, ok: ok}, nil
}

// end is the week an account's window ends on, given whether it already
// has a snapshot for the running week.
func (w usageWindow) end(hasRunning bool) time.Time {
	return engagement.WindowEnd(w.asOf, w.latest, w.ok, hasRunning)
}

// loadInputs reads the usage window and latest NPS answer of accounts and
// turns them into measures, two queries per batch (three when some accounts
// have no usage inside the window).
func loadInputs(tx *gorm.DB, accounts []store.Account, es engagement.Settings, win usageWindow) (map[int64]inputs, error) {
	asOf := win.asOf
	ids := make([]int64, len(accounts))
	for i, a := range accounts {
		ids[i] = a.ID
	}
	running := engagement.WeekStart(asOf)
	last := win.end(true)
	first := win.end(false).AddDate(0, 0, -7*(es.WindowWeeks-1))
	byAccount := make(map[int64][]store.UsageWeek, len(accounts))
	err := store.EachAccountUsage(tx, ids, store.NewDate(first), store.NewDate(last), func(account int64, weeks []store.UsageWeek) error {
		byAccount[account] = slices.Clone(weeks)
		return nil
	})
	if err != nil {
		return nil, err
	}
	earlier, err := loadEarlier(tx, accounts, byAccount, first)
	if err != nil {
		return nil, err
	}
	latestNPS := make(map[int64]float64, len(accounts))
	answers, err := tx.Raw(`SELECT account_id, score FROM nps_responses WHERE account_id IN ? AND responded_on <= ? ORDER BY account_id, responded_on, id`,
		ids, store.NewDate(asOf)).Rows()
	if err != nil {
		return nil, fmt.Errorf("load NPS: %w", err)
	}
	for answers.Next() {
		var id int64
		var score float64
		if err := answers.Scan(&id, &score); err != nil {
			answers.Close()
			return nil, fmt.Errorf("read NPS: %w", err)
		}
		latestNPS[id] = score
	}
	answers.Close()
	runningText := running.Format(time.DateOnly)
	out := make(map[int64]inputs, len(accounts))
	for _, a := range accounts {
		usage := byAccount[a.ID]
		hasRunning := len(usage) > 0 && strings.HasPrefix(usage[len(usage)-1].Week, runningText)
		end := win.end(hasRunning)
		start := end.AddDate(0, 0, -7*(es.WindowWeeks-1))
		startText := start.Format(time.DateOnly)
		for len(usage) > 0 && usage[0].Week[:10] < startText {
			usage = usage[1:]
		}
		in := measure(a, usage, earlier[a.ID], start, end, es, asOf)
		if score, ok := latestNPS[a.ID]; ok {
			in.measures.LatestNPS = &score
		}
		out[a.ID] = in
	}
	return out, nil
}

// loadEarlier reads, for the accounts without any usage inside their
// window, the latest login of their older history: such an account has gone
// quiet, which is data (zero weeks), not the absence of data.
func loadEarlier(tx *gorm.DB, accounts []store.Account, inWindow map[int64][]store.UsageWeek, first time.Time) (map[int64]store.UsageWeek, error) {
	var quiet []int64
	for _, a := range accounts {
		if len(inWindow[a.ID]) == 0 {
			quiet = append(quiet, a.ID)
		}
	}
	out := map[int64]store.UsageWeek{}
	if len(quiet) == 0 {
		return out, nil
	}
	rows, err := tx.Raw(`SELECT account_id, CAST(MAX(week_start) AS TEXT), CAST(MAX(last_login_at) AS TEXT) FROM usage_snapshots
		WHERE account_id IN ? AND week_start < ? GROUP BY account_id`, quiet, store.NewDate(first)).Rows()
	if err != nil {
		return nil, fmt.Errorf("load earlier usage: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var w store.UsageWeek
		var login sql.NullString
		if err := rows.Scan(&id, &w.Week, &login); err != nil {
			return nil, fmt.Errorf("read earlier usage: %w", err)
		}
		w.LastLogin = login.String
		out[id] = w
	}
	return out, rows.Err()
}

// measure computes one account's measures from its usage window
// [first, last]; earlier is the account's older history when the window
// itself holds no snapshot (week "" when there is none at all).
func measure(a store.Account, usage []store.UsageWeek, earlier store.UsageWeek, first, last time.Time, es engagement.Settings, asOf time.Time) inputs {
	in := inputs{windowEnd: last}
	overdue := 0.0
	if a.PaymentStatus == "overdue" && a.OverdueSince != nil {
		overdue = float64(max(0, engagement.DaysSince(&a.OverdueSince.Time, asOf)))
	}
	in.measures.DaysOverdue = &overdue
	if a.CSMSentiment != nil {
		v := float64(*a.CSMSentiment)
		in.measures.CSMSentiment = &v
	}
	if len(usage) == 0 && earlier.Week == "" {
		return in
	}
	// Weeks before the first snapshot in the window are unknown rather than
	// quiet (tracking started later); weeks missing after it count as zero.
	given := make([]engagement.Week, len(usage))
	latest := earlier.LastLogin
	for i, u := range usage {
		given[i] = engagement.Week{Start: dayOf(u.Week), ActiveUsers: u.ActiveUsers, Logins: u.Logins}
		if u.LastLogin > latest { // one layout throughout, so text order is time order
			latest = u.LastLogin
		}
	}
	if len(given) > 0 && given[0].Start.After(first) {
		first = given[0].Start
	}
	if latest != "" {
		var t store.NullTime
		if t.Scan(latest) == nil && t.Valid {
			// The calendar day of a login is its day in the team's time zone,
			// which is the location of asOf.
			login := t.Time.In(asOf.Location())
			in.lastLoginAt = &login
		}
	}
	in.weeks = engagement.FillWeeks(given, first, last)
	in.trend = engagement.TrendOf(in.weeks, es)
	slope := in.trend.SlopePctPerWeek
	in.measures.TrendSlope = &slope
	in.measures.Inactive = in.trend.Class == engagement.Inactive
	if in.lastLoginAt != nil {
		days := float64(engagement.DaysSince(in.lastLoginAt, asOf))
		in.measures.DaysSinceLogin = &days
	}
	util := engagement.SeatUtilisation(in.weeks[len(in.weeks)-1].ActiveUsers, a.Seats)
	in.measures.SeatUtilisation = &util
	return in
}

// dayOf reads the YYYY-MM-DD a week starts with, as store.ParseDate does,
// without time.Parse: a full recompute reads a million weeks.
func dayOf(text string) time.Time {
	num := func(s string) int {
		n := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	if len(text) >= 10 && text[4] == '-' && text[7] == '-' {
		y, m, d := num(text[:4]), num(text[5:7]), num(text[8:10])
		if y >= 0 && m >= 1 && m <= 12 && d >= 1 {
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if t.Day() == d {
				return t
			}
		}
	}
	week, _ := store.ParseDate(text[:min(len(text), 10)])
	return week.Time
}
