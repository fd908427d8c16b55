package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0013ExchangeRates adds the team's exchange rates table: what one
// unit of a currency was worth in another (the home currency when it was
// entered) from a day on.
func migration0013ExchangeRates() *gormigrate.Migration {
	type exchangeRate struct {
		ID        int64     `gorm:"primaryKey"`
		Currency  string    `gorm:"size:3;not null;uniqueIndex:idx_exchange_rates_pair_day"`
		Home      string    `gorm:"size:3;not null;uniqueIndex:idx_exchange_rates_pair_day"`
		Day       Date      `gorm:"not null;uniqueIndex:idx_exchange_rates_pair_day"`
		Rate      float64   `gorm:"not null"`
		UpdatedAt time.Time `gorm:"not null"`
	}
	return &gormigrate.Migration{
		ID: "0013_exchange_rates",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Migrator().CreateTable(&exchangeRate{}); err != nil {
				return fmt.Errorf("create exchange_rates: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropTable("exchange_rates") },
	}
}
