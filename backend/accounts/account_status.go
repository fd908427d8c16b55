package accounts

import (
	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// statusRule keeps an account's churned status in step with its churn
// records: only logging a churn (a churn record) makes an account churned,
// and only a reactivation (or deleting the churn record) makes it a
// customer again, so a churned account always has a current churn record
// and a live one has none. old is the stored account (nil for a new one).
func statusRule(old *store.Account, status string) error {
	switch {
	case (old == nil || old.Status != "churned") && status == "churned":
		return fault.FieldText("status", texts.New("account.status.churn_by_record"))
	case old != nil && old.Status == "churned" && status != "churned":
		return fault.FieldText("status", texts.New("account.status.reactivate"))
	}
	return nil
}
