package api_test

import (
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"strings"
	"testing"

	"churndesk/backend/accounts"
	"churndesk/backend/boot"
	"churndesk/backend/risk"
	"churndesk/backend/store"
)

// TestTrainingStoresScores: training stores every live account's forecast,
// equal to what /risk/scores says; the account list shows it as risk and,
// sorted by risk, pages through the scored accounts riskiest first and then
// the rest (churned and trial accounts: not live customers, no forecast)
// with a null risk.
func TestTrainingStoresScores(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		if res := call(t, srv, "POST", "/api/v1/demo", map[string]any{"accounts": 800, "seed": 7}); res.status != 201 {
			t.Fatalf("demo: %d %s", res.status, res.body)
		}
		var n int64
		if err := b.Store.Read(context.Background()).Model(&store.RiskScore{}).Count(&n).Error; err != nil || n != 0 {
			t.Fatalf("stored scores before any model: %d, %v", n, err)
		}
		res := call(t, srv, "POST", "/api/v1/risk/train", map[string]any{"horizon": 60})
		if res.status != 201 {
			t.Fatalf("train: %d %s", res.status, res.body)
		}
		m := decode[risk.Model](t, res)
		var items []risk.AccountRisk
		var sc risk.Scores
		for offset := 0; offset == 0 || offset < sc.Total; offset += 500 {
			sc = decode[risk.Scores](t, call(t, srv, "GET", fmt.Sprintf("/api/v1/risk/scores?limit=500&offset=%d", offset), nil))
			items = append(items, sc.Items...)
		}
		var rows []store.RiskScore
		if err := b.Store.Read(context.Background()).Order("account_id").Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(items) == 0 || len(rows) != len(items) || sc.ModelID != m.ID {
			t.Fatalf("stored %d forecasts, the API scores %d with model %d (trained %d)", len(rows), len(items), sc.ModelID, m.ID)
		}
		byID := map[int64]risk.AccountRisk{}
		for _, it := range items {
			byID[it.AccountID] = it
		}
		for _, r := range rows {
			it, ok := byID[r.AccountID]
			if !ok || r.Probability != it.Probability || r.ExpectedLoss != it.ExpectedLoss || r.ModelID != m.ID ||
				r.ScoredOn.String() != sc.AsOf || r.PreviousProbability != nil || r.CheckedProbability == nil || *r.CheckedProbability != r.Probability {
				t.Fatalf("stored %+v, API %+v", r, it)
			}
		}

		var listed []accounts.Account
		var page accounts.List[accounts.Account]
		for offset := 0; offset == 0 || int64(offset) < page.Total; offset += 200 {
			page = decode[accounts.List[accounts.Account]](t, call(t, srv, "GET", fmt.Sprintf("/api/v1/accounts?sort=-risk&limit=200&offset=%d", offset), nil))
			listed = append(listed, page.Items...)
		}
		if int64(len(listed)) != page.Total || len(listed) <= len(items) {
			t.Fatalf("listed %d of %d accounts; %d scored", len(listed), page.Total, len(items))
		}
		for i, a := range listed {
			if i < len(items) {
				if a.Risk == nil || *a.Risk != items[i].Probability || *a.Risk != byID[a.ID].Probability {
					t.Fatalf("row %d (%s): risk %v, want %v", i, a.Name, a.Risk, items[i].Probability)
				}
			} else if a.Risk != nil || a.Status != "churned" && a.Status != "trial" {
				t.Fatalf("row %d (%s, %s): risk %v, want none after the scored", i, a.Name, a.Status, a.Risk)
			}
		}
		if res := call(t, srv, "GET", "/api/v1/accounts?sort=risky", nil); res.status != 422 {
			t.Fatalf("unknown sort: %d %s", res.status, res.body)
		}
	})
}

// TestStoredScoresAnswerLikeScoring: after training, /risk/scores with
// stored=true pages the forecasts training stored, in the same order and
// with the same probabilities, expected losses, summary and model as a
// fresh scoring, without factors; asked for another horizon it scores
// afresh, with factors.
func TestStoredScoresAnswerLikeScoring(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		if res := call(t, srv, "POST", "/api/v1/demo", map[string]any{"accounts": 600, "seed": 5}); res.status != 201 {
			t.Fatalf("demo: %d %s", res.status, res.body)
		}
		if res := call(t, srv, "GET", "/api/v1/risk/scores?stored=true", nil); res.status != 409 {
			t.Fatalf("stored scores before any model: %d %s", res.status, res.body)
		}
		if res := call(t, srv, "POST", "/api/v1/risk/train", map[string]any{}); res.status != 201 {
			t.Fatalf("train: %d %s", res.status, res.body)
		}
		near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
		for _, page := range []string{"limit=5", "limit=200&offset=100"} {
			live := decode[risk.Scores](t, call(t, srv, "GET", "/api/v1/risk/scores?"+page, nil))
			kept := decode[risk.Scores](t, call(t, srv, "GET", "/api/v1/risk/scores?stored=true&"+page, nil))
			if kept.ModelID != live.ModelID || kept.AsOf != live.AsOf || kept.Horizon != live.Horizon || kept.Currency != live.Currency ||
				kept.Accounts != live.Accounts || kept.Total != live.Total || len(kept.Items) != len(live.Items) || len(live.Items) == 0 ||
				!near(kept.MeanProbability, live.MeanProbability) || !near(kept.ExpectedLoss, live.ExpectedLoss) {
				t.Fatalf("%s: stored %+v\nlive %+v", page, kept, live)
			}
			for i, k := range kept.Items {
				l := live.Items[i]
				if k.AccountID != l.AccountID || k.Name != l.Name || k.Probability != l.Probability || k.ExpectedLoss != l.ExpectedLoss ||
					!near(k.MRR, l.MRR) || !near(k.Relative, l.Relative) || len(k.Factors) != 0 || len(l.Factors) == 0 {
					t.Fatalf("%s, item %d: stored %+v\nlive %+v", page, i, k, l)
				}
			}
		}
		if res := call(t, srv, "GET", "/api/v1/risk/scores?stored=yes", nil); res.status != 422 || !strings.Contains(string(res.body), "true or false") {
			t.Fatalf("stored=yes: %d %s", res.status, res.body)
		}
		other := decode[risk.Scores](t, call(t, srv, "GET", "/api/v1/risk/scores?stored=true&horizon=30&limit=3", nil))
		if other.Horizon != 30 || len(other.Items) == 0 || len(other.Items[0].Factors) == 0 {
			t.Fatalf("another horizon: %+v", other)
		}
	})
}
