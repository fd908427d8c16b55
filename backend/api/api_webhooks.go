package api

import (
	"context"
	"errors"
	"net/http"

	"churndesk/backend/fault"
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
	StripeEnd  string `json:"stripe_end" description:"The Stripe secret's last four characters."`
}

// SecretsPatch replaces one webhook secret and keeps the other.
type SecretsPatch struct {
	Stripe          *string `json:"stripe,omitempty" pattern:"^(whsec_.*)?$" description:"A new Stripe signing secret (whsec_…); empty removes it."`
	Generic         *string `json:"generic,omitempty" minLength:"16" maxLength:"200" description:"A new generic secret of 16 to 200 characters."`
	GenerateGeneric bool    `json:"generate_generic,omitempty" description:"Generate a new generic secret; it is returned once."`
}

func (h *handlers) webhook(verify func(ctx context.Context, body []byte, r *http.Request) (webhooks.Result, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := readBody(w, r)
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
	if len(s.Stripe) >= 10 {
		v.StripeEnd = s.Stripe[len(s.Stripe)-4:]
	}
	return v, nil
}

// patchWebhookSecrets changes the secrets named in p. Only a generated
// generic secret is returned in full; otherwise the reply holds none.
func (h *handlers) patchWebhookSecrets(ctx context.Context, p SecretsPatch) (webhooks.Secrets, error) {
	cur, err := h.Webhooks.Secrets(ctx)
	if err != nil {
		return webhooks.Secrets{}, err
	}
	if p.Stripe != nil {
		cur.Stripe = *p.Stripe
	}
	if p.Generic != nil {
		// Checked even when a new one is generated instead: a request with a
		// secret too short is refused, whatever else it asks.
		if len(*p.Generic) < 16 {
			return webhooks.Secrets{}, fault.Field("generic", "must have at least 16 characters")
		}
		cur.Generic = *p.Generic
	}
	generated := p.GenerateGeneric || cur.Generic == ""
	if p.GenerateGeneric {
		cur.Generic = ""
	}
	saved, err := h.Webhooks.SaveSecrets(ctx, cur)
	if err != nil {
		return webhooks.Secrets{}, err
	}
	out := webhooks.Secrets{}
	if generated {
		out.Generic = saved.Generic
	}
	return out, nil
}
