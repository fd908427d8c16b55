package health

import (
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
	var usage []store.UsageSnapshot
	err := tx.Where("account_id IN ? AND week_start >= ? AND week_start <= ?", ids, store.NewDate(first), store.NewDate(last)).
		Order("account_id, week_start").Find(&usage).Error
	if err != nil {
		return nil, fmt.Errorf("load usage: %w", err)
	}
	byAccount := make(map[int64][]store.UsageSnapshot, len(accounts))
	for _, u := range usage {
		byAccount[u.AccountID] = append(byAccount[u.AccountID], u)
	}
	var answers []store.NPSResponse
	err = tx.Select("account_id, score, responded_on").Where("account_id IN ? AND responded_on <= ?", ids, store.NewDate(asOf)).
		Order("account_id, responded_on, id").Find(&answers).Error
	if err != nil {
		return nil, fmt.Errorf("load NPS: %w", err)
	}
	latestNPS := make(map[int64]float64, len(accounts))
	for _, a := range answers {
		latestNPS[a.AccountID] = float64(a.Score)
	}
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

// measure computes one account's measures from its usage window.
func measure(a store.Account, usage []store.UsageSnapshot, first, last time.Time, es engagement.Settings, asOf time.Time) inputs {
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
	if start := usage[0].WeekStart.Time; start.After(first) {
		first = start
	}
	given := make([]engagement.Week, len(usage))
	for i, u := range usage {
		given[i] = engagement.Week{Start: u.WeekStart.Time, ActiveUsers: u.ActiveUsers, Logins: u.Logins}
		if u.LastLoginAt != nil && (in.lastLoginAt == nil || u.LastLoginAt.After(*in.lastLoginAt)) {
			in.lastLoginAt = u.LastLoginAt
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
