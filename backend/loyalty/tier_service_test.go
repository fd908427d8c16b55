package loyalty_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/fault"
	"churndesk/backend/loyalty"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/texts"
)

func date(s string) store.Date { d, _ := store.ParseDate(s); return d }

func TestEvaluateOverridesAndMoves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		today := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
		clock := today
		svc := loyalty.NewService(s, check.New(), func() time.Time { return clock })
		silver, err := svc.SaveTier(ctx, 0, loyalty.TierInput{Name: "Silver", Rank: 1, MinTenureMonths: 6})
		if err != nil {
			t.Fatal(err)
		}
		gold, _ := svc.SaveTier(ctx, 0, loyalty.TierInput{Name: "Gold", Rank: 2, MinTenureMonths: 12, MinMRR: 100000,
			Benefits: []loyalty.Benefit{{Kind: "priority_service", Description: "Named support engineer"}}})
		if _, err := svc.SaveTier(ctx, 0, loyalty.TierInput{Name: "Gold", Rank: 5}); !hasField(err, "name") {
			t.Errorf("duplicate tier name: %v", err)
		}
		accs := []store.Account{
			{Name: "Big", MRR: 100000, ContractStart: date("2025-11-24")},   // exactly 12 months, MRR at the minimum → Gold
			{Name: "Small", MRR: 99999, ContractStart: date("2025-11-24")},  // one cent short → Silver
			{Name: "Young", MRR: 500000, ContractStart: date("2026-06-01")}, // 5 months → none
		}
		for i := range accs {
			a := &accs[i]
			a.SearchText, a.Segment, a.Currency, a.Status, a.Owner, a.PaymentStatus = strings.ToLower(a.Name), "smb", "EUR", "active", "Sarah", "ok"
			if err := s.Write(ctx).Create(a).Error; err != nil {
				t.Fatal(err)
			}
		}
		res, err := svc.Evaluate(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		if res.ByTier["Gold"] != 1 || res.ByTier["Silver"] != 1 || res.ByTier[""] != 1 || res.Up != 2 {
			t.Errorf("evaluation = %+v", res)
		}
		big, _ := svc.Account(ctx, accs[0].ID)
		if big.Tier != "Gold" || len(big.Benefits) != 1 || big.Moves[0].Reason != "tenure 12 months ≥ 12 months, MRR 1,000.00 ≥ 1,000.00" {
			t.Errorf("Big = %+v", big)
		}
		if pl, _ := svc.Account(texts.WithLang(ctx, "pl"), accs[0].ID); strings.ReplaceAll(pl.Moves[0].Reason, "\u00a0", " ") != "staż 12 miesięcy ≥ 12 miesięcy, MRR 1000,00 ≥ 1000,00" {
			t.Errorf("Big's move in pl = %q", pl.Moves[0].Reason)
		}
		var tasks []store.Task
		s.Read(ctx).Where("trigger = ?", "tier_upgrade").Find(&tasks)
		if len(tasks) != 2 || !strings.Contains(tasks[0].Title+tasks[1].Title, "reaching Gold") {
			t.Errorf("recognition tasks = %+v", tasks)
		}
		// Pin Small to Gold until 2026-12-31: the override outranks the rules.
		until := "2026-12-31"
		if _, err := svc.SetOverride(ctx, "Anna", accs[1].ID, loyalty.OverrideInput{TierID: &gold.ID, Reason: "Strategic logo", ExpiresOn: until}); err != nil {
			t.Fatal(err)
		}
		svc.Evaluate(ctx, today)
		small, _ := svc.Account(ctx, accs[1].ID)
		if small.Tier != "Gold" || small.Override == nil || small.Override.TierName != "Gold" {
			t.Errorf("Small with override = %+v", small)
		}
		// After the override expires the rules apply again: a logged downgrade.
		clock = time.Date(2027, 1, 2, 9, 0, 0, 0, time.UTC)
		svc.Evaluate(ctx, clock)
		small, _ = svc.Account(ctx, accs[1].ID)
		if small.Tier != "Silver" || small.Moves[0].Direction != "down" || small.Moves[0].From != "Gold" || small.Moves[0].Reason != "tenure 13 months ≥ 6 months" {
			t.Errorf("Small after expiry = %+v", small.Moves)
		}
		// A rule change demotes Big, and the move says why.
		svc.SaveTier(ctx, gold.ID, loyalty.TierInput{Name: "Gold", Rank: 2, MinTenureMonths: 12, MinMRR: 200000})
		svc.Evaluate(ctx, clock)
		big, _ = svc.Account(ctx, accs[0].ID)
		if big.Tier != "Silver" || big.Moves[0].Direction != "down" {
			t.Errorf("Big after raising Gold's minimum = %+v", big.Moves)
		}
		prev, err := svc.Preview(ctx, loyalty.PreviewInput{Tiers: []loyalty.TierInput{{Name: "Everyone", Rank: 1}}})
		if err != nil || prev.Counts["Everyone"] != 3 {
			t.Errorf("preview = %+v %v", prev, err)
		}
		// By 2027-01-02 Young has 7 months of tenure: all three are Silver.
		dist, _ := svc.Distribution(ctx)
		if len(dist.Items) != 3 || dist.Items[0].Tier != "Gold" || dist.Items[1].Tier != "Silver" || dist.Items[1].Accounts != 3 || *dist.Items[1].RetentionPc != 100 {
			t.Errorf("distribution = %+v", dist.Items)
		}
		_ = silver
		if _, err := svc.SetOverride(ctx, "Anna", accs[2].ID, loyalty.OverrideInput{Reason: "x", ExpiresOn: "2020-01-01"}); !hasField(err, "expires_on") {
			t.Errorf("override expiring in the past: %v", err)
		}
	})
}

func hasField(err error, f string) bool {
	fe, ok := fault.As(err)
	return ok && fe.Fields[f] != ""
}
