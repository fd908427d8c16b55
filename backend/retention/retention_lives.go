package retention

import (
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// LivesAsOf returns every customer life as it stood on asOf, one per
// account life: lives that ended by then carry their churn date; lives that
// ended later are still running (nothing about the churn was known yet);
// lives that started later and trials are left out.
func LivesAsOf(db *gorm.DB, asOf time.Time) ([]Life, error) {
	return loadLives(db, asOf, true)
}

// groupColumns names the account column behind each curve group.
var groupColumns = map[string]string{"segment": "segment", "plan": "plan", "channel": "crm_source"}

// eachSpan hands fn, one at a time, what the retention curve and the cohort
// table need of the lives loadLives reads: each life's start, its churn date
// when it had churned by asOf, and, when group names one, its segment, plan
// or channel; nothing else is filled in. Past lives come from the churn
// records' lives index alone, without the records' rows (their accounts are
// read only for a group), counted per churn date and start when there is no
// group (the index's own order); current customers come counted per start
// day and group value. Nothing is gathered: the callers keep only tallies.
func eachSpan(db *gorm.DB, asOf time.Time, group string, fn func(Life)) error {
	on := store.NewDate(asOf)
	const current = ` FROM accounts WHERE contract_start <= ? AND status NOT IN ('trial', 'churned') GROUP BY contract_start`
	churnQuery := `SELECT CAST(churn_date AS TEXT), CAST(contract_start AS TEXT), '', COUNT(*) FROM churn_records
		WHERE contract_start <= ? GROUP BY churn_date, contract_start`
	currentQuery := `SELECT CAST(contract_start AS TEXT), '', COUNT(*)` + current
	if col := groupColumns[group]; col != "" {
		churnQuery = `SELECT CAST(c.churn_date AS TEXT), CAST(c.contract_start AS TEXT), COALESCE(a.` + col + `, ''), 1
			FROM churn_records c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.contract_start <= ?`
		currentQuery = `SELECT CAST(contract_start AS TEXT), ` + col + `, COUNT(*)` + current + `, ` + col
	}
	// Dates and group values repeat: parse and keep one copy of each.
	days := dayCache{}
	date := func(b sql.RawBytes) (time.Time, error) { return days.of(string(b)) }
	intern := interner{}.of
	var churned, start, value sql.RawBytes
	// read scans one row of either query into a life.
	read := func(rows *sql.Rows, withChurn bool) (Life, error) {
		var l Life
		var err error
		if withChurn {
			err = rows.Scan(&churned, &start, &value, &l.Count)
		} else {
			err = rows.Scan(&start, &value, &l.Count)
		}
		if err != nil {
			return l, err
		}
		if l.From, err = date(start); err != nil {
			return l, err
		}
		if withChurn {
			to, err := date(churned)
			if err != nil {
				return l, err
			}
			// A churn dated after asOf is a life still going that day.
			if !to.After(on.Time) {
				l.To = &to
			}
		}
		switch group {
		case "segment":
			l.Segment = intern(value)
		case "plan":
			l.Plan = intern(value)
		case "channel":
			l.Channel = channelOf(intern(value))
		}
		return l, nil
	}

	recs, err := db.Raw(churnQuery, on).Rows()
	if err != nil {
		return fmt.Errorf("load churn dates: %w", err)
	}
	for recs.Next() {
		l, err := read(recs, true)
		if err != nil {
			recs.Close()
			return fmt.Errorf("read churn dates: %w", err)
		}
		fn(l)
	}
	recs.Close()
	if err := recs.Err(); err != nil {
		return fmt.Errorf("read churn dates: %w", err)
	}

	rows, err := db.Raw(currentQuery, on).Rows()
	if err != nil {
		return fmt.Errorf("count current customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		l, err := read(rows, false)
		if err != nil {
			return fmt.Errorf("read current customers: %w", err)
		}
		fn(l)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read current customers: %w", err)
	}
	return nil
}
