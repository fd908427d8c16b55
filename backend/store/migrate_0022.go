package store

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0022HealthBands indexes the live accounts by health band with
// what the dashboard's health overview sums (currency, status, MRR), so
// counting 100,000 accounts per band and currency reads only this index, in
// the order it groups by.
func migration0022HealthBands() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "0022_health_band_index",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec(`CREATE INDEX idx_accounts_health_bands ON accounts (health_class, currency, status, mrr)`).Error; err != nil {
				return fmt.Errorf("create idx_accounts_health_bands: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Exec("DROP INDEX idx_accounts_health_bands").Error
		},
	}
}
