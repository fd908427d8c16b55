package playbooks

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// TierUpgrade is the trigger of the recognition task a loyalty upgrade creates.
const TierUpgrade = "tier_upgrade"

// Celebrations are the triggers whose tasks mark a good moment; they are
// held back while the account is poor or has an open risk task.
var Celebrations = []string{Anniversary, TierUpgrade}

// Risks are the triggers whose open tasks mean the account is at risk.
var Risks = []string{NoLogin, UsageDrop, NPSDetractor, HealthPoor, PaymentOverdue}

// The reasons a celebratory task is held.
const (
	HeldPoorHealth = "poor_health"
	HeldRiskTask   = "risk_task"
)

// pending are the statuses of a task still to be done.
var pending = []string{"open", "snoozed"}

// atRisk is the SQL condition "the task's account is poor or has an open
// risk task"; poorSQL alone is the first half.
const (
	poorSQL   = "EXISTS (SELECT 1 FROM accounts a WHERE a.id = tasks.account_id AND a.health_class = 'poor')"
	riskSQL   = "EXISTS (SELECT 1 FROM tasks r WHERE r.account_id = tasks.account_id AND r.trigger IN ? AND r.status IN ?)"
	atRiskSQL = "(" + poorSQL + " OR " + riskSQL + ")"
)

// HoldCelebrations holds the open celebratory tasks of accounts that are
// poor or have an open risk task (naming why), and releases held ones whose
// account is neither any more: they open again, due today at the earliest.
// With accountIDs it looks at those accounts only. Running it twice changes
// nothing the second time.
func HoldCelebrations(tx *gorm.DB, now time.Time, accountIDs ...int64) error {
	today := store.NewDate(now) // in the team's time zone (now's location)
	scope := func() *gorm.DB {
		db := tx.Table("tasks").Where("tasks.trigger IN ?", Celebrations)
		if len(accountIDs) > 0 {
			db = db.Where("tasks.account_id IN ?", accountIDs)
		}
		return db
	}
	stamp := now.UTC()
	err := scope().Where("tasks.status IN ?", []string{"open", "held"}).Where(poorSQL).
		Where("tasks.status <> 'held' OR tasks.held_reason <> ?", HeldPoorHealth).
		Updates(map[string]any{"status": "held", "held_reason": HeldPoorHealth, "updated_at": stamp}).Error
	if err != nil {
		return fmt.Errorf("hold celebrations of poor accounts: %w", err)
	}
	err = scope().Where("tasks.status IN ?", []string{"open", "held"}).Where("NOT "+poorSQL).Where(riskSQL, Risks, pending).
		Where("tasks.status <> 'held' OR tasks.held_reason <> ?", HeldRiskTask).
		Updates(map[string]any{"status": "held", "held_reason": HeldRiskTask, "updated_at": stamp}).Error
	if err != nil {
		return fmt.Errorf("hold celebrations of accounts at risk: %w", err)
	}
	err = scope().Where("tasks.status = 'held'").Where("NOT "+atRiskSQL, Risks, pending).
		Updates(map[string]any{"status": "open", "held_reason": "", "updated_at": stamp,
			"due_on": gorm.Expr("CASE WHEN tasks.due_on < ? THEN ? ELSE tasks.due_on END", today, today)}).Error
	if err != nil {
		return fmt.Errorf("release held celebrations: %w", err)
	}
	return nil
}
