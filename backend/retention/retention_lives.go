package retention

import (
	"time"

	"gorm.io/gorm"
)

// LivesAsOf returns every customer life as it stood on asOf, one per
// account life: lives that ended by then carry their churn date; lives that
// ended later are still running (nothing about the churn was known yet);
// lives that started later and trials are left out.
func LivesAsOf(db *gorm.DB, asOf time.Time) ([]Life, error) {
	return loadLives(db, asOf, "", true)
}
