package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/importer"
)

// hubspotQuery exports the portfolio's accounts with the headers HubSpot
// writes, plus the MRR and Currency properties teams add.
const hubspotQuery = `SELECT id AS "Record ID", name AS "Company name", domain AS "Company Domain Name",
	industry AS "Industry", owner AS "Company owner", CAST(contract_start AS TEXT) AS "Create Date",
	CASE status WHEN 'trial' THEN 'opportunity' ELSE 'customer' END AS "Lifecycle Stage",
	printf('%.2f', mrr / 100.0) AS "MRR", currency AS "Currency" FROM accounts ORDER BY id`

// exportedHubSpot writes the portfolio's accounts as a HubSpot companies export.
func (r *run) exportedHubSpot() []byte {
	out, err := exec.Command("sqlite3", "-csv", "-header", r.db, hubspotQuery).Output()
	must(err)
	return out
}

// generatedHubSpot is a HubSpot companies export of n companies without a
// portfolio behind it: for measuring the accounts import alone.
func generatedHubSpot(n int) []byte {
	industries := []string{"COMPUTER_SOFTWARE", "LOGISTICS_AND_SUPPLY_CHAIN", "FOOD_PRODUCTION", "FINANCIAL_SERVICES", "RETAIL"}
	owners := []string{"Anna Kowalska", "Dmitri Ivanov", "Sarah Chen", "Tomasz Nowak"}
	currencies := []string{"EUR", "PLN", "USD", "RUB"}
	var b strings.Builder
	b.WriteString("Record ID,Company name,Company Domain Name,Industry,Company owner,Create Date,Lifecycle Stage,MRR,Currency\n")
	day := time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC)
	for i := range n {
		stage := "customer"
		if i%10 == 0 {
			stage = "opportunity"
		}
		fmt.Fprintf(&b, "%d,Company %d,company%d.example,%s,%s,%s,%s,%d.%02d,%s\n", 100000+i, i, i, industries[i%5], owners[i%4],
			day.AddDate(0, 0, i%1400).Format(time.DateOnly), stage, 50+i%2000, i%100, currencies[i%4])
	}
	return []byte(b.String())
}

// cpuTime is the CPU time this process has used so far: on a shared,
// loaded machine the wall time of a measure also holds the time spent
// waiting for a core, its CPU time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// importCRMAccounts imports a HubSpot companies export into an empty
// database, as a team moving its CRM into ChurnDesk would, then imports it
// again, which must change nothing; the sqlite3 shell loads the same file
// into an empty copy of the accounts table for comparison.
func (r *run) importCRMAccounts(out []byte) {
	csvFile := filepath.Join(r.dir, "hubspot-companies.csv")
	must(os.WriteFile(csvFile, out, 0o600))
	dbFile := filepath.Join(r.dir, "crm.db")
	b, err := boot.OpenWith(context.Background(), dbFile, time.Now, slog.New(slog.DiscardHandler))
	must(err)
	defer b.Close()
	// The shell's floor: the same file into an empty, migrated copy.
	shellDB := filepath.Join(r.dir, "crm-shell.db")
	empty, err := boot.OpenWith(context.Background(), shellDB, time.Now, slog.New(slog.DiscardHandler))
	must(err)
	empty.Close()
	opt := importer.Options{Preset: "hubspot", FileName: "hubspot-companies.csv"}
	var rep importer.Report
	cpu0 := cpuTime()
	first := timed(func() {
		rep, err = b.Importer.Import(context.Background(), "bench", "accounts", out, opt)
	})
	must(err)
	if len(rep.Errors) > 0 || rep.Created != rep.Rows {
		must(fmt.Errorf("HubSpot accounts import: %d rows, %d created, first problems: %v", rep.Rows, rep.Created, rep.Errors[:min(3, len(rep.Errors))]))
	}
	var moves int64
	must(b.Store.Read(context.Background()).Table("mrr_movements").Count(&moves).Error)
	rows := rep.Rows
	cpu1 := cpuTime()
	again := timed(func() {
		rep, err = b.Importer.Import(context.Background(), "bench", "accounts", out, opt)
	})
	must(err)
	cpu2 := cpuTime()
	if rep.Unchanged != rep.Rows {
		must(fmt.Errorf("HubSpot accounts import again: %d of %d unchanged", rep.Unchanged, rep.Rows))
	}
	shell := r.sqliteScript(shellDB, "CREATE TABLE hubspot_import (\"Record ID\", \"Company name\", \"Company Domain Name\", \"Industry\", \"Company owner\", "+
		"\"Create Date\", \"Lifecycle Stage\", \"MRR\", \"Currency\");\n.mode csv\n.import --skip 1 "+csvFile+" hubspot_import\nBEGIN;\n"+
		"INSERT INTO accounts (name, search_text, domain, industry, segment, mrr, currency, contract_start, owner, status, crm_source, external_id, created_at, updated_at) "+
		"SELECT \"Company name\", lower(\"Company name\" || char(9) || \"Company Domain Name\"), \"Company Domain Name\", \"Industry\", 'smb', "+
		"CAST(round(\"MRR\" * 100) AS INTEGER), \"Currency\", \"Create Date\", \"Company owner\", "+
		"CASE \"Lifecycle Stage\" WHEN 'opportunity' THEN 'trial' ELSE 'active' END, 'hubspot', \"Record ID\", datetime('now'), datetime('now') FROM hubspot_import;\nCOMMIT;\n")
	ratio := first.Seconds() / shell.Seconds()
	r.within("HubSpot companies CSV import into an empty database", first.Seconds(), "s", 3, "",
		fmt.Sprintf("%d accounts, %d MRR movements recorded; %.1f s of CPU", rows, moves, (cpu1-cpu0).Seconds()))
	r.within("the same file imported again", again.Seconds(), "s", 1.5, "",
		fmt.Sprintf("%d unchanged; %.1f s of CPU", rep.Unchanged, (cpu2-cpu1).Seconds()))
	r.add("HubSpot companies CSV, sqlite3 .import into an empty accounts table", shell.Seconds(), "s", "", nil, "no parsing, validation, matching, MRR movements or history")
	r.add("accounts import ÷ sqlite3 .import", ratio, "×", "", nil, "")
}
