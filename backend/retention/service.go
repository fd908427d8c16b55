package retention

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/nps"
	"churndesk/backend/store"
)

// Database is what the retention service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service computes retention figures from the stored history.
type Service struct {
	db    Database
	check Validator
	nps   *nps.Service
	now   func() time.Time
}

// NewService returns a Service; now gives the default as-of date.
func NewService(db Database, check Validator, n *nps.Service, now func() time.Time) *Service {
	return &Service{db: db, check: check, nps: n, now: now}
}

// MetricsQuery names the period and the as-of date.
type MetricsQuery struct {
	From string `query:"from" validate:"omitempty,datetime=2006-01-02" format:"date" description:"Default: 12 months before to."`
	To   string `query:"to" validate:"omitempty,datetime=2006-01-02" format:"date" description:"Default: the as-of date."`
	AsOf string `query:"as_of" validate:"omitempty,datetime=2006-01-02" format:"date" description:"Default: today."`
}

// Metrics are the period's retention figures with their formulas.
type Metrics struct {
	From       string     `json:"from" format:"date"`
	To         string     `json:"to" format:"date"`
	AsOf       string     `json:"as_of" format:"date"`
	Customers  Counts     `json:"customers"`
	Figures    []Figure   `json:"figures"`
	Revenue    []Revenue  `json:"revenue" description:"Revenue figures per currency."`
	NPS        nps.Figure `json:"nps"`
	Breakdowns Breakdowns `json:"breakdowns"`
}

// period resolves a query's dates, defaulting to the twelve months up to today.
func (s *Service) period(q MetricsQuery) (Period, error) {
	if err := s.check.Struct(q); err != nil {
		return Period{}, err
	}
	p := Period{AsOf: store.NewDate(s.now()).Time}
	parse := func(v string, dst *time.Time) {
		if v != "" {
			d, _ := store.ParseDate(v)
			*dst = d.Time
		}
	}
	parse(q.AsOf, &p.AsOf)
	p.To = p.AsOf
	parse(q.To, &p.To)
	p.From = p.To.AddDate(-1, 0, 0)
	parse(q.From, &p.From)
	if !p.From.Before(p.To) {
		return p, fault.Field("from", "must be before to")
	}
	if p.To.After(p.AsOf) {
		return p, fault.Field("to", "must not be after as_of")
	}
	return p, nil
}

// Metrics computes every figure of domain.md for the period.
func (s *Service) Metrics(ctx context.Context, q MetricsQuery) (Metrics, error) {
	p, err := s.period(q)
	if err != nil {
		return Metrics{}, err
	}
	// The three reads are independent: run them side by side on the read pool.
	db := s.db.Read(ctx)
	var (
		lives            []Life
		moves            []Movement
		score            nps.Summary
		wg               sync.WaitGroup
		errL, errM, errN error
	)
	wg.Add(3)
	go func() { defer wg.Done(); lives, errL = loadLives(db, p.AsOf) }()
	go func() { defer wg.Done(); moves, errM = loadMovements(db, p.To) }()
	go func() {
		defer wg.Done()
		score, errN = s.nps.Summarise(ctx, nps.Period{From: day(p.From), To: day(p.To)})
	}()
	wg.Wait()
	if err := errors.Join(errL, errM, errN); err != nil {
		return Metrics{}, err
	}
	c := CountLives(lives, p)
	due, renewed := Renewals(lives, p)
	m := Metrics{From: day(p.From), To: day(p.To), AsOf: day(p.AsOf), Customers: c,
		Figures: append(CustomerFigures(c), RenewalFigure(due, renewed)), Revenue: RevenueFigures(lives, moves, c, p),
		Breakdowns: Break(Lost(lives, p)), NPS: score.Figure}
	return m, nil
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// CurveQuery asks for the retention curve, optionally one per group.
type CurveQuery struct {
	AsOf    string `query:"as_of" validate:"omitempty,datetime=2006-01-02" format:"date"`
	GroupBy string `query:"group_by" validate:"omitempty,oneof=segment plan channel" enum:"segment,plan,channel" description:"channel is the account's CRM source (direct when none)."`
}

// Curve is one retention curve.
type Curve struct {
	Group     string  `json:"group" description:"all, or the group's value."`
	Customers int     `json:"customers"`
	Points    []Point `json:"points"`
}

// Curves are the Kaplan–Meier curves as of a day.
type Curves struct {
	AsOf    string  `json:"as_of" format:"date"`
	Formula string  `json:"formula"`
	Curves  []Curve `json:"curves"`
}

// Curve estimates retention over tenure: churned lives are events, lives
// still going are censored at the as-of date.
func (s *Service) Curve(ctx context.Context, q CurveQuery) (Curves, error) {
	p, err := s.period(MetricsQuery{AsOf: q.AsOf})
	if err != nil {
		return Curves{}, err
	}
	if err := s.check.Struct(q); err != nil {
		return Curves{}, err
	}
	lives, err := loadLives(s.db.Read(ctx), p.AsOf)
	if err != nil {
		return Curves{}, err
	}
	groups := map[string][]Subject{}
	var order []string
	for _, l := range lives {
		key := "all"
		switch q.GroupBy {
		case "segment":
			key = l.Segment
		case "plan":
			key = l.Plan
		case "channel":
			key = l.Channel
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		subj := Subject{TenureDays: days(l.From, p.AsOf)}
		if l.To != nil {
			subj = Subject{TenureDays: days(l.From, *l.To), Churned: true}
		}
		groups[key] = append(groups[key], subj)
	}
	out := Curves{AsOf: day(p.AsOf), Curves: []Curve{},
		Formula: "S(t) = Π over churn times tᵢ ≤ t of (1 − dᵢ ÷ nᵢ); active customers are censored at the as-of date; 95 % band S ± 1.96·S·√Σ dᵢ ÷ (nᵢ(nᵢ − dᵢ)) (Greenwood)"}
	for _, key := range order {
		out.Curves = append(out.Curves, Curve{Group: key, Customers: len(groups[key]), Points: KaplanMeier(groups[key])})
	}
	return out, nil
}

// CohortTable is the monthly cohort retention table.
type CohortTable struct {
	AsOf    string   `json:"as_of" format:"date"`
	Cohorts []Cohort `json:"cohorts"`
}

// Cohorts builds the table for the last 24 monthly cohorts.
func (s *Service) Cohorts(ctx context.Context, q CurveQuery) (CohortTable, error) {
	p, err := s.period(MetricsQuery{AsOf: q.AsOf})
	if err != nil {
		return CohortTable{}, err
	}
	lives, err := loadLives(s.db.Read(ctx), p.AsOf)
	if err != nil {
		return CohortTable{}, err
	}
	return CohortTable{AsOf: day(p.AsOf), Cohorts: Cohorts(lives, p.AsOf, 24)}, nil
}

// loadLives reads every customer life known on asOf: one per churn record
// (from its contract start to its churn date) and one per current customer.
// Trials are not customers yet. It scans plain rows: at 100,000 accounts
// building full models would cost most of the time.
func loadLives(db *gorm.DB, asOf time.Time) ([]Life, error) {
	type account struct {
		start                 store.Date
		status, segment, plan string
		currency, channel     string
	}
	// Dates are read as text: parsing "YYYY-MM-DD" ourselves is much cheaper
	// than the driver's guessing at timestamp layouts.
	rows, err := db.Raw(`SELECT id, CAST(contract_start AS TEXT), status, segment, plan, currency, crm_source FROM accounts
		WHERE status <> 'trial' AND contract_start <= ?`, store.NewDate(asOf)).Rows()
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	byID := make(map[int64]account, 1024)
	for rows.Next() {
		var id int64
		var a account
		var source string
		if err := rows.Scan(&id, &a.start, &a.status, &a.segment, &a.plan, &a.currency, &source); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read accounts: %w", err)
		}
		a.channel = source
		if source == "" {
			a.channel = "direct"
		}
		byID[id] = a
	}
	rows.Close()
	lives := make([]Life, 0, len(byID)+len(byID)/5)
	recs, err := db.Raw(`SELECT account_id, CAST(churn_date AS TEXT), CAST(contract_start AS TEXT), reason, preventable, voluntary, engagement_class, mrr_lost, currency
		FROM churn_records WHERE churn_date <= ?`, store.NewDate(asOf)).Rows()
	if err != nil {
		return nil, fmt.Errorf("load churn records: %w", err)
	}
	for recs.Next() {
		var l Life
		var churned, start store.Date
		if err := recs.Scan(&l.AccountID, &churned, &start, &l.Reason, &l.Preventable, &l.Voluntary, &l.Engagement, &l.MRRLost, &l.Currency); err != nil {
			recs.Close()
			return nil, fmt.Errorf("read churn records: %w", err)
		}
		a := byID[l.AccountID]
		to := churned.Time
		l.From, l.To, l.Segment, l.Plan, l.Channel = start.Time, &to, a.segment, a.plan, a.channel
		lives = append(lives, l)
	}
	recs.Close()
	for id, a := range byID {
		if a.status != "churned" {
			lives = append(lives, Life{AccountID: id, From: a.start.Time, Segment: a.segment, Plan: a.plan, Channel: a.channel, Currency: a.currency})
		}
	}
	sort.Slice(lives, func(i, j int) bool { return lives[i].AccountID < lives[j].AccountID })
	return lives, nil
}

func loadMovements(db *gorm.DB, to time.Time) ([]Movement, error) {
	// Nearly every movement is before the period's end: a plain scan filtered
	// here beats walking the date index.
	rows, err := db.Raw(`SELECT account_id, CAST(date AS TEXT), kind, amount, currency FROM mrr_movements`).Rows()
	if err != nil {
		return nil, fmt.Errorf("load MRR movements: %w", err)
	}
	defer rows.Close()
	out := make([]Movement, 0, 1024)
	for rows.Next() {
		var m Movement
		var day store.Date
		if err := rows.Scan(&m.AccountID, &day, &m.Kind, &m.Amount, &m.Currency); err != nil {
			return nil, fmt.Errorf("read MRR movements: %w", err)
		}
		if day.After(to) {
			continue
		}
		m.Date = day.Time
		out = append(out, m)
	}
	return out, rows.Err()
}
