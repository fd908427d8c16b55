package notify_test

import (
	"context"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/check"
	"churndesk/backend/churn"
	"churndesk/backend/notify"
	"churndesk/backend/notify/httpsend"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// An event committed before the app stops is sent by the next start; an
// event whose change was rolled back is never sent.
func TestOutboxSurvivesARestartAndFollowsItsTransaction(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: t0}
			first, err := boot.OpenWith(ctx, e.DSN, c.now, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			rcv := newReceiver(t, func(int, http.ResponseWriter) {})
			svc := notify.NewService(first.Store, check.New(), httpsend.New(time.Second), c.now)
			_, secret := addEndpoint(t, svc, rcv.URL, notify.FormatJSON, notify.EventChurnLogged)
			rcv.secret = secret
			acc := addAccount(t, first, "Acme", "", 1000, "EUR")
			if _, err := first.Churn.Create(ctx, "x", acc, churn.Input{ChurnDate: "2026-11-02", Reason: "other"}); err != nil {
				t.Fatal(err)
			}
			// A second churn of the same account fails: its transaction, outbox row included, is rolled back.
			if _, err := first.Churn.Create(ctx, "x", acc, churn.Input{ChurnDate: "2026-11-03", Reason: "other"}); err == nil {
				t.Fatal("a churned account was churned again")
			}
			first.Close() // the app stops before anything was sent

			second, err := boot.OpenWith(ctx, e.DSN, c.now, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { second.Close() })
			svc = notify.NewService(second.Store, check.New(), httpsend.New(time.Second), c.now)
			if n, err := svc.SendDue(ctx); err != nil || n != 1 {
				t.Fatalf("after restart sent %d, %v", n, err)
			}
			bodies, valid, _ := rcv.got()
			var rows []store.NotifyDelivery
			second.Store.Read(ctx).Find(&rows)
			if len(bodies) != 1 || !valid[0] || len(rows) != 1 || rows[0].Status != notify.StatusDelivered {
				t.Fatalf("bodies %q valid %v outbox %+v", bodies, valid, rows)
			}
		})
	}
}
