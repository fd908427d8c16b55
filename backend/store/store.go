// Package store opens the database (a SQLite file or a PostgreSQL server),
// applies the versioned migrations and holds the GORM models.
package store

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Engine names the database product behind a Store.
type Engine string

// The engines ChurnDesk runs on.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Store gives domain packages a reader and a writer. On SQLite the writer is
// a single connection that starts immediate transactions, so writers queue
// instead of failing; readers use a pool of read-only connections. On
// PostgreSQL both are the same pool.
type Store struct {
	engine Engine
	read   *gorm.DB
	write  *gorm.DB
	path   string // the SQLite file; "" for PostgreSQL
}

// IsPostgresDSN reports whether dsn names a PostgreSQL server rather than a
// file: a postgres:// URL or a keyword string such as "host=db dbname=cd".
func IsPostgresDSN(dsn string) bool {
	k := dsnKind(dsn)
	return k == "url" || k == "keywords"
}

// Open connects to dsn (a file path or a postgres:// URL) and migrates the
// schema to the latest version.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, err := open(dsn)
	if err != nil {
		return nil, &redactedError{err: err, dsn: dsn}
	}
	if err := Migrate(s.write.WithContext(ctx)); err != nil {
		s.Close()
		return nil, &redactedError{err: err, dsn: dsn}
	}
	return s, nil
}

// OpenUnmigrated connects without migrating; tests of migrations use it.
func OpenUnmigrated(dsn string) (*Store, error) {
	s, err := open(dsn)
	if err != nil {
		return nil, &redactedError{err: err, dsn: dsn}
	}
	return s, nil
}

func open(dsn string) (*Store, error) {
	if dsnKind(dsn) == "unknown" {
		return nil, ErrUnknownDSN
	}
	cfg := &gorm.Config{Logger: logger.Discard, TranslateError: true, NowFunc: func() time.Time { return time.Now().UTC() }}
	if IsPostgresDSN(dsn) {
		db, err := gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		sqlDB.SetMaxOpenConns(16)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		return &Store{engine: Postgres, read: db, write: db}, nil
	}
	return openSQLite(dsn, cfg)
}

func openSQLite(path string, cfg *gorm.Config) (*Store, error) {
	if err := ensureFile(path); err != nil {
		return nil, err
	}
	// synchronous=FULL: every commit is on the disk before the write is
	// answered. With NORMAL a commit can sit in the page cache until a
	// checkpoint, and a disk that fails or turns read-only loses writes the
	// user was told were saved (one fsync more per write, about 2 ms here).
	base := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_synchronous=FULL"
	write, err := gorm.Open(sqlite.Open(base+"&_txlock=immediate"), cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	wdb, err := write.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	wdb.SetMaxOpenConns(1)
	wdb.SetConnMaxIdleTime(0)

	read, err := gorm.Open(sqlite.Open(base+"&_query_only=true"), cfg)
	if err != nil {
		wdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rdb, err := read.DB()
	if err != nil {
		wdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rdb.SetMaxOpenConns(max(8, runtime.NumCPU()))
	return &Store{engine: SQLite, read: read, write: write, path: path}, nil
}

// ensureFile creates the database file and its folder, readable by the owner
// only: mode 0600/0700, and on Windows an access list naming only the user
// for a folder or file this call creates.
func ensureFile(path string) error {
	dir := filepath.Dir(path)
	newDir := !exists(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	if newDir {
		if err := restrictToOwner(dir, true); err != nil {
			return err
		}
	}
	newFile := !exists(path)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	if newFile {
		return restrictToOwner(path, false)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Engine tells which database product is in use.
func (s *Store) Engine() Engine { return s.engine }

// Read returns the handle for queries.
func (s *Store) Read(ctx context.Context) *gorm.DB { return s.read.WithContext(ctx) }

// Write returns the handle for inserts, updates and deletes.
func (s *Store) Write(ctx context.Context) *gorm.DB { return s.write.WithContext(ctx) }

// Tx runs fn in one write transaction: all of it is stored, or none.
func (s *Store) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.explain(s.Write(ctx).Transaction(fn))
}

// Exec runs one statement on the writer, e.g. a backup's VACUUM INTO.
func (s *Store) Exec(ctx context.Context, sql string, args ...any) error {
	return s.explain(s.Write(ctx).Exec(sql, args...).Error)
}

// Close releases every connection.
func (s *Store) Close() error {
	var first error
	for _, db := range []*gorm.DB{s.write, s.read} {
		sqlDB, err := db.DB()
		if err == nil {
			err = sqlDB.Close()
		}
		if err != nil && first == nil {
			first = err
		}
		if s.read == s.write {
			break
		}
	}
	return first
}
