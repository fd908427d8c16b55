package risk_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/risk"
)

var today = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// openDemo opens a fresh database through the production wiring and loads
// a sample portfolio of n accounts into it, with its health history.
func openDemo(t *testing.T, n int) *boot.Backend {
	t.Helper()
	b, err := boot.OpenWith(context.Background(), filepath.Join(t.TempDir(), "risk.db"), func() time.Time { return today }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if _, err := b.Demo.Load(context.Background(), demo.Options{Accounts: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSampleModelFindsPlantedEffects trains on a sample portfolio of 1,500
// accounts: the planted signals (falling usage, a detractor answer, an
// overdue payment) come out with the right sign, and the backtest beats
// both a coin (AUC > 0.75) and the team's own health score on the same
// split. Scores of the live accounts follow from the stored model.
func TestSampleModelFindsPlantedEffects(t *testing.T) {
	b := openDemo(t, 1500)
	ctx := context.Background()
	m, err := b.Risk.Train(ctx, "test", risk.Query{})
	if err != nil {
		t.Fatal(err)
	}
	hr := map[string]risk.Coefficient{}
	for _, c := range m.Coefficients {
		hr[c.Key] = c
		t.Logf("%-20s coef %7.3f se %6.3f HR/step %6.2f [%5.2f, %5.2f]", c.Key, c.Coef, c.SE, c.HazardRatio, c.Low, c.High)
	}
	for key, riskier := range map[string]bool{"declining": true, "trend_slope": false, "nps_detractor": true, "payment_overdue": true, "seat_use": false} {
		c, ok := hr[key]
		if !ok {
			t.Errorf("covariate %s was not learnt", key)
			continue
		}
		if riskier && !(c.HazardRatio > 1 && c.Low > 1) || !riskier && !(c.HazardRatio < 1 && c.High < 1) {
			t.Errorf("%s: hazard ratio %.2f [%.2f, %.2f], want clearly %s 1", key, c.HazardRatio, c.Low, c.High, map[bool]string{true: "above", false: "below"}[riskier])
		}
	}
	if m.Inputs.Events < risk.MinEvents || m.Inputs.Concordance < 0.75 || len(m.Inputs.Landmarks) == 0 {
		t.Errorf("inputs %+v", m.Inputs)
	}
	bt := m.Backtest
	if bt == nil {
		t.Fatalf("no backtest: %s", m.BacktestNote)
	}
	t.Logf("backtest %s→%s: %d accounts, %d churned; AUC %.3f Brier %.4f top-decile catch %.3f; health AUC %.3f catch %.3f",
		bt.Cutoff, bt.AsOf, bt.Accounts, bt.Churned, bt.AUC, bt.Brier, bt.CatchTop10, bt.Health.AUC, bt.Health.CatchTop10)
	if bt.AUC <= 0.75 || bt.AUC <= bt.Health.AUC {
		t.Errorf("backtest AUC %.3f, health %.3f: want > 0.75 and above the health score", bt.AUC, bt.Health.AUC)
	}
	if bt.Cutoff != "2026-08-26" || bt.AsOf != "2026-11-24" || len(bt.Calibration) != 10 || bt.Brier <= 0 || bt.Brier >= 0.25 {
		t.Errorf("backtest %+v", bt)
	}

	// Scores: riskiest first, relative to the mean, probability × MRR.
	sc, err := b.Risk.Score(ctx, risk.ScoreQuery{Limit: 5, Lang: "ru"})
	if err != nil {
		t.Fatal(err)
	}
	if sc.ModelID != m.ID || sc.Horizon != 90 || len(sc.Items) != 5 || sc.Total != sc.Accounts || sc.Accounts < 1000 {
		t.Fatalf("scores %+v", sc)
	}
	for k, it := range sc.Items {
		if k > 0 && it.Probability > sc.Items[k-1].Probability {
			t.Errorf("item %d riskier than item %d", k, k-1)
		}
		if math.Abs(it.Relative-it.Probability/sc.MeanProbability) > 1e-9 || math.Abs(it.ExpectedLoss-it.Probability*it.MRR) > 1e-9 {
			t.Errorf("item %+v", it)
		}
		if len(it.Factors) == 0 || it.Factors[0].Effect <= 1 || !strings.Contains(it.Factors[0].Text, "риск ×") {
			t.Errorf("factors of %s: %+v", it.Name, it.Factors)
		}
	}
	one, err := b.Risk.Account(ctx, sc.Items[0].AccountID, risk.AccountQuery{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if one.Probability != sc.Items[0].Probability || one.Name == "" || !strings.Contains(one.Factors[0].Text, "risk ×") {
		t.Errorf("account risk %+v vs %+v", one, sc.Items[0])
	}
	t.Logf("riskiest: %s %.1f %% — %v", one.Name, one.Probability*100, one.Factors)
}
