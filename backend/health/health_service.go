package health

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/engagement"
	"churndesk/backend/store"
)

// Setting keys under which the model and the trend settings are stored.
const (
	modelKey      = "health_model"
	engagementKey = "engagement_settings"
)

// Database is what the health service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Service scores accounts and keeps their weekly health history.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time
}

// NewService returns a Service on db; now is the clock for "today".
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

// Settings are the health model together with the engagement-trend settings.
type Settings struct {
	Model      Model               `json:"model"`
	Engagement engagement.Settings `json:"engagement"`
}

// Settings returns the stored settings, or the defaults.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(s.db.Read(ctx))
}

func loadSettings(db *gorm.DB) (Settings, error) {
	set := Settings{Model: DefaultModel(), Engagement: engagement.DefaultSettings()}
	if _, err := store.LoadSetting(db, modelKey, &set.Model); err != nil {
		return set, err
	}
	if _, err := store.LoadSetting(db, engagementKey, &set.Engagement); err != nil {
		return set, err
	}
	return set, nil
}

// SaveSettings validates and stores new settings, then rescores every
// account for this week in the same transaction, so scores never disagree
// with the model that is shown.
func (s *Service) SaveSettings(ctx context.Context, set Settings) (RecomputeResult, error) {
	if err := set.Model.Check(s.check); err != nil {
		return RecomputeResult{}, err
	}
	if err := s.check.Struct(set.Engagement); err != nil {
		return RecomputeResult{}, err
	}
	var res RecomputeResult
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		now := s.now()
		if err := store.SaveSetting(tx, modelKey, set.Model, now.UTC()); err != nil {
			return err
		}
		if err := store.SaveSetting(tx, engagementKey, set.Engagement, now.UTC()); err != nil {
			return err
		}
		var err error
		res, err = s.recompute(tx, set, now)
		return err
	})
	return res, err
}

// RecomputeResult counts the accounts scored in each band.
type RecomputeResult struct {
	Week     string `json:"week" format:"date" description:"Monday of the week the scores were stored for."`
	Accounts int    `json:"accounts"`
	Good     int    `json:"good"`
	Average  int    `json:"average"`
	Poor     int    `json:"poor"`
	NoData   int    `json:"no_data" description:"Accounts with too little data for a class."`
	Changed  int    `json:"changed" description:"Accounts that had a class before and now have another one."`
}

// Recompute scores every live account as of asOf, in one transaction, and
// stores the scores as that week's history and as each account's current health.
func (s *Service) Recompute(ctx context.Context, asOf time.Time) (RecomputeResult, error) {
	var res RecomputeResult
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		set, err := loadSettings(tx)
		if err != nil {
			return err
		}
		res, err = s.recompute(tx, set, asOf)
		return err
	})
	if err != nil {
		return RecomputeResult{}, fmt.Errorf("recompute health: %w", err)
	}
	return res, nil
}

func (r *RecomputeResult) count(c Class) {
	r.Accounts++
	switch c {
	case Good:
		r.Good++
	case Average:
		r.Average++
	case NoData:
		r.NoData++
	default:
		r.Poor++
	}
}
