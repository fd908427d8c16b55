package risk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/engagement"
	"churndesk/backend/fault"
	"churndesk/backend/fx"
	"churndesk/backend/health"
	"churndesk/backend/retention"
	"churndesk/backend/store"
)

// Database is what the risk service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service trains, backtests, stores and applies the churn-risk model.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time

	mu        sync.Mutex
	summaries map[summaryKey]summary // portfolio mean probabilities of recent scorings
}

// NewService returns a Service; now is the team's clock (its calendar day
// is today, its location the team's time zone).
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

// settingsKey stores the team's risk settings.
const settingsKey = "risk_model"

// Settings returns the team's risk settings.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(s.db.Read(ctx))
}

func loadSettings(db *gorm.DB) (Settings, error) {
	set := DefaultSettings()
	if _, err := store.LoadSetting(db, settingsKey, &set); err != nil {
		return Settings{}, err
	}
	return set, nil
}

// SaveSettings stores the team's risk settings.
func (s *Service) SaveSettings(ctx context.Context, in Settings) (Settings, error) {
	if err := s.check.Struct(in); err != nil {
		return Settings{}, err
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error { return store.SaveSetting(tx, settingsKey, in, time.Now().UTC()) })
	if err != nil {
		return Settings{}, fmt.Errorf("save risk settings: %w", err)
	}
	return in, nil
}

// resolve reads a query's day and horizon with their defaults.
func (s *Service) resolve(db *gorm.DB, q Query) (time.Time, Settings, error) {
	if err := s.check.Struct(q); err != nil {
		return time.Time{}, Settings{}, err
	}
	set, err := loadSettings(db)
	if err != nil {
		return time.Time{}, Settings{}, err
	}
	if q.Horizon > 0 {
		set.HorizonDays = q.Horizon
	}
	asOf := store.NewDate(s.now()).Time
	if q.AsOf != "" {
		d, err := store.ParseDate(q.AsOf)
		if err != nil {
			return time.Time{}, Settings{}, fault.Field("as_of", "must be a date YYYY-MM-DD")
		}
		asOf = d.Time
	}
	return asOf, set, nil
}

// environment loads the exchange rates and names the usage settings and
// the team's time zone.
func (s *Service) environment(db *gorm.DB) (env, error) {
	conv, err := loadConverter(db)
	if err != nil {
		return env{}, err
	}
	model, err := health.ModelOf(db)
	if err != nil {
		return env{}, err
	}
	return env{health: model, conv: conv, es: engagement.DefaultSettings(), loc: s.now().Location()}, nil
}

// Backtest trains on what was known at as-of − horizon and checks the
// forecast against what happened next, beside the health score.
func (s *Service) Backtest(ctx context.Context, q Query) (Backtest, error) {
	db := s.db.Read(ctx)
	asOf, set, err := s.resolve(db, q)
	if err != nil {
		return Backtest{}, err
	}
	e, err := s.environment(db)
	if err != nil {
		return Backtest{}, err
	}
	bt, _, err := runBacktest(db, e, asOf, set.HorizonDays, set.Ridge)
	return bt, err
}

// Train fits the model on everything known at as-of, backtests the same
// recipe one horizon earlier, and stores both; then it stores today's
// forecast of every live account (as StoreScores does). Below MinEvents churns it
// refuses, saying why, and stores nothing.
func (s *Service) Train(ctx context.Context, actor string, q Query) (Model, error) {
	db := s.db.Read(ctx)
	asOf, set, err := s.resolve(db, q)
	if err != nil {
		return Model{}, err
	}
	e, err := s.environment(db)
	if err != nil {
		return Model{}, err
	}
	// The training set, the backtest's training set one horizon earlier, the
	// accounts it scores and, when the model is today's, the accounts whose
	// forecast is stored after training share most of their landmark days:
	// one read of the lives and one of the history.
	lives, err := retention.LivesAsOf(db, asOf)
	if err != nil {
		return Model{}, fmt.Errorf("load lives: %w", err)
	}
	ts, err := planTrainingSetOf(db, lives, asOf, set.HorizonDays)
	if err != nil {
		return Model{}, err
	}
	plan, err := planBacktestOf(db, lives, asOf, set.HorizonDays)
	if err != nil {
		return Model{}, err
	}
	groups := append([]group{ts.group()}, plan.groups()...)
	todays := day(asOf) == day(store.NewDate(s.now()).Time)
	var live []subject
	if todays {
		live = liveSubjectsOf(lives, asOf)
		groups = append(groups, group{landmarks: []time.Time{asOf}, subjects: live})
	}
	ms, err := measureGroups(db, e, groups...)
	if err != nil {
		return Model{}, err
	}
	ts.Measures = ms[0]
	// The two fits share nothing: the backtest's runs beside the model's.
	var bt Backtest
	var btErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		bt, _, btErr = plan.finish(e, ms[1], ms[2], set.Ridge)
	}()
	fit, err := fitTrainingSet(ts, set.Ridge)
	<-done
	if err != nil {
		return Model{}, err
	}
	m := describe(fit, ts, set.Ridge)
	m.AsOf, m.Horizon = day(asOf), set.HorizonDays
	m.TrainedAt = time.Now().UTC().Format(time.RFC3339)
	err = btErr
	var fe *fault.Error
	switch {
	case err == nil:
		m.Backtest = &bt
	case errors.As(err, &fe):
		m.BacktestNote = fe.Message
	default:
		return Model{}, err
	}
	row, err := m.row(actor)
	if err != nil {
		return Model{}, err
	}
	if err := s.db.Tx(ctx, func(tx *gorm.DB) error { return tx.Create(&row).Error }); err != nil {
		return Model{}, fmt.Errorf("store the risk model: %w", err)
	}
	m.ID = row.ID
	if todays {
		out, all, _ := s.forecast(m, asOf, m.Horizon, e.conv.Home(), live, ms[3])
		_, err = s.keep(ctx, out, all)
	} else {
		_, _, err = s.StoreScores(ctx, Query{})
	}
	if err != nil {
		return Model{}, err
	}
	return m, nil
}

// describe turns a fit into the stored description of a model.
func describe(f Fitted, ts trainingSet, ridge float64) Model {
	m := Model{Coefficients: make([]Coefficient, len(f.Scales))}
	for j, sc := range f.Scales {
		per := sc.Step / sc.SD // a step in the covariate's own unit, in standard deviations
		m.Coefficients[j] = Coefficient{Scale: sc, Coef: f.Coef[j], SE: f.SE[j],
			HazardRatio: math.Exp(f.Coef[j] * per),
			Low:         math.Exp((f.Coef[j] - 1.959964*f.SE[j]) * per),
			High:        math.Exp((f.Coef[j] + 1.959964*f.SE[j]) * per)}
	}
	m.Inputs = Inputs{Cutoff: day(ts.Cutoff), PeriodDays: Period, Rows: f.Rows, Accounts: f.Accounts, Events: f.Events, Ridge: ridge,
		Concordance: f.Concordance, LogLik: f.LogLik, LogLikNull: f.LogLikNull, BaseHazard: f.BaseHazard, Landmarks: []string{}}
	for _, l := range ts.Landmarks {
		m.Inputs.Landmarks = append(m.Inputs.Landmarks, day(l))
	}
	return m
}

// fitted rebuilds the scoring part of a stored model for a horizon.
func (m Model) fitted(horizon int) Fitted {
	f := Fitted{BaseHazard: m.Inputs.BaseHazard, Horizon: horizon}
	for _, c := range m.Coefficients {
		f.Scales = append(f.Scales, c.Scale)
		f.Coef = append(f.Coef, c.Coef)
		f.SE = append(f.SE, c.SE)
	}
	f.gets = accessors(f.Scales)
	return f
}

func (m Model) row(actor string) (store.RiskModel, error) {
	inputs, err1 := json.Marshal(m.Inputs)
	coefs, err2 := json.Marshal(m.Coefficients)
	bt, err3 := json.Marshal(struct {
		Backtest *Backtest `json:"backtest"`
		Note     string    `json:"note"`
	}{m.Backtest, m.BacktestNote})
	if err := errors.Join(err1, err2, err3); err != nil {
		return store.RiskModel{}, fmt.Errorf("encode the risk model: %w", err)
	}
	asOf, _ := store.ParseDate(m.AsOf)
	return store.RiskModel{TrainedAt: time.Now().UTC(), AsOf: asOf, Horizon: m.Horizon, Inputs: string(inputs),
		Coefficients: string(coefs), Backtest: string(bt), TrainedBy: actor}, nil
}

func modelOf(r store.RiskModel) (Model, error) {
	m := Model{ID: r.ID, TrainedAt: r.TrainedAt.UTC().Format(time.RFC3339), AsOf: r.AsOf.String(), Horizon: r.Horizon}
	var bt struct {
		Backtest *Backtest `json:"backtest"`
		Note     string    `json:"note"`
	}
	err := errors.Join(json.Unmarshal([]byte(r.Inputs), &m.Inputs), json.Unmarshal([]byte(r.Coefficients), &m.Coefficients),
		json.Unmarshal([]byte(r.Backtest), &bt))
	if err != nil {
		return Model{}, fmt.Errorf("read risk model %d: %w", r.ID, err)
	}
	m.Backtest, m.BacktestNote = bt.Backtest, bt.Note
	return m, nil
}

// Latest returns the newest stored model, or says none is trained yet.
func (s *Service) Latest(ctx context.Context) (ModelStatus, error) {
	m, ok, err := s.latest(s.db.Read(ctx))
	if err != nil || !ok {
		return ModelStatus{Message: "No risk model is trained yet: train one (it needs at least 30 churns in the last year). Until then the health score is the guide."}, err
	}
	return ModelStatus{Trained: true, Model: &m}, nil
}

func (s *Service) latest(db *gorm.DB) (Model, bool, error) {
	var rows []store.RiskModel
	if err := db.Order("id DESC").Limit(1).Find(&rows).Error; err != nil {
		return Model{}, false, fmt.Errorf("load the risk model: %w", err)
	}
	if len(rows) == 0 {
		return Model{}, false, nil
	}
	m, err := modelOf(rows[0])
	return m, err == nil, err
}

// loadConverter reads the home currency and the team's rates.
func loadConverter(db *gorm.DB) (*fx.Converter, error) { return fx.Load(db) }

// RetrainIfStale trains a new model when the newest is a week old or there
// is none: the weekly job. Too few churns is no failure here (the model
// says so when asked); it reports whether a model was trained.
func (s *Service) RetrainIfStale(ctx context.Context) (bool, error) {
	old, err := stale(s.db.Read(ctx), time.Now().UTC())
	if err != nil || !old {
		return false, err
	}
	if _, err := s.Train(ctx, "weekly retrain", Query{}); err != nil {
		if fe, ok := fault.As(err); ok && fe.Code == fault.CodeConflict {
			return false, nil
		}
		return false, err
	}
	return true, nil
}
