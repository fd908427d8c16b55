package health

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

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
	scores := newScoreBatch(tx)
	defer scores.Close()
	var lastID int64
	for {
		accounts, err := loadLiveAccounts(tx, lastID)
		if err != nil {
			return res, err
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
		if err := storeScores(scores, rows); err != nil {
			return res, err
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

// loadLiveAccounts reads the next batch of live accounts after lastID with
// the fields a score needs: plain row scans, as at 100,000 accounts full
// models would cost more than the scoring itself.
func loadLiveAccounts(tx *gorm.DB, lastID int64) ([]store.Account, error) {
	rows, err := tx.Raw(`SELECT id, seats, payment_status, overdue_since, csm_sentiment, health_class FROM accounts
		WHERE id > ? AND status <> ? ORDER BY id LIMIT ?`, lastID, "churned", recomputeBatch).Rows()
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	defer rows.Close()
	accounts := make([]store.Account, 0, recomputeBatch)
	for rows.Next() {
		var a store.Account
		var overdue sql.Null[store.Date]
		var sentiment sql.NullInt64
		if err := rows.Scan(&a.ID, &a.Seats, &a.PaymentStatus, &overdue, &sentiment, &a.HealthClass); err != nil {
			return nil, fmt.Errorf("read account: %w", err)
		}
		if overdue.Valid {
			a.OverdueSince = &overdue.V
		}
		if sentiment.Valid {
			v := int(sentiment.Int64)
			a.CSMSentiment = &v
		}
		accounts = append(accounts, a)
	}
	return accounts, rows.Err()
}

// newScoreBatch prepares the multi-row upserts of a week's scores.
func newScoreBatch(tx *gorm.DB) *store.Batch {
	return store.NewBatch(tx, "health_scores", []string{"account_id", "week_start", "score", "class", "engagement_class", "breakdown", "computed_at"},
		"ON CONFLICT (account_id, week_start) DO UPDATE SET score = excluded.score, class = excluded.class,"+
			" engagement_class = excluded.engagement_class, breakdown = excluded.breakdown, computed_at = excluded.computed_at")
}

// storeScores upserts a batch of the week's scores.
func storeScores(b *store.Batch, rows []store.HealthScore) error {
	err := b.Append(len(rows), func(args []any, i int) []any {
		r := rows[i]
		return append(args, r.AccountID, r.WeekStart, r.Score, r.Class, r.EngagementClass, r.Breakdown, r.ComputedAt)
	})
	if err != nil {
		return fmt.Errorf("store health scores: %w", err)
	}
	return nil
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
