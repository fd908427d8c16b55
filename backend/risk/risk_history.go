package risk

import (
	"database/sql"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/calendar"
	"churndesk/backend/engagement"
	"churndesk/backend/fx"
	"churndesk/backend/store"
)

// subject asks for one account's measures on one landmark day, for the
// customer life that started on From.
type subject struct {
	Account  int64
	From     time.Time
	Landmark int // index into the landmark days
}

// accountFacts are the account fields that have no history.
type accountFacts struct {
	segment, plan, currency, payment string
	seats                            int
	overdueSince                     *time.Time
	cardMonth, cardYear              sql.NullInt64
	sentiment                        sql.NullInt64
}

// measurer reads, in a few streamed queries for any number of accounts,
// what each subject's measures need, never anything dated after the latest
// landmark day: usage weeks, NPS answers, MRR movements and tasks.
type measurer struct {
	db        *gorm.DB
	conv      *fx.Converter
	es        engagement.Settings
	loc       *time.Location
	landmarks []time.Time
	windowEnd []time.Time // per landmark: the latest complete reported week before it
	only      []int64     // when set, only these accounts' rows are read
}

// scope narrows a query to the measurer's accounts when it has a list.
func (m *measurer) scope(q string, args ...any) (string, []any) {
	if m.only == nil {
		return q, args
	}
	return q + " AND account_id IN ?", append(args, m.only)
}

// measure returns the measures of every subject, in the same order.
func (m *measurer) measure(subjects []subject) ([]Measures, error) {
	out := make([]Measures, len(subjects))
	if len(subjects) == 0 {
		return out, nil
	}
	last := m.landmarks[0]
	for _, l := range m.landmarks {
		if l.After(last) {
			last = l
		}
	}
	m.windowEnd = make([]time.Time, len(m.landmarks))
	for k, l := range m.landmarks {
		// Only complete weeks: the week still running on the day holds days after it.
		prev := engagement.WeekStart(l).AddDate(0, 0, -7)
		latest, ok, err := store.LatestUsageWeek(m.db, store.NewDate(prev))
		if err != nil {
			return nil, err
		}
		m.windowEnd[k] = engagement.WindowEnd(l, latest.Time, ok, false)
	}
	byAccount := map[int64][]int{}
	for i, s := range subjects {
		byAccount[s.Account] = append(byAccount[s.Account], i)
	}
	facts, err := m.loadAccounts()
	if err != nil {
		return nil, err
	}
	for i, s := range subjects {
		f := facts[s.Account]
		l := m.landmarks[s.Landmark]
		o := &out[i]
		o.TenureMonths = float64(calendar.WholeMonths(s.From, l))
		next := s.From
		for k := 1; !next.After(l); k++ {
			next = calendar.AddYears(s.From, k)
		}
		o.RenewalDays = int(next.Sub(l).Hours() / 24)
		o.Segment, o.Plan, o.Seats = f.segment, f.plan, f.seats
		o.LoginDays = maxLoginDays
		if f.payment == "overdue" && f.overdueSince != nil && !f.overdueSince.After(l) {
			o.Overdue, o.OverdueDays = true, int(l.Sub(*f.overdueSince).Hours()/24)
		}
		if f.cardMonth.Valid && f.cardYear.Valid && f.cardMonth.Int64 >= 1 && f.cardMonth.Int64 <= 12 {
			y, mo := int(f.cardYear.Int64), time.Month(f.cardMonth.Int64)
			expiry := time.Date(y, mo, calendar.DaysIn(y, mo), 0, 0, 0, 0, time.UTC)
			o.CardExpiring = !expiry.Before(l) && !expiry.After(l.AddDate(0, 0, 60))
		}
		if f.sentiment.Valid {
			v := int(f.sentiment.Int64)
			o.Sentiment = &v
		}
	}
	// Usage fills other fields of each subject than answers, MRR and tasks
	// do: the two reads run side by side.
	var usageErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		usageErr = m.usage(subjects, byAccount, out)
	}()
	err = m.nps(subjects, byAccount, out, last)
	if err == nil {
		err = m.mrr(subjects, byAccount, out, last, facts)
	}
	if err == nil {
		err = m.tasks(subjects, byAccount, out, last)
	}
	<-done
	if err := errors.Join(usageErr, err); err != nil {
		return nil, err
	}
	return out, nil
}

func (m *measurer) loadAccounts() (map[int64]accountFacts, error) {
	q := `SELECT id, segment, plan, currency, payment_status, seats, CAST(overdue_since AS TEXT),
		card_expiry_month, card_expiry_year, csm_sentiment FROM accounts`
	var args []any
	if m.only != nil {
		q, args = q+" WHERE id IN ?", append(args, m.only)
	}
	rows, err := m.db.Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	defer rows.Close()
	out := map[int64]accountFacts{}
	for rows.Next() {
		var id int64
		var f accountFacts
		var overdue sql.NullString
		if err := rows.Scan(&id, &f.segment, &f.plan, &f.currency, &f.payment, &f.seats, &overdue, &f.cardMonth, &f.cardYear, &f.sentiment); err != nil {
			return nil, fmt.Errorf("read accounts: %w", err)
		}
		if d, ok := dayOf(overdue.String); ok {
			f.overdueSince = &d
		}
		out[id] = f
	}
	return out, rows.Err()
}

// dayOf reads the date at the start of a database text value.
func dayOf[T ~string | ~[]byte](s T) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	if s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		mo, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && mo >= 1 && mo <= 12 && d >= 1 && d <= calendar.DaysIn(y, time.Month(mo)) {
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
		}
	}
	d, err := time.Parse(time.DateOnly, string(s[:10]))
	return d, err == nil
}

// digits reads a run of decimal digits.
func digits[T ~string | ~[]byte](s T) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// usageBatch is how many accounts' usage one query reads.
const usageBatch = 1000

// usageWorkers is how many batches are read at once, at most (and no more
// than the cores).
const usageWorkers = 4

// epochDay numbers a UTC calendar day: days since 1970-01-01.
func epochDay(t time.Time) int32 { return int32(t.Unix() / 86400) }

// usageWeek is one account's usage snapshot, its week as an epoch day.
type usageWeek struct {
	day    int32
	active int
	logins int
	login  string // as the database writes it: one layout, so text order is time order
}

// usage reads the usage weeks from the earliest window's start (or 97 days
// before the earliest landmark, for login recency) to the latest window's
// end, by batches of accounts, and fills each subject's engagement
// measures. A subject's login recency looks back from its own landmark
// (the earlier of 97 days and its window's start), whatever other
// landmarks the same read serves.
func (m *measurer) usage(subjects []subject, byAccount map[int64][]int, out []Measures) error {
	window := m.es.WindowWeeks
	endDay := make([]int32, len(m.landmarks))
	startDay := make([]int32, len(m.landmarks))
	loginDay := make([]int32, len(m.landmarks))
	from, to := m.windowEnd[0], m.windowEnd[0]
	for k, l := range m.landmarks {
		e := m.windowEnd[k]
		s := e.AddDate(0, 0, -7*(window-1))
		lf := l.AddDate(0, 0, -maxLoginDays-7)
		if s.Before(lf) {
			lf = s
		}
		endDay[k], startDay[k], loginDay[k] = epochDay(e), epochDay(s), epochDay(lf)
		if lf.Before(from) {
			from = lf
		}
		if e.After(to) {
			to = e
		}
	}
	// readBatch reads and measures one batch of accounts; batches share
	// nothing, so they run side by side on the reader's connections.
	readBatch := func(batch []int64) error {
		var current int64 = -1
		var weeks []usageWeek
		var filled []engagement.Week
		flush := func() {
			for _, i := range byAccount[current] {
				k := subjects[i].Landmark
				l, end, start := m.landmarks[k], endDay[k], startDay[k]
				hi, _ := slices.BinarySearchFunc(weeks, end+1, func(w usageWeek, d int32) int { return int(w.day - d) })
				lo, _ := slices.BinarySearchFunc(weeks[:hi], loginDay[k], func(w usageWeek, d int32) int { return int(w.day - d) })
				latest := ""
				for _, w := range weeks[lo:hi] {
					if w.login > latest {
						latest = w.login
					}
				}
				o := &out[i]
				var login store.NullTime
				if latest != "" && login.Scan(latest) == nil && login.Valid {
					local := login.Time.In(m.loc)
					if !local.After(time.Date(l.Year(), l.Month(), l.Day(), 23, 59, 59, 0, m.loc)) {
						o.LoginDays = min(maxLoginDays, max(0, engagement.DaysSince(&local, l)))
						o.HasLogin = true
					}
				}
				first, _ := slices.BinarySearchFunc(weeks[:hi], start, func(w usageWeek, d int32) int { return int(w.day - d) })
				given := weeks[first:hi]
				if len(given) == 0 {
					continue
				}
				// Weeks before the first snapshot are unknown; missing weeks after
				// it are zero (a repeated week: the last read counts).
				filled = filled[:0]
				p := 0
				for d := given[0].day; d <= end; d += 7 {
					w := engagement.Week{Start: time.Unix(int64(d)*86400, 0).UTC()}
					for p < len(given) && given[p].day < d {
						p++
					}
					for p < len(given) && given[p].day == d {
						w.ActiveUsers, w.Logins = given[p].active, given[p].logins
						p++
					}
					filled = append(filled, w)
				}
				t := engagement.TrendOf(filled, m.es)
				o.Slope, o.Class, o.HasUsage = t.SlopePctPerWeek, t.Class, true
				o.SeatUse = engagement.SeatUtilisation(filled[len(filled)-1].ActiveUsers, o.Seats)
			}
		}
		// By batches of accounts in id order, along the (account, week) index:
		// the rows come sorted without the database sorting a million of them.
		rows, err := m.db.Raw(`SELECT account_id, CAST(week_start AS TEXT), active_users, logins, CAST(last_login_at AS TEXT) FROM usage_snapshots
			WHERE account_id IN ? AND week_start >= ? AND week_start <= ? ORDER BY account_id, week_start`,
			batch, store.NewDate(from), store.NewDate(to)).Rows()
		if err != nil {
			return fmt.Errorf("load usage: %w", err)
		}
		defer rows.Close()
		var day sql.RawBytes
		for rows.Next() {
			var id int64
			var w usageWeek
			var loginText sql.NullString
			if err := rows.Scan(&id, &day, &w.active, &w.logins, &loginText); err != nil {
				return fmt.Errorf("read usage: %w", err)
			}
			if id != current {
				flush()
				current, weeks = id, weeks[:0]
			}
			d, _ := dayOf(day)
			w.day = epochDay(d)
			w.login = loginText.String
			weeks = append(weeks, w)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read usage: %w", err)
		}
		flush()
		return nil
	}
	ids := make([]int64, 0, len(byAccount))
	for id := range byAccount {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	batches := (len(ids) + usageBatch - 1) / usageBatch
	workers := min(runtime.GOMAXPROCS(0), usageWorkers, batches)
	var next atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b := int(next.Add(1)) - 1
				if b >= batches {
					return
				}
				if err := readBatch(ids[b*usageBatch : min((b+1)*usageBatch, len(ids))]); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// nps sets each subject's latest NPS answer on or before its landmark.
func (m *measurer) nps(subjects []subject, byAccount map[int64][]int, out []Measures, last time.Time) error {
	q, args := m.scope(`SELECT account_id, score, CAST(responded_on AS TEXT) FROM nps_responses WHERE responded_on <= ?`, store.NewDate(last))
	rows, err := m.db.Raw(q+" ORDER BY account_id, responded_on, id", args...).Rows()
	if err != nil {
		return fmt.Errorf("load NPS: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var score int
		var day string
		if err := rows.Scan(&id, &score, &day); err != nil {
			return fmt.Errorf("read NPS: %w", err)
		}
		on, _ := dayOf(day)
		for _, i := range byAccount[id] {
			if !on.After(m.landmarks[subjects[i].Landmark]) {
				v := score
				out[i].NPS = &v // answers come oldest first: the last one kept is the latest
			}
		}
	}
	return rows.Err()
}

// mrr sums each subject's MRR movements on or before its landmark and
// converts the sum to the home currency at that day's rate (the account's
// own currency when there is no rate).
func (m *measurer) mrr(subjects []subject, byAccount map[int64][]int, out []Measures, last time.Time, facts map[int64]accountFacts) error {
	q, args := m.scope(`SELECT account_id, CAST(date AS TEXT), amount, currency FROM mrr_movements WHERE date <= ?`, store.NewDate(last))
	rows, err := m.db.Raw(q+" ORDER BY account_id, date, id", args...).Rows()
	if err != nil {
		return fmt.Errorf("load MRR movements: %w", err)
	}
	defer rows.Close()
	type money struct {
		currency string
		minor    int64
	}
	sums := make([][]money, len(subjects))
	var day sql.RawBytes
	for rows.Next() {
		var id, amount int64
		var currency string
		if err := rows.Scan(&id, &day, &amount, &currency); err != nil {
			return fmt.Errorf("read MRR movements: %w", err)
		}
		on, _ := dayOf(day)
	subjects:
		for _, i := range byAccount[id] {
			if on.After(m.landmarks[subjects[i].Landmark]) {
				continue
			}
			for k := range sums[i] {
				if sums[i][k].currency == currency {
					sums[i][k].minor += amount
					continue subjects
				}
			}
			sums[i] = append(sums[i], money{currency, amount})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read MRR movements: %w", err)
	}
	for i, byCurrency := range sums {
		l := m.landmarks[subjects[i].Landmark]
		total := 0.0
		for _, c := range byCurrency {
			if v, ok := m.conv.Convert(c.minor, c.currency, l); ok {
				total += float64(v) / math.Pow10(fx.Digits(m.conv.Home()))
			} else {
				total += float64(c.minor) / math.Pow10(fx.Digits(c.currency))
			}
		}
		out[i].MRR = math.Max(0, total)
	}
	return nil
}

// tasks counts each subject's playbook tasks open at the end of its landmark.
// A task done two days or more before the earliest landmark is open on none.
func (m *measurer) tasks(subjects []subject, byAccount map[int64][]int, out []Measures, last time.Time) error {
	first := last
	for _, l := range m.landmarks {
		if l.Before(first) {
			first = l
		}
	}
	q, args := m.scope(`SELECT account_id, CAST(created_at AS TEXT), CAST(done_at AS TEXT) FROM tasks
		WHERE created_at < ? AND (done_at IS NULL OR done_at >= ?)`, last.AddDate(0, 0, 2), first.AddDate(0, 0, -2))
	rows, err := m.db.Raw(q, args...).Rows()
	if err != nil {
		return fmt.Errorf("load tasks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var created, done sql.NullString
		if err := rows.Scan(&id, &created, &done); err != nil {
			return fmt.Errorf("read tasks: %w", err)
		}
		var c, d store.NullTime
		if c.Scan(created.String) != nil || !c.Valid {
			continue
		}
		if done.Valid {
			_ = d.Scan(done.String)
		}
		for _, i := range byAccount[id] {
			l := m.landmarks[subjects[i].Landmark]
			endOfDay := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, m.loc)
			if c.Time.Before(endOfDay) && (!d.Valid || !d.Time.Before(endOfDay)) {
				out[i].OpenTasks++
			}
		}
	}
	return rows.Err()
}
