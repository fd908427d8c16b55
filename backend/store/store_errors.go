package store

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// IsBusy reports whether err means the database stayed locked by another
// writer past the busy timeout: a retry later can succeed.
func IsBusy(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked
	}
	return err != nil && strings.Contains(err.Error(), "database is locked")
}

// IsDamaged reports whether err means the SQLite file is not a sound
// database (damaged pages or not a database at all).
func IsDamaged(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB
	}
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "malformed") || strings.Contains(msg, "file is not a database")
}

// ErrReadOnlyFS marks a write that failed because the file system holding
// the database turned read-only while it was open (SQLite reports only an
// I/O error then).
var ErrReadOnlyFS = errors.New("the file system holding the database is read-only")

// IsReadOnly reports whether err means the database file or its folder
// cannot be written.
func IsReadOnly(err error) bool {
	if errors.Is(err, ErrReadOnlyFS) {
		return true
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrPerm
	}
	return err != nil && (strings.Contains(err.Error(), "readonly database") || strings.Contains(err.Error(), "read-only"))
}

// IsUnavailable reports whether err means the connection to the database
// server was lost (the server restarted or ended the session): the
// transaction was rolled back and a retry gets a new connection.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "57P") || strings.HasPrefix(pe.Code, "08")
	}
	msg := err.Error()
	for _, s := range []string{"conn closed", "connection reset by peer", "unexpected EOF", "broken pipe", "connection refused", "server closed the connection"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// IsFull reports whether err means the database could not grow: a full
// disk or a file size limit. The transaction was rolled back.
func IsFull(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrFull {
		return true
	}
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "file too large") || strings.Contains(msg, "disk is full") || strings.Contains(msg, "no space left")
}

// explain marks a SQLite I/O error as ErrReadOnlyFS when the database's
// folder no longer takes new files because its file system is read-only.
func (s *Store) explain(err error) error {
	var se sqlite3.Error
	if err == nil || s.path == "" || !errors.As(err, &se) || se.Code != sqlite3.ErrIoErr {
		return err
	}
	probe, perr := os.CreateTemp(filepath.Dir(s.path), ".churndesk-write-probe-*")
	if perr == nil {
		probe.Close()
		os.Remove(probe.Name())
		return err
	}
	if errors.Is(perr, syscall.EROFS) {
		return fmt.Errorf("%w: %w", ErrReadOnlyFS, err)
	}
	return err
}
