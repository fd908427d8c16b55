package risk

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/check"
	"churndesk/backend/demo"
	"churndesk/backend/retention"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestLiveSubjectsFollowTheLivesRule: on a sample portfolio with churns,
// win-backs and trials, the customers read as alive on a day are exactly
// the running lives retention.LivesAsOf rebuilds for that day, today and
// on past days (two of them won back: each has a past and a current
// life), and each one read alone (liveSubject) is the same life.
func TestLiveSubjectsFollowTheLivesRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := func() time.Time { return lookToday }
		if _, err := demo.NewLoader(s, check.New(), now, nil).Load(ctx, demo.Options{Accounts: 400, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		// Two churned customers come back: a new life from a later contract start.
		back := store.NewDate(lookToday.AddDate(0, 0, -20))
		if err := s.Tx(ctx, func(tx *gorm.DB) error {
			return tx.Exec(`UPDATE accounts SET status = 'active', contract_start = ? WHERE id IN
				(SELECT account_id FROM churn_records ORDER BY id LIMIT 2)`, back).Error
		}); err != nil {
			t.Fatal(err)
		}
		db := s.Read(ctx)
		byAccount := func(a, b subject) int { return cmp.Or(cmp.Compare(a.Account, b.Account), a.From.Compare(b.From)) }
		for _, back := range []int{0, 30, 200, 400} {
			day := lookToday.AddDate(0, 0, -back)
			lives, err := retention.LivesAsOf(db, day)
			if err != nil {
				t.Fatal(err)
			}
			want := liveSubjectsOf(lives, day)
			got, err := liveSubjects(db, day)
			if err != nil {
				t.Fatal(err)
			}
			slices.SortFunc(want, byAccount)
			slices.SortFunc(got, byAccount)
			if len(want) < 100 || !slices.EqualFunc(got, want, func(a, b subject) bool { return byAccount(a, b) == 0 }) {
				t.Fatalf("%s: %d live subjects read, %d by the lives rule", day.Format(time.DateOnly), len(got), len(want))
			}
			for _, w := range []subject{want[0], want[len(want)/2], want[len(want)-1]} {
				one, err := liveSubject(db, day, w.Account)
				if err != nil || len(one) != 1 || byAccount(one[0], w) != 0 {
					t.Fatalf("%s, account %d alone: %+v, %v; want %+v", day.Format(time.DateOnly), w.Account, one, err, w)
				}
			}
		}
		var churned, reactivated int64
		db.Raw(`SELECT COUNT(*) FROM churn_records`).Scan(&churned)
		db.Raw(`SELECT COUNT(DISTINCT c.account_id) FROM churn_records c JOIN accounts a ON a.id = c.account_id WHERE a.status <> 'churned'`).Scan(&reactivated)
		if churned < 40 || reactivated != 2 {
			t.Fatalf("the sample has %d churn records (%d won back): too few to tell the rules apart", churned, reactivated)
		}
	})
}
