package accounts_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"churndesk/backend/accounts"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestTrialMovements: a trial writes no MRR movement, whatever is edited;
// converting writes the "new" movement on the conversion day (today, the
// contract start sent with the conversion, or a contract start still to
// come) and moves the contract start there; a customer set back to trial takes its MRR out.
func TestTrialMovements(t *testing.T) {
	type step struct {
		status, start string
		mrr           int64
	}
	cases := []struct {
		name  string
		steps []step
		want  string // movements as date:kind:amount
		start string // contract start at the end
	}{
		{"trial stays a trial", []step{{"trial", "2026-11-01", 49900}, {"trial", "2026-11-01", 59900}}, "", "2026-11-01"},
		{"converts today", []step{{"trial", "2026-11-01", 49900}, {"active", "2026-11-01", 59900}}, "2026-11-24:new:59900", "2026-11-24"},
		{"converts to onboarding on a given day", []step{{"trial", "2026-11-01", 49900}, {"onboarding", "2026-11-15", 49900}}, "2026-11-15:new:49900", "2026-11-15"},
		{"converts before its contract starts", []step{{"trial", "2026-12-01", 49900}, {"active", "2026-12-01", 49900}}, "2026-12-01:new:49900", "2026-12-01"},
		{"customer back to trial", []step{{"active", "2025-03-01", 49900}, {"trial", "2025-03-01", 49900}},
			"2025-03-01:new:49900 2026-11-24:contraction:-49900", "2025-03-01"},
		{"customer grows", []step{{"active", "2025-03-01", 49900}, {"active", "2025-03-01", 59900}},
			"2025-03-01:new:49900 2026-11-24:expansion:10000", "2025-03-01"},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		ctx := context.Background()
		for i, tc := range cases {
			in := validInput()
			in.Domain, in.RenewalDate = fmt.Sprintf("t%d.io", i), ""
			var id int64
			for k, st := range tc.steps {
				in.Status, in.ContractStart, in.MRR = st.status, st.start, st.mrr
				var acc accounts.Account
				var err error
				if k == 0 {
					acc, err = svc.Create(ctx, in)
					id = acc.ID
				} else {
					acc, err = svc.Update(ctx, id, in)
				}
				if err != nil {
					t.Fatalf("%s step %d: %v", tc.name, k, err)
				}
				if k == len(tc.steps)-1 && acc.ContractStart.String() != tc.start {
					t.Errorf("%s: contract start %s, want %s", tc.name, acc.ContractStart, tc.start)
				}
			}
			var moves []store.MRRMovement
			if err := s.Read(ctx).Where("account_id = ?", id).Order("date, id").Find(&moves).Error; err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range moves {
				got = append(got, fmt.Sprintf("%s:%s:%d", m.Date, m.Kind, m.Amount))
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("%s: movements %v, want %s", tc.name, got, tc.want)
			}
		}
	})
}
