package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0004Offboarding adds offboarding checklists and their items.
func migration0004Offboarding() *gormigrate.Migration {
	type account struct {
		ID int64 `gorm:"primaryKey"`
	}
	type checklist struct {
		ID            int64   `gorm:"primaryKey"`
		AccountID     int64   `gorm:"not null;index"`
		Account       account `gorm:"constraint:OnDelete:CASCADE"`
		ChurnRecordID *int64  `gorm:"index"`
		Kind          string  `gorm:"size:10;not null"`
		Reason        string  `gorm:"size:60;not null"`
		StartDate     Date    `gorm:"not null"`
		Language      string  `gorm:"size:2;not null"`
		CompletedAt   *time.Time
		CreatedAt     time.Time
		UpdatedAt     time.Time
	}
	type checklistItem struct {
		ID          int64     `gorm:"primaryKey"`
		ChecklistID int64     `gorm:"not null;index"`
		Checklist   checklist `gorm:"constraint:OnDelete:CASCADE"`
		Position    int       `gorm:"not null"`
		Key         string    `gorm:"size:60;not null;default:''"`
		Title       string    `gorm:"size:300;not null"`
		Guidance    string    `gorm:"type:text;not null;default:''"`
		OwnerRole   string    `gorm:"size:20;not null"`
		Owner       string    `gorm:"size:100;not null;default:''"`
		DueOn       Date      `gorm:"not null;index"`
		Required    bool      `gorm:"not null"`
		Done        bool      `gorm:"not null;index"`
		DoneAt      *time.Time
		DoneBy      string `gorm:"size:100;not null;default:''"`
		Notes       string `gorm:"type:text;not null;default:''"`
		CreatedAt   time.Time
		UpdatedAt   time.Time
	}
	return &gormigrate.Migration{
		ID: "0004_offboarding",
		Migrate: func(tx *gorm.DB) error {
			for _, m := range []any{&checklist{}, &checklistItem{}} {
				if err := tx.Migrator().CreateTable(m); err != nil {
					return fmt.Errorf("create table: %w", err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable("checklist_items", "checklists")
		},
	}
}
