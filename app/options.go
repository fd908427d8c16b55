// Package app is ChurnDesk's desktop shell: it opens the backend, mounts its
// API as the Wails asset-server handler (so the webview calls it in-process,
// with no port opened) and binds the few native functions a webview cannot
// offer: save and open dialogs and opening a saved file with the OS.
//
// The Wails window itself is compiled only with the Wails build tags
// (desktop, dev or bindings — `wails build`, `wails dev`, or
// `go build -tags desktop,production,webkit2_41`); without them Run reports
// that the binary has no desktop window, so `go build .` still gives a
// working `churndesk serve`.
package app

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path/filepath"
)

// InstanceID is the single-instance lock id of the desktop window on dsn:
// one window per data file (or server), so a second launch on the same
// data brings the first window forward while another file can still be
// opened beside it. The DSN is hashed: it may hold a password.
func InstanceID(dsn string) string {
	if abs, err := filepath.Abs(dsn); err == nil && !isURL(dsn) {
		dsn = abs
	}
	sum := sha256.Sum256([]byte(dsn))
	return "io.churndesk.desktop." + hex.EncodeToString(sum[:8])
}

func isURL(dsn string) bool {
	for i := 0; i < len(dsn) && i < 12; i++ {
		if dsn[i] == ':' {
			return true
		}
	}
	return false
}

// Options configures the desktop window.
type Options struct {
	// DSN is the database: a SQLite file path or a postgres:// URL.
	DSN string
	// Assets is the built frontend (already fs.Sub'd to the dist folder).
	Assets fs.FS
}

// OpenedFile is a file the user picked in the native open dialog, its bytes
// base64-encoded. The frontend reads it as {name, base64}.
type OpenedFile struct {
	Name   string `json:"name"`
	Base64 string `json:"base64"`
}

// ReadyFileEnv names the environment variable with a file path; when set the
// shell writes one JSON line there once the page has loaded and the API has
// answered a request (the desktop smoke test waits for it).
const ReadyFileEnv = "CHURNDESK_READY_FILE"
