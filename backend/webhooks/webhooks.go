// Package webhooks takes events pushed by billing systems and automation
// tools: Stripe's signed events, and ChurnDesk's own HMAC-signed JSON events
// for CRM workflows, Zapier, n8n and scripts. Every event is processed once.
package webhooks

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Setting key and environment variables for the signing secrets.
const (
	secretsKey       = "webhook_secrets"
	StripeSecretEnv  = "CHURNDESK_STRIPE_WEBHOOK_SECRET"
	GenericSecretEnv = "CHURNDESK_WEBHOOK_SECRET"
)

// Secrets are the signing secrets webhooks are checked against.
type Secrets struct {
	Stripe  string `json:"stripe" validate:"omitempty,startswith=whsec_,max=200" description:"Stripe's endpoint signing secret (whsec_…)."`
	Generic string `json:"generic" validate:"omitempty,min=16,max=200" description:"The HMAC-SHA256 key for /api/v1/webhooks/generic."`
}

// ErrSignature is returned when a webhook's signature does not verify.
var ErrSignature = errors.New("the webhook signature is missing, wrong or too old")

// Result says what an event did.
type Result struct {
	EventID   string `json:"event_id"`
	Type      string `json:"type"`
	Duplicate bool   `json:"duplicate" description:"The event was processed before; nothing was done now."`
	Outcome   string `json:"outcome"`
}

// Database is what the webhook service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// ChurnLogger drafts a churn record (and, through it, the offboarding
// checklist) inside the webhook's transaction.
type ChurnLogger interface {
	DraftFromBilling(tx *gorm.DB, accountID int64, day time.Time, involuntary bool, detail string) (int64, error)
}

// Service handles webhooks.
type Service struct {
	db    Database
	churn ChurnLogger
	now   func() time.Time
}

// NewService returns a Service on db.
func NewService(db Database, churn ChurnLogger, now func() time.Time) *Service {
	return &Service{db: db, churn: churn, now: now}
}

// Secrets returns the configured secrets; the environment overrides the stored ones.
func (s *Service) Secrets(ctx context.Context) (Secrets, error) {
	var sec Secrets
	if _, err := store.LoadSetting(s.db.Read(ctx), secretsKey, &sec); err != nil {
		return sec, err
	}
	if v := os.Getenv(StripeSecretEnv); v != "" {
		sec.Stripe = v
	}
	if v := os.Getenv(GenericSecretEnv); v != "" {
		sec.Generic = v
	}
	return sec, nil
}

// SaveSecrets stores the signing secrets; an empty generic secret is generated.
func (s *Service) SaveSecrets(ctx context.Context, sec Secrets) (Secrets, error) {
	if sec.Generic == "" {
		raw := make([]byte, 24)
		if _, err := rand.Read(raw); err != nil {
			return Secrets{}, err
		}
		sec.Generic = hex.EncodeToString(raw)
	}
	if sec.Stripe != "" && !strings.HasPrefix(sec.Stripe, "whsec_") {
		return Secrets{}, fault.Field("stripe", "must be Stripe's signing secret, starting with whsec_")
	}
	if len(sec.Generic) < 16 {
		return Secrets{}, fault.Field("generic", "must have at least 16 characters")
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error { return store.SaveSetting(tx, secretsKey, sec, s.now().UTC()) })
	return sec, err
}

// once runs fn for an event that was not processed before, in one
// transaction with the record that marks it processed.
func (s *Service) once(ctx context.Context, source, id, typ string, fn func(tx *gorm.DB) (string, error)) (Result, error) {
	res := Result{EventID: id, Type: typ}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		ev := store.WebhookEvent{ID: source + ":" + id, Source: source, Type: typ, ReceivedAt: s.now().UTC()}
		ins := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&ev)
		if ins.Error != nil {
			return ins.Error
		}
		if ins.RowsAffected == 0 {
			res.Duplicate, res.Outcome = true, "already processed"
			return nil
		}
		outcome, err := fn(tx)
		if err != nil {
			return err
		}
		res.Outcome = outcome
		return tx.Model(&store.WebhookEvent{}).Where("id = ?", ev.ID).Update("result", outcome).Error
	})
	return res, err
}

// findAccount finds the account a billing or CRM id belongs to.
func findAccount(tx *gorm.DB, source, externalID string) (store.Account, error) {
	var acc store.Account
	err := tx.Where(store.CRMRef, source, externalID).Limit(1).Find(&acc).Error
	if err != nil {
		return acc, err
	}
	if acc.ID == 0 {
		return acc, fault.Field("external_id", fmt.Sprintf("no account has %s id %q", source, externalID))
	}
	return acc, nil
}

// VerifyGeneric checks a "t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body>"
// signature made with secret, within five minutes of now.
func VerifyGeneric(body []byte, header, secret string, now time.Time) error {
	if secret == "" {
		return ErrSignature
	}
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return ErrSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return ErrSignature
	}
	want, _ := hex.DecodeString(sig)
	if !hmac.Equal(want, Sign(body, secret, sec)) {
		return ErrSignature
	}
	return nil
}

// Sign computes the generic webhook signature of body at unix time ts.
func Sign(body []byte, secret string, ts int64) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", ts)
	mac.Write(body)
	return mac.Sum(nil)
}

// SignatureHeader builds the X-ChurnDesk-Signature header for body.
func SignatureHeader(body []byte, secret string, t time.Time) string {
	return fmt.Sprintf("t=%d,v1=%s", t.Unix(), hex.EncodeToString(Sign(body, secret, t.Unix())))
}
