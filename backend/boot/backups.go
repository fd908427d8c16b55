package boot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"churndesk/backend/backup"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

const backupKey = "backup_settings"

// BackupSettings returns the automatic backup settings, with the default folder filled in.
func (b *Backend) BackupSettings(ctx context.Context) (backup.Settings, error) {
	set := backup.Settings{Keep: 14}
	if _, err := store.LoadSetting(b.Store.Read(ctx), backupKey, &set); err != nil {
		return set, err
	}
	if set.Folder == "" {
		dir, err := DataDir()
		if err != nil {
			return set, err
		}
		set.Folder = filepath.Join(dir, "backups")
	}
	return set, nil
}

// SaveBackupSettings validates and stores whether daily backups run and how
// many are kept. The folder is not changed this way (a request can come
// from anywhere the API answers): a folder other than the current one is
// refused; SetBackupFolder changes it.
func (b *Backend) SaveBackupSettings(ctx context.Context, set backup.Settings) (backup.Settings, error) {
	if set.Keep == 0 {
		set.Keep = 14
	}
	if err := b.check.Struct(set); err != nil {
		return backup.Settings{}, err
	}
	cur, err := b.BackupSettings(ctx)
	if err != nil {
		return backup.Settings{}, err
	}
	if set.Folder != "" && set.Folder != cur.Folder {
		return backup.Settings{}, fault.Field("folder", "cannot be changed here; on the computer that holds the data run: churndesk backup-folder PATH")
	}
	if set.Enabled && b.Store.Engine() != store.SQLite {
		return backup.Settings{}, fault.Field("enabled", "automatic backups copy the SQLite file; back PostgreSQL up with pg_dump")
	}
	stored := backup.Settings{Keep: 14}
	if _, err := store.LoadSetting(b.Store.Read(ctx), backupKey, &stored); err != nil {
		return backup.Settings{}, err
	}
	set.Folder = stored.Folder
	if err := store.SaveSetting(b.Store.Write(ctx), backupKey, set, time.Now().UTC()); err != nil {
		return backup.Settings{}, err
	}
	return b.BackupSettings(ctx)
}

// SetBackupFolder makes dir the folder for automatic backups. It must be an
// existing folder of this user that nobody else may write to.
func (b *Backend) SetBackupFolder(ctx context.Context, dir string) (backup.Settings, error) {
	if err := backup.CheckFolder(dir); err != nil {
		return backup.Settings{}, fault.Field("folder", err.Error())
	}
	set := backup.Settings{Keep: 14}
	if _, err := store.LoadSetting(b.Store.Read(ctx), backupKey, &set); err != nil {
		return backup.Settings{}, err
	}
	set.Folder = dir
	if err := store.SaveSetting(b.Store.Write(ctx), backupKey, set, time.Now().UTC()); err != nil {
		return backup.Settings{}, err
	}
	return b.BackupSettings(ctx)
}

// BackupNow writes a backup into the configured folder and prunes old ones.
func (b *Backend) BackupNow(ctx context.Context, now time.Time) (string, error) {
	set, err := b.BackupSettings(ctx)
	if err != nil {
		return "", err
	}
	file, err := backup.SaveDaily(ctx, b.Store, set.Folder, now)
	if errors.Is(err, backup.ErrUnsafeFolder) {
		return "", fault.Field("folder", err.Error())
	}
	if errors.Is(err, fs.ErrExist) {
		return "", fault.Conflict("A backup made this very second already exists; try again in a moment.")
	}
	if err != nil {
		return "", err
	}
	if _, err := backup.Rotate(set.Folder, set.Keep); err != nil {
		return file, fmt.Errorf("prune old backups: %w", err)
	}
	return file, nil
}

// dailyBackup makes today's automatic backup when it is on and none exists yet.
func (b *Backend) dailyBackup(ctx context.Context, now time.Time) error {
	set, err := b.BackupSettings(ctx)
	if err != nil || !set.Enabled || b.Store.Engine() != store.SQLite {
		return err
	}
	today := "churndesk-" + now.UTC().Format("2006-01-02")
	entries, _ := os.ReadDir(set.Folder)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), today) {
			return nil
		}
	}
	_, err = b.BackupNow(ctx, now)
	return err
}
