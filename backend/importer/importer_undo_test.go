package importer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"churndesk/backend/fault"
	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// dump prints every table but the import history itself, row by row, in
// primary-key order: what an undo must give back exactly.
func dump(t *testing.T, s *store.Store) string {
	t.Helper()
	db := s.Read(context.Background())
	tables, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(tables)
	var b strings.Builder
	for _, table := range tables {
		switch table {
		case "import_runs", "import_changes", "schema_migrations", "sqlite_sequence":
			continue
		}
		rows, err := db.Table(table).Order("1").Rows()
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		b.WriteString("## " + table + " " + strings.Join(cols, ",") + "\n")
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					vals[i] = string(bs)
				}
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

func TestUndoReturnsEveryTableToItsStateBefore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		if _, err := svc.Import(ctx, "t", "accounts", []byte(hubspotMixed), importer.Options{Preset: "hubspot", Currency: "PLN", Mode: "valid"}); err != nil {
			t.Fatal(err)
		}
		before := dump(t, s)
		raw, err := os.ReadFile(filepath.Join("testdata", "stripe-subscriptions.csv"))
		if err != nil {
			t.Fatal(err)
		}
		// Stripe customers, one of them Acme's by its email domain; the
		// canceled subscription logs a churn draft.
		// The export's expired incomplete subscription is left out.
		raw = append(raw, "sub_9,cus_Z,Acme GmbH,billing@acme.io,Pro,ChurnDesk,3,eur,month,1,100.00,canceled,2025-01-01 08:00,2025-01-01 08:00,,,,,,,,2026-11-01 10:00,false,2026-11-01 10:00,cancellation_requested,unused,Nobody used it\n"...)
		rep, err := svc.Import(ctx, "t", "accounts", raw, importer.Options{Preset: "stripe", Match: "domain", Mode: "valid"})
		if err != nil || rep.Created != 5 || rep.Updated != 1 || rep.Rejected != 1 || rep.RunID == 0 {
			t.Fatalf("stripe import = %+v %v", rep, err)
		}
		var drafts []store.ChurnRecord
		s.Read(ctx).Order("id").Find(&drafts)
		if len(drafts) != 2 || drafts[0].Reason != "price_budget" || drafts[1].Reason != "low_usage" || drafts[1].ReasonDetail != "Nobody used it" {
			t.Fatalf("churn drafts = %+v", drafts)
		}
		if dump(t, s) == before {
			t.Fatal("the import changed nothing")
		}
		res, err := svc.Undo(ctx, "Anna", rep.RunID)
		if err != nil {
			t.Fatal(err)
		}
		if res.Removed != 5 || res.Restored != 1 || res.Drafts != 2 {
			t.Errorf("undo = %+v", res)
		}
		if after := dump(t, s); after != before {
			t.Errorf("undo left the data different:\nbefore\n%s\nafter\n%s", before, after)
		}
		hist, _ := svc.History(ctx)
		if h := hist.Items[0]; h.UndoneAt == nil || h.UndoneBy != "Anna" || h.Undoable {
			t.Errorf("history = %+v", h)
		}
		if _, err := svc.Undo(ctx, "Anna", rep.RunID); err == nil || !strings.Contains(err.Error(), "already undone") {
			t.Errorf("second undo: %v", err)
		}
	})
}

func TestUndoSaysWhatBlocksIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		rep, err := svc.Import(ctx, "t", "accounts", []byte(hubspotMixed), importer.Options{Preset: "hubspot", Currency: "PLN", Mode: "valid"})
		if err != nil {
			t.Fatal(err)
		}
		var created store.Account
		s.Read(ctx).Where("external_id = ?", "9001").Take(&created)
		contact := store.Contact{AccountID: created.ID, Name: "Ivan", Email: "ivan@romashka.ru", Role: "user"}
		if err := s.Write(ctx).Create(&contact).Error; err != nil {
			t.Fatal(err)
		}
		s.Write(ctx).Exec("UPDATE accounts SET plan = 'Gold', updated_at = ? WHERE external_id = 'H-2'", "2026-12-01 10:00:00")
		before := dump(t, s)
		_, err = svc.Undo(ctx, "t", rep.RunID)
		want := "The import cannot be undone: Borealis (#2) was changed after the import; Ромашка ООО (#3) has 1 contacts added after the import."
		if fe, ok := fault.As(err); !ok || fe.Message != want {
			t.Errorf("undo error = %v, want %s", err, want)
		}
		if dump(t, s) != before {
			t.Error("a blocked undo changed data")
		}
	})
}
