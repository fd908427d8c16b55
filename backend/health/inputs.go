package health

import (
	"database/sql"
	"fmt"
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
	lastLoginAt *time.Time
}

// loadInputs reads the usage window and latest NPS answer of accounts and
// turns them into measures, two queries per batch.
func loadInputs(tx *gorm.DB, accounts []store.Account, es engagement.Settings, asOf time.Time) (map[int64]inputs, error) {
	ids := make([]int64, len(accounts))
	for i, a := range accounts {
		ids[i] = a.ID
	}
	last := engagement.WeekStart(asOf)
	first := last.AddDate(0, 0, -7*(es.WindowWeeks-1))
	// Plain row scans with dates as text: at 100,000 accounts the usage
	// window is over a million rows, and full models would cost most of the time.
	byAccount := make(map[int64][]usageWeek, len(accounts))
	rows, err := tx.Raw(`SELECT account_id, CAST(week_start AS TEXT), active_users, logins, CAST(last_login_at AS TEXT) FROM usage_snapshots
		WHERE account_id IN ? AND week_start >= ? AND week_start <= ? ORDER BY account_id, week_start`, ids, store.NewDate(first), store.NewDate(last)).Rows()
	if err != nil {
		return nil, fmt.Errorf("load usage: %w", err)
	}
	for rows.Next() {
		var id int64
		var w usageWeek
		var login sql.NullString
		if err := rows.Scan(&id, &w.week, &w.active, &w.logins, &login); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read usage: %w", err)
		}
		w.login = login.String
		byAccount[id] = append(byAccount[id], w)
	}
	rows.Close()
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
	out := make(map[int64]inputs, len(accounts))
	for _, a := range accounts {
		in := measure(a, byAccount[a.ID], first, last, es, asOf)
		if score, ok := latestNPS[a.ID]; ok {
			in.measures.LatestNPS = &score
		}
		out[a.ID] = in
	}
	return out, nil
}

// usageWeek is one stored week as loadInputs reads it.
type usageWeek struct {
	week           string
	active, logins int
	login          string // last login, as the database writes it
}

// measure computes one account's measures from its usage window.
func measure(a store.Account, usage []usageWeek, first, last time.Time, es engagement.Settings, asOf time.Time) inputs {
	var in inputs
	overdue := 0.0
	if a.PaymentStatus == "overdue" && a.OverdueSince != nil {
		overdue = float64(max(0, engagement.DaysSince(&a.OverdueSince.Time, asOf)))
	}
	in.measures.DaysOverdue = &overdue
	if a.CSMSentiment != nil {
		v := float64(*a.CSMSentiment)
		in.measures.CSMSentiment = &v
	}
	if len(usage) == 0 {
		return in
	}
	// Weeks before the first snapshot in the window are unknown rather than
	// quiet (tracking started later); weeks missing after it count as zero.
	given := make([]engagement.Week, len(usage))
	latest := ""
	for i, u := range usage {
		week, _ := store.ParseDate(u.week[:min(len(u.week), 10)])
		given[i] = engagement.Week{Start: week.Time, ActiveUsers: u.active, Logins: u.logins}
		if u.login > latest { // one layout throughout, so text order is time order
			latest = u.login
		}
	}
	if start := given[0].Start; start.After(first) {
		first = start
	}
	if latest != "" {
		var t store.NullTime
		if t.Scan(latest) == nil && t.Valid {
			login := t.Time.UTC()
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
