package retention

import (
	"context"
	"database/sql"
	"database/sql/driver"
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
		lives                  []Life
		opening, inPeriod      []Movement
		score                  nps.Figure
		wg                     sync.WaitGroup
		errL, errO, errP, errN error
	)
	wg.Go(func() { lives, errL = loadLives(db, p.AsOf, false) })
	wg.Go(func() {
		// One after the other: a fourth read at once costs PostgreSQL more
		// than it saves SQLite.
		if opening, errO = openingMovements(db, p); errO == nil {
			inPeriod, errP = periodMovements(db, p)
		}
	})
	wg.Go(func() { score, errN = s.nps.Figure(ctx, nps.Period{From: day(p.From), To: day(p.To)}) })
	wg.Wait()
	if err := errors.Join(errL, errO, errP, errN); err != nil {
		return Metrics{}, err
	}
	moves := append(opening, inPeriod...)
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
// thousand. Rows are read straight from the driver: building models, or
// even database/sql's conversion of each value, would cost most of the
// time; dates are read as text and each parsed once.
func loadLives(db *gorm.DB, asOf time.Time, byAccount bool) ([]Life, error) {
	on := store.NewDate(asOf)
	lives := make([]Life, 0, 1024)
	days, text := dayCache{}, interner{}
	err := store.EachRow(db, `SELECT c.account_id, CAST(c.churn_date AS TEXT), CAST(c.contract_start AS TEXT), c.reason, c.preventable, c.voluntary,
		c.engagement_class, c.mrr_lost, c.currency, COALESCE(a.segment, ''), COALESCE(a.plan, ''), COALESCE(a.crm_source, '')
		FROM churn_records c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.contract_start <= ?`, []any{on},
		func(row []driver.Value) error {
			churned, err := days.of(row[1])
			if err != nil {
				return err
			}
			l := Life{AccountID: store.RowInt(row[0]), Currency: text.value(row[8]),
				Segment: text.value(row[9]), Plan: text.value(row[10]), Channel: channelOf(text.value(row[11]))}
			if l.From, err = days.of(row[2]); err != nil {
				return err
			}
			// A churn dated after asOf is a life still going that day:
			// nothing about the churn was known.
			if !churned.After(on.Time) {
				l.To = &churned
				l.Reason, l.Engagement, l.MRRLost = text.value(row[3]), text.value(row[6]), store.RowInt(row[7])
				l.Preventable, l.Voluntary = store.RowInt(row[4]) != 0, store.RowInt(row[5]) != 0
			}
			lives = append(lives, l)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load churn records: %w", err)
	}

	const current = `FROM accounts WHERE contract_start <= ? AND status NOT IN ('trial', 'churned')`
	query := `SELECT id, CAST(contract_start AS TEXT), currency, 1 ` + current
	if !byAccount {
		query = `SELECT 0, CAST(contract_start AS TEXT), currency, COUNT(*) ` + current + ` GROUP BY contract_start, currency`
	}
	err = store.EachRow(db, query, []any{on}, func(row []driver.Value) error {
		start, err := days.of(row[1])
		if err != nil {
			return err
		}
		lives = append(lives, Life{AccountID: store.RowInt(row[0]), From: start, Currency: text.value(row[2]), Count: int(store.RowInt(row[3]))})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
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

// openingMovements sums the MRR movements before the period per currency:
// one opening movement each, dated the period's start.
func openingMovements(db *gorm.DB, p Period) ([]Movement, error) {
	var opening []struct {
		Currency string
		Amount   int64
	}
	if err := db.Raw(`SELECT currency, SUM(amount) AS amount FROM mrr_movements WHERE date <= ? GROUP BY currency`, store.NewDate(p.From)).
		Scan(&opening).Error; err != nil {
		return nil, fmt.Errorf("sum MRR movements: %w", err)
	}
	out := make([]Movement, 0, len(opening))
	for _, o := range opening {
		out = append(out, Movement{Date: p.From, Kind: "opening", Amount: o.Amount, Currency: o.Currency})
	}
	return out, nil
}

// periodMovements sums the MRR movements inside the period per currency
// and kind, split between accounts that were customers at the start and
// the rest (each sum dated the period's end). The customers at the start
// are current customers who began by then and lives that ended later
// (UNION ALL: IN needs no duplicates removed). Their share is a second
// sum rather than a grouping: grouped by, SQLite asked once more per
// movement.
func periodMovements(db *gorm.DB, p Period) ([]Movement, error) {
	from, to := store.NewDate(p.From), store.NewDate(p.To)
	var sums []struct {
		Currency, Kind string
		Amount, Base   int64
	}
	if err := db.Raw(`SELECT currency, kind, SUM(amount) AS amount, SUM(CASE WHEN account_id IN (
			SELECT id FROM accounts WHERE contract_start <= ? AND status NOT IN ('trial', 'churned')
			UNION ALL SELECT account_id FROM churn_records WHERE contract_start <= ? AND churn_date > ?) THEN amount ELSE 0 END) AS base
		FROM mrr_movements WHERE date > ? AND date <= ? GROUP BY currency, kind`, from, from, from, from, to).
		Scan(&sums).Error; err != nil {
		return nil, fmt.Errorf("sum MRR movements of the period: %w", err)
	}
	out := make([]Movement, 0, 2*len(sums))
	for _, m := range sums {
		if m.Base != 0 {
			out = append(out, Movement{Date: p.To, Kind: m.Kind, Amount: m.Base, Currency: m.Currency, BaseCustomer: true})
		}
		if rest := m.Amount - m.Base; rest != 0 {
			out = append(out, Movement{Date: p.To, Kind: m.Kind, Amount: rest, Currency: m.Currency})
		}
	}
	return out, nil
}

// dayCache parses each date text a read repeats once.
type dayCache map[string]time.Time

// of reads a date the driver gives as text (or as a time).
func (c dayCache) of(v driver.Value) (time.Time, error) {
	key, isText := v.(string)
	if t, ok := c[key]; isText && ok {
		return t, nil
	}
	var d store.Date
	if err := d.Scan(v); err != nil {
		return time.Time{}, err
	}
	if isText {
		c[key] = d.Time
	}
	return d.Time, nil
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

// value returns a text value of a row from store.EachRow, the kept copy
// when one is there; NULL reads as "".
func (in interner) value(v driver.Value) string {
	switch x := v.(type) {
	case []byte:
		return in.of(x)
	case string:
		if kept, ok := in[x]; ok {
			return kept
		}
		in[x] = x
		return x
	}
	return ""
}
