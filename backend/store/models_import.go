package store

import "time"

// ImportChange is what one import did to one account: created it, updated
// it (Before holds the account as it was, as JSON; Changes the fields that
// changed, field → [old, new]) or drafted a churn record for it.
type ImportChange struct {
	ID          int64 `gorm:"primaryKey"`
	ImportRunID int64
	Row         int
	Action      string // create, update or churn_draft
	AccountID   int64
	RecordID    *int64
	Before      string
	Changes     string
	CreatedAt   time.Time
}
