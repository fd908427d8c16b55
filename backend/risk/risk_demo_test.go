package risk_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
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

func TestSampleModelFindsPlantedEffects(t *testing.T) {
	start := time.Now()
	b := openDemo(t, 1500)
	t.Logf("load %v", time.Since(start))
	start = time.Now()
	m, err := b.Risk.Train(context.Background(), "test", risk.Query{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("train %v", time.Since(start))
	for _, c := range m.Coefficients {
		t.Logf("%-22s coef %7.3f se %6.3f HR/step %6.2f [%5.2f, %5.2f]", c.Key, c.Coef, c.SE, c.HazardRatio, c.Low, c.High)
	}
	t.Logf("inputs %+v", m.Inputs)
	if bt := m.Backtest; bt != nil {
		t.Logf("backtest AUC %.3f Brier %.4f catch %.3f; health AUC %.3f catch %.3f scored %d; accounts %d churned %d", bt.AUC, bt.Brier, bt.CatchTop10, bt.Health.AUC, bt.Health.CatchTop10, bt.Health.Scored, bt.Accounts, bt.Churned)
		t.Logf("calibration %+v", bt.Calibration)
	} else {
		t.Logf("no backtest: %s", m.BacktestNote)
	}
}
