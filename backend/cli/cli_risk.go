package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"churndesk/backend/fault"
	"churndesk/backend/risk"
)

const riskUsage = "usage: churndesk risk train|score|backtest [--db …] [--as-of YYYY-MM-DD] [--horizon DAYS] [--json] [-o FILE|-]"

// riskCommand trains, scores with or backtests the churn-risk model.
func riskCommand(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || (args[0] != "train" && args[0] != "score" && args[0] != "backtest") {
		return fault.BadRequest(riskUsage)
	}
	verb := args[0]
	fl := newFlags("risk "+verb, env)
	db := fl.String("db", "", "database file or postgres:// URL")
	var q risk.ScoreQuery
	fl.StringVar(&q.AsOf, "as-of", "", "what is known as of YYYY-MM-DD (default: today)")
	fl.IntVar(&q.Horizon, "horizon", 0, "forecast horizon in days (default: the setting, 90)")
	fl.IntVar(&q.Limit, "limit", 20, "score: how many of the riskiest accounts to list")
	fl.StringVar(&q.Lang, "lang", "en", "score: language of the factors (en, ru, pl)")
	asJSON := fl.Bool("json", false, "print JSON")
	out := fl.String("o", stdoutName, "write to FILE instead of standard output (-)")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	b, err := openBackend(ctx, *db)
	if err != nil {
		return err
	}
	defer b.Close()
	var v any
	var text bytes.Buffer
	tw := tabwriter.NewWriter(&text, 0, 4, 2, ' ', 0)
	switch verb {
	case "train":
		m, err := b.Risk.Train(ctx, "cli", q.Query)
		if err != nil {
			return err
		}
		v = m
		fmt.Fprintf(tw, "Model %d trained as of %s on %d account-months of %d accounts with %d churns (concordance %.3f).\n\n",
			m.ID, m.AsOf, m.Inputs.Rows, m.Inputs.Accounts, m.Inputs.Events, m.Inputs.Concordance)
		fmt.Fprintln(tw, "COVARIATE\tHAZARD RATIO\t95 % INTERVAL\tPER")
		for _, c := range m.Coefficients {
			fmt.Fprintf(tw, "%s\t%.2f\t%.2f – %.2f\t%g %s\n", c.Key, c.HazardRatio, c.Low, c.High, c.Step, c.Unit)
		}
		if m.Backtest != nil {
			fmt.Fprintln(tw)
			writeBacktest(tw, *m.Backtest)
		} else {
			fmt.Fprintf(tw, "\nNo backtest: %s\n", m.BacktestNote)
		}
	case "backtest":
		bt, err := b.Risk.Backtest(ctx, q.Query)
		if err != nil {
			return err
		}
		v = bt
		writeBacktest(tw, bt)
	default:
		sc, err := b.Risk.Score(ctx, q)
		if err != nil {
			return err
		}
		v = sc
		fmt.Fprintf(tw, "%d live accounts as of %s, next %d days: expected MRR loss %.2f %s, mean risk %.1f %%.\n\n",
			sc.Accounts, sc.AsOf, sc.Horizon, sc.ExpectedLoss, sc.Currency, sc.MeanProbability*100)
		fmt.Fprintln(tw, "ACCOUNT\tRISK\t× PORTFOLIO\tEXPECTED LOSS\tFACTORS")
		for _, it := range sc.Items {
			factors := ""
			for k, f := range it.Factors {
				if k > 0 {
					factors += "; "
				}
				factors += f.Text
			}
			fmt.Fprintf(tw, "%s (%d)\t%.1f %%\t%.1f\t%.2f\t%s\n", it.Name, it.AccountID, it.Probability*100, it.Relative, it.ExpectedLoss, factors)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	data := text.Bytes()
	if *asJSON {
		if data, err = json.MarshalIndent(v, "", "  "); err != nil {
			return fmt.Errorf("encode JSON: %w", err)
		}
		data = append(data, '\n')
	}
	toFile, err := writeOutput(env, *out, data)
	if err == nil && toFile {
		_, err = fmt.Fprintf(env.Stderr, "Wrote %s\n", *out)
	}
	return err
}

func writeBacktest(tw *tabwriter.Writer, bt risk.Backtest) {
	fmt.Fprintf(tw, "Backtest: trained on data up to %s, scored %d accounts alive then; %d churned by %s.\n", bt.Cutoff, bt.Accounts, bt.Churned, bt.AsOf)
	fmt.Fprintln(tw, "\tMODEL\tHEALTH SCORE")
	fmt.Fprintf(tw, "AUC\t%.3f\t%.3f\n", bt.AUC, bt.Health.AUC)
	fmt.Fprintf(tw, "Lost MRR caught in the riskiest 10 %%\t%.1f %%\t%.1f %%\n", bt.CatchTop10*100, bt.Health.CatchTop10*100)
	fmt.Fprintf(tw, "Brier score\t%.4f\t\n", bt.Brier)
	fmt.Fprintln(tw, "\nDECILE\tACCOUNTS\tPREDICTED\tOBSERVED")
	for _, d := range bt.Calibration {
		fmt.Fprintf(tw, "%d\t%d\t%.1f %%\t%.1f %%\n", d.Decile, d.Accounts, d.Predicted*100, d.Observed*100)
	}
}
