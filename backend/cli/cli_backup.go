package cli

import (
	"context"
	"fmt"
	"time"

	"churndesk/backend/backup"
	"churndesk/backend/boot"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

func backupCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("backup", env)
	db := fl.String("db", "", "database file (SQLite)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fault.BadRequest("usage: churndesk backup [--db FILE] BACKUP_FILE")
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	if err := backup.Save(ctx, b.Store, fl.Arg(0)); err != nil {
		return err
	}
	version, err := backup.Check(fl.Arg(0))
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Backed up to %s (schema %s); the database stayed open for writing.\n", fl.Arg(0), version)
	return err
}

func restoreCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("restore", env)
	db := fl.String("db", "", "database file to replace (SQLite)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fault.BadRequest("usage: churndesk restore [--db FILE] BACKUP_FILE   (close ChurnDesk first)")
	}
	target, err := boot.ResolveDSN(*db)
	if err != nil {
		return err
	}
	if store.IsPostgresDSN(target) {
		return fault.BadRequest("restore replaces a SQLite file; restore PostgreSQL with pg_restore")
	}
	kept, err := backup.Restore(fl.Arg(0), target, time.Now())
	if err != nil {
		return err
	}
	if kept != "" {
		fmt.Fprintf(env.Stdout, "The previous database is kept as %s.\n", kept)
	}
	_, err = fmt.Fprintf(env.Stdout, "Restored %s from %s.\n", target, fl.Arg(0))
	return err
}

// backupFolderCommand shows or sets the folder of automatic daily backups;
// the API shows it but does not change it.
func backupFolderCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("backup-folder", env)
	db := fl.String("db", "", "database file (SQLite)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 1 {
		return fault.BadRequest("usage: churndesk backup-folder [--db FILE] [FOLDER]")
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	set, err := b.BackupSettings(ctx)
	if fl.NArg() == 1 {
		set, err = b.SetBackupFolder(ctx, fl.Arg(0))
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Daily backups go to %s (on: %v, keeping %d).\n", set.Folder, set.Enabled, set.Keep)
	return err
}
