package app

import (
	"context"
	"log/slog"
	"time"

	"churndesk/backend/boot"
)

// refreshDelay is how long the window has to itself before the daily
// refresh starts: the dashboard's first reads come first.
const refreshDelay = 20 * time.Second

// runBackground starts, for as long as ctx lasts, what serve runs beside
// its requests: outgoing notifications at once and, after delay, the daily
// refresh (health, stored forecasts, playbook triggers, tiers), the daily
// backup and the weekly retraining of the risk model, so a team working
// only in the desktop window finds its morning's tasks waiting too.
func runBackground(ctx context.Context, b *boot.Backend, delay time.Duration, log *slog.Logger) {
	go b.RunNotifications(ctx, log)
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		b.RunDailyRefresh(ctx, log)
	}()
}
