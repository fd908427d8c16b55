package webhooks

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/accounts"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Event is a generic webhook event. Source names the system whose ids the
// event uses (an account's CRM source, e.g. hubspot).
type Event struct {
	ID     string          `json:"id" validate:"required,max=200" description:"Unique per event; a repeated id is ignored."`
	Type   string          `json:"type" validate:"required,oneof=account.upserted payment.failed payment.recovered subscription.cancelled" enum:"account.upserted,payment.failed,payment.recovered,subscription.cancelled"`
	Source string          `json:"source" validate:"required,max=50"`
	Data   json.RawMessage `json:"data" validate:"required"`
}

// AccountRef names an account by the source's id, with an optional date.
type AccountRef struct {
	ExternalID  string `json:"external_id" validate:"required,max=100"`
	Date        string `json:"date,omitempty" validate:"omitempty,datetime=2006-01-02" description:"When it happened; default today."`
	Involuntary bool   `json:"involuntary,omitempty" description:"For subscription.cancelled: ended for non-payment."`
}

// AccountUpserter creates or updates accounts from CRM data.
type AccountUpserter interface {
	UpsertIn(tx *gorm.DB, in accounts.AccountInput) (accounts.Account, bool, error)
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Generic verifies an X-ChurnDesk-Signature header and applies the event once.
func (s *Service) Generic(ctx context.Context, up AccountUpserter, check Validator, payload []byte, header string) (Result, error) {
	sec, err := s.Secrets(ctx)
	if err != nil {
		return Result{}, err
	}
	if err := VerifyGeneric(payload, header, sec.Generic, s.now()); err != nil {
		return Result{}, err
	}
	var ev Event
	if err := json.Unmarshal(payload, &ev); err != nil {
		return Result{}, fault.BadRequest("The event is not valid JSON: " + err.Error())
	}
	if err := check.Struct(ev); err != nil {
		return Result{}, err
	}
	return s.once(ctx, "generic", ev.Source+":"+ev.ID, ev.Type, func(tx *gorm.DB) (string, error) {
		if ev.Type == "account.upserted" {
			var in accounts.AccountInput
			if err := strictJSON(ev.Data, &in); err != nil {
				return "", err
			}
			in.CRMSource = ev.Source
			a, created, err := up.UpsertIn(tx, in)
			if err != nil {
				return "", prefix(err, "data.")
			}
			if created {
				return fmt.Sprintf("account %d created", a.ID), nil
			}
			return fmt.Sprintf("account %d updated", a.ID), nil
		}
		var ref AccountRef
		if err := strictJSON(ev.Data, &ref); err != nil {
			return "", err
		}
		if err := check.Struct(ref); err != nil {
			return "", prefix(err, "data.")
		}
		acc, err := findAccount(tx, ev.Source, ref.ExternalID)
		if err != nil {
			return "", prefix(err, "data.")
		}
		day := store.NewDate(s.now())
		if ref.Date != "" {
			day, _ = store.ParseDate(ref.Date)
		}
		now := s.now().UTC()
		switch ev.Type {
		case "payment.failed":
			err = tx.Model(&store.Account{}).Where("id = ?", acc.ID).Updates(map[string]any{"payment_status": "overdue", "overdue_since": day, "updated_at": now}).Error
			return fmt.Sprintf("account %d overdue since %s", acc.ID, day), err
		case "payment.recovered":
			err = tx.Model(&store.Account{}).Where("id = ?", acc.ID).Updates(map[string]any{"payment_status": "ok", "overdue_since": nil, "updated_at": now}).Error
			return fmt.Sprintf("account %d paid up", acc.ID), err
		default: // subscription.cancelled
			if acc.Status == "churned" {
				return fmt.Sprintf("account %d was already churned", acc.ID), nil
			}
			id, err := s.churn.DraftFromBilling(tx, acc.ID, day.Time, ref.Involuntary, "cancelled in "+ev.Source)
			return fmt.Sprintf("churn record %d drafted for account %d", id, acc.ID), err
		}
	})
}

func strictJSON(raw []byte, dst any) error {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fault.Field("data", "does not match the event type: "+err.Error())
	}
	return nil
}

// prefix moves field errors under the event's data object.
func prefix(err error, p string) error {
	fe, ok := fault.As(err)
	if !ok || len(fe.Fields) == 0 {
		return err
	}
	moved := make(map[string]string, len(fe.Fields))
	for k, v := range fe.Fields {
		moved[p+k] = v
	}
	return &fault.Error{Code: fe.Code, Message: fe.Message, Fields: moved}
}
