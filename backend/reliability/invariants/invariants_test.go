package invariants_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/reliability/invariants"
	"churndesk/backend/store/storetest"
)

var today = time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC)

// TestDemoPortfolioKeepsEveryInvariant loads the demo portfolio and then
// breaks one rule at a time by hand: the checker must pass the portfolio
// and name each broken rule.
func TestDemoPortfolioKeepsEveryInvariant(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			b, err := boot.OpenWith(ctx, e.DSN, func() time.Time { return today }, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if _, err := b.Demo.Load(ctx, demo.Options{Accounts: 120, Seed: 3}); err != nil {
				t.Fatal(err)
			}
			rep, err := invariants.Check(ctx, b.Store)
			if err != nil {
				t.Fatal(err)
			}
			wantChecks := 5
			if e.Name == "sqlite" {
				wantChecks = 6
			}
			if rep.Checks != wantChecks || rep.Err() != nil {
				t.Fatalf("demo portfolio: %d checks, %v", rep.Checks, rep.Err())
			}
			var live, churned, rec int64
			db := b.Store.Read(ctx)
			db.Raw("SELECT id FROM accounts WHERE status = 'active' AND mrr > 0 ORDER BY id LIMIT 1").Scan(&live)
			db.Raw("SELECT id FROM accounts WHERE status = 'churned' ORDER BY id LIMIT 1").Scan(&churned)
			db.Raw("SELECT id FROM churn_records WHERE account_id = ?", churned).Scan(&rec)
			if live == 0 || churned == 0 || rec == 0 {
				t.Fatalf("demo lacks a live (%d) or churned (%d) account with a record (%d)", live, churned, rec)
			}
			breaks := []struct {
				name, sql, undo, want string
				args, undoArgs        []any
			}{
				{"MRR changed without a movement", "UPDATE accounts SET mrr = mrr + 1 WHERE id = ?", "UPDATE accounts SET mrr = mrr - 1 WHERE id = ?", "MRR movements in", []any{live}, []any{live}},
				{"live account with a current churn record", "UPDATE accounts SET status = 'active' WHERE id = ?", "UPDATE accounts SET status = 'churned' WHERE id = ?", "is active but churn record", []any{churned}, []any{churned}},
				{"churned account without a record", "UPDATE accounts SET status = 'churned' WHERE id = ?", "UPDATE accounts SET status = 'active' WHERE id = ?", "no current churn record", []any{live}, []any{live}},
				{"churn record edited without an audit entry", "UPDATE churn_records SET updated_at = ? WHERE id = ?", "UPDATE churn_records SET updated_at = created_at WHERE id = ?", "audit trail has no entry", []any{today.Add(time.Hour), rec}, []any{rec}},
				{"import change without its run", `INSERT INTO import_changes (import_run_id, "row", action, account_id, before, changes, created_at) VALUES (999999, 2, 'create', ?, '', '', ?)`, "DELETE FROM import_changes WHERE import_run_id = 999999", "belong to no import run", []any{live, today}, nil},
			}
			for _, br := range breaks {
				if err := b.Store.Exec(ctx, br.sql, br.args...); err != nil {
					t.Fatalf("%s: %v", br.name, err)
				}
				rep, err := invariants.Check(ctx, b.Store)
				if err != nil {
					t.Fatal(err)
				}
				if got := rep.Err(); got == nil || !strings.Contains(got.Error(), br.want) {
					t.Errorf("%s: checker said %v, want a violation containing %q", br.name, got, br.want)
				}
				if err := b.Store.Exec(ctx, br.undo, br.undoArgs...); err != nil {
					t.Fatalf("undo %s: %v", br.name, err)
				}
			}
			if rep, _ := invariants.Check(ctx, b.Store); rep.Err() != nil {
				t.Fatalf("after undoing every break: %v", rep.Err())
			}
		})
	}
}
