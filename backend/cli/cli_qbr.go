package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"churndesk/backend/fault"
	"churndesk/backend/qbr"
)

func qbrCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("qbr", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	account := fl.Int64("account", 0, "account id")
	quarter := fl.String("quarter", "", "quarter, e.g. 2026-Q3")
	format := fl.String("format", "json", "json, pdf or md")
	out := fl.String("o", "", "output file, - for standard output (default: standard output for json and md)")
	from := fl.String("from", "", "render this report JSON (as the API returns it) instead of reading the database")
	lang := fl.String("lang", "", "with -from: the language to render in (en, ru or pl; default the report's)")
	internal := fl.Bool("internal", false, "pdf and md: add the sections for the team only (health breakdown, loyalty tier)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *from != "" {
		return qbrFromFile(env, *from, *lang, *format, *out, qbr.Options{Internal: *internal})
	}
	if *account <= 0 {
		return fault.Field("account", "is required: the account's id")
	}
	if *format == "pdf" && *out == "" {
		return fault.Field("o", "is required for pdf")
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	var data []byte
	switch *format {
	case "json":
		r, err := b.QBR.Report(ctx, *account, *quarter)
		if err != nil {
			return err
		}
		data, _ = json.MarshalIndent(r, "", "  ")
		data = append(data, '\n')
	case "md":
		md, err := b.QBR.Markdown(ctx, *account, *quarter, qbr.Options{Internal: *internal})
		if err != nil {
			return err
		}
		data = []byte(md)
	case "pdf":
		if data, err = b.QBR.PDF(ctx, *account, *quarter, qbr.Options{Internal: *internal}); err != nil {
			return err
		}
	default:
		return fault.Field("format", "must be json, pdf or md")
	}
	if *out == "" {
		*out = stdoutName
	}
	if toFile, err := writeOutput(env, *out, data); err != nil || !toFile {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Wrote the %s QBR of account %d to %s.\n", *quarter, *account, *out)
	return err
}

// qbrFromFile renders a saved report JSON as a document, with no database.
func qbrFromFile(env Env, file, lang, format, out string, o qbr.Options) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read report: %w", err)
	}
	var r qbr.Report
	if err := json.Unmarshal(raw, &r); err != nil {
		return fault.Field("from", "is not a QBR report: "+err.Error())
	}
	if lang != "" {
		if lang != "en" && lang != "ru" && lang != "pl" {
			return fault.Field("lang", "must be en, ru or pl")
		}
		r.Language = lang
	}
	var data []byte
	switch format {
	case "pdf":
		if out == "" {
			return fault.Field("o", "is required for pdf")
		}
		if data, err = qbr.PDF(r, o); err != nil {
			return err
		}
	case "md":
		data = []byte(qbr.Markdown(r, o))
	default:
		return fault.Field("format", "must be pdf or md with -from")
	}
	if out == "" {
		out = stdoutName
	}
	_, err = writeOutput(env, out, data)
	return err
}
