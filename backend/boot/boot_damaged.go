package boot

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"churndesk/backend/backup"
	"churndesk/backend/store"
)

// ErrDamaged marks a SQLite file that is not a sound database; the error's
// text names the latest backup and the restore command.
var ErrDamaged = errors.New("the database file is damaged")

// damaged explains a damaged database file: which file, the newest backup
// found and the command that puts it in place.
func damaged(path string, cause error) error {
	folders := backupFolders(path)
	latest := ""
	for _, dir := range folders {
		if f, err := backup.Latest(dir); err == nil && f != "" && f > latest {
			latest = f
		}
	}
	if latest == "" {
		return fmt.Errorf("%w: %s could not be read (%v), so ChurnDesk left it as it is. No backup was found in %s; "+
			"copy the file somewhere safe and restore a backup you keep elsewhere with: churndesk restore --db %s BACKUP_FILE",
			ErrDamaged, path, cause, strings.Join(folders, " or "), path)
	}
	return fmt.Errorf("%w: %s could not be read (%v), so ChurnDesk left it as it is. The latest backup is %s; "+
		"close ChurnDesk and put it in place with: churndesk restore --db %s %s",
		ErrDamaged, path, cause, latest, path, latest)
}

// backupFolders are where backups of path may be: the folder stored in its
// settings (if that part of the file can still be read) and the default one.
func backupFolders(path string) []string {
	var out []string
	if db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro"); err == nil {
		var raw string
		if db.QueryRow("SELECT value FROM settings WHERE key = ?", backupKey).Scan(&raw) == nil {
			var set backup.Settings
			if json.Unmarshal([]byte(raw), &set) == nil && set.Folder != "" {
				out = append(out, set.Folder)
			}
		}
		db.Close()
	}
	if dir, err := DataDir(); err == nil {
		def := filepath.Join(dir, "backups")
		if len(out) == 0 || out[0] != def {
			out = append(out, def)
		}
	}
	return out
}

// openError explains a failure to open the store where the user can act.
func openError(dsn string, err error) error {
	if store.IsPostgresDSN(dsn) {
		return err
	}
	if store.IsDamaged(err) {
		return damaged(dsn, err)
	}
	if store.IsReadOnly(err) {
		if _, statErr := os.Stat(dsn); statErr == nil {
			return fmt.Errorf("%s or its folder is read-only, so ChurnDesk cannot open it for writing (%w); make both writable for your user", dsn, err)
		}
	}
	return err
}
