package cli

import (
	"context"
	"fmt"
	"time"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

func healthCommand(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "recompute" {
		return fault.BadRequest("usage: churndesk health recompute [--db …] [--as-of YYYY-MM-DD]")
	}
	fl := newFlags("health recompute", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	asOf := fl.String("as-of", "", "score as of this day (default today)")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	day := time.Now().UTC()
	if *asOf != "" {
		d, err := store.ParseDate(*asOf)
		if err != nil {
			return fault.Field("as-of", "must be a date written YYYY-MM-DD")
		}
		day = d.Time
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	// Days are the team's: today, or the as-of day, in its time zone.
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, b.Now().Location())
	if *asOf == "" {
		day = b.Now()
	}
	started := time.Now()
	res, err := b.Health.Recompute(ctx, day)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "Scored %d accounts for the week of %s in %s: %d good, %d average, %d poor.\n",
		res.Accounts, res.Week, time.Since(started).Round(time.Millisecond), res.Good, res.Average, res.Poor)
	return err
}
