package store

import (
	"fmt"

	"gorm.io/gorm"
)

// WithIndexesBuiltAfter runs fn, a large write into empty tables inside tx,
// with the tables' secondary indexes dropped, and creates them again from
// their own definitions (in their order) afterwards, in the same
// transaction: one sorted build per index costs less than inserting every
// row into every index. If fn fails, rolling tx back restores them. SQLite
// only; a table that is not empty keeps its indexes, and so do indexes
// made by a table's own UNIQUE constraints. While fn runs, queries on those
// tables should find rows by primary key: other lookups scan.
func WithIndexesBuiltAfter(tx *gorm.DB, tables []string, fn func() error) error {
	if tx.Dialector.Name() != "sqlite" {
		return fn()
	}
	type index struct{ Name, SQL string }
	var all []index
	for _, t := range tables {
		var rows int64
		if err := tx.Raw("SELECT COUNT(*) FROM (SELECT 1 FROM " + t + " LIMIT 1)").Scan(&rows).Error; err != nil {
			return fmt.Errorf("count %s: %w", t, err)
		}
		if rows > 0 {
			continue
		}
		var idx []index
		if err := tx.Raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid", t).Scan(&idx).Error; err != nil {
			return fmt.Errorf("list indexes of %s: %w", t, err)
		}
		all = append(all, idx...)
	}
	for _, ix := range all {
		if err := tx.Exec("DROP INDEX \"" + ix.Name + "\"").Error; err != nil {
			return fmt.Errorf("drop index %s: %w", ix.Name, err)
		}
	}
	if err := fn(); err != nil {
		return err
	}
	for _, ix := range all {
		if err := tx.Exec(ix.SQL).Error; err != nil {
			return fmt.Errorf("create index %s: %w", ix.Name, err)
		}
	}
	return nil
}
