package accounts_test

import (
	"context"
	"testing"

	"churndesk/backend/accounts"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestListSortedByRisk stores forecasts for three of five accounts (two
// tied at 50 %) and pages through the list sorted by risk: scored accounts
// by probability, ties by id in the same direction, then the unscored ones
// by id, in either direction; the risk field is the stored probability or
// null.
func TestListSortedByRisk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		ctx := context.Background()
		ids := map[string]int64{}
		for _, name := range []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"} {
			in := validInput()
			in.Name, in.Domain = name, ""
			if name == "Echo" {
				in.Status = "trial"
			}
			a, err := svc.Create(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			ids[name] = a.ID
		}
		day, _ := store.ParseDate("2026-11-24")
		for name, p := range map[string]float64{"Alpha": 0.5, "Bravo": 0.2, "Charlie": 0.5} {
			row := store.RiskScore{AccountID: ids[name], ModelID: 1, Probability: p, CheckedProbability: &p, ExpectedLoss: p * 499, ScoredOn: day}
			if err := s.Write(ctx).Create(&row).Error; err != nil {
				t.Fatal(err)
			}
		}
		cases := []struct {
			name  string
			q     accounts.ListQuery
			want  string
			total int64
		}{
			{"riskiest first", accounts.ListQuery{Page: accounts.Page{Limit: 2, Sort: "-risk"}}, "Charlie,Alpha", 5},
			{"second page runs into the unscored", accounts.ListQuery{Page: accounts.Page{Limit: 2, Offset: 2, Sort: "-risk"}}, "Bravo,Echo", 5},
			{"last page holds only unscored", accounts.ListQuery{Page: accounts.Page{Limit: 2, Offset: 4, Sort: "-risk"}}, "Delta", 5},
			{"past the end", accounts.ListQuery{Page: accounts.Page{Limit: 2, Offset: 6, Sort: "-risk"}}, "", 5},
			{"least risky first, unscored still last", accounts.ListQuery{Page: accounts.Page{Limit: 10, Sort: "risk"}}, "Bravo,Alpha,Charlie,Delta,Echo", 5},
			{"ascending from the unscored", accounts.ListQuery{Page: accounts.Page{Limit: 1, Offset: 4, Sort: "risk"}}, "Echo", 5},
			{"filtered", accounts.ListQuery{Filter: accounts.Filter{Status: "active"}, Page: accounts.Page{Limit: 2, Offset: 2, Sort: "-risk"}}, "Bravo,Delta", 4},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := svc.List(ctx, tc.q)
				if err != nil {
					t.Fatal(err)
				}
				if names(got) != tc.want || got.Total != tc.total {
					t.Errorf("got %q total %d, want %q total %d", names(got), got.Total, tc.want, tc.total)
				}
			})
		}
		all, err := svc.List(ctx, accounts.ListQuery{Page: accounts.Page{Sort: "name"}})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{"Alpha": 0.5, "Bravo": 0.2, "Charlie": 0.5}
		for _, a := range all.Items {
			p, scored := want[a.Name]
			if scored != (a.Risk != nil) || scored && *a.Risk != p {
				t.Errorf("%s: risk %v, want %v (scored %v)", a.Name, a.Risk, p, scored)
			}
		}
		one, err := svc.Get(ctx, ids["Bravo"])
		if err != nil || one.Risk == nil || *one.Risk != 0.2 {
			t.Errorf("Get Bravo: risk %v, err %v", one.Risk, err)
		}
	})
}
