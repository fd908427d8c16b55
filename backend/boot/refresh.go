package boot

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/demo"
	"churndesk/backend/referrals"
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
	if _, err := b.Loyalty.Evaluate(ctx, today); err != nil {
		return err
	}
	return store.SaveSetting(b.Store.Write(ctx), refreshKey, day, time.Now().UTC())
}

// RunDailyRefresh refreshes now and then every hour until ctx ends; the
// serve command and the desktop window start it in the background.
func (b *Backend) RunDailyRefresh(ctx context.Context, log *slog.Logger) {
	for {
		if err := b.Refresh(ctx, b.now(), false); err != nil && ctx.Err() == nil {
			log.Error("daily refresh", "err", err)
		}
		if err := b.dailyBackup(ctx, time.Now().UTC()); err != nil && ctx.Err() == nil {
			log.Error("daily backup", "err", err)
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
	if err := b.sampleProgramme(ctx, today); err != nil {
		return err
	}
	return b.Refresh(ctx, today, true)
}

// sampleProgramme gives a sample portfolio three loyalty tiers and a few
// referrals, when it has none yet.
func (b *Backend) sampleProgramme(ctx context.Context, today time.Time) error {
	tiers, err := b.Loyalty.Tiers(ctx)
	if err != nil || len(tiers.Items) > 0 {
		return err
	}
	for _, t := range demo.SampleTiers() {
		if _, err := b.Loyalty.SaveTier(ctx, 0, t); err != nil {
			return err
		}
	}
	list, err := b.Accounts.List(ctx, accounts.ListQuery{Filter: accounts.Filter{Status: "active", Health: "good"}, Page: accounts.Page{Limit: 12, Sort: "-mrr"}})
	if err != nil {
		return err
	}
	for i, in := range demo.SampleReferrals(list.Items, today) {
		r, err := b.Referrals.Create(ctx, in)
		if err != nil {
			return err
		}
		switch i % 4 {
		case 1:
			_, err = b.Referrals.Move(ctx, r.ID, referrals.StatusInput{Status: "trial"})
		case 2:
			_, err = b.Referrals.Move(ctx, r.ID, referrals.StatusInput{Status: "lead"})
		case 3:
			_, err = b.Referrals.Move(ctx, r.ID, referrals.StatusInput{Status: "declined"})
		}
		if err != nil {
			return err
		}
	}
	return nil
}
