package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"churndesk/backend/risk"
)

// TestRiskCommands trains on a sample portfolio, writes the model as JSON
// to a file, lists the riskiest accounts in words and backtests to the
// same figures; an unknown verb prints the usage.
func TestRiskCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "risk.db")
	if code, _, errOut := run(t, ctx, "demo", "--db", db, "--accounts", "800", "--seed", "7"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	file := filepath.Join(dir, "model.json")
	code, out, errOut := run(t, ctx, "risk", "train", "--db", db, "--json", "-o", file)
	if code != 0 || out != "" || !strings.Contains(errOut, "Wrote "+file) {
		t.Fatalf("train: %d %q %q", code, out, errOut)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m risk.Model
	if err := json.Unmarshal(raw, &m); err != nil || m.ID != 1 || m.Backtest == nil || m.Inputs.Events < risk.MinEvents {
		t.Fatalf("model JSON: %v %+v", err, m)
	}
	code, out, errOut = run(t, ctx, "risk", "score", "--db", db, "--limit", "3")
	if code != 0 || !strings.Contains(out, "live accounts as of") || !strings.Contains(out, "risk ×") || strings.Count(out, "\n") != 6 {
		t.Fatalf("score: %d %q %q", code, out, errOut)
	}
	code, out, errOut = run(t, ctx, "risk", "backtest", "--db", db, "--json", "-o", "-")
	var bt risk.Backtest
	if code != 0 || json.Unmarshal([]byte(out), &bt) != nil || bt.AUC != m.Backtest.AUC || bt.Health.AUC != m.Backtest.Health.AUC {
		t.Fatalf("backtest: %d %q %q", code, out, errOut)
	}
	code, out, errOut = run(t, ctx, "risk", "guess", "--db", db)
	if code == 0 || !strings.Contains(errOut, "risk train|score|backtest") {
		t.Fatalf("unknown verb: %d %q %q", code, out, errOut)
	}
}
