package loyalty_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/loyalty"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestUpgradeOfAPoorAccountIsHeld: both accounts reach Silver (6 months'
// tenure); "Healthy" gets its congratulations, "Struggling" (health poor)
// gets the task held back with the reason, so no one congratulates an
// account at risk.
func TestUpgradeOfAPoorAccountIsHeld(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		today := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
		svc := loyalty.NewService(s, check.New(), func() time.Time { return today })
		if _, err := svc.SaveTier(ctx, 0, loyalty.TierInput{Name: "Silver", Rank: 1, MinTenureMonths: 6}); err != nil {
			t.Fatal(err)
		}
		for _, a := range []store.Account{
			{Name: "Healthy", HealthClass: "good"},
			{Name: "Struggling", HealthClass: "poor"},
		} {
			a.SearchText, a.Segment, a.Currency, a.Status, a.Owner, a.PaymentStatus = strings.ToLower(a.Name), "smb", "EUR", "active", "Sarah", "ok"
			a.MRR, a.ContractStart = 50000, date("2025-01-10")
			if err := s.Write(ctx).Create(&a).Error; err != nil {
				t.Fatal(err)
			}
		}
		if res, err := svc.Evaluate(ctx, today); err != nil || res.Up != 2 {
			t.Fatalf("evaluate: %+v %v", res, err)
		}
		var rows []struct {
			Name, Status, HeldReason string
		}
		s.Read(ctx).Table("tasks").Joins("JOIN accounts ON accounts.id = tasks.account_id").
			Select("accounts.name, tasks.status, tasks.held_reason").Where("tasks.trigger = ?", "tier_upgrade").Scan(&rows)
		var got []string
		for _, r := range rows {
			got = append(got, r.Name+":"+r.Status+":"+r.HeldReason)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != "Healthy:open: Struggling:held:poor_health" {
			t.Errorf("upgrade tasks: %v", got)
		}
	})
}
