package store

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// trialMovementsRepair deletes the MRR movements of today's trials that
// belong to their trial: every movement of a trial account except those
// dated on or before one of its churn dates (an earlier life as a
// customer, which stays revenue history).
const trialMovementsRepair = `DELETE FROM mrr_movements
	WHERE account_id IN (SELECT id FROM accounts WHERE status = 'trial')
	AND NOT EXISTS (SELECT 1 FROM churn_records c WHERE c.account_id = mrr_movements.account_id AND c.churn_date >= mrr_movements.date)`

// migration0011TrialMovements takes trial MRR out of the stored revenue
// history: until now creating a trial wrote a "new" movement at its
// contract start and editing it wrote expansions and contractions, so a
// trial's MRR counted in MRR totals, GRR, NRR and CLV. From this version a
// trial writes no movement and converting writes the "new" one on the
// conversion day.
//
// Accounts that already converted keep the "new" movement at their
// contract start: no status history was stored, so the conversion day
// cannot be derived, and the contract start is the best date known. The
// repair cannot be undone; rolling back leaves the movements as they are.
func migration0011TrialMovements() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "0011_trial_movements",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec(trialMovementsRepair).Error; err != nil {
				return fmt.Errorf("remove trial MRR movements: %w", err)
			}
			return nil
		},
		Rollback: func(*gorm.DB) error { return nil },
	}
}
