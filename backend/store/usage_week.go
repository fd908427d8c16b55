package store

import (
	"database/sql"
	"fmt"

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
