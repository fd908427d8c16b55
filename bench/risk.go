package main

import (
	"context"
	"fmt"

	"churndesk/backend/boot"
	"churndesk/backend/risk"
)

// riskTrainTarget and riskScoreTarget are the churn-risk model's targets
// at 100,000 accounts, in seconds: training (with the backtest one horizon
// earlier, as the Train button does it) and scoring every live account.
const (
	riskTrainTarget = 15
	riskScoreTarget = 2
)

// risk times training the churn-risk model on the portfolio (risk-train)
// and scoring every live account with it (risk-score), with the process's
// CPU time beside each: on a shared machine the wall time waits on others.
func (r *run) risk(b *boot.Backend) {
	ctx := context.Background()
	var m risk.Model
	var err error
	cpu0 := cpuTime()
	d := timed(func() { m, err = b.Risk.Train(ctx, "bench", risk.Query{}) })
	must(err)
	r.within("risk-train: churn-risk model with its backtest", d.Seconds(), "s", riskTrainTarget, "",
		fmt.Sprintf("%d account-periods, %d churns; CPU %.1f s", m.Inputs.Rows, m.Inputs.Events, (cpuTime()-cpu0).Seconds()))
	var s risk.Scores
	cpu0 = cpuTime()
	d = timed(func() { s, err = b.Risk.Score(ctx, risk.ScoreQuery{Limit: 20}) })
	must(err)
	r.within("risk-score: every live account", d.Seconds(), "s", riskScoreTarget, "",
		fmt.Sprintf("%d live accounts; CPU %.1f s", s.Accounts, (cpuTime()-cpu0).Seconds()))
}
