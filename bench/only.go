package main

import (
	"context"
	"flag"
	"fmt"
	"os/exec"
	"path/filepath"
	"time"

	"churndesk/backend/demo"
)

var portfolio = flag.String("portfolio", "", "with --only scores, risk, usage-import or endpoints: an existing SQLite portfolio to measure on "+
	"(e.g. made once by churndesk demo --accounts 100000 --db FILE), copied first and never changed; default: generate one of --accounts")

// onlyGroups are the groups of measures --only runs on one SQLite
// portfolio, generated or copied from --portfolio.
var onlyGroups = map[string]func(r *run, usageRows int){
	"scores": func(r *run, _ int) {
		b := r.open()
		defer b.Close()
		r.scoreAndTier(b)
	},
	"risk": func(r *run, _ int) {
		b := r.open()
		defer b.Close()
		r.risk(b)
	},
	"usage-import": func(r *run, usageRows int) { r.importVersusSQLite(usageRows) },
	"endpoints": func(r *run, _ int) {
		// Do serve's start-up work first (today's refresh, and the weekly
		// risk training when no model is a week old, as on a portfolio
		// fresh from churndesk demo), so none of it runs while requests
		// are timed.
		b := r.open()
		ctx := context.Background()
		must(b.Refresh(ctx, time.Now(), false))
		_, err := b.Risk.RetrainIfStale(ctx)
		must(err)
		b.Close()
		r.endpoints()
	},
}

// runOnly runs the group of measures named by --only, if it is one of
// onlyGroups, and reports whether it did.
func runOnly(name, dir, bin string, accounts, usageRows int) bool {
	measure, ok := onlyGroups[name]
	if !ok {
		return false
	}
	r := &run{dir: dir, bin: bin, db: filepath.Join(dir, "bench.db"), engine: "sqlite", slack: 1, accounts: accounts}
	if *portfolio != "" {
		if out, err := exec.Command("sqlite3", *portfolio, ".backup "+r.db).CombinedOutput(); err != nil {
			must(fmt.Errorf("copy the portfolio: %v: %s", err, out))
		}
	} else {
		b := r.open()
		_, err := b.Demo.Load(context.Background(), demo.Options{Accounts: r.accounts, Seed: 1})
		must(err)
		b.Close()
	}
	measure(r, usageRows)
	return true
}
