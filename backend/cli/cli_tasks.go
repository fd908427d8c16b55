package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"churndesk/backend/fault"
	"churndesk/backend/playbooks"
	"churndesk/backend/store"
)

func tasksCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("tasks", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	due := fl.String("due", "today", "show open tasks due on or before this day: today, or YYYY-MM-DD")
	owner := fl.String("owner", "", "only this owner's tasks")
	asJSON := fl.Bool("json", false, "print JSON instead of a table")
	lang := langFlag(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	ctx, err := inLang(ctx, *lang)
	if err != nil {
		return err
	}
	dueBy := store.NewDate(time.Now().UTC()).String()
	if *due != "today" {
		d, err := store.ParseDate(*due)
		if err != nil {
			return fault.Field("due", "must be today or a date written YYYY-MM-DD")
		}
		dueBy = d.String()
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	if *due == "today" {
		dueBy = store.NewDate(b.Now()).String() // today in the team's time zone
	}
	list, err := b.Playbooks.Tasks(ctx, playbooks.TaskQuery{DueBy: dueBy, Owner: *owner, Limit: 500})
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env, list)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE\tOWNER\tACCOUNT\tKIND\tTASK")
	for _, t := range list.Items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.DueOn, t.Owner, t.AccountName, t.Kind, t.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "%d open tasks due by %s (showing %d).\n", list.Total, dueBy, len(list.Items))
	return err
}
