package api

import (
	"context"
	"errors"
	"io"
	"net/http"

	"churndesk/backend/webhooks"
)

// Webhooks is what the API needs from the webhook service.
type Webhooks interface {
	Stripe(ctx context.Context, payload []byte, header string) (webhooks.Result, error)
	Generic(ctx context.Context, up webhooks.AccountUpserter, check webhooks.Validator, payload []byte, header string) (webhooks.Result, error)
	Secrets(ctx context.Context) (webhooks.Secrets, error)
	SaveSecrets(ctx context.Context, s webhooks.Secrets) (webhooks.Secrets, error)
}

// SignatureHeader names the generic webhook's signature header.
const SignatureHeader = "X-ChurnDesk-Signature"

// stripeRequest documents the Stripe webhook's signature header.
type stripeRequest struct {
	Signature string `header:"Stripe-Signature" required:"true"`
}

// genericRequest documents the generic webhook's signature header.
type genericRequest struct {
	Signature string `header:"X-ChurnDesk-Signature" required:"true" description:"t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with the generic secret>"`
}

// SecretsView shows which webhook secrets are set without revealing them.
type SecretsView struct {
	StripeSet  bool   `json:"stripe_set"`
	GenericSet bool   `json:"generic_set"`
	GenericEnd string `json:"generic_end" description:"The generic secret's last four characters."`
}

func (h *handlers) webhook(verify func(ctx context.Context, body []byte, r *http.Request) (webhooks.Result, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		res, err := verify(r.Context(), body, r)
		if errors.Is(err, webhooks.ErrSignature) {
			deny(w, http.StatusUnauthorized, "unauthorized", "The webhook signature is missing, wrong or too old; nothing was written.")
			return
		}
		h.reply(w, r, http.StatusOK, res, err)
	}
}

func (h *handlers) stripeWebhook() http.HandlerFunc {
	return h.webhook(func(ctx context.Context, body []byte, r *http.Request) (webhooks.Result, error) {
		return h.Webhooks.Stripe(ctx, body, r.Header.Get("Stripe-Signature"))
	})
}

func (h *handlers) genericWebhook() http.HandlerFunc {
	return h.webhook(func(ctx context.Context, body []byte, r *http.Request) (webhooks.Result, error) {
		return h.Webhooks.Generic(ctx, h.Upserter, h.Check, body, r.Header.Get(SignatureHeader))
	})
}

func (h *handlers) webhookSecrets(ctx context.Context) (SecretsView, error) {
	s, err := h.Webhooks.Secrets(ctx)
	if err != nil {
		return SecretsView{}, err
	}
	v := SecretsView{StripeSet: s.Stripe != "", GenericSet: s.Generic != ""}
	if len(s.Generic) >= 4 {
		v.GenericEnd = s.Generic[len(s.Generic)-4:]
	}
	return v, nil
}
