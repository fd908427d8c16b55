package store

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// currentIDsIndex lets PostgreSQL list the customers at a day's start (the
// metrics' base customers) from an index alone: its index of the current
// customers holds no ids, so the list read the whole accounts table. On
// SQLite every index entry carries its row id and idx_accounts_current
// already serves.
const currentIDsIndex = "idx_accounts_current_ids"

// migration0024CurrentIDs adds currentIDsIndex on PostgreSQL.
func migration0024CurrentIDs() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "0024_current_ids",
		Migrate: func(tx *gorm.DB) error {
			if tx.Dialector.Name() == "sqlite" {
				return nil
			}
			err := tx.Exec("CREATE INDEX " + currentIDsIndex + " ON accounts (contract_start, id) WHERE status NOT IN ('trial', 'churned')").Error
			if err != nil {
				return fmt.Errorf("create %s: %w", currentIDsIndex, err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			if tx.Dialector.Name() == "sqlite" {
				return nil
			}
			return tx.Exec("DROP INDEX " + currentIDsIndex).Error
		},
	}
}
