package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"churndesk/backend/api"
	"churndesk/backend/boot"
	"churndesk/backend/notify"
	"churndesk/backend/tokens"
)

func TestNotificationEndpointsNeverEchoSecrets(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		var hits atomic.Int32
		rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		defer rcv.Close()
		in := map[string]any{"name": "Slack #cs", "url": rcv.URL, "format": "slack", "events": []string{"churn.logged", "digest"}, "enabled": true}

		bad := call(t, srv, "POST", "/api/v1/settings/notifications/endpoints", with(with(map[string]any{}, "name", "x"), "url", "ftp://example.com"))
		if bad.status != 422 || !strings.Contains(string(bad.body), `"url"`) {
			t.Fatalf("bad endpoint: %d %s", bad.status, bad.body)
		}
		created := call(t, srv, "POST", "/api/v1/settings/notifications/endpoints", in)
		saved := decode[notify.EndpointSaved](t, created)
		if created.status != 201 || len(saved.Secret) != 48 || saved.SecretEnd != saved.Secret[44:] {
			t.Fatalf("create: %d %s", created.status, created.body)
		}
		list := call(t, srv, "GET", "/api/v1/settings/notifications/endpoints", nil)
		if list.status != 200 || strings.Contains(string(list.body), saved.Secret) || strings.Contains(string(list.body), `"secret"`) {
			t.Fatalf("list shows the secret: %s", list.body)
		}
		path := "/api/v1/settings/notifications/endpoints/" + itoa(int(saved.ID))
		kept := call(t, srv, "PUT", path, in)
		if kept.status != 200 || strings.Contains(string(kept.body), `"secret"`) {
			t.Fatalf("change without a new secret: %d %s", kept.status, kept.body)
		}
		rotated := decode[notify.EndpointSaved](t, call(t, srv, "PUT", path, with(in, "rotate_secret", true)))
		if len(rotated.Secret) != 48 || rotated.Secret == saved.Secret {
			t.Fatalf("rotated secret %q", rotated.Secret)
		}
		sent := call(t, srv, "POST", path+"/test", nil)
		d := decode[notify.Delivery](t, sent)
		if sent.status != 200 || d.Status != "delivered" || hits.Load() != 1 || strings.Contains(string(sent.body), rotated.Secret) {
			t.Fatalf("test send: %d %s (hits %d)", sent.status, sent.body, hits.Load())
		}
		log := decode[notify.DeliveryList](t, call(t, srv, "GET", "/api/v1/settings/notifications/deliveries?limit=10", nil))
		if log.Total != 1 || log.Items[0].EventType != "test" || len(log.Items[0].Log) != 1 {
			t.Fatalf("delivery log %+v", log)
		}

		// Only an admin token manages notifications.
		ctx := context.Background()
		write, _ := b.Tokens.Create(ctx, "Anna", tokens.Input{Name: "sync", Scope: "write"})
		admin, _ := b.Tokens.Create(ctx, "Anna", tokens.Input{Name: "lead", Scope: "admin"})
		for _, tc := range []struct {
			secret string
			want   int
		}{{write.Secret, 403}, {admin.Secret, 200}} {
			req := httptest.NewRequest("GET", "/api/v1/settings/notifications/deliveries", nil)
			req.Header.Set("Authorization", "Bearer "+tc.secret)
			rec := httptest.NewRecorder()
			api.Guard(b.Tokens, true, b.API()).ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Errorf("delivery log with a %d-token: %d (%s)", tc.want, rec.Code, rec.Body)
			}
		}
		if del := call(t, srv, "DELETE", path, nil); del.status != 204 {
			t.Fatalf("delete: %d %s", del.status, del.body)
		}
	})
}
