package cli

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"

	"churndesk/backend/fault"
	"churndesk/backend/tokens"
)

func tokenCommand(ctx context.Context, env Env, args []string) error {
	usage := fault.BadRequest("usage: churndesk token create --name NAME --scope read|write|admin | token list | token revoke ID [--db …]")
	if len(args) == 0 {
		return usage
	}
	fl := newFlags("token "+args[0], env)
	db := fl.String("db", "", "database file or postgres:// URL")
	name := fl.String("name", "", "who or what uses the token, e.g. hubspot-sync")
	scope := fl.String("scope", "read", "read (GET only), write (change data) or admin (also tokens, webhook secrets, backups, settings)")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	switch args[0] {
	case "create":
		c, err := b.Tokens.Create(ctx, "command line", tokens.Input{Name: *name, Scope: *scope})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(env.Stdout, "Created %s token %q. Keep the secret now; it is not shown again:\n%s\n", c.Scope, c.Name, c.Secret)
		return err
	case "list":
		list, err := b.Tokens.List(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSCOPE\tPREFIX\tCREATED\tREVOKED")
		for _, t := range list.Items {
			revoked := ""
			if t.RevokedAt != nil {
				revoked = t.RevokedAt.Format("2006-01-02")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s…\t%s\t%s\n", t.ID, t.Name, t.Scope, t.Prefix, t.CreatedAt.Format("2006-01-02"), revoked)
		}
		return tw.Flush()
	case "revoke":
		id, err := strconv.ParseInt(fl.Arg(0), 10, 64)
		if err != nil {
			return fault.Field("id", "give the token's id, as `token list` shows it")
		}
		if err := b.Tokens.Revoke(ctx, id); err != nil {
			return err
		}
		_, err = fmt.Fprintf(env.Stdout, "Revoked token %d.\n", id)
		return err
	default:
		return usage
	}
}
