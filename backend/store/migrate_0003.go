package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0003Churn adds churn records with their audit trail, and dated
// MRR movements.
func migration0003Churn() *gormigrate.Migration {
	type account struct {
		ID int64 `gorm:"primaryKey"`
	}
	type churnRecord struct {
		ID                int64   `gorm:"primaryKey"`
		AccountID         int64   `gorm:"not null;index"`
		Account           account `gorm:"constraint:OnDelete:CASCADE"`
		ChurnDate         Date    `gorm:"not null;index"`
		Reason            string  `gorm:"size:60;not null;index"`
		ReasonDetail      string  `gorm:"size:2000;not null;default:''"`
		Competitor        string  `gorm:"size:200;not null;default:''"`
		Preventable       bool    `gorm:"not null"`
		Voluntary         bool    `gorm:"not null"`
		TenureDays        int     `gorm:"not null"`
		ContractStart     Date    `gorm:"not null"`
		EngagementClass   string  `gorm:"size:10;not null;default:''"`
		EngagementWeeks   string  `gorm:"type:text;not null;default:'[]'"`
		HealthScore       *float64
		HealthClass       string `gorm:"size:10;not null;default:''"`
		MRRLost           int64  `gorm:"column:mrr_lost;not null"`
		Currency          string `gorm:"size:3;not null"`
		ExitInterviewDate *Date
		Interviewer       string `gorm:"size:100;not null;default:''"`
		Answers           string `gorm:"type:text;not null;default:'{}'"`
		Quotes            string `gorm:"type:text;not null;default:'[]'"`
		Lessons           string `gorm:"type:text;not null;default:''"`
		WouldReturn       string `gorm:"size:10;not null;default:''"`
		FollowUpOn        *Date
		OfferMade         string `gorm:"size:500;not null;default:''"`
		CreatedBy         string `gorm:"size:100;not null;default:''"`
		UpdatedBy         string `gorm:"size:100;not null;default:''"`
		CreatedAt         time.Time
		UpdatedAt         time.Time
	}
	type churnAudit struct {
		ID            int64  `gorm:"primaryKey"`
		ChurnRecordID int64  `gorm:"not null;index"`
		AccountID     int64  `gorm:"not null;index"`
		Action        string `gorm:"size:10;not null"`
		Actor         string `gorm:"size:100;not null"`
		Changes       string `gorm:"type:text;not null"`
		At            time.Time
	}
	type mrrMovement struct {
		ID            int64   `gorm:"primaryKey"`
		AccountID     int64   `gorm:"not null;index"`
		Account       account `gorm:"constraint:OnDelete:CASCADE"`
		Date          Date    `gorm:"not null;index"`
		Kind          string  `gorm:"size:15;not null"`
		Amount        int64   `gorm:"not null"`
		Currency      string  `gorm:"size:3;not null"`
		ChurnRecordID *int64  `gorm:"index"`
		CreatedAt     time.Time
	}
	return &gormigrate.Migration{
		ID: "0003_churn",
		Migrate: func(tx *gorm.DB) error {
			for _, m := range []any{&churnRecord{}, &churnAudit{}, &mrrMovement{}} {
				if err := tx.Migrator().CreateTable(m); err != nil {
					return fmt.Errorf("create table: %w", err)
				}
			}
			// Accounts that existed before movements were kept start with one
			// "new" movement for their current MRR at their contract start.
			return tx.Exec(`INSERT INTO mrr_movements (account_id, date, kind, amount, currency, created_at)
				SELECT id, contract_start, 'new', mrr, currency, CURRENT_TIMESTAMP FROM accounts WHERE mrr > 0 AND status <> 'churned'`).Error
		},
		Rollback: func(tx *gorm.DB) error {
			for _, t := range []string{"mrr_movements", "churn_audits", "churn_records"} {
				if err := tx.Migrator().DropTable(t); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
