package boot

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/demo"
	"churndesk/backend/qbr"
	"churndesk/backend/referrals"
	"churndesk/backend/risk"
	"churndesk/backend/store"
)

// refreshKey stores the last day the daily refresh ran.
const refreshKey = "daily_refresh"

// Refresh scores every account's health and churn risk for today and
// evaluates the triggers, so the morning's tasks are waiting. It runs at most once a day unless forced.
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
	if _, _, err := b.Risk.StoreScores(ctx, risk.Query{AsOf: store.NewDate(today).String()}); err != nil {
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
		b.retrainRisk(ctx, log)
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
	if err := b.Refresh(ctx, today, true); err != nil {
		return err
	}
	return b.sampleQBRs(ctx, today)
}

// sampleQBRs finishes last quarter's QBRs of the three biggest due accounts
// of a sample portfolio, from the draft the data gives, so a newcomer sees
// what a finished one looks like.
func (b *Backend) sampleQBRs(ctx context.Context, today time.Time) error {
	last := qbr.QuarterOf(today).Previous().String()
	due, err := b.QBR.Due(ctx, qbr.DueQuery{Quarter: last, Limit: 3})
	if err != nil {
		return err
	}
	for _, d := range due.Items {
		if d.Status != "new" {
			continue
		}
		r, err := b.QBR.Report(ctx, d.AccountID, last)
		if err != nil {
			return err
		}
		e := r.Edited
		e.Drafted = nil
		e.Goals = []qbr.Goal{
			{Goal: "Roll out reporting to the finance team", Outcome: "All analysts use the weekly dashboards", Status: "met"},
			{Goal: "Connect the CRM integration", Outcome: "Connected for EMEA; North America next quarter", Status: "partly"},
		}
		e.Value.KPIs = append(e.Value.KPIs,
			qbr.KPI{Name: "Hours on the monthly close", Unit: qbr.UnitHours, Direction: qbr.Lower, Before: 36, After: 21.5},
			qbr.KPI{Name: "Tickets reopened", Unit: qbr.UnitPercent, Direction: qbr.Lower, Before: 8, After: 11})
		e.SupportSummary = "18 tickets, median first reply 2 hours; one incident on exports, fixed within a day."
		e.Risks = append(e.Risks, "Reopened tickets rose: review the export fixes with the support lead.")
		e.NextGoals = []string{"Connect the CRM for North America", "Cut reopened tickets back below 8 %", "Automate the board report"}
		if _, err := b.QBR.Save(ctx, d.Owner, d.AccountID, last, qbr.SaveInput{Status: "final", Language: "en", Edited: e}); err != nil {
			return fmt.Errorf("sample QBR of account %d: %w", d.AccountID, err)
		}
	}
	return nil
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
