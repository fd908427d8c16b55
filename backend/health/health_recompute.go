package health

import (
	"database/sql"
	"fmt"
	"runtime"
	"sync"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/engagement"
	"churndesk/backend/notify"
	"churndesk/backend/store"
)

// recomputeBatch is how many accounts are scored per round of queries.
const recomputeBatch = 2000

// scored is one batch of accounts scored, ready to be written.
type scored struct {
	rows      []store.HealthScore
	changed   []current // accounts whose current health differs from before
	reclassed int       // accounts that had a class and now have another
	err       error
}

// current is an account's current health as the accounts table keeps it.
type current struct {
	id         int64
	score      float64
	class      string
	engagement string
}

// recompute scores every live account as of asOf and writes the scores in
// tx. The inputs are read on the read pool while tx writes the previous
// batch, so reading, scoring and writing overlap: the transaction already
// holds the write lock (SQLite) or reads what is committed like any
// statement of its own (PostgreSQL), so the reads see what tx would see.
// Accounts whose current health did not change are not written again.
func (s *Service) recompute(tx *gorm.DB, set Settings, asOf time.Time) (RecomputeResult, error) {
	week := engagement.WeekStart(asOf)
	res := RecomputeResult{Week: week.Format(time.DateOnly)}
	win, err := loadWindow(tx, asOf)
	if err != nil {
		return res, err
	}
	// The readers stop when stop closes. (A cancellable context would
	// make the SQLite driver watch it on every row.)
	ctx, stop := tx.Statement.Context, make(chan struct{})
	batches := make(chan scored, 2)
	go s.scoreAll(s.db.Read(ctx), set, asOf, win, batches, stop)
	// On the way out, stop the readers and wait until they have let go.
	defer func() {
		close(stop)
		for range batches {
		}
	}()
	var changed []current
	err = store.WithLargeCache(tx, func() error {
		scores := newScoreBatch(tx)
		defer scores.Close()
		for b := range batches {
			if b.err != nil {
				return b.err
			}
			for _, r := range b.rows {
				res.count(Class(r.Class))
			}
			res.Changed += b.reclassed
			changed = append(changed, b.changed...)
			if err := storeScores(scores, b.rows); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("score accounts: %w", err)
	}
	if err := notify.HealthFell(tx, store.NewDate(week)); err != nil {
		return res, err
	}
	return res, storeCurrent(tx, changed, store.NewDate(week))
}

// scoreAll reads the live accounts batch by batch and scores them on a few
// workers, each reading its batches' usage on a connection of its own
// (the usage window is a million rows at 100,000 accounts: reading it is
// most of the work). Scored batches go to out, in any order, until stop
// closes or an error has been sent; out closes when all is done.
func (s *Service) scoreAll(db *gorm.DB, set Settings, asOf time.Time, win usageWindow, out chan<- scored, stop <-chan struct{}) {
	defer close(out)
	send := func(b scored) bool {
		select {
		case out <- b:
			return b.err == nil
		case <-stop:
			return false
		}
	}
	type job struct {
		accounts []store.Account
		old      []previous
	}
	jobs := make(chan job, 1)
	go func() {
		defer close(jobs)
		var lastID int64
		for {
			accounts, old, err := loadLiveAccounts(db, lastID)
			if err != nil {
				send(scored{err: err})
				return
			}
			if len(accounts) == 0 {
				return
			}
			lastID = accounts[len(accounts)-1].ID
			select {
			case jobs <- job{accounts, old}:
			case <-stop:
				return
			}
		}
	}()
	week := store.NewDate(engagement.WeekStart(asOf))
	computedAt := s.now().UTC()
	var wg sync.WaitGroup
	for range scoreWorkers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			json := newBreakdownWriter()
			for j := range jobs {
				b, err := scoreBatch(db, set, asOf, win, j.accounts, j.old, week, computedAt, json)
				if err != nil {
					b = scored{err: err}
				}
				if !send(b) {
					// Let the account reader see stop, or finish, and go.
					for range jobs {
					}
					return
				}
			}
		}()
	}
	wg.Wait()
}

// scoreWorkers is how many batches are read and scored at once: one per
// core, at most the read connections a store keeps (store.Open keeps four
// or more; one of them reads the accounts).
func scoreWorkers() int { return min(max(1, runtime.GOMAXPROCS(0)), 3) }

// scoreBatch reads a batch of accounts' inputs and scores them.
func scoreBatch(db *gorm.DB, set Settings, asOf time.Time, win usageWindow, accounts []store.Account, old []previous,
	week store.Date, computedAt time.Time, json *breakdownWriter) (scored, error) {
	inputs, err := loadInputs(db, accounts, set.Engagement, win)
	if err != nil {
		return scored{}, err
	}
	b := scored{rows: make([]store.HealthScore, 0, len(accounts))}
	for i, a := range accounts {
		in := inputs[a.ID]
		score := set.Model.Evaluate(in.measures)
		b.rows = append(b.rows, store.HealthScore{AccountID: a.ID, WeekStart: week, Score: score.Score,
			Class: string(score.Class), EngagementClass: string(in.trend.Class), Breakdown: string(json.write(score.Breakdown)), ComputedAt: computedAt})
		now := current{id: a.ID, score: score.Score, class: string(score.Class), engagement: string(in.trend.Class)}
		if was := old[i]; was.score == nil || *was.score != now.score || a.HealthClass != now.class || was.engagement != now.engagement {
			b.changed = append(b.changed, now)
		}
		if a.HealthClass != "" && a.HealthClass != now.class {
			b.reclassed++
		}
	}
	return b, nil
}

// previous is what an account's current health was before the recompute.
type previous struct {
	score      *float64
	engagement string
}

// loadLiveAccounts reads the next batch of live accounts after lastID with
// the fields a score needs and their current health: plain row scans, as at
// 100,000 accounts full models would cost more than the scoring itself.
func loadLiveAccounts(db *gorm.DB, lastID int64) ([]store.Account, []previous, error) {
	rows, err := db.Raw(`SELECT id, seats, payment_status, overdue_since, csm_sentiment, health_class, health_score, engagement_class FROM accounts
		WHERE id > ? AND status <> ? ORDER BY id LIMIT ?`, lastID, "churned", recomputeBatch).Rows()
	if err != nil {
		return nil, nil, fmt.Errorf("load accounts: %w", err)
	}
	defer rows.Close()
	accounts := make([]store.Account, 0, recomputeBatch)
	old := make([]previous, 0, recomputeBatch)
	for rows.Next() {
		var a store.Account
		var p previous
		var overdue sql.Null[store.Date]
		var sentiment sql.NullInt64
		var score sql.NullFloat64
		if err := rows.Scan(&a.ID, &a.Seats, &a.PaymentStatus, &overdue, &sentiment, &a.HealthClass, &score, &p.engagement); err != nil {
			return nil, nil, fmt.Errorf("read account: %w", err)
		}
		if overdue.Valid {
			a.OverdueSince = &overdue.V
		}
		if sentiment.Valid {
			v := int(sentiment.Int64)
			a.CSMSentiment = &v
		}
		if score.Valid {
			p.score = &score.Float64
		}
		accounts = append(accounts, a)
		old = append(old, p)
	}
	return accounts, old, rows.Err()
}

// storeCurrent writes the accounts' current health: each live account whose
// health changed, through one prepared UPDATE, and, as every recompute
// always has, churned accounts scored earlier in the week take the week's
// stored score again where it differs.
func storeCurrent(tx *gorm.DB, changed []current, week store.Date) error {
	if len(changed) > 0 {
		ctx := tx.Statement.Context
		st, err := tx.Statement.ConnPool.PrepareContext(ctx, store.Placeholders(tx.Dialector.Name(),
			`UPDATE accounts SET health_score = ?, health_class = ?, engagement_class = ? WHERE id = ?`))
		if err != nil {
			return fmt.Errorf("update current health: %w", err)
		}
		defer st.Close()
		for _, c := range changed {
			if _, err := st.ExecContext(ctx, c.score, c.class, c.engagement, c.id); err != nil {
				return fmt.Errorf("update current health: %w", err)
			}
		}
	}
	// Driven by the churned accounts (a few in a hundred), each looking up
	// its own score of the week.
	err := tx.Exec(`UPDATE accounts SET (health_score, health_class, engagement_class) =
		(SELECT h.score, h.class, h.engagement_class FROM health_scores h WHERE h.account_id = accounts.id AND h.week_start = ?)
		WHERE status = ? AND EXISTS (SELECT 1 FROM health_scores h WHERE h.account_id = accounts.id AND h.week_start = ?
		AND (accounts.health_score IS NULL OR accounts.health_score <> h.score OR accounts.health_class <> h.class OR accounts.engagement_class <> h.engagement_class))`,
		week, "churned", week).Error
	if err != nil {
		return fmt.Errorf("update current health of churned accounts: %w", err)
	}
	return nil
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
