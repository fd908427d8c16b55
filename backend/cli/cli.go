// Package cli runs ChurnDesk's subcommands: serve, demo, openapi, version.
// Each works without a display.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"churndesk/backend/api"
	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Env carries what a subcommand may use from the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Dist           fs.FS // the built frontend, for serve
}

type command struct {
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

// helpArgs reports whether args ask only for a command's help.
func helpArgs(args []string) bool {
	if len(args) != 1 {
		return false
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

var commands = map[string]command{
	"serve":         {"serve the API and the web UI on 127.0.0.1 for a browser, a CRM or scripts", serve},
	"demo":          {"load the deterministic sample portfolio into an empty database", loadDemo},
	"openapi":       {"write the OpenAPI 3.1 document of the API", writeOpenAPI},
	"health":        {"health recompute [--as-of DATE]: score every live account and store the week's history", healthCommand},
	"metrics":       {"retention figures for a period: metrics [--from DATE] [--to DATE] [--as-of DATE] [--json]", metricsCommand},
	"retention":     {"Kaplan–Meier retention curve: retention [--as-of DATE] [--group-by segment|plan|channel] [--json]", retentionCommand},
	"offboarding":   {"write an account's offboarding checklist: offboarding --account ID [--format md|pdf] [-o FILE]", offboardingCommand},
	"tiers":         {"tiers evaluate [--as-of DATE]: place every live account in its loyalty tier", tiersCommand},
	"qbr":           {"an account's QBR report: qbr --account ID --quarter 2026-Q3 [--format json|pdf|md] [-o FILE]", qbrCommand},
	"token":         {"API tokens: token create --name NAME --scope read|write|admin | token list | token revoke ID", tokenCommand},
	"import":        {"import a CSV export: import --preset hubspot|salesforce|pipedrive|stripe|generic --kind accounts|contacts|usage|nps|churn [--mapping FILE] [--dry-run] FILE", importCommand},
	"export":        {"export as CSV or XLSX: export --kind accounts|churn|metrics --format csv|xlsx -o FILE", exportCommand},
	"backup":        {"consistent copy of the SQLite database while it is in use: backup [--db FILE] BACKUP_FILE", backupCommand},
	"backup-folder": {"show or set the folder of automatic daily backups (an existing folder of yours that others cannot write to): backup-folder [--db FILE] [FOLDER]", backupFolderCommand},
	"restore":       {"check a backup and put it in place (close ChurnDesk first): restore [--db FILE] BACKUP_FILE", restoreCommand},
	"risk":          {"churn-risk model: risk train|score|backtest [--as-of DATE] [--horizon DAYS] [--json] [-o FILE|-]", riskCommand},
	"tasks":         {"list open tasks due by a day: tasks [--due today|DATE] [--owner NAME] [--json]", tasksCommand},
	"version": {"print the version", func(_ context.Context, env Env, args []string) error {
		if err := newFlags("version", env).Parse(args); err != nil {
			return err
		}
		_, err := fmt.Fprintln(env.Stdout, "churndesk", boot.Version)
		return err
	}},
}

// subcommands are the commands whose first argument is a verb (health
// recompute, tiers evaluate, token create): their help is their summary.
var subcommands = map[string]bool{"health": true, "tiers": true, "token": true, "risk": true}

// Commands lists the subcommands in the order the usage text shows them.
var Commands = []string{"serve", "demo", "health", "risk", "tasks", "metrics", "retention", "offboarding", "tiers", "qbr", "import", "export", "token", "backup", "backup-folder", "restore", "openapi", "version"}

// IsCommand reports whether args name a command (known or not) or ask for
// help, rather than carry options for the desktop window (which all start
// with a dash).
func IsCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	return !strings.HasPrefix(args[0], "-") || helpArgs(args)
}

// Run runs the subcommand named by args[0] and returns the exit code: 0 on
// success or help, 1 when the command fails, 2 for an unknown command.
func Run(ctx context.Context, args []string, env Env) int {
	if helpArgs(args) {
		usage(env.Stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "churndesk: unknown command %q\n\n", args[0])
		usage(env.Stderr)
		return 2
	}
	if subcommands[args[0]] && helpArgs(args[1:]) {
		fmt.Fprintf(env.Stdout, "churndesk %s: %s\n", args[0], cmd.summary)
		return 0
	}
	err := cmd.run(ctx, env, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	if fe, ok := fault.As(err); ok {
		fmt.Fprintln(env.Stderr, "churndesk "+args[0]+":", fe.Message)
		for field, msg := range fe.Fields {
			fmt.Fprintf(env.Stderr, "  %s: %s\n", field, msg)
		}
		return 1
	}
	fmt.Fprintln(env.Stderr, "churndesk "+args[0]+":", err)
	if store.IsFull(err) {
		fmt.Fprintln(env.Stderr, "  The disk is full (or the file size limit is reached): nothing of this was written. Free some space and run it again.")
	}
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: churndesk [--db PATH|postgres://…]      open the desktop window")
	fmt.Fprintln(w, "       churndesk COMMAND [options]")
	fmt.Fprintln(w, "\nCommands:")
	for _, name := range Commands {
		fmt.Fprintf(w, "  %-12s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nThe database is --db, else $CHURNDESK_DB, else the file in the user data folder.")
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(name string, env Env) *flag.FlagSet {
	fl := flag.NewFlagSet("churndesk "+name, flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	return fl
}

func loadDemo(ctx context.Context, env Env, args []string) error {
	fl := newFlags("demo", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	n := fl.Int("accounts", 200, "how many accounts to create (1–100000)")
	seed := fl.Int64("seed", 1, "random seed; the same seed and day give the same portfolio")
	if err := fl.Parse(args); err != nil {
		return err
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	started := time.Now()
	res, err := b.Demo.Load(ctx, demo.Options{Accounts: *n, Seed: *seed})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Loaded %d accounts, %d contacts, %d weekly usage rows and %d NPS answers in %s.\n",
		res.Accounts, res.Contacts, res.UsageRows, res.NPSResponses, time.Since(started).Round(time.Millisecond))
	return err
}

func writeOpenAPI(_ context.Context, env Env, args []string) error {
	fl := newFlags("openapi", env)
	out := fl.String("o", "", "write to this file instead of standard output")
	if err := fl.Parse(args); err != nil {
		return err
	}
	doc, err := api.Spec()
	if err != nil {
		return err
	}
	doc = append(doc, '\n')
	if *out == "" {
		*out = stdoutName
	}
	_, err = writeOutput(env, *out, doc)
	return err
}

func openBackend(ctx context.Context, flagDB string) (*boot.Backend, error) {
	dsn, err := boot.ResolveDSN(flagDB)
	if err != nil {
		return nil, err
	}
	return boot.Open(ctx, dsn)
}
