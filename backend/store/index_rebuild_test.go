package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"gorm.io/gorm"

	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

type indexDef struct{ Name, SQL string }

// indexesOf lists table's indexes with their definitions in schema order.
func indexesOf(t *testing.T, db *gorm.DB, table string) []indexDef {
	t.Helper()
	var out []indexDef
	if err := db.Raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid", table).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func insertAccounts(tx *gorm.DB, from, n int) error {
	for i := from; i < from+n; i++ {
		status := []string{"active", "trial"}[i%2]
		err := tx.Exec("INSERT INTO accounts (name, search_text, segment, mrr, currency, contract_start, status, crm_source, external_id) VALUES (?, ?, 'smb', ?, 'EUR', '2024-01-01', ?, 'hubspot', ?)",
			fmt.Sprint("A", i), fmt.Sprint("a", i), 100*(i%7), status, fmt.Sprint(1000+i)).Error
		if err != nil {
			return err
		}
	}
	return nil
}

func TestWithIndexesBuiltAfter(t *testing.T) {
	s := storetest.Open(t, storetest.Engines(t)[0])
	ctx := context.Background()
	want := indexesOf(t, s.Read(ctx), "accounts")
	// The schema's indexes, among them the partial ones (a unique one too).
	names := map[string]bool{}
	for _, ix := range want {
		names[ix.Name] = true
	}
	if len(want) < 10 || !names["idx_accounts_crm_ref"] || !names["idx_accounts_current"] {
		t.Fatalf("accounts has %d indexes, want the schema's, partial ones included: %v", len(want), want)
	}
	tables := []string{"accounts", "mrr_movements"}

	// Into an empty table: no index while the rows go in, every index back
	// (same definitions, same order) and holding every row afterwards.
	var during int
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		return store.WithIndexesBuiltAfter(tx, tables, func() error {
			during = len(indexesOf(t, tx, "accounts"))
			return insertAccounts(tx, 0, 10)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if during != 0 {
		t.Errorf("indexes while writing into an empty table = %d, want 0", during)
	}
	if got := indexesOf(t, s.Read(ctx), "accounts"); !reflect.DeepEqual(got, want) {
		t.Errorf("indexes after = %v, want %v", got, want)
	}
	var check string
	if err := s.Read(ctx).Raw("PRAGMA integrity_check").Scan(&check).Error; err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
	var trials int
	if err := s.Read(ctx).Raw("SELECT COUNT(*) FROM accounts INDEXED BY idx_accounts_status WHERE status = 'trial'").Scan(&trials).Error; err != nil || trials != 5 {
		t.Errorf("trials through idx_accounts_status = %d, %v; want 5", trials, err)
	}

	// Into a table that has rows: the indexes stay.
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		return store.WithIndexesBuiltAfter(tx, tables, func() error {
			during = len(indexesOf(t, tx, "accounts"))
			return insertAccounts(tx, 10, 2)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if during != len(want) {
		t.Errorf("indexes while writing into a table with rows = %d, want %d", during, len(want))
	}

	// A failed write rolls the dropped indexes back with everything else.
	if err := s.Exec(ctx, "DELETE FROM accounts"); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("row 3 is bad")
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		return store.WithIndexesBuiltAfter(tx, tables, func() error {
			if err := insertAccounts(tx, 0, 2); err != nil {
				return err
			}
			return failed
		})
	})
	if !errors.Is(err, failed) {
		t.Fatalf("err = %v, want %v", err, failed)
	}
	if got := indexesOf(t, s.Read(ctx), "accounts"); !reflect.DeepEqual(got, want) {
		t.Errorf("indexes after a failed write = %v, want %v", got, want)
	}
	var n int
	if err := s.Read(ctx).Raw("SELECT COUNT(*) FROM accounts").Scan(&n).Error; err != nil || n != 0 {
		t.Errorf("accounts after a failed write = %d, %v; want 0", n, err)
	}
}
