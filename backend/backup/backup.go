// Package backup makes consistent online copies of a SQLite database and
// restores them after checking them.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Database is what a backup needs from the open store.
type Database interface {
	Engine() store.Engine
	Exec(ctx context.Context, sql string, args ...any) error
}

// Save writes a consistent copy of the live database to file, even while
// others write to it (SQLite's VACUUM INTO reads one snapshot). The file
// must not exist yet: it is created empty with mode 0600 first (never
// through a symbolic link), then filled.
func Save(ctx context.Context, db Database, file string) error {
	if db.Engine() != store.SQLite {
		return fault.Conflict("A PostgreSQL database is backed up on its server with pg_dump; ChurnDesk's backups copy SQLite files.")
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	f, err := createExclusive(file)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup: %s already exists: %w", file, err)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	f.Close()
	if err := db.Exec(ctx, "VACUUM INTO ?", file); err != nil {
		// Nothing half-written stays behind: the copy and its journal go.
		for _, f := range []string{file, file + "-journal", file + "-wal"} {
			os.Remove(f)
		}
		if NoSpace(err) {
			return fmt.Errorf("backup: not enough space to write %s (the disk is full or the file size limit is reached); nothing was kept: %w", file, err)
		}
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// NoSpace reports whether err means a file could not grow: a full disk or
// a file size limit.
func NoSpace(err error) bool {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "file too large") || strings.Contains(msg, "disk is full") || strings.Contains(msg, "no space left")
}

// Check opens file read-only and verifies it is an intact ChurnDesk
// database: PRAGMA integrity_check answers ok and its schema is one this
// version knows.
func Check(file string) (string, error) {
	if _, err := os.Stat(file); err != nil {
		return "", fmt.Errorf("check backup: %w", err)
	}
	db, err := sql.Open("sqlite3", "file:"+file+"?mode=ro")
	if err != nil {
		return "", fmt.Errorf("check backup: %w", err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil {
		return "", fmt.Errorf("check backup: not a SQLite database: %w", err)
	}
	if result != "ok" {
		return "", fmt.Errorf("check backup: integrity check failed: %s", result)
	}
	var version string
	if err := db.QueryRow("SELECT id FROM schema_migrations ORDER BY id DESC LIMIT 1").Scan(&version); err != nil {
		return "", fmt.Errorf("check backup: not a ChurnDesk database: %w", err)
	}
	if version > store.LatestMigration() {
		return "", fmt.Errorf("check backup: it was made by a newer ChurnDesk (schema %s, this one knows %s)", version, store.LatestMigration())
	}
	return version, nil
}

// Restore checks backup and puts it in place of target, keeping the old
// file beside it as target.before-restore-<time>. ChurnDesk must not be
// running on target.
func Restore(backupFile, target string, now time.Time) (string, error) {
	if _, err := Check(backupFile); err != nil {
		return "", err
	}
	raw, err := os.ReadFile(backupFile)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	tmp := target + ".restoring"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	kept := ""
	if _, err := os.Stat(target); err == nil {
		kept = fmt.Sprintf("%s.before-restore-%s", target, now.UTC().Format("20060102T150405"))
		if err := os.Rename(target, kept); err != nil {
			return "", fmt.Errorf("restore: %w", err)
		}
		for _, side := range []string{"-wal", "-shm"} {
			os.Remove(target + side)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	return kept, nil
}

// Settings turn the automatic daily backup on.
type Settings struct {
	Enabled bool   `json:"enabled"`
	Folder  string `json:"folder" validate:"omitempty,max=1000" description:"Where daily backups go; default the data folder's backups/. Read-only over HTTP: set it with churndesk backup-folder."`
	Keep    int    `json:"keep" validate:"gte=1,lte=365" description:"How many daily backups to keep."`
}
