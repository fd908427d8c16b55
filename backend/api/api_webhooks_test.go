package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v84/webhook"

	"churndesk/backend/boot"
	"churndesk/backend/store"
	"churndesk/backend/webhooks"
)

const stripeSecret = "whsec_test_secret_for_churndesk"

func post(t *testing.T, srv *httptest.Server, path string, body []byte, header, value string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(string(body)))
	req.Header.Set(header, value)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(raw)
}

// stripeEvent shapes an event as Stripe sends it.
func stripeEvent(id, typ string, object map[string]any) []byte {
	raw, _ := json.Marshal(map[string]any{"id": id, "object": "event", "api_version": "2024-06-20", "created": 1763900000,
		"type": typ, "livemode": false, "pending_webhooks": 1, "data": map[string]any{"object": object}})
	return raw
}

func signed(payload []byte) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: stripeSecret, Timestamp: time.Now()}).Header
}

func TestStripeWebhooks(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		ctx := context.Background()
		if _, err := b.Webhooks.SaveSecrets(ctx, webhooks.Secrets{Stripe: stripeSecret}); err != nil {
			t.Fatal(err)
		}
		call(t, srv, "POST", "/api/v1/accounts", with(with(validAccount(), "crm_source", "stripe"), "external_id", "cus_ABC"))
		account := func() store.Account {
			var a store.Account
			b.Store.Read(ctx).Where("external_id = ?", "cus_ABC").First(&a)
			return a
		}
		count := func(model any) int64 {
			var n int64
			b.Store.Read(ctx).Model(model).Count(&n)
			return n
		}

		failed := stripeEvent("evt_1", "invoice.payment_failed", map[string]any{"id": "in_1", "object": "invoice", "customer": "cus_ABC", "due_date": 1763510400})
		if code, body := post(t, srv, "/api/v1/webhooks/stripe", failed, "Stripe-Signature", signed(failed)); code != 200 {
			t.Fatalf("payment failed: %d %s", code, body)
		}
		if a := account(); a.PaymentStatus != "overdue" || a.OverdueSince.String() != "2025-11-19" {
			t.Errorf("after payment failed: %s since %v", a.PaymentStatus, a.OverdueSince)
		}

		tampered := []byte(strings.Replace(string(failed), "cus_ABC", "cus_XYZ", 1))
		if code, _ := post(t, srv, "/api/v1/webhooks/stripe", tampered, "Stripe-Signature", signed(failed)); code != 401 {
			t.Errorf("tampered payload: %d, want 401", code)
		}
		if code, _ := post(t, srv, "/api/v1/webhooks/stripe", failed, "Stripe-Signature", "t=1,v1=deadbeef"); code != 401 {
			t.Errorf("bad signature: %d, want 401", code)
		}

		deleted := stripeEvent("evt_2", "customer.subscription.deleted", map[string]any{"id": "sub_1", "object": "subscription", "customer": "cus_ABC",
			"ended_at": 1763900000, "cancellation_details": map[string]any{"reason": "payment_failed"}})
		for range 2 {
			code, body := post(t, srv, "/api/v1/webhooks/stripe", deleted, "Stripe-Signature", signed(deleted))
			if code != 200 {
				t.Fatalf("subscription deleted: %d %s", code, body)
			}
		}
		var recs []store.ChurnRecord
		b.Store.Read(ctx).Find(&recs)
		if len(recs) != 1 || recs[0].Reason != "payment_failure" || recs[0].Voluntary || recs[0].ChurnDate.String() != "2025-11-23" {
			t.Errorf("churn records after a replayed deletion = %+v", recs)
		}
		if n := count(&store.Checklist{}); n != 1 {
			t.Errorf("checklists = %d, want 1", n)
		}
		if a := account(); a.Status != "churned" {
			t.Errorf("status = %s", a.Status)
		}
		expiring := stripeEvent("evt_3", "customer.source.expiring", map[string]any{"id": "card_1", "object": "card", "customer": "cus_ABC", "exp_month": 12, "exp_year": 2026})
		post(t, srv, "/api/v1/webhooks/stripe", expiring, "Stripe-Signature", signed(expiring))
		if a := account(); a.CardExpiryMonth == nil || *a.CardExpiryMonth != 12 || *a.CardExpiryYear != 2026 {
			t.Errorf("card expiry = %v/%v", a.CardExpiryMonth, a.CardExpiryYear)
		}
		if n := count(&store.WebhookEvent{}); n != 3 {
			t.Errorf("processed events = %d, want 3", n)
		}
	})
}

func TestGenericWebhook(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		ctx := context.Background()
		sec, err := b.Webhooks.SaveSecrets(ctx, webhooks.Secrets{})
		if err != nil || len(sec.Generic) < 16 {
			t.Fatalf("generated secret: %q %v", sec.Generic, err)
		}
		send := func(body string, secret string) (int, string) {
			return post(t, srv, "/api/v1/webhooks/generic", []byte(body), "X-ChurnDesk-Signature", webhooks.SignatureHeader([]byte(body), secret, fixedNow))
		}
		upsert := `{"id":"e1","type":"account.upserted","source":"hubspot","data":{"name":"Hub Co","segment":"smb","mrr":12000,"currency":"EUR","contract_start":"2025-06-01","status":"active","external_id":"H-77"}}`
		if code, body := send(upsert, sec.Generic); code != 200 || !strings.Contains(body, "created") {
			t.Fatalf("upsert: %d %s", code, body)
		}
		update := strings.Replace(strings.Replace(upsert, `"e1"`, `"e2"`, 1), `"mrr":12000`, `"mrr":15000`, 1)
		if code, body := send(update, sec.Generic); code != 200 || !strings.Contains(body, "updated") {
			t.Fatalf("update: %d %s", code, body)
		}
		var accs []store.Account
		b.Store.Read(ctx).Find(&accs)
		if len(accs) != 1 || accs[0].MRR != 15000 || accs[0].CRMSource != "hubspot" {
			t.Errorf("accounts after two upserts = %+v", accs)
		}
		if code, _ := send(strings.Replace(upsert, `"e1"`, `"e3"`, 1), "wrong-secret-0123456789"); code != 401 {
			t.Errorf("wrong secret: %d", code)
		}
		stale := fmt.Sprintf("t=%d,v1=%x", fixedNow.Add(-time.Hour).Unix(), webhooks.Sign([]byte(upsert), sec.Generic, fixedNow.Add(-time.Hour).Unix()))
		if code, _ := post(t, srv, "/api/v1/webhooks/generic", []byte(upsert), "X-ChurnDesk-Signature", stale); code != 401 {
			t.Errorf("stale signature: %d", code)
		}
		bad := `{"id":"e4","type":"payment.failed","source":"hubspot","data":{"external_id":"NOPE"}}`
		if code, body := send(bad, sec.Generic); code != 422 || !strings.Contains(body, "data.external_id") {
			t.Errorf("unknown account: %d %s", code, body)
		}
		var events int64
		b.Store.Read(ctx).Model(&store.WebhookEvent{}).Count(&events)
		if events != 2 {
			t.Errorf("events recorded = %d, want 2 (failed ones leave nothing)", events)
		}
		view := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/settings/webhooks", nil))
		if view["generic_set"] != true || view["stripe_set"] != false || view["generic_end"] != sec.Generic[len(sec.Generic)-4:] {
			t.Errorf("secrets view = %v", view)
		}
	})
}
