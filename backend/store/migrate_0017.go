package store

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0017TodayIndexes lets a celebratory task be held back with its
// reason, and indexes tasks for the Today inbox (open tasks by due day,
// per owner and per trigger), for an account's open tasks and for the
// firing log (first actions, newest first).
func migration0017TodayIndexes() *gormigrate.Migration {
	indexes := []string{
		`CREATE INDEX idx_tasks_status_due ON tasks (status, due_on)`,
		`CREATE INDEX idx_tasks_owner_status_due ON tasks (owner, status, due_on)`,
		`CREATE INDEX idx_tasks_trigger_status_due ON tasks (trigger, status, due_on)`,
		`CREATE INDEX idx_tasks_account_status ON tasks (account_id, status)`,
		`CREATE INDEX idx_tasks_firings ON tasks (action_index, created_at)`,
	}
	return &gormigrate.Migration{
		ID: "0017_today_indexes",
		Migrate: func(tx *gorm.DB) error {
			stmts := append([]string{`ALTER TABLE tasks ADD COLUMN held_reason VARCHAR(20) NOT NULL DEFAULT ''`}, indexes...)
			for _, stmt := range stmts {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%s: %w", stmt, err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			for _, name := range []string{"idx_tasks_status_due", "idx_tasks_owner_status_due", "idx_tasks_trigger_status_due", "idx_tasks_account_status", "idx_tasks_firings"} {
				if err := tx.Exec("DROP INDEX " + name).Error; err != nil {
					return err
				}
			}
			return tx.Exec("ALTER TABLE tasks DROP COLUMN held_reason").Error
		},
	}
}
