package loyalty_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/loyalty"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

func TestMovesAndDistributionMRR(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		today := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
		svc := loyalty.NewService(s, check.New(), func() time.Time { return today })
		if _, err := svc.SaveTier(ctx, 0, loyalty.TierInput{Name: "Gold", Rank: 2, MinMRR: 100000}); err != nil {
			t.Fatal(err)
		}
		accs := []store.Account{
			{Name: "Euro", MRR: 150000, Currency: "EUR"},
			{Name: "Dollar", MRR: 120000, Currency: "USD"},
			{Name: "Tiny", MRR: 5000, Currency: "EUR"},
		}
		for i := range accs {
			a := &accs[i]
			a.ContractStart = date("2025-01-01")
			a.SearchText, a.Segment, a.Status, a.Owner, a.PaymentStatus = strings.ToLower(a.Name), "smb", "active", "Sarah", "ok"
			if err := s.Write(ctx).Create(a).Error; err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.Evaluate(ctx, today); err != nil {
			t.Fatal(err)
		}
		moves, err := svc.Moves(ctx, loyalty.MoveQuery{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if moves.Total != 2 || len(moves.Items) != 1 {
			t.Fatalf("moves = %+v", moves)
		}
		m := moves.Items[0]
		if m.AccountName != "Dollar" || m.AccountID != accs[1].ID || m.To != "Gold" || m.Direction != "up" || m.Reason != "MRR 1,200.00 ≥ 1,000.00" {
			t.Errorf("newest move = %+v", m)
		}
		dist, err := svc.Distribution(ctx)
		if err != nil {
			t.Fatal(err)
		}
		gold, none := dist.Items[0], dist.Items[1]
		if gold.Tier != "Gold" || gold.Accounts != 2 || gold.MRR["EUR"] != 150000 || gold.MRR["USD"] != 120000 {
			t.Errorf("gold row = %+v", gold)
		}
		if none.Tier != "" || none.Accounts != 1 || none.MRR["EUR"] != 5000 || len(none.MRR) != 1 {
			t.Errorf("no-tier row = %+v", none)
		}
	})
}
