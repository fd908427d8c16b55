// Package demo loads a deterministic, realistic sample portfolio: accounts
// across segments and plans, contacts, a year of weekly usage and NPS
// answers, all in one transaction.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/churn"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Options choose the size and the random seed of the portfolio.
type Options struct {
	Accounts int   `json:"accounts" validate:"gte=1,lte=100000" minimum:"1" maximum:"100000" default:"200"`
	Seed     int64 `json:"seed,omitempty" description:"The same seed and date give the same portfolio."`
}

// Result counts what was loaded.
type Result struct {
	Accounts     int `json:"accounts"`
	Contacts     int `json:"contacts"`
	UsageRows    int `json:"usage_rows"`
	NPSResponses int `json:"nps_responses"`
	Churned      int `json:"churned" description:"Accounts that churned, each with a churn record."`
}

// Database is what the loader needs from the store.
type Database interface {
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
	Engine() store.Engine
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Scorer fills in the health history and the first tasks after a load:
// weeks of scores up to today.
type Scorer func(ctx context.Context, today time.Time, weeks int) error

// Loader writes the sample portfolio.
type Loader struct {
	db    Database
	check Validator
	now   func() time.Time
	score Scorer
}

// NewLoader returns a Loader; now fixes "today" for the generated history,
// and score (if not nil) runs after the load.
func NewLoader(db Database, check Validator, now func() time.Time, score Scorer) *Loader {
	return &Loader{db: db, check: check, now: now, score: score}
}

// HistoryWeeks is how many weeks of health history a demo load scores: for
// ordinary portfolios every week since the start of the previous quarter (at
// least 13), so last quarter's QBRs show a weekly health trend across the
// whole quarter; two weeks for very large ones so that a 100,000-account
// load stays quick.
func HistoryWeeks(accounts int, today time.Time) int {
	if accounts > 10000 {
		return 2
	}
	y, m := today.Year(), (int(today.Month())-1)/3*3-2
	if m < 1 {
		y, m = y-1, m+12
	}
	monday := func(t time.Time) time.Time { return t.AddDate(0, 0, -(int(t.Weekday())+6)%7) }
	start := monday(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC))
	day := monday(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC))
	return max(13, int(day.Sub(start).Hours()/24)/7+1)
}

// Weeks is how many weeks of usage history each account gets.
const Weeks = 52

// Load fills an empty database; it refuses when accounts already exist.
func (l *Loader) Load(ctx context.Context, opt Options) (Result, error) {
	if err := l.check.Struct(opt); err != nil {
		return Result{}, err
	}
	today := store.NewDate(l.now())
	gen := newGenerator(opt.Seed, today.Time)
	var res Result
	err := l.db.Tx(ctx, func(tx *gorm.DB) error {
		var existing int64
		if err := tx.Model(&store.Account{}).Count(&existing).Error; err != nil {
			return err
		}
		if existing > 0 {
			return fault.Conflict(fmt.Sprintf("The database already holds %d accounts; the sample portfolio loads only into an empty one.", existing))
		}
		w := newBulkWriter(tx)
		const chunk = 1000
		for start := 0; start < opt.Accounts; start += chunk {
			n := min(chunk, opt.Accounts-start)
			if err := l.loadChunk(tx, w, gen, n, &res); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if _, ok := fault.As(err); ok {
			return Result{}, err
		}
		return Result{}, fmt.Errorf("load demo portfolio: %w", err)
	}
	if l.score != nil {
		if err := l.score(ctx, l.now(), HistoryWeeks(opt.Accounts, l.now())); err != nil {
			return res, fmt.Errorf("score demo portfolio: %w", err)
		}
	}
	return res, nil
}

func (l *Loader) loadChunk(tx *gorm.DB, w *bulkWriter, gen *generator, n int, res *Result) error {
	plans := make([]accountPlan, n)
	rows := make([]store.Account, n)
	now := l.now().UTC()
	for i := range plans {
		plans[i] = gen.account()
		rows[i] = plans[i].row
		rows[i].CreatedAt, rows[i].UpdatedAt = now, now
	}
	if err := tx.CreateInBatches(rows, 500).Error; err != nil {
		return fmt.Errorf("insert accounts: %w", err)
	}
	var records []store.ChurnRecord
	var churnedPlans []int
	for i := range plans {
		id := rows[i].ID
		usage := gen.usage(plans[i])
		if c := plans[i].churn; c != nil {
			c.record.AccountID, c.record.CreatedAt, c.record.UpdatedAt = id, now, now
			freezeEngagement(&c.record, lastWeeks(usage, c.date))
			records = append(records, c.record)
			churnedPlans = append(churnedPlans, i)
		}
		for _, c := range gen.contacts(plans[i]) {
			c.AccountID, c.CreatedAt, c.UpdatedAt = id, now, now
			if err := w.contact(c); err != nil {
				return err
			}
			res.Contacts++
		}
		for _, u := range usage {
			u.AccountID = id
			if err := w.usage(u); err != nil {
				return err
			}
			res.UsageRows++
		}
		answers := gen.nps(plans[i])
		if a := plans[i].planted; a != nil {
			answers = append(answers, *a)
		}
		for _, r := range answers {
			r.AccountID = id
			if err := w.nps(r); err != nil {
				return err
			}
			res.NPSResponses++
		}
	}
	if len(records) > 0 {
		if err := tx.CreateInBatches(records, 500).Error; err != nil {
			return fmt.Errorf("insert churn records: %w", err)
		}
		trail := make([]store.ChurnAudit, len(records))
		for k, rec := range records {
			entry, err := churn.CreationEntry(rec, "demo", now)
			if err != nil {
				return err
			}
			trail[k] = entry
		}
		if err := tx.CreateInBatches(trail, 500).Error; err != nil {
			return fmt.Errorf("insert churn audit trail: %w", err)
		}
	}
	recordOf := map[int]int64{}
	for k, i := range churnedPlans {
		recordOf[i] = records[k].ID
	}
	for i := range plans {
		moves := gen.movements(plans[i])
		if plans[i].row.Status == "trial" {
			// A trial's MRR is no revenue until it converts. (The movements
			// are still drawn, so the rest of the portfolio stays the same.)
			moves = nil
		}
		for _, m := range moves {
			m.AccountID = rows[i].ID
			if m.Kind == "churn" {
				id := recordOf[i]
				m.ChurnRecordID = &id
			}
			if err := w.movement(m); err != nil {
				return err
			}
		}
	}
	res.Accounts += n
	res.Churned += len(records)
	return w.flush()
}

// lastWeeks returns the usage weeks in the 12 weeks up to day.
func lastWeeks(usage []store.UsageSnapshot, day time.Time) []store.UsageSnapshot {
	from := weekStart(day).AddDate(0, 0, -7*11)
	var out []store.UsageSnapshot
	for _, u := range usage {
		if !u.WeekStart.Before(from) && !u.WeekStart.After(day) {
			out = append(out, u)
		}
	}
	return out
}

// rng returns the generator's random source, seeded for repeatability.
func rng(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x63687572_6e64736b))
}
