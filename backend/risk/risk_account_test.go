package risk

import (
	"context"
	"reflect"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/demo"
	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestAccountEqualsItsScoresEntry trains on a sample portfolio and asks
// for single accounts — the riskiest, one from the middle and the least
// risky — both right after scoring the portfolio and from a fresh service
// that has scored nothing yet: each answer equals the account's entry in
// the portfolio's scores, field for field (probability, relative risk,
// MRR, expected loss, name, factors). A churned account is not found.
func TestAccountEqualsItsScoresEntry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := func() time.Time { return lookToday }
		if _, err := demo.NewLoader(s, check.New(), now, nil).Load(ctx, demo.Options{Accounts: 600, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		svc := NewService(s, check.New(), now)
		if _, err := svc.Train(ctx, "test", Query{}); err != nil {
			t.Fatal(err)
		}
		sc, err := svc.Score(ctx, ScoreQuery{Limit: 500, Lang: "ru"})
		if err != nil {
			t.Fatal(err)
		}
		if sc.Total < 300 || len(sc.Items) != min(500, sc.Total) {
			t.Fatalf("scores: %d of %d", len(sc.Items), sc.Total)
		}
		fresh := NewService(s, check.New(), now)
		for _, k := range []int{0, len(sc.Items) / 2, len(sc.Items) - 1} {
			want := sc.Items[k]
			for name, svc := range map[string]*Service{"after scoring": svc, "fresh": fresh} {
				got, err := svc.Account(ctx, want.AccountID, AccountQuery{Lang: "ru"})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, account %d:\n got %+v\nwant %+v", name, want.AccountID, got, want)
				}
			}
		}
		var churned int64
		if err := s.Read(ctx).Raw(`SELECT account_id FROM churn_records ORDER BY id LIMIT 1`).Scan(&churned).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := fresh.Account(ctx, churned, AccountQuery{}); err == nil {
			t.Errorf("churned account %d was scored", churned)
		} else if fe, ok := fault.As(err); !ok || fe.Code != fault.CodeNotFound {
			t.Errorf("churned account %d: %v", churned, err)
		}
	})
}
