package reliability

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/store/storetest"
)

// TestClockJumpsStayIdempotent moves the app's clock a day back, a day
// forward and home again, running the daily refresh (health, triggers,
// tiers) at each step. What a step writes is dated no later than that
// step's day; back home, a second and a forced refresh change nothing (no
// task or tier move twice); the invariants hold. libfaketime cannot move a
// Go program's clock (Go reads the kernel's clock directly, not through the
// C library), so the clock is the one the backend is built with.
func TestClockJumpsStayIdempotent(t *testing.T) {
	home := time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			var mu sync.Mutex
			cur := home
			clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return cur }
			ctx := context.Background()
			b, err := boot.OpenWith(ctx, e.DSN, clock, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if _, err := b.Demo.Load(ctx, demo.Options{Accounts: 60, Seed: 8}); err != nil {
				t.Fatal(err)
			}
			type counts struct{ Tasks, Moves, Scores, MaxTask, MaxMove, MaxScore int64 }
			read := func() counts {
				var c counts
				db := b.Store.Read(ctx)
				db.Raw("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM tasks").Row().Scan(&c.Tasks, &c.MaxTask)
				db.Raw("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM tier_moves").Row().Scan(&c.Moves, &c.MaxMove)
				db.Raw("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM health_scores").Row().Scan(&c.Scores, &c.MaxScore)
				return c
			}
			start := read()
			checks := 0
			for _, step := range []struct {
				name string
				days int
			}{{"a day back", -1}, {"a day forward", +1}, {"home", 0}} {
				mu.Lock()
				cur = home.AddDate(0, 0, step.days)
				mu.Unlock()
				before := read()
				if err := b.Refresh(ctx, clock(), false); err != nil {
					t.Fatalf("%s: %v", step.name, err)
				}
				endOfDay := time.Date(cur.Year(), cur.Month(), cur.Day(), 23, 59, 59, 0, time.UTC)
				var future int64
				db := b.Store.Read(ctx)
				var n int64
				db.Raw("SELECT COUNT(*) FROM tasks WHERE id > ? AND created_at > ?", before.MaxTask, endOfDay).Scan(&n)
				future += n
				db.Raw(`SELECT COUNT(*) FROM tier_moves WHERE id > ? AND "at" > ?`, before.MaxMove, endOfDay).Scan(&n)
				future += n
				db.Raw("SELECT COUNT(*) FROM health_scores WHERE id > ? AND week_start > ?", before.MaxScore, endOfDay).Scan(&n)
				future += n
				if future > 0 {
					t.Errorf("%s: %d records written dated after %s", step.name, future, endOfDay.Format(time.DateOnly))
				}
				checks += mustHold(t, b, step.name)
			}
			back := read()
			for _, force := range []bool{false, true} {
				if err := b.Refresh(ctx, clock(), force); err != nil {
					t.Fatal(err)
				}
			}
			again := read()
			if again.Tasks != back.Tasks || again.Moves != back.Moves || again.Scores != back.Scores {
				t.Errorf("refreshing again at home changed tasks %d → %d, tier moves %d → %d, scores %d → %d",
					back.Tasks, again.Tasks, back.Moves, again.Moves, back.Scores, again.Scores)
			}
			checks += mustHold(t, b, "at the end")
			t.Logf("%s: clock −1 d, +1 d, home: tasks %d → %d, tier moves %d → %d, health scores %d → %d; a second and a forced refresh at home changed nothing; nothing dated after its step's day; %d invariant checks passed",
				e.Name, start.Tasks, again.Tasks, start.Moves, again.Moves, start.Scores, again.Scores, checks)
		})
	}
}
