package notify_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/boot"
	"churndesk/backend/check"
	"churndesk/backend/churn"
	"churndesk/backend/notify"
	"churndesk/backend/notify/httpsend"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/webhooks"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// open builds the backend on each engine and a notification service on its
// store whose sender gives up on a receiver after 300 ms.
func open(t *testing.T, fn func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock)) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			c := &clock{t: t0}
			b, err := boot.OpenWith(context.Background(), e.DSN, c.now, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { b.Close() })
			svc := notify.NewService(b.Store, check.New(), httpsend.New(300*time.Millisecond), c.now)
			svc.Backoff = notify.Backoff{First: 30 * time.Second, Cap: time.Hour, MaxAttempts: 5}
			fn(t, b, svc, c)
		})
	}
}

// receiver is a real HTTP listener that checks signatures. answer decides
// what the n-th request (from 1) gets.
type receiver struct {
	*httptest.Server
	secret string
	mu     sync.Mutex
	bodies []string
	valid  []bool
	stamps []int64
}

func newReceiver(t *testing.T, answer func(n int, w http.ResponseWriter)) *receiver {
	r := &receiver{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		sig := req.Header.Get(notify.SignatureHeader)
		ts, _, _ := strings.Cut(strings.TrimPrefix(sig, "t="), ",")
		sec, _ := strconv.ParseInt(ts, 10, 64)
		r.mu.Lock()
		// The incoming generic webhook's own check verifies it: one scheme both ways.
		ok := webhooks.VerifyGeneric(body, sig, r.secret, time.Unix(sec, 0)) == nil && req.Header.Get(notify.EventHeader) != ""
		r.bodies, r.valid, r.stamps = append(r.bodies, string(body)), append(r.valid, ok), append(r.stamps, sec)
		n := len(r.bodies)
		r.mu.Unlock()
		answer(n, w)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) got() ([]string, []bool, []int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string{}, r.bodies...), append([]bool{}, r.valid...), append([]int64{}, r.stamps...)
}

func addAccount(t *testing.T, b *boot.Backend, name, owner string, mrr int64, currency string) int64 {
	t.Helper()
	a, err := b.Accounts.Create(context.Background(), accounts.AccountInput{Name: name, Segment: "smb", MRR: mrr, Currency: currency,
		ContractStart: "2024-03-01", Status: "active", Owner: owner})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func addEndpoint(t *testing.T, svc *notify.Service, url, format string, events ...string) (int64, string) {
	t.Helper()
	ep, err := svc.CreateEndpoint(context.Background(), notify.EndpointInput{Name: "Receiver", URL: url, Format: format, Events: events, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ep.Secret) != 48 || ep.SecretEnd != ep.Secret[44:] {
		t.Fatalf("generated secret %q, shown end %q", ep.Secret, ep.SecretEnd)
	}
	return ep.ID, ep.Secret
}

func sendDue(t *testing.T, svc *notify.Service, at time.Time, c *clock) int {
	t.Helper()
	c.set(at)
	n, err := svc.SendDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFailingReceiverIsRetriedWithBackoffAndDeliveredOnce(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		ctx := context.Background()
		rcv := newReceiver(t, func(n int, w http.ResponseWriter) {
			switch n {
			case 1:
				w.WriteHeader(http.StatusInternalServerError)
				io.WriteString(w, "receiver down")
			case 2:
				time.Sleep(700 * time.Millisecond) // longer than the sender waits
			default:
				io.WriteString(w, "ok")
			}
		})
		epID, secret := addEndpoint(t, svc, rcv.URL+"/hook", notify.FormatJSON, notify.EventChurnLogged)
		rcv.secret = secret
		acc := addAccount(t, b, "Acme", "Anna", 123450, "EUR")
		if _, err := b.Churn.Create(ctx, "Anna", acc, churn.Input{ChurnDate: "2026-11-02", Reason: "price_budget"}); err != nil {
			t.Fatal(err)
		}
		// The churn's transaction wrote the outbox row: nothing sent yet.
		log, err := svc.Deliveries(ctx, notify.DeliveryQuery{EndpointID: epID})
		if err != nil || log.Total != 1 || log.Items[0].Status != notify.StatusPending || log.Items[0].Attempts != 0 {
			t.Fatalf("outbox before sending: %+v, %v", log, err)
		}

		if n := sendDue(t, svc, t0, c); n != 1 {
			t.Fatalf("first round tried %d", n)
		}
		if n := sendDue(t, svc, t0.Add(29*time.Second), c); n != 0 {
			t.Fatalf("retried %d before the 30 s backoff", n)
		}
		if n := sendDue(t, svc, t0.Add(30*time.Second), c); n != 1 {
			t.Fatalf("second attempt tried %d", n)
		}
		if n := sendDue(t, svc, t0.Add(30*time.Second+59*time.Second), c); n != 0 {
			t.Fatalf("retried %d before the doubled 60 s backoff", n)
		}
		if n := sendDue(t, svc, t0.Add(90*time.Second), c); n != 1 {
			t.Fatalf("third attempt tried %d", n)
		}
		if n := sendDue(t, svc, t0.Add(3*time.Hour), c); n != 0 {
			t.Fatalf("a delivered event was sent again (%d)", n)
		}

		bodies, valid, stamps := rcv.got()
		if len(bodies) != 3 {
			t.Fatalf("receiver got %d requests, want 3", len(bodies))
		}
		for i, ok := range valid {
			if !ok {
				t.Errorf("request %d: signature does not verify", i+1)
			}
		}
		if want := []int64{t0.Unix(), t0.Add(30 * time.Second).Unix(), t0.Add(90 * time.Second).Unix()}; stamps[0] != want[0] || stamps[1] != want[1] || stamps[2] != want[2] {
			t.Errorf("signature times %v, want %v", stamps, want)
		}
		var ev notify.Event
		if err := json.Unmarshal([]byte(bodies[2]), &ev); err != nil {
			t.Fatal(err)
		}
		if ev.Type != "churn.logged" || !strings.HasPrefix(ev.ID, "churn.logged:") || ev.Data["account_name"] != "Acme" ||
			ev.Data["mrr_lost"] != float64(123450) || ev.Data["currency"] != "EUR" || ev.Data["churn_date"] != "2026-11-02" {
			t.Errorf("event %+v", ev)
		}
		if want := "Acme churned on November 2, 2026: Price or budget; MRR lost €1,234.50"; ev.Text != want {
			t.Errorf("text %q, want %q", ev.Text, want)
		}

		log, err = svc.Deliveries(ctx, notify.DeliveryQuery{})
		if err != nil || log.Total != 1 {
			t.Fatalf("log %+v, %v", log, err)
		}
		d := log.Items[0]
		if d.Status != notify.StatusDelivered || d.Attempts != 3 || d.ResponseCode != 200 || d.ResponseBody != "ok" || d.NextAttemptAt != nil ||
			d.DeliveredAt == nil || !d.DeliveredAt.Equal(t0.Add(90*time.Second)) || d.EndpointName != "Receiver" {
			t.Fatalf("delivery %+v", d)
		}
		if len(d.Log) != 3 {
			t.Fatalf("attempts logged %d, want 3", len(d.Log))
		}
		first, second, third := d.Log[0], d.Log[1], d.Log[2]
		if first.ResponseCode != 500 || first.ResponseBody != "receiver down" || first.Error != "HTTP 500" || !first.AttemptedAt.Equal(t0) {
			t.Errorf("first attempt %+v", first)
		}
		if second.ResponseCode != 0 || !strings.Contains(second.Error, "Timeout") || !second.AttemptedAt.Equal(t0.Add(30*time.Second)) {
			t.Errorf("second attempt %+v", second)
		}
		if third.ResponseCode != 200 || third.Error != "" || !third.AttemptedAt.Equal(t0.Add(90*time.Second)) {
			t.Errorf("third attempt %+v", third)
		}
	})
}

func TestDeliveryGivesUpAfterTheLastAttempt(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		ctx := context.Background()
		svc.Backoff = notify.Backoff{First: time.Minute, Cap: 2 * time.Minute, MaxAttempts: 3}
		rcv := newReceiver(t, func(int, http.ResponseWriter) {})
		rcv.Close() // nothing listens: connection refused
		addEndpoint(t, svc, rcv.URL, notify.FormatJSON, notify.EventChurnLogged)
		acc := addAccount(t, b, "Acme", "", 1000, "EUR")
		if _, err := b.Churn.Create(ctx, "x", acc, churn.Input{ChurnDate: "2026-11-02", Reason: "other"}); err != nil {
			t.Fatal(err)
		}
		// Waits 1 min, then 2 min (capped at 2, not 4), then it gives up.
		for i, at := range []time.Duration{0, time.Minute, 3 * time.Minute} {
			if n := sendDue(t, svc, t0.Add(at), c); n != 1 {
				t.Fatalf("attempt %d tried %d", i+1, n)
			}
		}
		if n := sendDue(t, svc, t0.Add(24*time.Hour), c); n != 0 {
			t.Fatalf("tried %d after giving up", n)
		}
		log, _ := svc.Deliveries(ctx, notify.DeliveryQuery{Status: notify.StatusFailed})
		if log.Total != 1 || log.Items[0].Attempts != 3 || log.Items[0].NextAttemptAt != nil || len(log.Items[0].Log) != 3 ||
			!strings.Contains(log.Items[0].LastError, "refused") {
			t.Fatalf("failed delivery %+v", log)
		}
	})
}

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	b := notify.Backoff{First: 30 * time.Second, Cap: 5 * time.Minute}
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute}
	for i, w := range want {
		if got := b.Delay(i + 1); got != w {
			t.Errorf("after attempt %d: %v, want %v", i+1, got, w)
		}
	}
}

func TestSlackFormatInRussian(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		ctx := context.Background()
		rcv := newReceiver(t, func(int, http.ResponseWriter) {})
		_, secret := addEndpoint(t, svc, rcv.URL, notify.FormatSlack, notify.EventChurnLogged, notify.EventReferralConverted)
		rcv.secret = secret
		if _, err := svc.SaveSettings(ctx, notify.Settings{Language: "ru", DigestHour: 8}); err != nil {
			t.Fatal(err)
		}
		acc := addAccount(t, b, "Сонnen Bau", "", 7612345, "EUR")
		if _, err := b.Churn.Create(ctx, "x", acc, churn.Input{ChurnDate: "2026-11-02", Reason: "price_budget"}); err != nil {
			t.Fatal(err)
		}
		sendDue(t, svc, t0, c)
		bodies, valid, _ := rcv.got()
		if len(bodies) != 1 || !valid[0] {
			t.Fatalf("bodies %q valid %v", bodies, valid)
		}
		var msg map[string]any
		if err := json.Unmarshal([]byte(bodies[0]), &msg); err != nil {
			t.Fatal(err)
		}
		want := "Сонnen Bau ушёл 2 ноября 2026 г.: Цена или бюджет; потерянный MRR 76\u00a0123,45\u00a0€"
		if len(msg) != 1 || msg["text"] != want {
			t.Fatalf("slack message %q, want only text %q", bodies[0], want)
		}
	})
}

func TestSendTestReachesTheEndpointAtOnce(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		rcv := newReceiver(t, func(int, http.ResponseWriter) {})
		id, secret := addEndpoint(t, svc, rcv.URL, notify.FormatSlack, notify.EventDigest)
		rcv.secret = secret
		d, err := svc.SendTest(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		bodies, valid, _ := rcv.got()
		if d.Status != notify.StatusDelivered || d.Attempts != 1 || len(d.Log) != 1 || len(bodies) != 1 || !valid[0] ||
			bodies[0] != `{"text":"Test notification from ChurnDesk: endpoint Receiver is set up correctly."}` {
			t.Fatalf("test delivery %+v, bodies %q", d, bodies)
		}
	})
}

func TestOutboxIsWrittenOnlyForSubscribedEnabledEndpoints(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		ctx := context.Background()
		on, _ := addEndpoint(t, svc, "http://127.0.0.1:9/a", notify.FormatJSON, notify.EventChurnLogged)
		addEndpoint(t, svc, "http://127.0.0.1:9/b", notify.FormatJSON, notify.EventTaskCreated)
		off, err := svc.CreateEndpoint(ctx, notify.EndpointInput{Name: "Off", URL: "http://127.0.0.1:9/c", Format: "churndesk", Events: []string{"churn.logged"}})
		if err != nil {
			t.Fatal(err)
		}
		acc := addAccount(t, b, "Acme", "", 1000, "EUR")
		if _, err := b.Churn.Create(ctx, "x", acc, churn.Input{ChurnDate: "2026-11-02", Reason: "other"}); err != nil {
			t.Fatal(err)
		}
		var rows []store.NotifyDelivery
		b.Store.Read(ctx).Find(&rows)
		if len(rows) != 1 || rows[0].EndpointID != on || rows[0].EventType != "churn.logged" {
			t.Fatalf("outbox %+v (disabled endpoint %d)", rows, off.ID)
		}
	})
}
