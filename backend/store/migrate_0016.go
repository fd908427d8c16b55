package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0016RiskModels keeps every trained churn-risk model: when it was
// trained, the day and horizon it was trained for, its inputs, its
// coefficients and its backtest (JSON), so a forecast can always be traced
// to the model that made it.
func migration0016RiskModels() *gormigrate.Migration {
	type riskModel struct {
		ID           int64     `gorm:"primaryKey"`
		TrainedAt    time.Time `gorm:"not null;index"`
		AsOf         Date      `gorm:"not null"`
		Horizon      int       `gorm:"not null"`
		Inputs       string    `gorm:"type:text;not null;default:''"`
		Coefficients string    `gorm:"type:text;not null;default:''"`
		Backtest     string    `gorm:"type:text;not null;default:''"`
		TrainedBy    string    `gorm:"size:100;not null;default:''"`
	}
	return &gormigrate.Migration{
		ID: "0016_risk_models",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Migrator().CreateTable(&riskModel{}); err != nil {
				return fmt.Errorf("create risk_models: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable("risk_models")
		},
	}
}
