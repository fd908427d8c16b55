package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// settingsKey stores the notification settings.
const settingsKey = "notify_settings"

// Database is what the notification service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Write(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Transport POSTs a body with headers and reports the answer's status and
// the start of its body.
type Transport interface {
	Post(ctx context.Context, url string, body []byte, headers map[string]string) (status int, excerpt string, err error)
}

// Backoff says when failed deliveries are tried again: after First, then
// twice as long each time up to Cap, giving up after MaxAttempts.
type Backoff struct {
	First       time.Duration
	Cap         time.Duration
	MaxAttempts int
}

// DefaultBackoff retries after 30 s, 1, 2, 4 … minutes, at most an hour
// apart, and gives up after 10 attempts (about 5 hours).
var DefaultBackoff = Backoff{First: 30 * time.Second, Cap: time.Hour, MaxAttempts: 10}

// Service keeps the endpoints and the settings, and sends what the outbox holds.
type Service struct {
	db      Database
	check   Validator
	send    Transport
	now     func() time.Time
	Backoff Backoff
}

// NewService returns a Service on db; now is the team's clock and send
// carries the messages.
func NewService(db Database, check Validator, send Transport, now func() time.Time) *Service {
	return &Service{db: db, check: check, send: send, now: now, Backoff: DefaultBackoff}
}

// Settings returns the notification language and the digest schedule.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(s.db.Read(ctx))
}

func loadSettings(db *gorm.DB) (Settings, error) {
	set := Settings{DigestHour: 8}
	if _, err := store.LoadSetting(db, settingsKey, &set); err != nil {
		return Settings{}, err
	}
	return set, nil
}

// SaveSettings validates and stores the notification settings.
func (s *Service) SaveSettings(ctx context.Context, set Settings) (Settings, error) {
	if err := s.check.Struct(set); err != nil {
		return Settings{}, err
	}
	if err := store.SaveSetting(s.db.Write(ctx), settingsKey, set, s.now().UTC()); err != nil {
		return Settings{}, err
	}
	return set, nil
}

// Endpoints lists every endpoint, oldest first.
func (s *Service) Endpoints(ctx context.Context) (EndpointList, error) {
	var rows []store.NotifyEndpoint
	if err := s.db.Read(ctx).Order("id").Find(&rows).Error; err != nil {
		return EndpointList{}, fmt.Errorf("list endpoints: %w", err)
	}
	out := EndpointList{Items: make([]Endpoint, 0, len(rows))}
	for _, r := range rows {
		out.Items = append(out.Items, endpointView(r))
	}
	return out, nil
}

// CreateEndpoint adds an endpoint; without a secret one is generated and
// returned this once.
func (s *Service) CreateEndpoint(ctx context.Context, in EndpointInput) (EndpointSaved, error) {
	if err := s.validate(&in); err != nil {
		return EndpointSaved{}, err
	}
	generated := ""
	if in.Secret == "" {
		generated = newSecret()
		in.Secret = generated
	}
	now := s.now().UTC()
	row := store.NotifyEndpoint{Name: in.Name, URL: in.URL, Secret: in.Secret, Format: in.Format, Events: strings.Join(in.Events, ","),
		Enabled: in.Enabled, CreatedAt: now, UpdatedAt: now}
	if err := s.db.Write(ctx).Create(&row).Error; err != nil {
		return EndpointSaved{}, fmt.Errorf("create endpoint: %w", err)
	}
	return EndpointSaved{Endpoint: endpointView(row), Secret: generated}, nil
}

// UpdateEndpoint changes endpoint id; its secret is kept unless a new one
// is given or rotate_secret asks for a generated one (returned this once).
func (s *Service) UpdateEndpoint(ctx context.Context, id int64, in EndpointInput) (EndpointSaved, error) {
	if err := s.validate(&in); err != nil {
		return EndpointSaved{}, err
	}
	var out EndpointSaved
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		row, err := loadEndpoint(tx, id)
		if err != nil {
			return err
		}
		if in.RotateSecret {
			out.Secret = newSecret()
			in.Secret = out.Secret
		}
		if in.Secret != "" {
			row.Secret = in.Secret
		}
		row.Name, row.URL, row.Format, row.Events, row.Enabled = in.Name, in.URL, in.Format, strings.Join(in.Events, ","), in.Enabled
		row.UpdatedAt = s.now().UTC()
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		out.Endpoint = endpointView(row)
		return nil
	})
	if err != nil {
		return EndpointSaved{}, wrap("change endpoint", err)
	}
	return out, nil
}

// DeleteEndpoint removes endpoint id with its deliveries and their log.
func (s *Service) DeleteEndpoint(ctx context.Context, id int64) error {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := loadEndpoint(tx, id); err != nil {
			return err
		}
		if err := tx.Where("delivery_id IN (?)", tx.Model(&store.NotifyDelivery{}).Select("id").Where("endpoint_id = ?", id)).
			Delete(&store.NotifyAttempt{}).Error; err != nil {
			return err
		}
		if err := tx.Where("endpoint_id = ?", id).Delete(&store.NotifyDelivery{}).Error; err != nil {
			return err
		}
		return tx.Delete(&store.NotifyEndpoint{}, id).Error
	})
	return wrap("delete endpoint", err)
}

func (s *Service) validate(in *EndpointInput) error {
	in.Name, in.URL = strings.TrimSpace(in.Name), strings.TrimSpace(in.URL)
	if err := s.check.Struct(*in); err != nil {
		return err
	}
	if !strings.HasPrefix(in.URL, "http://") && !strings.HasPrefix(in.URL, "https://") {
		return fault.Field("url", "must start with http:// or https://")
	}
	var events []string
	for _, e := range EventTypes {
		if slices.Contains(in.Events, e) {
			events = append(events, e)
		}
	}
	in.Events = events
	return nil
}

func loadEndpoint(tx *gorm.DB, id int64) (store.NotifyEndpoint, error) {
	var row store.NotifyEndpoint
	err := tx.Take(&row, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return row, fault.NotFound("endpoint", id)
	}
	return row, err
}

func newSecret() string {
	raw := make([]byte, 24)
	_, _ = rand.Read(raw)
	return hex.EncodeToString(raw)
}

func splitEvents(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := fault.As(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}
