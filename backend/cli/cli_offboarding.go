package cli

import (
	"context"
	"fmt"

	"churndesk/backend/fault"
	"churndesk/backend/offboarding"
)

func offboardingCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("offboarding", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	account := fl.Int64("account", 0, "account id (its latest checklist is written)")
	format := fl.String("format", "md", "md or pdf")
	out := fl.String("o", "", "output file, - for standard output (default: standard output for md)")
	lang := langFlag(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	ctx, err := inLang(ctx, *lang)
	if err != nil {
		return err
	}
	if *account <= 0 {
		return fault.Field("account", "is required: the account's id")
	}
	if *format != "md" && *format != "pdf" {
		return fault.Field("format", "must be md or pdf")
	}
	if *format == "pdf" && *out == "" {
		return fault.Field("o", "is required for pdf")
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	board, err := b.Offboarding.Board(ctx, offboarding.BoardQuery{Status: "all", AccountID: *account, Limit: 1})
	if err != nil {
		return err
	}
	if len(board.Items) == 0 {
		return &fault.Error{Code: fault.CodeNotFound, Message: fmt.Sprintf("Account %d has no offboarding checklist.", *account)}
	}
	id := board.Items[0].ID
	var data []byte
	if *format == "pdf" {
		data, err = b.Offboarding.PDF(ctx, id)
	} else {
		var md string
		md, err = b.Offboarding.Markdown(ctx, id)
		data = []byte(md)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		*out = stdoutName
	}
	if toFile, err := writeOutput(env, *out, data); err != nil || !toFile {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Wrote the checklist of %s to %s.\n", board.Items[0].AccountName, *out)
	return err
}
