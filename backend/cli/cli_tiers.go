package cli

import (
	"context"
	"fmt"
	"sort"
	"time"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

func tiersCommand(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "evaluate" {
		return fault.BadRequest("usage: churndesk tiers evaluate [--db …] [--as-of YYYY-MM-DD]")
	}
	fl := newFlags("tiers evaluate", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	asOf := fl.String("as-of", "", "place accounts as of this day (default today)")
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
	res, err := b.Loyalty.Evaluate(ctx, day)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Placed %d accounts as of %s: %d moved up, %d moved down.\n", res.Accounts, res.AsOf, res.Up, res.Down)
	names := make([]string, 0, len(res.ByTier))
	for n := range res.ByTier {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		label := n
		if label == "" {
			label = "(no tier)"
		}
		fmt.Fprintf(env.Stdout, "  %-12s %d\n", label, res.ByTier[n])
	}
	return nil
}
