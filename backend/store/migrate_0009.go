package store

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// retentionIndexes let the retention figures read only narrow indexes: the
// live customers' start dates and currencies, NPS scores by day, and MRR
// movements by day with everything the revenue figures use.
var retentionIndexes = []struct{ name, def string }{
	{"idx_accounts_lives", "accounts (contract_start, currency, status)"},
	{"idx_nps_responses_day_score", "nps_responses (responded_on, score)"},
	{"idx_mrr_movements_day_amount", "mrr_movements (date, currency, amount, kind, account_id)"},
}

// migration0009RetentionIndexes adds covering indexes for the retention figures.
func migration0009RetentionIndexes() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "0009_retention_indexes",
		Migrate: func(tx *gorm.DB) error {
			for _, ix := range retentionIndexes {
				if err := tx.Exec("CREATE INDEX " + ix.name + " ON " + ix.def).Error; err != nil {
					return fmt.Errorf("create %s: %w", ix.name, err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			for _, ix := range retentionIndexes {
				if err := tx.Exec("DROP INDEX " + ix.name).Error; err != nil {
					return fmt.Errorf("drop %s: %w", ix.name, err)
				}
			}
			return nil
		},
	}
}
