package retention

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/fx"
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
	From       string      `json:"from" format:"date"`
	To         string      `json:"to" format:"date"`
	AsOf       string      `json:"as_of" format:"date"`
	Customers  Counts      `json:"customers"`
	Figures    []Figure    `json:"figures"`
	Revenue    []Revenue   `json:"revenue" description:"Revenue figures per currency."`
	NPS        nps.Figure  `json:"nps"`
	Breakdowns Breakdowns  `json:"breakdowns"`
	Home       HomeRevenue `json:"home" description:"The portfolio's revenue figures and MRR lost in the home currency, with the rates used."`
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
		score            nps.Figure
		wg               sync.WaitGroup
		errL, errM, errN error
	)
	wg.Add(3)
	go func() { defer wg.Done(); lives, errL = loadLives(db, p.AsOf, false) }()
	go func() { defer wg.Done(); moves, errM = loadMovements(db, p) }()
	go func() {
		defer wg.Done()
		score, errN = s.nps.Figure(ctx, nps.Period{From: day(p.From), To: day(p.To)})
	}()
	wg.Wait()
	if err := errors.Join(errL, errM, errN); err != nil {
		return Metrics{}, err
	}
	c := CountLives(lives, p)
	due, renewed := Renewals(lives, p)
	m := Metrics{From: day(p.From), To: day(p.To), AsOf: day(p.AsOf), Customers: c,
		Figures: append(CustomerFigures(c), RenewalFigure(due, renewed)), Revenue: RevenueFigures(lives, moves, c, p),
		Breakdowns: Break(Lost(lives, p)), NPS: score}
	conv, err := fx.Load(db)
	if err != nil {
		return Metrics{}, err
	}
	m.Home = HomeFigures(conv, lives, moves, c, p, &m.Breakdowns)
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
	groups := map[string][]Subject{}
	var order []string
	err = eachSpan(s.db.Read(ctx), p.AsOf, q.GroupBy, func(l Life) {
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
		subj := Subject{TenureDays: days(l.From, p.AsOf), Count: l.Count}
		if l.To != nil {
			subj = Subject{TenureDays: days(l.From, *l.To), Churned: true, Count: l.Count}
		}
		groups[key] = append(groups[key], subj)
	})
	if err != nil {
		return Curves{}, err
	}
	sort.Strings(order)
	out := Curves{AsOf: day(p.AsOf), Curves: []Curve{},
		Formula: "S(t) = Π over churn times tᵢ ≤ t of (1 − dᵢ ÷ nᵢ); active customers are censored at the as-of date; 95 % band S ± 1.96·S·√Σ dᵢ ÷ (nᵢ(nᵢ − dᵢ)) (Greenwood)"}
	for _, key := range order {
		customers := 0
		for _, subj := range groups[key] {
			customers += max(subj.Count, 1)
		}
		out.Curves = append(out.Curves, Curve{Group: key, Customers: customers, Points: KaplanMeier(groups[key])})
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
	tally := newCohortTally(p.AsOf)
	if err := eachSpan(s.db.Read(ctx), p.AsOf, "", tally.add); err != nil {
		return CohortTable{}, err
	}
	return CohortTable{AsOf: day(p.AsOf), Cohorts: tally.table(24)}, nil
}

// loadLives reads every customer life as it stood on asOf, from what was
// true that day: one per churn record whose life had begun by then (from
// its contract start to its churn date; a churn dated after asOf is a life
// still going that day, censored at asOf like any current customer) and the
// current customers who had started by then. A reactivated account's
// current life starts on its reactivation day, so as of an earlier day only
// its past lives count; an account that starts after asOf does not exist
// yet. Trials are not customers yet. Lives carry their account's segment,
// plan and channel (the breakdowns need them). Current customers come one
// life per account when byAccount is set; otherwise grouped by start day
// and currency, which at 100,000 accounts turns 100,000 rows into a few
// thousand. Rows are scanned plainly: building models would cost most of
// the time, and dates are read as text, which we parse more cheaply than
// the driver's guessing at timestamp layouts.
func loadLives(db *gorm.DB, asOf time.Time, byAccount bool) ([]Life, error) {
	on := store.NewDate(asOf)
	lives := make([]Life, 0, 1024)
	recs, err := db.Raw(`SELECT c.account_id, CAST(c.churn_date AS TEXT), CAST(c.contract_start AS TEXT), c.reason, c.preventable, c.voluntary,
		c.engagement_class, c.mrr_lost, c.currency, COALESCE(a.segment, ''), COALESCE(a.plan, ''), COALESCE(a.crm_source, '')
		FROM churn_records c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.contract_start <= ?`, on).Rows()
	if err != nil {
		return nil, fmt.Errorf("load churn records: %w", err)
	}
	for recs.Next() {
		var l Life
		var churned, start store.Date
		if err := recs.Scan(&l.AccountID, &churned, &start, &l.Reason, &l.Preventable, &l.Voluntary, &l.Engagement, &l.MRRLost, &l.Currency,
			&l.Segment, &l.Plan, &l.Channel); err != nil {
			recs.Close()
			return nil, fmt.Errorf("read churn records: %w", err)
		}
		l.From, l.Channel = start.Time, channelOf(l.Channel)
		if churned.Time.After(on.Time) {
			// Still a customer that day: nothing about the churn was known.
			l.Reason, l.Preventable, l.Voluntary, l.Engagement, l.MRRLost = "", false, false, "", 0
		} else {
			to := churned.Time
			l.To = &to
		}
		lives = append(lives, l)
	}
	recs.Close()
	if err := recs.Err(); err != nil {
		return nil, fmt.Errorf("read churn records: %w", err)
	}

	const current = `FROM accounts WHERE contract_start <= ? AND status NOT IN ('trial', 'churned')`
	query := `SELECT id, CAST(contract_start AS TEXT), currency, 1 ` + current
	if !byAccount {
		query = `SELECT 0, CAST(contract_start AS TEXT), currency, COUNT(*) ` + current + ` GROUP BY contract_start, currency`
	}
	rows, err := db.Raw(query, on).Rows()
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	defer rows.Close()
	// Currencies repeat: keep one copy of each.
	intern := interner{}.of
	for rows.Next() {
		var l Life
		var start store.Date
		var currency sql.RawBytes
		if err := rows.Scan(&l.AccountID, &start, &currency, &l.Count); err != nil {
			return nil, fmt.Errorf("read accounts: %w", err)
		}
		l.From, l.Currency = start.Time, intern(currency)
		lives = append(lives, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read accounts: %w", err)
	}
	return lives, nil
}

// channelOf names where a customer came from: its CRM source, or direct.
func channelOf(source string) string {
	if source == "" {
		return "direct"
	}
	return source
}

// loadMovements reads the MRR movements up to the period's end, summed by
// the database: those before its start per currency (an opening movement
// dated the period's start), those inside it per currency, kind and whether
// the account was a customer at the start (dated the period's end). At
// 100,000 accounts this turns the year's movements into a few dozen rows.
func loadMovements(db *gorm.DB, p Period) ([]Movement, error) {
	from, to := store.NewDate(p.From), store.NewDate(p.To)
	var opening []struct {
		Currency string
		Amount   int64
	}
	if err := db.Raw(`SELECT currency, SUM(amount) AS amount FROM mrr_movements WHERE date <= ? GROUP BY currency`, from).
		Scan(&opening).Error; err != nil {
		return nil, fmt.Errorf("sum MRR movements: %w", err)
	}
	out := make([]Movement, 0, len(opening)+32)
	for _, o := range opening {
		out = append(out, Movement{Date: p.From, Kind: "opening", Amount: o.Amount, Currency: o.Currency})
	}
	// Customers at the start: current customers who began by then, and
	// lives that ended later (UNION ALL: IN needs no duplicates removed).
	var inPeriod []struct {
		Currency, Kind string
		InBase         bool
		Amount         int64
	}
	if err := db.Raw(`SELECT currency, kind, CASE WHEN account_id IN (
			SELECT id FROM accounts WHERE contract_start <= ? AND status NOT IN ('trial', 'churned')
			UNION ALL SELECT account_id FROM churn_records WHERE contract_start <= ? AND churn_date > ?) THEN 1 ELSE 0 END AS in_base,
		SUM(amount) AS amount
		FROM mrr_movements WHERE date > ? AND date <= ? GROUP BY currency, kind, in_base`, from, from, from, from, to).
		Scan(&inPeriod).Error; err != nil {
		return nil, fmt.Errorf("sum MRR movements of the period: %w", err)
	}
	for _, m := range inPeriod {
		out = append(out, Movement{Date: p.To, Kind: m.Kind, Amount: m.Amount, Currency: m.Currency, BaseCustomer: m.InBase})
	}
	return out, nil
}

// interner keeps one copy of each string a read repeats (currencies,
// segments, plans), so many lives share it.
type interner map[string]string

// of returns b as a string, the kept copy when one is there.
func (in interner) of(b sql.RawBytes) string {
	if v, ok := in[string(b)]; ok {
		return v
	}
	v := string(b)
	in[v] = v
	return v
}
