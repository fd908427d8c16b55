package api_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"churndesk/backend/api"
)

// TestBackupFolderCannotBeSetOverHTTP tries folders an attacker would
// like the next backup to go to; each is refused, the folder stays the
// default, and no file appears in any of them.
func TestBackupFolderCannotBeSetOverHTTP(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	_, h := openGuarded(t, api.LoopbackPolicy(), false)
	srv := newServer(t, h)
	base := t.TempDir()
	open := filepath.Join(base, "open")
	os.Mkdir(open, 0o777)
	os.Chmod(open, 0o777)
	victim := filepath.Join(base, "victim")
	os.Mkdir(victim, 0o700)
	os.WriteFile(filepath.Join(victim, "churndesk-2020-01-01T000000.db"), []byte("theirs"), 0o600)
	link := filepath.Join(base, "link")
	os.Symlink(victim, link)
	attempts := []string{victim, open, link, filepath.Join(data, "churndesk", "backups", "..", "..", ".."), "../../tmp", "/tmp", "relative"}
	for _, folder := range attempts {
		res := call(t, srv, "PUT", "/api/v1/settings/backup", map[string]any{"enabled": true, "folder": folder, "keep": 1})
		if res.status != 422 || !strings.Contains(string(res.body), `"folder"`) {
			t.Errorf("folder %q: %d %s", folder, res.status, res.body)
		}
	}
	set := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/settings/backup", nil))
	want := filepath.Join(data, "churndesk", "backups")
	if set["folder"] != want || set["enabled"] != false {
		t.Errorf("settings after the attempts = %v", set)
	}
	// Turning backups on without naming a folder works, and a backup goes
	// to the data folder, mode 0600, leaving the others alone.
	if res := call(t, srv, "PUT", "/api/v1/settings/backup", map[string]any{"enabled": true, "folder": want, "keep": 1}); res.status != 200 {
		t.Fatalf("save: %d %s", res.status, res.body)
	}
	res := call(t, srv, "POST", "/api/v1/backup", nil)
	file, _ := decode[map[string]any](t, res)["file"].(string)
	if res.status != 200 || filepath.Dir(file) != want {
		t.Fatalf("backup: %d %s", res.status, res.body)
	}
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup file %s: %v", file, err)
	}
	// The clock is fixed: a second backup in the same second is a conflict, not a failure.
	if again := call(t, srv, "POST", "/api/v1/backup", nil); again.status != 409 {
		t.Errorf("second backup: %d %s", again.status, again.body)
	}
	if raw, _ := os.ReadFile(filepath.Join(victim, "churndesk-2020-01-01T000000.db")); string(raw) != "theirs" {
		t.Error("a file in the victim folder was changed")
	}
	for _, dir := range []string{victim, open} {
		entries, _ := os.ReadDir(dir)
		if len(entries) > 1 || (dir == open && len(entries) > 0) {
			t.Errorf("%s holds %d files", dir, len(entries))
		}
	}
}

func newServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
