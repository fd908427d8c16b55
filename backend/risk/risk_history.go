package risk

import (
	"cmp"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
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
// what each subject's measures need, and uses nothing dated after the
// subject's own landmark day: usage weeks, NPS answers, MRR movements and
// tasks.
type measurer struct {
	db        *gorm.DB
	conv      *fx.Converter
	es        engagement.Settings
	loc       *time.Location
	landmarks []time.Time
	windowEnd []time.Time            // per landmark: the latest complete reported week before it
	only      []int64                // when set, only these accounts' rows are read
	facts     map[int64]accountFacts // the accounts' rows when read already (see loadAccounts)
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
	byAccount := make(map[int64][]int, len(subjects))
	for i, s := range subjects {
		byAccount[s.Account] = append(byAccount[s.Account], i)
		out[i].LoginDays = maxLoginDays // until a login is read
	}
	// Each read fills other fields of the subjects, so they all run at
	// once; usage, most of the rows, on workers of its own. Seat use needs
	// the seats as well, so it is worked out when they are done.
	latestActive := make([]int, len(subjects))
	reads := []func() error{
		func() error { return m.usage(subjects, byAccount, out, latestActive) },
		func() error { return m.accountFacts(subjects, out) },
		func() error { return m.nps(subjects, byAccount, out) },
		func() error { return m.mrr(subjects, byAccount, out, last) },
		func() error { return m.tasks(subjects, byAccount, out, last) },
	}
	errs := make([]error, len(reads))
	var wg sync.WaitGroup
	for r, read := range reads {
		wg.Go(func() { errs[r] = read() })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].HasUsage {
			out[i].SeatUse = engagement.SeatUtilisation(latestActive[i], out[i].Seats)
		}
	}
	return out, nil
}

// accountFacts fills each subject's fields that come from its account row
// and its life: tenure, renewal, segment, plan, seats, payment, card and
// sentiment.
func (m *measurer) accountFacts(subjects []subject, out []Measures) error {
	facts := m.facts
	if facts == nil {
		var err error
		if facts, err = m.loadAccounts(); err != nil {
			return err
		}
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
	return nil
}

// loadAccounts reads the account fields that have no history, by account.
func (m *measurer) loadAccounts() (map[int64]accountFacts, error) {
	q := `SELECT id, segment, plan, currency, payment_status, seats, CAST(overdue_since AS TEXT),
		card_expiry_month, card_expiry_year, csm_sentiment FROM accounts`
	var args []any
	if m.only != nil {
		q, args = q+" WHERE id IN ?", append(args, m.only)
	}
	out := map[int64]accountFacts{}
	nullInt := func(v driver.Value) sql.NullInt64 { return sql.NullInt64{Int64: store.RowInt(v), Valid: v != nil} }
	err := store.EachRow(m.db, q, args, func(row []driver.Value) error {
		f := accountFacts{segment: store.RowText(row[1]), plan: store.RowText(row[2]), currency: store.RowText(row[3]),
			payment: store.RowText(row[4]), seats: int(store.RowInt(row[5])),
			cardMonth: nullInt(row[7]), cardYear: nullInt(row[8]), sentiment: nullInt(row[9])}
		if d, ok := dayOf(store.RowText(row[6])); ok {
			f.overdueSince = &d
		}
		out[store.RowInt(row[0])] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	return out, nil
}

// nps sets each subject's latest NPS answer on or before its landmark: the
// one of the latest day, and of those the last written (highest id). The
// answers are read in table order and each is checked against the
// subject's own landmark here: a plain scan of the table costs a fraction
// of sorting the answers, or of visiting them along the date index all
// over the table.
func (m *measurer) nps(subjects []subject, byAccount map[int64][]int, out []Measures) error {
	q, args := `SELECT account_id, id, score, CAST(responded_on AS TEXT) FROM nps_responses`, []any(nil)
	if m.only != nil {
		q, args = q+" WHERE account_id IN ?", append(args, m.only)
	}
	type answer struct {
		day   int32
		id    int64
		score int
		found bool
	}
	latest := make([]answer, len(subjects))
	err := store.EachRow(m.db, q, args, func(row []driver.Value) error {
		id := store.RowInt(row[1])
		on, _ := dayOf(store.RowText(row[3]))
		d := epochDay(on)
		for _, i := range byAccount[store.RowInt(row[0])] {
			a := &latest[i]
			if !on.After(m.landmarks[subjects[i].Landmark]) && (!a.found || d > a.day || d == a.day && id > a.id) {
				*a = answer{day: d, id: id, score: int(store.RowInt(row[2])), found: true}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load NPS: %w", err)
	}
	for i, a := range latest {
		if a.found {
			v := a.score
			out[i].NPS = &v
		}
	}
	return nil
}

// mrr sums each subject's MRR movements on or before its landmark and
// converts the sum to the home currency at that day's rate (the account's
// own currency when there is no rate). The currencies are added up in the
// order of their first movements (by day, then id), so the total is the
// same whatever order the database returns the movements in; it reads
// them from an index that holds every column asked for, unsorted.
func (m *measurer) mrr(subjects []subject, byAccount map[int64][]int, out []Measures, last time.Time) error {
	q, args := m.scope(`SELECT account_id, id, CAST(date AS TEXT), amount, currency FROM mrr_movements WHERE date <= ?`, store.NewDate(last))
	type money struct {
		currency string
		minor    int64
		firstDay int32 // of the currency's first movement
		firstID  int64
	}
	sums := make([][]money, len(subjects))
	err := store.EachRow(m.db, q, args, func(row []driver.Value) error {
		id, amount, currency := store.RowInt(row[1]), store.RowInt(row[3]), store.RowText(row[4])
		on, _ := dayOf(store.RowText(row[2]))
		d := epochDay(on)
	subjects:
		for _, i := range byAccount[store.RowInt(row[0])] {
			if on.After(m.landmarks[subjects[i].Landmark]) {
				continue
			}
			for k := range sums[i] {
				if c := &sums[i][k]; c.currency == currency {
					c.minor += amount
					if d < c.firstDay || d == c.firstDay && id < c.firstID {
						c.firstDay, c.firstID = d, id
					}
					continue subjects
				}
			}
			sums[i] = append(sums[i], money{currency: currency, minor: amount, firstDay: d, firstID: id})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load MRR movements: %w", err)
	}
	for i, byCurrency := range sums {
		slices.SortFunc(byCurrency, func(x, y money) int {
			return cmp.Or(cmp.Compare(x.firstDay, y.firstDay), cmp.Compare(x.firstID, y.firstID))
		})
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
	endOfDay := make([]time.Time, len(m.landmarks)) // the next day's midnight in the team's zone
	for k, l := range m.landmarks {
		endOfDay[k] = time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, m.loc)
	}
	err := store.EachRow(m.db, q, args, func(row []driver.Value) error {
		c, ok := instantOf(store.RowText(row[1]))
		if !ok {
			return nil
		}
		d, isDone := instantOf(store.RowText(row[2])) // NULL reads as empty: not done
		for _, i := range byAccount[store.RowInt(row[0])] {
			end := endOfDay[subjects[i].Landmark]
			if c.Before(end) && (!isDone || !d.Before(end)) {
				out[i].OpenTasks++
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load tasks: %w", err)
	}
	return nil
}
