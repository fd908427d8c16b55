package risk

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"churndesk/backend/engagement"
	"churndesk/backend/store"
)

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
// measures; for seat use it keeps the active users of the subject's latest
// reported week in latestActive. A subject's login recency looks back from its own landmark
// (the earlier of 97 days and its window's start), whatever other
// landmarks the same read serves.
func (m *measurer) usage(subjects []subject, byAccount map[int64][]int, out []Measures, latestActive []int) error {
	window := m.es.WindowWeeks
	endDay := make([]int32, len(m.landmarks))
	startDay := make([]int32, len(m.landmarks))
	loginDay := make([]int32, len(m.landmarks))
	lastSecond := make([]time.Time, len(m.landmarks)) // of the landmark day, in the team's zone
	from, to := m.windowEnd[0], m.windowEnd[0]
	for k, l := range m.landmarks {
		e := m.windowEnd[k]
		s := e.AddDate(0, 0, -7*(window-1))
		lf := l.AddDate(0, 0, -maxLoginDays-7)
		if s.Before(lf) {
			lf = s
		}
		endDay[k], startDay[k], loginDay[k] = epochDay(e), epochDay(s), epochDay(lf)
		lastSecond[k] = time.Date(l.Year(), l.Month(), l.Day(), 23, 59, 59, 0, m.loc)
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
		var weeks []usageWeek
		var filled []engagement.Week
		// measure fills the subjects of one account from its weeks.
		measure := func(account int64) {
			for _, i := range byAccount[account] {
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
				if login, ok := instantOf(latest); ok {
					local := login.In(m.loc)
					if !local.After(lastSecond[k]) {
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
				latestActive[i] = filled[len(filled)-1].ActiveUsers
			}
		}
		// By batches of accounts in id order, along the (account, week) index.
		return store.EachAccountUsage(m.db, batch, store.NewDate(from), store.NewDate(to), func(account int64, read []store.UsageWeek) error {
			weeks = weeks[:0]
			for _, w := range read {
				d, ok := dayOf(w.Week)
				if !ok {
					return fmt.Errorf("usage of account %d: unreadable week %q", account, w.Week)
				}
				weeks = append(weeks, usageWeek{day: epochDay(d), active: w.ActiveUsers, logins: w.Logins, login: w.LastLogin})
			}
			measure(account)
			return nil
		})
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
