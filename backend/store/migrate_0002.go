package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0002Health adds settings, the weekly health history, the latest
// health on each account, and the tasks that playbooks create.
func migration0002Health() *gormigrate.Migration {
	type setting struct {
		Key       string `gorm:"primaryKey;size:100"`
		Value     string `gorm:"type:text;not null"`
		UpdatedAt time.Time
	}
	type account struct {
		ID int64 `gorm:"primaryKey"`
	}
	type healthScore struct {
		ID              int64   `gorm:"primaryKey"`
		AccountID       int64   `gorm:"not null;uniqueIndex:idx_health_account_week"`
		Account         account `gorm:"constraint:OnDelete:CASCADE"`
		WeekStart       Date    `gorm:"not null;uniqueIndex:idx_health_account_week;index"`
		Score           float64 `gorm:"not null"`
		Class           string  `gorm:"size:10;not null"`
		EngagementClass string  `gorm:"size:10;not null"`
		Breakdown       string  `gorm:"type:text;not null"`
		ComputedAt      time.Time
	}
	type task struct {
		ID           int64   `gorm:"primaryKey"`
		AccountID    int64   `gorm:"not null;index;uniqueIndex:idx_task_occurrence"`
		Account      account `gorm:"constraint:OnDelete:CASCADE"`
		Trigger      string  `gorm:"size:40;not null;uniqueIndex:idx_task_occurrence"`
		Occurrence   string  `gorm:"size:40;not null;uniqueIndex:idx_task_occurrence"`
		ActionIndex  int     `gorm:"not null;uniqueIndex:idx_task_occurrence"`
		Kind         string  `gorm:"size:20;not null"`
		Title        string  `gorm:"size:300;not null"`
		Reason       string  `gorm:"size:500;not null;default:''"`
		Owner        string  `gorm:"size:100;not null;default:'';index"`
		DueOn        Date    `gorm:"not null;index"`
		Status       string  `gorm:"size:10;not null;index"`
		SnoozedUntil *Date
		DoneAt       *time.Time
		CreatedAt    time.Time
		UpdatedAt    time.Time
	}
	return &gormigrate.Migration{
		ID: "0002_health",
		Migrate: func(tx *gorm.DB) error {
			for _, m := range []any{&setting{}, &healthScore{}, &task{}} {
				if err := tx.Migrator().CreateTable(m); err != nil {
					return fmt.Errorf("create table: %w", err)
				}
			}
			for _, stmt := range []string{
				`ALTER TABLE accounts ADD COLUMN csm_sentiment INTEGER`,
				`ALTER TABLE accounts ADD COLUMN health_score DOUBLE PRECISION`,
				`ALTER TABLE accounts ADD COLUMN health_class VARCHAR(10) NOT NULL DEFAULT ''`,
				`ALTER TABLE accounts ADD COLUMN engagement_class VARCHAR(10) NOT NULL DEFAULT ''`,
				`CREATE INDEX idx_accounts_health_class ON accounts (health_class)`,
				`CREATE INDEX idx_accounts_health_score ON accounts (health_score)`,
			} {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%s: %w", stmt, err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			for _, t := range []string{"tasks", "health_scores", "settings"} {
				if err := tx.Migrator().DropTable(t); err != nil {
					return err
				}
			}
			for _, c := range []string{"csm_sentiment", "health_score", "health_class", "engagement_class"} {
				if err := tx.Exec("ALTER TABLE accounts DROP COLUMN " + c).Error; err != nil {
					return err
				}
			}
			return nil
		},
	}
}
