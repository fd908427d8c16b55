package boot

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"churndesk/backend/store"
)

// refreshKey stores the last day the daily refresh ran.
const refreshKey = "daily_refresh"

// Refresh scores every account for today and evaluates the triggers, so the
// morning's tasks are waiting. It runs at most once a day unless forced.
func (b *Backend) Refresh(ctx context.Context, today time.Time, force bool) error {
	day := store.NewDate(today).String()
	var last string
	if _, err := store.LoadSetting(b.Store.Read(ctx), refreshKey, &last); err != nil {
		return err
	}
	if last == day && !force {
		return nil
	}
	if _, err := b.Health.Recompute(ctx, today); err != nil {
		return err
	}
	if _, err := b.Playbooks.Evaluate(ctx, today); err != nil {
		return err
	}
	return store.SaveSetting(b.Store.Write(ctx), refreshKey, day, time.Now().UTC())
}

// RunDailyRefresh refreshes now and then every hour until ctx ends; the
// serve command and the desktop window start it in the background.
func (b *Backend) RunDailyRefresh(ctx context.Context, log *slog.Logger) {
	for {
		if err := b.Refresh(ctx, time.Now().UTC(), false); err != nil && ctx.Err() == nil {
			log.Error("daily refresh", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Hour):
		}
	}
}

// refreshHistory scores the weeks up to today after a demo load, oldest
// first, so charts have a history; then it evaluates today's triggers.
func (b *Backend) refreshHistory(ctx context.Context, today time.Time, weeks int) error {
	for w := weeks - 1; w >= 1; w-- {
		if _, err := b.Health.Recompute(ctx, today.AddDate(0, 0, -7*w)); err != nil {
			return fmt.Errorf("score week -%d: %w", w, err)
		}
	}
	if _, err := b.Offboarding.Backfill(ctx, store.NewDate(today.AddDate(0, 0, -45))); err != nil {
		return err
	}
	return b.Refresh(ctx, today, true)
}
