package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0008Imports adds the import history.
func migration0008Imports() *gormigrate.Migration {
	type importRun struct {
		ID        int64     `gorm:"primaryKey"`
		Kind      string    `gorm:"size:20;not null"`
		Preset    string    `gorm:"size:20;not null"`
		FileName  string    `gorm:"size:255;not null;default:''"`
		Encoding  string    `gorm:"size:20;not null"`
		Rows      int       `gorm:"not null"`
		Written   int       `gorm:"not null"`
		Errors    int       `gorm:"not null"`
		DryRun    bool      `gorm:"not null"`
		Actor     string    `gorm:"size:100;not null;default:''"`
		CreatedAt time.Time `gorm:"index"`
	}
	return &gormigrate.Migration{
		ID: "0008_imports",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Migrator().CreateTable(&importRun{}); err != nil {
				return fmt.Errorf("create table: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error { return tx.Migrator().DropTable("import_runs") },
	}
}
