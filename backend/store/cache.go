package store

import (
	"fmt"

	"gorm.io/gorm"
)

// largeCache is the SQLite page cache a large write works with (64 MiB,
// as a negative size in KiB): the big tables' indexes are far larger than
// the default 2 MiB, and a write of many rows touches them all over.
const largeCache = -65536

// WithLargeCache runs fn, a large write inside tx, with a larger SQLite
// page cache on tx's connection and puts the connection's own size back
// afterwards (which frees the extra pages). On PostgreSQL it just runs fn.
func WithLargeCache(tx *gorm.DB, fn func() error) error {
	if tx.Dialector.Name() != "sqlite" {
		return fn()
	}
	var was int
	if err := tx.Raw("PRAGMA cache_size").Scan(&was).Error; err != nil {
		return fmt.Errorf("read cache size: %w", err)
	}
	if err := tx.Exec(fmt.Sprintf("PRAGMA cache_size = %d", largeCache)).Error; err != nil {
		return fmt.Errorf("set cache size: %w", err)
	}
	err := fn()
	if restore := tx.Exec(fmt.Sprintf("PRAGMA cache_size = %d", was)).Error; err == nil && restore != nil {
		err = fmt.Errorf("restore cache size: %w", restore)
	}
	return err
}
