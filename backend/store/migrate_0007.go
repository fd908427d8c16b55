package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0007Integrations adds API tokens and the log of processed webhook events.
func migration0007Integrations() *gormigrate.Migration {
	type apiToken struct {
		ID         int64  `gorm:"primaryKey"`
		Name       string `gorm:"size:100;not null"`
		Scope      string `gorm:"size:10;not null"`
		Hash       string `gorm:"size:64;not null;uniqueIndex"`
		Prefix     string `gorm:"size:12;not null"`
		CreatedBy  string `gorm:"size:100;not null;default:''"`
		CreatedAt  time.Time
		LastUsedAt *time.Time
		RevokedAt  *time.Time
	}
	type webhookEvent struct {
		ID         string `gorm:"primaryKey;size:255"`
		Source     string `gorm:"size:20;not null"`
		Type       string `gorm:"size:100;not null"`
		Result     string `gorm:"size:1000;not null"`
		ReceivedAt time.Time
	}
	return &gormigrate.Migration{
		ID: "0007_integrations",
		Migrate: func(tx *gorm.DB) error {
			for _, m := range []any{&apiToken{}, &webhookEvent{}} {
				if err := tx.Migrator().CreateTable(m); err != nil {
					return fmt.Errorf("create table: %w", err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropTable("webhook_events", "api_tokens") },
	}
}
