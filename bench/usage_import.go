package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"churndesk/backend/importer"
)

// usageCSV writes a usage file of n rows for the portfolio's first 2,000
// accounts (all of a smaller one), week after week from 2019.
func (r *run) usageCSV(n int) string {
	csvFile := filepath.Join(r.dir, "usage.csv")
	f, err := os.Create(csvFile)
	must(err)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "account_id,week_start,active_users,logins,key_feature_uses")
	day := time.Date(2019, 1, 7, 0, 0, 0, 0, time.UTC)
	k := min(2000, r.accounts)
	for i := range n {
		fmt.Fprintf(w, "%d,%s,%d,%d,%d\n", i%k+1, day.AddDate(0, 0, 7*(i/k)).Format(time.DateOnly), i%37, i%211, i%53)
	}
	must(w.Flush())
	must(f.Close())
	return csvFile
}

// importUsage imports a usage file through ChurnDesk's importer, as the
// app and `churndesk import` do, and adds its time.
func (r *run) importUsage(csvFile string, n int) time.Duration {
	raw, err := os.ReadFile(csvFile)
	must(err)
	b := r.open()
	defer b.Close()
	var rep importer.Report
	took := timed(func() {
		rep, err = b.Importer.Import(context.Background(), "bench", "usage", raw, importer.Options{
			Mapping:    map[string]string{"account": "account_id", "week_start": "week_start", "active_users": "active_users", "logins": "logins", "key_feature_uses": "key_feature_uses"},
			AccountKey: "id"})
	})
	must(err)
	if len(rep.Errors) > 0 {
		must(fmt.Errorf("usage import: %d problems, the first: %v", len(rep.Errors), rep.Errors[0]))
	}
	r.add("usage CSV import, ChurnDesk", took.Seconds(), "s", "", nil, fmt.Sprintf("%d rows into the portfolio's usage table, upserting by account and week", n))
	return took
}

// importVersusSQLite imports the same usage CSV through ChurnDesk and with
// the sqlite3 shell's .import into the same table: a copy of the portfolio's
// database taken just before, so both write into the same rows and indexes,
// and both upsert by account and week. For reference the shell also imports
// the file into an empty copy of the table.
func (r *run) importVersusSQLite(n int) {
	csvFile := r.usageCSV(n)
	sameDB := filepath.Join(r.dir, "floor-same.db")
	if out, err := exec.Command("sqlite3", r.db, ".backup "+sameDB).CombinedOutput(); err != nil {
		must(fmt.Errorf("copy the database: %v: %s", err, out))
	}
	ours := r.importUsage(csvFile, n)

	const staging = "CREATE TABLE usage_import (account_id INTEGER, week_start TEXT, active_users INTEGER, logins INTEGER, key_feature_uses INTEGER);\n"
	load := ".mode csv\n.import --skip 1 " + csvFile + " usage_import\nBEGIN;\n" +
		"INSERT INTO usage_snapshots (account_id, week_start, active_users, logins, key_feature_uses) SELECT * FROM usage_import WHERE true\n" +
		"ON CONFLICT (account_id, week_start) DO UPDATE SET active_users = excluded.active_users, logins = excluded.logins, key_feature_uses = excluded.key_feature_uses;\nCOMMIT;\n"
	same := r.sqliteScript(sameDB, staging+load)
	schema, err := exec.Command("sqlite3", r.db, ".schema usage_snapshots").Output()
	must(err)
	empty := r.sqliteScript(filepath.Join(r.dir, "floor-empty.db"), string(schema)+"\n"+staging+load)

	ratio := ours.Seconds() / same.Seconds()
	r.add("usage CSV import, sqlite3 .import", same.Seconds(), "s", "", nil, "the same file into the same table (a copy taken just before), upserting the same way")
	r.within("usage import ÷ sqlite3 .import", ratio, "×", 1.25, "", "")
	r.add("usage CSV import, sqlite3 .import into an empty table", empty.Seconds(), "s", "", nil,
		fmt.Sprintf("for reference: ChurnDesk takes %.1f× this", ours.Seconds()/empty.Seconds()))
}

// sqliteScript runs a script with the sqlite3 shell on db and times it.
func (r *run) sqliteScript(db, script string) time.Duration {
	file := db + ".sql"
	must(os.WriteFile(file, []byte(script), 0o600))
	return timed(func() {
		cmd := exec.Command("sqlite3", db)
		in, err := os.Open(file)
		must(err)
		defer in.Close()
		cmd.Stdin = in
		if out, err := cmd.CombinedOutput(); err != nil {
			must(fmt.Errorf("sqlite3 .import: %v: %s", err, out))
		}
	})
}
