package accounts_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/store"
)

func TestMovementsOfABatchFollowTheTrialRule(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	start := store.NewDate(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	acc := func(status string, mrr int64, cur string) store.Account {
		return store.Account{ID: 7, Status: status, MRR: mrr, Currency: cur, ContractStart: start}
	}
	ptr := func(a store.Account) *store.Account { return &a }
	cases := []struct {
		name string
		old  *store.Account
		new  store.Account
		want string
	}{
		{"new customer: new on contract start", nil, acc("active", 9900, "EUR"), "2025-03-01 new 9900 EUR"},
		{"new trial: nothing", nil, acc("trial", 9900, "EUR"), ""},
		{"trial converts: new today", ptr(acc("trial", 5000, "EUR")), acc("active", 9900, "EUR"), "2026-11-24 new 9900 EUR"},
		{"trial price change: nothing", ptr(acc("trial", 5000, "EUR")), acc("trial", 9900, "EUR"), ""},
		{"upgrade: expansion", ptr(acc("active", 5000, "EUR")), acc("active", 9900, "EUR"), "2026-11-24 expansion 4900 EUR"},
		{"downgrade: contraction", ptr(acc("active", 9900, "EUR")), acc("active", 5000, "EUR"), "2026-11-24 contraction -4900 EUR"},
		{"currency change", ptr(acc("active", 9900, "EUR")), acc("active", 42000, "PLN"), "2026-11-24 contraction -9900 EUR; 2026-11-24 expansion 42000 PLN"},
		{"churned: nothing", ptr(acc("churned", 9900, "EUR")), acc("churned", 5000, "EUR"), ""},
	}
	for _, tc := range cases {
		var got []string
		for _, m := range accounts.Movements(tc.old, tc.new, now) {
			got = append(got, fmt.Sprintf("%s %s %d %s", m.Date, m.Kind, m.Amount, m.Currency))
		}
		if strings.Join(got, "; ") != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, strings.Join(got, "; "), tc.want)
		}
	}
}
