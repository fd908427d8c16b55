package store_test

import (
	"context"
	"slices"
	"testing"

	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestTrialMovementsRepair stores movements the way earlier versions did
// (a trial's "new" movement and an edit of it) next to a customer's and a
// former customer's now on trial, then upgrades: only the trial's own
// movements go.
func TestTrialMovementsRepair(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			s, err := store.OpenUnmigrated(e.DSN)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			db := s.Write(ctx)
			if err := store.MigrateTo(db, "0009_retention_indexes"); err != nil {
				t.Fatal(err)
			}
			accounts := []store.Account{
				{ID: 1, Name: "Trial", Status: "trial", ContractStart: mustDate(t, "2026-03-01")},
				{ID: 2, Name: "Customer", Status: "active", ContractStart: mustDate(t, "2025-01-10")},
				// Churned on 2025-12-31, later set up as a trial again.
				{ID: 3, Name: "Back on trial", Status: "trial", ContractStart: mustDate(t, "2026-02-01")},
			}
			for _, a := range accounts {
				a.SearchText, a.Segment, a.Currency = "x", "smb", "EUR"
				// Columns later versions added do not exist yet.
				if err := db.Omit("trial_ends_on").Create(&a).Error; err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Create(&store.ChurnRecord{AccountID: 3, ChurnDate: mustDate(t, "2025-12-31"), ContractStart: mustDate(t, "2025-06-01"),
				Reason: "other", Currency: "EUR"}).Error; err != nil {
				t.Fatal(err)
			}
			moves := []store.MRRMovement{
				{ID: 1, AccountID: 1, Date: mustDate(t, "2026-03-01"), Kind: "new", Amount: 99900},
				{ID: 2, AccountID: 1, Date: mustDate(t, "2026-03-20"), Kind: "expansion", Amount: 100},
				{ID: 3, AccountID: 2, Date: mustDate(t, "2025-01-10"), Kind: "new", Amount: 5000},
				{ID: 4, AccountID: 3, Date: mustDate(t, "2025-06-01"), Kind: "new", Amount: 7000},
				{ID: 5, AccountID: 3, Date: mustDate(t, "2025-12-31"), Kind: "churn", Amount: -7000},
				{ID: 6, AccountID: 3, Date: mustDate(t, "2026-02-01"), Kind: "expansion", Amount: 3000},
			}
			for _, m := range moves {
				m.Currency = "EUR"
				if err := db.Create(&m).Error; err != nil {
					t.Fatal(err)
				}
			}
			if err := store.Migrate(db); err != nil {
				t.Fatal(err)
			}
			var left []int64
			if err := s.Read(ctx).Model(&store.MRRMovement{}).Order("id").Pluck("id", &left).Error; err != nil {
				t.Fatal(err)
			}
			if want := []int64{3, 4, 5}; !slices.Equal(left, want) {
				t.Errorf("movements left = %v, want %v", left, want)
			}
		})
	}
}
