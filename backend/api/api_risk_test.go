package api_test

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"churndesk/backend/boot"
	"churndesk/backend/risk"
)

// TestRiskEndpoints: with no churns the model refuses to train and says
// why; on a sample portfolio it trains, stores, scores and explains, and
// the scores, the account card and the backtest agree with each other.
func TestRiskEndpoints(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		st := decode[risk.ModelStatus](t, call(t, srv, "GET", "/api/v1/risk/model", nil))
		if st.Trained || st.Model != nil || !strings.Contains(st.Message, "No risk model") {
			t.Fatalf("model before training: %+v", st)
		}
		res := call(t, srv, "POST", "/api/v1/risk/train", map[string]any{})
		if res.status != 409 || !strings.Contains(string(res.body), "cannot learn yet") {
			t.Fatalf("train on an empty database: %d %s", res.status, res.body)
		}
		if res := call(t, srv, "GET", "/api/v1/risk/scores", nil); res.status != 409 {
			t.Fatalf("scores without a model: %d %s", res.status, res.body)
		}
		if res := call(t, srv, "PUT", "/api/v1/risk/settings", map[string]any{"horizon_days": 3, "ridge": 1}); res.status != 422 || !strings.Contains(string(res.body), "horizon_days") {
			t.Fatalf("horizon of 3 days: %d %s", res.status, res.body)
		}
		if res := call(t, srv, "GET", "/api/v1/risk/scores?limit=9999", nil); res.status != 422 || !strings.Contains(string(res.body), "limit") {
			t.Fatalf("limit 9999: %d %s", res.status, res.body)
		}

		if res := call(t, srv, "POST", "/api/v1/demo", map[string]any{"accounts": 800, "seed": 7}); res.status != 201 {
			t.Fatalf("demo: %d %s", res.status, res.body)
		}
		res = call(t, srv, "POST", "/api/v1/risk/train", map[string]any{"horizon": 60})
		if res.status != 201 {
			t.Fatalf("train: %d %s", res.status, res.body)
		}
		m := decode[risk.Model](t, res)
		if m.ID == 0 || m.Horizon != 60 || m.AsOf != "2026-11-24" || len(m.Coefficients) < 10 || m.Inputs.Events < risk.MinEvents {
			t.Fatalf("model %+v", m)
		}
		st = decode[risk.ModelStatus](t, call(t, srv, "GET", "/api/v1/risk/model", nil))
		if !st.Trained || st.Model.ID != m.ID || st.Model.Coefficients[0] != m.Coefficients[0] {
			t.Fatalf("stored model %+v", st)
		}
		sc := decode[risk.Scores](t, call(t, srv, "GET", "/api/v1/risk/scores?limit=3&lang=pl", nil))
		if sc.ModelID != m.ID || sc.Horizon != 60 || len(sc.Items) != 3 || sc.Total != sc.Accounts || !strings.Contains(sc.Items[0].Factors[0].Text, "ryzyko ×") {
			t.Fatalf("scores %+v", sc)
		}
		top := sc.Items[0]
		card := decode[risk.AccountRisk](t, call(t, srv, "GET", "/api/v1/risk/accounts/"+strconv.FormatInt(top.AccountID, 10)+"?lang=ru", nil))
		if card.Probability != top.Probability || card.ExpectedLoss != top.ExpectedLoss || card.Name != top.Name || !strings.Contains(card.Factors[0].Text, "риск ×") {
			t.Fatalf("card %+v vs %+v", card, top)
		}
		bt := decode[risk.Backtest](t, call(t, srv, "GET", "/api/v1/risk/backtest?horizon=60", nil))
		if m.Backtest == nil || bt.AUC != m.Backtest.AUC || bt.Health.AUC != m.Backtest.Health.AUC || bt.Cutoff != "2026-09-25" {
			t.Fatalf("backtest %+v vs the model's %+v", bt, m.Backtest)
		}
	})
}
