package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"churndesk/backend/accounts"
	"churndesk/backend/churn"
	"churndesk/backend/export"
	"churndesk/backend/fault"
	"churndesk/backend/importer"
	"churndesk/backend/retention"
)

func importCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("import", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	preset := fl.String("preset", "generic", "hubspot, salesforce, pipedrive, stripe or generic")
	kind := fl.String("kind", "accounts", "accounts, contacts, usage, nps or churn")
	mappingFile := fl.String("mapping", "", `JSON file: {"mapping": {"field": "Column header"}, "account_key": "external_id"}`)
	dryRun := fl.Bool("dry-run", false, "check every row and write nothing")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fault.BadRequest("usage: churndesk import --preset P --kind K [--mapping FILE] [--dry-run] FILE")
	}
	// Opened, not read whole: an accounts import reads the file as it goes.
	file, err := os.Open(fl.Arg(0))
	if err != nil {
		return err
	}
	defer file.Close()
	opt := importer.Options{}
	if *mappingFile != "" {
		m, err := os.ReadFile(*mappingFile)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(m, &opt); err != nil {
			return fault.Field("mapping", "must be a JSON file with mapping and account_key: "+err.Error())
		}
	}
	opt.Preset, opt.DryRun, opt.FileName = *preset, *dryRun, filepath.Base(fl.Arg(0))
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	rep, err := b.Importer.ImportFrom(ctx, "command line", *kind, file, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %d rows (%s, delimiter %q), %d bad, %d written%s.\n", fl.Arg(0), rep.Rows, rep.Encoding, rep.Delimiter,
		len(rep.Errors), rep.Written, map[bool]string{true: " (dry run)", false: ""}[rep.DryRun])
	for _, e := range rep.Errors {
		fmt.Fprintf(env.Stdout, "  row %d, %s: %s\n", e.Row, e.Column, e.Message)
	}
	if len(rep.Errors) > 0 && !rep.DryRun {
		return fault.BadRequest("nothing was imported: fix the rows above and run again")
	}
	return nil
}

func exportCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("export", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	kind := fl.String("kind", "accounts", "accounts, churn or metrics")
	format := fl.String("format", "csv", "csv or xlsx")
	out := fl.String("o", "", "output file, - for standard output")
	lang := langFlag(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fault.Field("o", "is required: the file to write")
	}
	ctx, err := inLang(ctx, *lang)
	if err != nil {
		return err
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	var t export.Table
	switch *kind {
	case "accounts":
		t, err = b.Accounts.Table(ctx, accounts.Filter{})
	case "churn":
		t, err = b.Churn.Table(ctx, churn.Query{})
	case "metrics":
		t, err = b.Retention.Table(ctx, retention.MetricsQuery{})
	default:
		return fault.Field("kind", "must be accounts, churn or metrics")
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch *format {
	case "csv":
		err = export.WriteCSV(&buf, t)
	case "xlsx":
		err = export.WriteXLSX(&buf, t)
	default:
		return fault.Field("format", "must be csv or xlsx")
	}
	if err != nil {
		return err
	}
	if toFile, err := writeOutput(env, *out, buf.Bytes()); err != nil || !toFile {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Wrote %d %s rows to %s.\n", len(t.Rows), *kind, *out)
	return err
}
