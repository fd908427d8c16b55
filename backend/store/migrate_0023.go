package store

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// liveIndexes let the retention curve and the cohort table read every
// customer life from indexes alone. The churn records' index leads with the
// churn date, so reads that filter on the contract start alone and need the
// whole record (the metrics' lives) keep their plain scan, while it covers
// the reads of lives still running on a day. The current customers' index
// holds only the accounts that are customers (no trials, no churned
// accounts), so counting them per start day skips the others and the test
// of their status.
var liveIndexes = []struct{ name, def string }{
	{"idx_churn_records_lives", "churn_records (churn_date, contract_start, account_id)"},
	{"idx_accounts_current", "accounts (contract_start, currency, status) WHERE status NOT IN ('trial', 'churned')"},
}

// migration0023LiveIndexes adds covering indexes for the customer lives.
func migration0023LiveIndexes() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "0023_live_indexes",
		Migrate: func(tx *gorm.DB) error {
			for _, ix := range liveIndexes {
				if err := tx.Exec("CREATE INDEX " + ix.name + " ON " + ix.def).Error; err != nil {
					return fmt.Errorf("create %s: %w", ix.name, err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			for _, ix := range liveIndexes {
				if err := tx.Exec("DROP INDEX " + ix.name).Error; err != nil {
					return fmt.Errorf("drop %s: %w", ix.name, err)
				}
			}
			return nil
		},
	}
}
