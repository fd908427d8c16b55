package accounts

import (
	"context"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// statusRule keeps an account's churned status in step with its churn
// records: only logging a churn (a churn record) makes an account churned,
// and only a reactivation (or deleting the churn record) makes it a
// customer again, so a churned account always has a current churn record
// and a live one has none. old is the stored account (nil for a new one);
// the message is written in the language of ctx.
func statusRule(ctx context.Context, old *store.Account, status string) error {
	lang := texts.Lang(ctx)
	switch {
	case (old == nil || old.Status != "churned") && status == "churned":
		return fault.Field("status", texts.Text(lang, "account.status.churn_by_record"))
	case old != nil && old.Status == "churned" && status != "churned":
		return fault.Field("status", texts.Text(lang, "account.status.reactivate"))
	}
	return nil
}

// txContext is the context of a caller's transaction (it carries the
// language of the request).
func txContext(tx *gorm.DB) context.Context {
	if tx.Statement != nil && tx.Statement.Context != nil {
		return tx.Statement.Context
	}
	return context.Background()
}
