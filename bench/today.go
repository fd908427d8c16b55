package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// todayOpenTasks is how many open tasks the Today target is stated for.
const todayOpenTasks = 1000

// todayOpen is what the Today screen asks for when it opens: each group's
// first page (with every group's count), the known owners and the firing
// log, all at once as the webview sends them.
var todayOpen = []string{
	"/api/v1/today?group=overdue&limit=10",
	"/api/v1/today?group=today&limit=10",
	"/api/v1/today?group=week&limit=10",
	"/api/v1/owners",
	"/api/v1/triggers/recent?limit=20",
}

// today measures opening the Today screen on the portfolio as the
// generator leaves it, then again once the team has worked its inbox down
// to 1,000 open tasks (the rest marked done), the size the target names.
func (r *run) today(base string) {
	ctx := context.Background()
	b := r.open()
	defer b.Close()
	count := func() int64 {
		var n int64
		must(b.Store.Read(ctx).Table("tasks").Where("status = 'open'").Count(&n).Error)
		return n
	}
	r.todayOpen(base, "Today screen opens, every open task as generated", fmt.Sprintf("%d open tasks", count()), false)
	err := b.Store.Write(ctx).Exec(`UPDATE tasks SET status = 'done', done_at = ? WHERE status = 'open' AND id NOT IN
		(SELECT id FROM tasks WHERE status = 'open' ORDER BY id % 97, id LIMIT ?)`, time.Now().UTC(), todayOpenTasks).Error
	must(err)
	if r.engine == "postgres" {
		// A team works its inbox down over weeks, long enough for
		// PostgreSQL's autoanalyze to see it; one UPDATE of 185,000 tasks
		// would otherwise be timed in the minute before it runs, planned on
		// statistics of the inbox as it was.
		must(b.Store.Write(ctx).Exec(`ANALYZE tasks`).Error)
	}
	r.todayOpen(base, fmt.Sprintf("Today screen opens, %d open tasks", todayOpenTasks), fmt.Sprintf("%d open tasks", count()), true)
}

// todayOpen times the Today screen's calls sent together, 20 times;
// targeted says whether the 200 ms target applies.
func (r *run) todayOpen(base, name, tasks string, targeted bool) {
	var times []time.Duration
	for range 20 {
		t0 := time.Now()
		var wg sync.WaitGroup
		errs := make(chan error, len(todayOpen))
		for _, path := range todayOpen {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := http.Get(base + path)
				if err != nil {
					errs <- err
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != 200 {
					errs <- fmt.Errorf("%s: %d", path, res.StatusCode)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			must(err)
		}
		times = append(times, time.Since(t0))
	}
	p50, p95 := percentiles(times)
	note := fmt.Sprintf("%s; p50 %s ms; three groups' first pages, owners and firings at once", tasks, show(p50))
	if targeted {
		r.within(name+" (p95)", p95, "ms", 200, "p95 ", note)
	} else {
		r.add(name+" (p95)", p95, "ms", "", nil, note)
	}
}
