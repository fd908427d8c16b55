package webhooks

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/stripe/stripe-go/v84"
	"github.com/stripe/stripe-go/v84/webhook"
	"gorm.io/gorm"

	"churndesk/backend/store"
)

// Stripe verifies a Stripe event with its Stripe-Signature header and
// applies it once: a deleted subscription drafts a churn record (involuntary
// when it ended for non-payment), a failed invoice marks the payment
// overdue, an expiring card sets the card's expiry. Accounts are matched by
// CRM source "stripe" and the Stripe customer id.
func (s *Service) Stripe(ctx context.Context, payload []byte, header string) (Result, error) {
	sec, err := s.Secrets(ctx)
	if err != nil {
		return Result{}, err
	}
	if sec.Stripe == "" {
		return Result{}, ErrSignature
	}
	ev, err := webhook.ConstructEventWithOptions(payload, header, sec.Stripe, webhook.ConstructEventOptions{IgnoreAPIVersionMismatch: true})
	if err != nil {
		return Result{}, ErrSignature
	}
	typ := string(ev.Type)
	switch typ {
	case "customer.subscription.deleted":
		var sub stripe.Subscription
		if err := json.Unmarshal(ev.Data.Raw, &sub); err != nil {
			return Result{}, err
		}
		return s.once(ctx, "stripe", ev.ID, typ, func(tx *gorm.DB) (string, error) {
			acc, err := findAccount(tx, "stripe", customerID(sub.Customer))
			if err != nil {
				return "", err
			}
			if acc.Status == "churned" {
				return fmt.Sprintf("account %d was already churned", acc.ID), nil
			}
			ended := sub.EndedAt
			if ended == 0 {
				ended = sub.CanceledAt
			}
			// The day of a billing event is its calendar day in the team's time zone.
			day := s.now()
			if ended > 0 {
				day = time.Unix(ended, 0).In(day.Location())
			}
			involuntary := sub.CancellationDetails != nil && sub.CancellationDetails.Reason == stripe.SubscriptionCancellationDetailsReasonPaymentFailed
			id, err := s.churn.DraftFromBilling(tx, acc.ID, day, involuntary, "Stripe subscription "+sub.ID+" deleted")
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("churn record %d drafted for account %d", id, acc.ID), nil
		})
	case "invoice.payment_failed":
		var inv stripe.Invoice
		if err := json.Unmarshal(ev.Data.Raw, &inv); err != nil {
			return Result{}, err
		}
		return s.once(ctx, "stripe", ev.ID, typ, func(tx *gorm.DB) (string, error) {
			acc, err := findAccount(tx, "stripe", customerID(inv.Customer))
			if err != nil {
				return "", err
			}
			since := time.Unix(ev.Created, 0).In(s.now().Location())
			if inv.DueDate > 0 {
				since = time.Unix(inv.DueDate, 0).In(s.now().Location())
			}
			if acc.PaymentStatus == "overdue" && acc.OverdueSince != nil {
				return fmt.Sprintf("account %d already overdue since %s", acc.ID, acc.OverdueSince), nil
			}
			d := store.NewDate(since)
			err = tx.Model(&store.Account{}).Where("id = ?", acc.ID).Updates(map[string]any{"payment_status": "overdue", "overdue_since": d, "updated_at": s.now().UTC()}).Error
			return fmt.Sprintf("account %d overdue since %s", acc.ID, d), err
		})
	case "customer.source.expiring", "payment_method.card_automatically_updated":
		var card struct {
			Customer any   `json:"customer"`
			ExpMonth int64 `json:"exp_month"`
			ExpYear  int64 `json:"exp_year"`
			Card     *struct {
				ExpMonth int64 `json:"exp_month"`
				ExpYear  int64 `json:"exp_year"`
			} `json:"card"`
		}
		if err := json.Unmarshal(ev.Data.Raw, &card); err != nil {
			return Result{}, err
		}
		if card.Card != nil {
			card.ExpMonth, card.ExpYear = card.Card.ExpMonth, card.Card.ExpYear
		}
		return s.once(ctx, "stripe", ev.ID, typ, func(tx *gorm.DB) (string, error) {
			acc, err := findAccount(tx, "stripe", anyCustomerID(card.Customer))
			if err != nil {
				return "", err
			}
			m, y := int(card.ExpMonth), int(card.ExpYear)
			err = tx.Model(&store.Account{}).Where("id = ?", acc.ID).Updates(map[string]any{"card_expiry_month": m, "card_expiry_year": y, "updated_at": s.now().UTC()}).Error
			return fmt.Sprintf("account %d card expires %02d/%d", acc.ID, m, y), err
		})
	default:
		return s.once(ctx, "stripe", ev.ID, typ, func(*gorm.DB) (string, error) { return "ignored: not an event ChurnDesk uses", nil })
	}
}

func customerID(c *stripe.Customer) string {
	if c == nil {
		return ""
	}
	return c.ID
}

// anyCustomerID reads a customer field that is either an id or an object.
func anyCustomerID(v any) string {
	switch c := v.(type) {
	case string:
		return c
	case map[string]any:
		id, _ := c["id"].(string)
		return id
	}
	return ""
}
