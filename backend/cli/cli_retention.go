package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"churndesk/backend/retention"
)

func metricsCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("metrics", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	var q retention.MetricsQuery
	fl.StringVar(&q.From, "from", "", "period start YYYY-MM-DD (default: a year before --to)")
	fl.StringVar(&q.To, "to", "", "period end YYYY-MM-DD (default: --as-of)")
	fl.StringVar(&q.AsOf, "as-of", "", "what is known as of YYYY-MM-DD (default: today)")
	asJSON := fl.Bool("json", false, "print JSON")
	if err := fl.Parse(args); err != nil {
		return err
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	m, err := b.Retention.Metrics(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env, m)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Period %s – %s (as of %s): S %d, E %d, new %d, lost %d\n\n", m.From, m.To, m.AsOf,
		m.Customers.Start, m.Customers.End, m.Customers.New, m.Customers.Lost)
	fmt.Fprintln(tw, "FIGURE\tVALUE\tFORMULA")
	for _, f := range m.Figures {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Key, show(f.Value, "%"), f.Formula)
	}
	for _, r := range m.Revenue {
		for _, f := range r.Figures {
			unit := "%"
			if f.Unit == "money" {
				unit = " " + r.Currency + " (minor units)"
			}
			fmt.Fprintf(tw, "%s (%s)\t%s\t%s\n", f.Key, r.Currency, show(f.Value, unit), f.Formula)
		}
	}
	fmt.Fprintf(tw, "nps\t%.1f\t%s\n", m.NPS.NPS, m.NPS.Formula)
	return tw.Flush()
}

func show(v *float64, unit string) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%s", *v, unit)
}

func retentionCommand(ctx context.Context, env Env, args []string) error {
	fl := newFlags("retention", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	var q retention.CurveQuery
	fl.StringVar(&q.AsOf, "as-of", "", "censor active customers at YYYY-MM-DD (default: today)")
	fl.StringVar(&q.GroupBy, "group-by", "", "one curve per segment, plan or channel")
	asJSON := fl.Bool("json", false, "print JSON")
	if err := fl.Parse(args); err != nil {
		return err
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	c, err := b.Retention.Curve(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env, c)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, curve := range c.Curves {
		fmt.Fprintf(tw, "%s (%d customers)\nTENURE DAYS\tAT RISK\tCHURNED\tSURVIVAL\t95%% BAND\n", curve.Group, curve.Customers)
		for _, p := range curve.Points {
			fmt.Fprintf(tw, "%d\t%d\t%d\t%.4f\t%.4f – %.4f\n", p.TenureDays, p.AtRisk, p.Churned, p.Survival, p.CILow, p.CIHigh)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func printJSON(env Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
