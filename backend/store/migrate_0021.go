package store

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0021TrialEnd keeps the day an account's trial ends, as billing
// exports carry it (Stripe's "Trial End (UTC)"); null when unknown.
func migration0021TrialEnd() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "0021_trial_end",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec("ALTER TABLE accounts ADD COLUMN trial_ends_on DATE NULL").Error; err != nil {
				return fmt.Errorf("add accounts.trial_ends_on: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Exec("ALTER TABLE accounts DROP COLUMN trial_ends_on").Error
		},
	}
}
