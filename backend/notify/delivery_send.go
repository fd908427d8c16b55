package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// Headers sent with every delivery.
const (
	SignatureHeader = "X-ChurnDesk-Signature"
	EventHeader     = "X-ChurnDesk-Event"
	EventIDHeader   = "X-ChurnDesk-Event-Id"
)

// sendBatch is how many due deliveries one round picks up.
const sendBatch = 50

// lease keeps a delivery being sent from being picked up by another sender.
const lease = 5 * time.Minute

// Sign is the signature header value for body at time t: the same scheme as
// the incoming generic webhook, "t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<body>">" keyed with the endpoint's secret.
func Sign(body []byte, secret string, t time.Time) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", t.Unix())
	mac.Write(body)
	return "t=" + strconv.FormatInt(t.Unix(), 10) + ",v1=" + hex.EncodeToString(mac.Sum(nil))
}

// Delay is how long after its attempts-th failed attempt a delivery waits.
func (b Backoff) Delay(attempts int) time.Duration {
	d := b.First
	for i := 1; i < attempts && d < b.Cap; i++ {
		d *= 2
	}
	return min(d, b.Cap)
}

// SendDue sends every delivery that is due, oldest first, and reports how
// many were tried.
func (s *Service) SendDue(ctx context.Context) (int, error) {
	tried := 0
	for {
		now := micro(s.now())
		var due []store.NotifyDelivery
		err := s.db.Read(ctx).Model(&store.NotifyDelivery{}).Select("notify_deliveries.*").
			Joins("JOIN notify_endpoints e ON e.id = notify_deliveries.endpoint_id AND e.enabled = ?", true).
			Where("notify_deliveries.status = ? AND (notify_deliveries.next_attempt_at IS NULL OR notify_deliveries.next_attempt_at <= ?)", StatusPending, now).
			Order("notify_deliveries.id").Limit(sendBatch).Find(&due).Error
		if err != nil {
			return tried, fmt.Errorf("find due notifications: %w", err)
		}
		for _, d := range due {
			if ctx.Err() != nil {
				return tried, ctx.Err()
			}
			ok, err := s.claim(ctx, d.ID, now)
			if err != nil {
				return tried, err
			}
			if !ok {
				continue
			}
			if _, err := s.attempt(ctx, d.ID); err != nil {
				return tried, err
			}
			tried++
		}
		if len(due) < sendBatch {
			return tried, nil
		}
	}
}

// claim takes delivery id for this sender for a while; false when another
// sender has it.
func (s *Service) claim(ctx context.Context, id int64, now time.Time) (bool, error) {
	res := s.db.Write(ctx).Model(&store.NotifyDelivery{}).
		Where("id = ? AND status = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)", id, StatusPending, now).
		Update("next_attempt_at", now.Add(lease))
	if res.Error != nil {
		return false, fmt.Errorf("claim notification %d: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// attempt sends delivery id once and logs the attempt; failures are
// scheduled again after the backoff or, after the last attempt, given up.
func (s *Service) attempt(ctx context.Context, id int64) (store.NotifyDelivery, error) {
	db := s.db.Read(ctx)
	var d store.NotifyDelivery
	if err := db.Take(&d, id).Error; err != nil {
		return d, fmt.Errorf("load notification %d: %w", id, err)
	}
	ep, err := loadEndpoint(db, d.EndpointID)
	if err != nil {
		return d, err
	}
	set, err := loadSettings(db)
	if err != nil {
		return d, err
	}
	body, err := render(d, ep, newLang(set.Language))
	if err != nil {
		return d, err
	}
	at := micro(s.now())
	headers := map[string]string{
		"Content-Type":  "application/json",
		"User-Agent":    "ChurnDesk-Notifications",
		SignatureHeader: Sign(body, ep.Secret, at),
		EventHeader:     d.EventType,
		EventIDHeader:   d.EventKey,
	}
	code, excerpt, sendErr := s.send.Post(ctx, ep.URL, body, headers)
	took := micro(s.now()).Sub(at).Milliseconds()
	a := store.NotifyAttempt{DeliveryID: d.ID, AttemptedAt: at, ResponseCode: code, ResponseBody: cut(excerpt, 500), DurationMS: took}
	switch {
	case sendErr != nil:
		a.Error = cut(sendErr.Error(), 500)
	case code < 200 || code > 299:
		a.Error = fmt.Sprintf("HTTP %d", code)
	}
	d.Attempts++
	d.LastAttemptAt, d.ResponseCode, d.ResponseBody, d.LastError = &at, code, a.ResponseBody, a.Error
	switch {
	case a.Error == "":
		d.Status, d.DeliveredAt, d.NextAttemptAt = StatusDelivered, &at, nil
	case d.Attempts >= s.Backoff.MaxAttempts:
		d.Status, d.NextAttemptAt = StatusFailed, nil
	default:
		next := at.Add(s.Backoff.Delay(d.Attempts))
		d.NextAttemptAt = &next
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
		return tx.Model(&store.NotifyDelivery{}).Where("id = ?", d.ID).Updates(map[string]any{
			"status": d.Status, "attempts": d.Attempts, "next_attempt_at": d.NextAttemptAt, "last_attempt_at": d.LastAttemptAt,
			"response_code": d.ResponseCode, "response_body": d.ResponseBody, "last_error": d.LastError, "delivered_at": d.DeliveredAt,
		}).Error
	})
	if err != nil {
		return d, fmt.Errorf("log notification %d: %w", d.ID, err)
	}
	return d, nil
}

// SendTest sends a test message to endpoint id now and returns its delivery;
// a failed test is retried like any delivery.
func (s *Service) SendTest(ctx context.Context, id int64) (Delivery, error) {
	var d store.NotifyDelivery
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		ep, err := loadEndpoint(tx, id)
		if err != nil {
			return err
		}
		now := micro(s.now())
		raw, _ := json.Marshal(map[string]any{"endpoint_id": ep.ID, "endpoint_name": ep.Name})
		d = store.NotifyDelivery{EndpointID: ep.ID, EventKey: fmt.Sprintf("test:%d:%d", ep.ID, time.Now().UnixNano()), EventType: EventTest,
			Payload: string(raw), Status: StatusPending, NextAttemptAt: ptr(now.Add(lease)), CreatedAt: now}
		return tx.Create(&d).Error
	})
	if err != nil {
		return Delivery{}, wrap("send test", err)
	}
	if _, err := s.attempt(ctx, d.ID); err != nil {
		return Delivery{}, err
	}
	return s.Delivery(ctx, d.ID)
}

// Run sends due deliveries and the daily digest every poll until ctx ends;
// the serve command and the desktop window run it in the background.
func (s *Service) Run(ctx context.Context, poll time.Duration, log *slog.Logger) {
	for {
		if err := s.DigestIfDue(ctx); err != nil && ctx.Err() == nil {
			log.Error("notification digest", "err", err)
		}
		if _, err := s.SendDue(ctx); err != nil && ctx.Err() == nil {
			log.Error("send notifications", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(poll):
		}
	}
}

func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func ptr[T any](v T) *T { return &v }

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
