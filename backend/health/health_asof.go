package health

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// ScoresAsOf scores the given accounts as they stood on asOf with the
// team's current model, storing nothing: what the health score said that
// day, also for accounts that have churned since (the weekly history holds
// only accounts that were scored while live). Accounts whose data are too
// thin for a class (no_data) are left out of the map.
func ScoresAsOf(db *gorm.DB, ids []int64, asOf time.Time) (map[int64]float64, error) {
	set, err := loadSettings(db)
	if err != nil {
		return nil, err
	}
	win, err := loadWindow(db, asOf)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]float64, len(ids))
	for start := 0; start < len(ids); start += recomputeBatch {
		var accounts []store.Account
		err := db.Select("id, seats, contract_start, payment_status, overdue_since, csm_sentiment").
			Where("id IN ?", ids[start:min(start+recomputeBatch, len(ids))]).Order("id").Find(&accounts).Error
		if err != nil {
			return nil, fmt.Errorf("load accounts: %w", err)
		}
		inputs, err := loadInputs(db, accounts, set.Engagement, win)
		if err != nil {
			return nil, err
		}
		for _, a := range accounts {
			if s := set.Model.Evaluate(inputs[a.ID].measures); s.Class != NoData {
				out[a.ID] = s.Score
			}
		}
	}
	return out, nil
}
