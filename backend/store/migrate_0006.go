package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0006QBR adds saved QBR value reports, one per account and quarter.
func migration0006QBR() *gormigrate.Migration {
	type account struct {
		ID int64 `gorm:"primaryKey"`
	}
	type qbrReport struct {
		ID        int64   `gorm:"primaryKey"`
		AccountID int64   `gorm:"not null;uniqueIndex:idx_qbr_account_quarter"`
		Account   account `gorm:"constraint:OnDelete:CASCADE"`
		Quarter   string  `gorm:"size:7;not null;uniqueIndex:idx_qbr_account_quarter;index"`
		Status    string  `gorm:"size:10;not null"`
		Language  string  `gorm:"size:2;not null"`
		Edited    string  `gorm:"type:text;not null"`
		UpdatedBy string  `gorm:"size:100;not null;default:''"`
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	return &gormigrate.Migration{
		ID: "0006_qbr",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Migrator().CreateTable(&qbrReport{}); err != nil {
				return fmt.Errorf("create table: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropTable("qbr_reports") },
	}
}
