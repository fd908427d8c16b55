package api_test

import (
	"bytes"
	"context"
	"io"
	"math"
	"mime/multipart"
	"net/http/httptest"
	"strconv"
	"testing"

	"churndesk/backend/boot"
	"churndesk/backend/store"
)

func TestHealthEndpoints(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		res := call(t, srv, "POST", "/api/v1/demo", map[string]any{"accounts": 60, "seed": 5})
		if res.status != 201 {
			t.Fatalf("demo: %d %s", res.status, res.body)
		}
		churned := int(decode[map[string]float64](t, res)["churned"])
		if churned == 0 || churned > 20 {
			t.Errorf("churned accounts in a 60-account demo = %d", churned)
		}
		type overview struct {
			Good, Average, Poor, Unscored int
			AtRisk                        []map[string]any `json:"at_risk"`
		}
		ov := decode[overview](t, call(t, srv, "GET", "/api/v1/health/overview", nil))
		if ov.Good+ov.Average+ov.Poor != 60-churned || ov.Unscored != 0 || len(ov.AtRisk) != min(ov.Poor, 10) {
			t.Errorf("overview = %+v", ov)
		}
		list := decode[accountList](t, call(t, srv, "GET", "/api/v1/accounts?limit=1&sort=-mrr&status=active", nil))
		id := strconv.Itoa(int(list.Items[0]["id"].(float64)))
		type part struct {
			Key                 string
			Points, Lost, Share float64
			Weight              int
		}
		type accountHealth struct {
			Live struct {
				Score     float64
				Class     string
				Breakdown []part
			}
			History []map[string]any
			Usage   []map[string]any
		}
		ah := decode[accountHealth](t, call(t, srv, "GET", "/api/v1/accounts/"+id+"/health", nil))
		sum := 0.0
		for _, p := range ah.Live.Breakdown {
			sum += p.Points
			// Weights are rescaled over the components with data: points and
			// lost add up to the rescaled share, not to the model's weight.
			if math.Abs(p.Points+p.Lost-p.Share) > 0.11 {
				t.Errorf("%s: points %.1f + lost %.1f ≠ share %.1f", p.Key, p.Points, p.Lost, p.Share)
			}
		}
		if len(ah.Live.Breakdown) != 6 || math.Abs(sum-ah.Live.Score) > 0.31 {
			t.Errorf("breakdown %+v sums to %.1f, score %.1f", ah.Live.Breakdown, sum, ah.Live.Score)
		}
		// Weekly scores from the week of 1 July (the start of last quarter) to the week of 24 November.
		if len(ah.History) != 22 || len(ah.Usage) == 0 {
			t.Errorf("history %d weeks, usage %d weeks", len(ah.History), len(ah.Usage))
		}
		if got := list.Items[0]["health_class"]; got != ah.Live.Class {
			t.Errorf("account health_class %v, live class %s", got, ah.Live.Class)
		}

		model := decode[map[string]any](t, call(t, srv, "GET", "/api/v1/health-model", nil))
		comps := model["model"].(map[string]any)["components"].([]any)
		comps[0].(map[string]any)["weight"] = 20.0
		bad := call(t, srv, "PUT", "/api/v1/health-model", model)
		if bad.status != 422 || decode[map[string]any](t, bad)["fields"].(map[string]any)["components"] != "weights must add up to 100; they add up to 95" {
			t.Errorf("weights 95: %d %s", bad.status, bad.body)
		}

		eval := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/triggers/evaluate", map[string]any{}))
		if eval["created"].(float64) != 0 {
			t.Errorf("evaluating after the demo's own evaluation created %v tasks, want 0", eval["created"])
		}
		tasks := decode[accountList](t, call(t, srv, "GET", "/api/v1/tasks?status=all&limit=500", nil))
		if tasks.Total == 0 {
			t.Fatal("the demo portfolio has no tasks")
		}
		taskID := strconv.Itoa(int(tasks.Items[0]["id"].(float64)))
		done := call(t, srv, "PATCH", "/api/v1/tasks/"+taskID, map[string]any{"status": "done"})
		if done.status != 200 || decode[map[string]any](t, done)["status"] != "done" {
			t.Errorf("done: %d %s", done.status, done.body)
		}
	})
}

func TestUsageAndNPSEndpoints(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		acc := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/accounts", validAccount()))
		id := int(acc["id"].(float64))
		path := "/api/v1/accounts/" + strconv.Itoa(id)
		batch := map[string]any{"items": []map[string]any{
			{"account_id": id, "week_start": "2026-11-18", "active_users": 7, "logins": 30, "key_feature_uses": 12, "last_login_at": "2026-11-20T09:30:00Z"},
			{"account_id": id, "week_start": "2026-11-23", "active_users": 6, "logins": 25, "key_feature_uses": 9},
		}}
		for range 2 {
			if res := call(t, srv, "PUT", "/api/v1/usage", batch); res.status != 200 {
				t.Fatalf("usage: %d %s", res.status, res.body)
			}
		}
		var rows []store.UsageSnapshot
		b.Store.Read(context.Background()).Order("week_start").Find(&rows)
		if len(rows) != 2 || rows[0].WeekStart.String() != "2026-11-16" || rows[1].ActiveUsers != 6 {
			t.Errorf("usage rows after two identical upserts: %+v", rows)
		}
		bad := map[string]any{"items": []map[string]any{
			{"account_id": id, "week_start": "2026-11-30", "active_users": 1, "logins": 1, "key_feature_uses": 0},
			{"account_id": 999999, "week_start": "2026-11-30", "active_users": 1, "logins": 1, "key_feature_uses": 0},
			{"account_id": id, "week_start": "2026-11-30", "active_users": -3, "logins": 1, "key_feature_uses": 0},
		}}
		res := call(t, srv, "PUT", "/api/v1/usage", bad)
		if e := decode[map[string]any](t, res); res.status != 422 || e["fields"].(map[string]any)["items[2].active_users"] != "must be ≥ 0" {
			t.Errorf("bad usage: %d %s", res.status, res.body)
		}
		bad["items"] = bad["items"].([]map[string]any)[:2]
		res = call(t, srv, "PUT", "/api/v1/usage", bad)
		if e := decode[map[string]any](t, res); res.status != 422 || e["fields"].(map[string]any)["items[1].account_id"] != "no account has id 999999" {
			t.Errorf("unknown account: %d %s", res.status, res.body)
		}
		var n int64
		b.Store.Read(context.Background()).Model(&store.UsageSnapshot{}).Count(&n)
		if n != 2 {
			t.Errorf("usage rows after rejected batches = %d, want 2", n)
		}

		// Scores 10, 9, 8, 6, 3 in Q3 and 10 in Q4: 3 promoters, 2 detractors of 6 → 16.7.
		for _, a := range []struct {
			score int
			day   string
		}{{10, "2026-08-01"}, {9, "2026-08-15"}, {8, "2026-09-01"}, {6, "2026-09-10"}, {3, "2026-09-30"}, {10, "2026-10-02"}} {
			if res := call(t, srv, "POST", path+"/nps", map[string]any{"score": a.score, "responded_on": a.day}); res.status != 201 {
				t.Fatalf("nps: %d %s", res.status, res.body)
			}
		}
		if res := call(t, srv, "POST", path+"/nps", map[string]any{"score": 11, "responded_on": "2026-10-02"}); res.status != 422 {
			t.Errorf("score 11: %d", res.status)
		}
		type figure struct {
			NPS                  float64
			Responses, Promoters int
			ByQuarter            []struct {
				Quarter string
				NPS     float64
			} `json:"by_quarter"`
		}
		sum := decode[figure](t, call(t, srv, "GET", "/api/v1/nps?account_id="+strconv.Itoa(id), nil))
		// Q3: promoters 10, 9; detractors 6, 3 of 5 → 0. Q4: one promoter → 100.
		if sum.NPS != 16.7 || sum.Responses != 6 || len(sum.ByQuarter) != 2 || sum.ByQuarter[0].NPS != 0 || sum.ByQuarter[1].NPS != 100 {
			t.Errorf("nps summary = %+v", sum)
		}
		q3 := decode[figure](t, call(t, srv, "GET", "/api/v1/nps?from=2026-07-01&to=2026-09-30", nil))
		if q3.Responses != 5 || q3.NPS != 0 {
			t.Errorf("Q3 portfolio = %+v", q3)
		}
	})
}

func TestImportEndpoint(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		call(t, srv, "POST", "/api/v1/accounts", validAccount())
		post := func(csv, options string) response {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, _ := mw.CreateFormFile("file", "usage.csv")
			fw.Write([]byte(csv))
			mw.WriteField("options", options)
			mw.Close()
			res, err := postUpload(srv, "/api/v1/import/usage", mw.FormDataContentType(), &body)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			raw, _ := io.ReadAll(res.Body)
			return response{status: res.StatusCode, body: raw}
		}
		opts := `{"mapping":{"account":"Domain","week_start":"Week","active_users":"Users"},"account_key":"domain"}`
		bad := post("Domain,Week,Users\nacme.io,2026-11-16,5\nghost.io,2026-11-16,5\n", opts)
		rep := decode[map[string]any](t, bad)
		if bad.status != 422 || len(rep["errors"].([]any)) != 1 || rep["written"].(float64) != 0 {
			t.Errorf("bad file: %d %s", bad.status, bad.body)
		}
		good := post("Domain,Week,Users\nacme.io,2026-11-16,5\n", opts)
		if rep := decode[map[string]any](t, good); good.status != 200 || rep["written"].(float64) != 1 {
			t.Errorf("good file: %d %s", good.status, good.body)
		}
		if res := post("x", "not json"); res.status != 422 || decode[map[string]any](t, res)["fields"].(map[string]any)["options"] == nil {
			t.Errorf("bad options: %d %s", res.status, res.body)
		}
	})
}
