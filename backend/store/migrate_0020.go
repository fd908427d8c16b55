package store

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0020RiskScores keeps every live account's latest churn-risk
// forecast, written whenever the portfolio is scored in the background: the
// probability of churning within the horizon, the expected MRR lost, the
// model and day that made it, the probability at the scoring before (so a
// rise can be seen) and the probability the "risk rose" trigger last
// checked (so a rise is acted on once, however often scoring runs between
// two trigger runs). The probability index keeps the account list fast
// when it is sorted by risk.
func migration0020RiskScores() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "0020_risk_scores",
		Migrate: func(tx *gorm.DB) error {
			// In SQLite an INTEGER PRIMARY KEY is the row's own key (no second
			// index to keep up at every write); PostgreSQL's ids are BIGINT.
			key := "BIGINT"
			if tx.Dialector.Name() == "sqlite" {
				key = "INTEGER"
			}
			for _, stmt := range []string{
				`CREATE TABLE risk_scores (
					account_id ` + key + ` NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
					model_id BIGINT NOT NULL,
					probability DOUBLE PRECISION NOT NULL,
					previous_probability DOUBLE PRECISION NULL,
					checked_probability DOUBLE PRECISION NULL,
					expected_loss DOUBLE PRECISION NOT NULL,
					scored_on DATE NOT NULL
				)`,
				`CREATE INDEX idx_risk_scores_probability ON risk_scores (probability, account_id)`,
			} {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("create risk_scores: %w", err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable("risk_scores")
		},
	}
}
