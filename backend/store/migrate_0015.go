package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// importRunCounts are the columns 0015 adds to the import history: what each
// import did, how it was run, and whether it was undone.
var importRunCounts = []struct{ name, def string }{
	{"created", "INTEGER NOT NULL DEFAULT 0"},
	{"updated", "INTEGER NOT NULL DEFAULT 0"},
	{"unchanged", "INTEGER NOT NULL DEFAULT 0"},
	{"rejected", "INTEGER NOT NULL DEFAULT 0"},
	{"mode", "VARCHAR(10) NOT NULL DEFAULT 'all'"},
	{"match_rule", "VARCHAR(20) NOT NULL DEFAULT ''"},
	{"undone_at", "TIMESTAMP NULL"},
	{"undone_by", "VARCHAR(100) NOT NULL DEFAULT ''"},
}

// migration0015ImportUndo keeps what each import changed, row by row, so an
// import can be undone: the counts on the run, one change per account it
// created or updated (with the values before), and the run that wrote each
// MRR movement.
func migration0015ImportUndo() *gormigrate.Migration {
	type importChange struct {
		ID          int64     `gorm:"primaryKey"`
		ImportRunID int64     `gorm:"not null;index"`
		Row         int       `gorm:"not null"`
		Action      string    `gorm:"size:20;not null"`
		AccountID   int64     `gorm:"not null;index"`
		RecordID    *int64    // the churn record a cancellation drafted
		Before      string    `gorm:"type:text;not null;default:''"`
		Changes     string    `gorm:"type:text;not null;default:''"`
		CreatedAt   time.Time `gorm:"not null"`
	}
	return &gormigrate.Migration{
		ID: "0015_import_undo",
		Migrate: func(tx *gorm.DB) error {
			for _, c := range importRunCounts {
				if err := tx.Exec("ALTER TABLE import_runs ADD COLUMN " + c.name + " " + c.def).Error; err != nil {
					return fmt.Errorf("add import_runs.%s: %w", c.name, err)
				}
			}
			if err := tx.Exec("ALTER TABLE mrr_movements ADD COLUMN import_run_id BIGINT NULL").Error; err != nil {
				return fmt.Errorf("add mrr_movements.import_run_id: %w", err)
			}
			if err := tx.Exec("CREATE INDEX idx_mrr_movements_import_run ON mrr_movements (import_run_id)").Error; err != nil {
				return fmt.Errorf("index mrr_movements.import_run_id: %w", err)
			}
			if err := tx.Migrator().CreateTable(&importChange{}); err != nil {
				return fmt.Errorf("create import_changes: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			if err := tx.Migrator().DropTable("import_changes"); err != nil {
				return err
			}
			if err := tx.Exec("DROP INDEX idx_mrr_movements_import_run").Error; err != nil {
				return err
			}
			if err := tx.Exec("ALTER TABLE mrr_movements DROP COLUMN import_run_id").Error; err != nil {
				return err
			}
			for _, c := range importRunCounts {
				if err := tx.Exec("ALTER TABLE import_runs DROP COLUMN " + c.name).Error; err != nil {
					return err
				}
			}
			return nil
		},
	}
}
