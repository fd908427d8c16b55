package importer_test

import (
	"context"
	"testing"

	"churndesk/backend/importer"
	"churndesk/backend/reliability/invariants"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestChurnedRowsChurnThroughADraft: a CRM file that says "former
// customer" churns an account only through a churn record draft (dated the
// import day, 24 Nov 2026, as the file has no cancellation date), for a new
// account (9010) and a stored customer (H-1, Acme) alike; the invariant "a
// churned account has a current churn record" holds. Importing the file
// again drafts nothing more, and a later file that calls a churned account
// a customer leaves it churned (only a reactivation brings it back).
func TestChurnedRowsChurnThroughADraft(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		const file = "Record ID;Company name;Company Domain Name;Lifecycle Stage;Create Date\n" +
			"H-1;Acme;acme.io;former customer;2025-01-01\n" +
			"9010;Old Co;old.co;former customer;2024-05-01\n"
		opt := importer.Options{Preset: "hubspot", Currency: "EUR"}
		rep, err := svc.Import(ctx, "t", "accounts", []byte(file), opt)
		if err != nil || rep.Rejected != 0 || rep.RunID == 0 {
			t.Fatalf("import = %+v, %v", rep, err)
		}
		type row struct {
			ExternalID   string
			Status       string
			ChurnDate    store.Date
			ReasonDetail string
		}
		churned := func() []row {
			var out []row
			s.Read(ctx).Raw(`SELECT a.external_id, a.status, c.churn_date, c.reason_detail FROM accounts a
				JOIN churn_records c ON c.account_id = a.id ORDER BY a.external_id`).Scan(&out)
			return out
		}
		got := churned()
		if len(got) != 2 {
			t.Fatalf("churn records = %+v", got)
		}
		for i, id := range []string{"9010", "H-1"} {
			g := got[i]
			if g.ExternalID != id || g.Status != "churned" || g.ChurnDate.String() != "2026-11-24" ||
				g.ReasonDetail != "Churned in the imported file; set the churn date and complete from the exit interview." {
				t.Errorf("%s = %+v", id, g)
			}
		}
		check := func(when string) {
			rep, err := invariants.Check(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.Err(); err != nil {
				t.Errorf("%s: %v", when, err)
			}
		}
		check("after the import")

		if _, err := svc.Import(ctx, "t", "accounts", []byte(file), opt); err != nil {
			t.Fatal(err)
		}
		if n := len(churned()); n != 2 {
			t.Errorf("the second import left %d churn records, want 2", n)
		}
		back := "Record ID;Company name;Company Domain Name;Lifecycle Stage;Create Date\n9010;Old Co;old.co;customer;2024-05-01\n"
		if _, err := svc.Import(ctx, "t", "accounts", []byte(back), opt); err != nil {
			t.Fatal(err)
		}
		var status string
		s.Read(ctx).Raw("SELECT status FROM accounts WHERE external_id = '9010'").Scan(&status)
		if status != "churned" {
			t.Errorf("9010 after a file calling it a customer: %s, want churned", status)
		}
		check("after the imports")
	})
}
