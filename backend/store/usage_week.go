package store

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// LatestUsageWeek returns the latest week start on or before onOrBefore for
// which any account has a usage snapshot; ok is false when there is none.
func LatestUsageWeek(db *gorm.DB, onOrBefore Date) (week Date, ok bool, err error) {
	var raw sql.NullString
	if err := db.Raw(`SELECT CAST(MAX(week_start) AS TEXT) FROM usage_snapshots WHERE week_start <= ?`, onOrBefore).Scan(&raw).Error; err != nil {
		return Date{}, false, fmt.Errorf("latest usage week: %w", err)
	}
	if !raw.Valid || raw.String == "" {
		return Date{}, false, nil
	}
	if err := week.scanString(raw.String); err != nil {
		return Date{}, false, fmt.Errorf("latest usage week: %w", err)
	}
	return week, true, nil
}

// UsageWeek is one usage snapshot as the database writes it: the week's
// first day "YYYY-MM-DD" and the last login as stored text (empty: none).
type UsageWeek struct {
	Week        string
	ActiveUsers int
	Logins      int
	LastLogin   string
}

// EachAccountUsage reads the usage weeks from..to of the accounts named
// (one IN list: batch large sets) and calls fn once per account with any,
// its weeks in week order. The weeks' texts are valid after fn returns; the
// slice is reused for the next account.
//
// Each account's weeks arrive as one text value: a row per account-week
// costs the driver several times what the database spends finding it, and
// a usage window is over a million of them at 100,000 accounts.
func EachAccountUsage(db *gorm.DB, accounts []int64, from, to Date, fn func(account int64, weeks []UsageWeek) error) error {
	var weeks []UsageWeek
	err := EachRow(db, `SELECT account_id, string_agg(CAST(week_start AS TEXT) || ',' || active_users || ',' || logins || ','
			|| coalesce(CAST(last_login_at AS TEXT), ''), ';') FROM usage_snapshots
		WHERE account_id IN ? AND week_start >= ? AND week_start <= ? GROUP BY account_id`,
		[]any{accounts, from, to}, func(row []driver.Value) error {
			account := RowInt(row[0])
			var err error
			if weeks, err = usageWeeksOf(weeks[:0], RowText(row[1])); err != nil {
				return fmt.Errorf("usage of account %d: %w", account, err)
			}
			return fn(account, weeks)
		})
	if err != nil {
		return fmt.Errorf("load usage: %w", err)
	}
	return nil
}

// usageWeeksOf appends the weeks an account's text holds ("week,active
// users,logins,last login" joined by ";"), in week order.
func usageWeeksOf(weeks []UsageWeek, packed string) ([]UsageWeek, error) {
	for entry := range strings.SplitSeq(packed, ";") {
		week, rest, ok1 := strings.Cut(entry, ",")
		active, rest, ok2 := strings.Cut(rest, ",")
		logins, login, ok3 := strings.Cut(rest, ",")
		a, err1 := strconv.Atoi(active)
		n, err2 := strconv.Atoi(logins)
		if !ok1 || !ok2 || !ok3 || len(week) < 10 || err1 != nil || err2 != nil {
			return weeks, fmt.Errorf("unreadable usage week %q", entry)
		}
		weeks = append(weeks, UsageWeek{Week: week, ActiveUsers: a, Logins: n, LastLogin: login})
	}
	// The database joins them in the order it reads them: the index's, but
	// that is not promised.
	byWeek := func(a, b UsageWeek) int { return strings.Compare(a.Week[:10], b.Week[:10]) }
	if !slices.IsSortedFunc(weeks, byWeek) {
		slices.SortStableFunc(weeks, byWeek)
	}
	return weeks, nil
}
