package health

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"churndesk/backend/engagement"
	"churndesk/backend/notify"
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

// recomputeBatch is how many accounts are scored per round of queries.
const recomputeBatch = 2000

func (s *Service) recompute(tx *gorm.DB, set Settings, asOf time.Time) (RecomputeResult, error) {
	week := engagement.WeekStart(asOf)
	res := RecomputeResult{Week: week.Format(time.DateOnly)}
	computedAt := s.now().UTC()
	win, err := loadWindow(tx, asOf)
	if err != nil {
		return res, err
	}
	var lastID int64
	for {
		var accounts []store.Account
		err := tx.Select("id, seats, contract_start, payment_status, overdue_since, csm_sentiment, health_class").
			Where("id > ? AND status <> ?", lastID, "churned").Order("id").Limit(recomputeBatch).Find(&accounts).Error
		if err != nil {
			return res, fmt.Errorf("load accounts: %w", err)
		}
		if len(accounts) == 0 {
			break
		}
		lastID = accounts[len(accounts)-1].ID
		inputs, err := loadInputs(tx, accounts, set.Engagement, win)
		if err != nil {
			return res, err
		}
		rows := make([]store.HealthScore, 0, len(accounts))
		for _, a := range accounts {
			in := inputs[a.ID]
			score := set.Model.Evaluate(in.measures)
			breakdown, _ := json.Marshal(score.Breakdown)
			rows = append(rows, store.HealthScore{AccountID: a.ID, WeekStart: store.NewDate(week), Score: score.Score,
				Class: string(score.Class), EngagementClass: string(in.trend.Class), Breakdown: string(breakdown), ComputedAt: computedAt})
			res.count(score.Class)
			if a.HealthClass != "" && a.HealthClass != string(score.Class) {
				res.Changed++
			}
		}
		err = tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "account_id"}, {Name: "week_start"}},
			DoUpdates: clause.AssignmentColumns([]string{"score", "class", "engagement_class", "breakdown", "computed_at"}),
		}).CreateInBatches(rows, 500).Error
		if err != nil {
			return res, fmt.Errorf("store health scores: %w", err)
		}
	}
	if err := notify.HealthFell(tx, store.NewDate(week)); err != nil {
		return res, err
	}
	err = tx.Exec(`UPDATE accounts SET health_score = h.score, health_class = h.class, engagement_class = h.engagement_class
		FROM health_scores h WHERE h.account_id = accounts.id AND h.week_start = ?`, store.NewDate(week)).Error
	if err != nil {
		return res, fmt.Errorf("update current health: %w", err)
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
