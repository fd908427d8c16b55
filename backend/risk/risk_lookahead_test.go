package risk

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/demo"
	"churndesk/backend/engagement"
	"churndesk/backend/fault"
	"churndesk/backend/health"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

var lookToday = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// canonical keys a training set's rows by landmark, account and life, so
// two sets can be compared whatever order the lives were read in.
func canonical(ts trainingSet) map[string]string {
	out := map[string]string{}
	for i, s := range ts.Subjects {
		key := fmt.Sprintf("%s|%d|%s", ts.Landmarks[s.Landmark].Format(time.DateOnly), s.Account, s.From.Format(time.DateOnly))
		m, _ := json.Marshal(ts.Measures[i])
		out[key] = fmt.Sprintf("%v %v %s", ts.Time[i], ts.Event[i], m)
	}
	return out
}

func testEnv() env {
	return env{health: health.DefaultModel(), conv: nil, es: engagement.DefaultSettings(), loc: time.UTC}
}

// TestTrainingSetHasNoLookAhead builds the backtest's training set (cut-off
// = as-of − 90 days) of a sample portfolio, then changes everything dated
// after the cut-off — usage weeks, NPS answers, an MRR movement, a task and
// a churn of a live customer — and builds it again: not one row moves. A
// change dated before the cut-off does move it (the test can fail).
func TestTrainingSetHasNoLookAhead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := demo.NewLoader(s, check.New(), func() time.Time { return lookToday }, nil).Load(ctx, demo.Options{Accounts: 300, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		cutoff := store.NewDate(lookToday).Time.AddDate(0, 0, -90)
		e := testEnv()
		build := func() map[string]string {
			t.Helper()
			db := s.Read(ctx)
			var err error
			if e.conv, err = loadConverter(db); err != nil {
				t.Fatal(err)
			}
			ts, err := buildTrainingSet(db, e, cutoff, 90)
			if err != nil {
				t.Fatal(err)
			}
			if len(ts.Landmarks) == 0 || ts.events() == 0 {
				t.Fatalf("training set has %d landmarks, %d events", len(ts.Landmarks), ts.events())
			}
			return canonical(ts)
		}
		before := build()
		var live store.Account
		if err := s.Read(ctx).Where("status = 'active' AND contract_start < ?", store.NewDate(cutoff.AddDate(-1, 0, 0))).Order("id").First(&live).Error; err != nil {
			t.Fatal(err)
		}
		after := store.NewDate(cutoff.AddDate(0, 0, 1))
		later := store.NewDate(cutoff.AddDate(0, 0, 20))
		churnedOn := store.NewDate(cutoff.AddDate(0, 0, 30))
		db := s.Write(ctx)
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"UPDATE usage_snapshots SET active_users = 0, logins = 0 WHERE week_start >= ?", []any{store.NewDate(engagement.WeekStart(cutoff))}},
			{"INSERT INTO nps_responses (account_id, score, comment, responded_on) SELECT id, 0, '', ? FROM accounts", []any{after}},
			{"INSERT INTO mrr_movements (account_id, date, kind, amount, currency, created_at) VALUES (?, ?, 'expansion', 99900, ?, ?)", []any{live.ID, later, live.Currency, lookToday}},
			{"INSERT INTO tasks (account_id, trigger, occurrence, action_index, kind, title, reason, owner, due_on, status, created_at, updated_at) VALUES (?, 'no_login', 'x', 0, 'call', 't', 'r', '', ?, 'open', ?, ?)",
				[]any{live.ID, later, later.Time, later.Time}},
			{"UPDATE accounts SET status = 'churned' WHERE id = ?", []any{live.ID}},
		} {
			if err := db.Exec(q.sql, q.args...).Error; err != nil {
				t.Fatalf("%s: %v", q.sql, err)
			}
		}
		rec := store.ChurnRecord{AccountID: live.ID, ChurnDate: churnedOn, ContractStart: live.ContractStart, Reason: "other", Currency: live.Currency, MRRLost: 100}
		if err := db.Create(&rec).Error; err != nil {
			t.Fatal(err)
		}
		moved := build()
		if len(moved) != len(before) {
			t.Fatalf("changes after the cut-off changed the training set from %d to %d rows", len(before), len(moved))
		}
		for k, v := range before {
			if moved[k] != v {
				t.Fatalf("row %s moved after changes dated after the cut-off:\n%s\n%s", k, v, moved[k])
			}
		}
		// A detractor answer before the cut-off is seen.
		if err := db.Exec("INSERT INTO nps_responses (account_id, score, comment, responded_on) VALUES (?, 1, '', ?)",
			live.ID, store.NewDate(cutoff.AddDate(0, 0, -40))).Error; err != nil {
			t.Fatal(err)
		}
		changed := 0
		for k, v := range build() {
			if before[k] != v {
				changed++
			}
		}
		if changed == 0 {
			t.Fatal("an NPS answer before the cut-off left the training set unchanged")
		}
	})
}

// TestTrainingRefusesWithTenChurns builds a portfolio whose last year holds
// 10 churns: training refuses and says why, and stores nothing.
func TestTrainingRefusesWithTenChurns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		db := s.Write(ctx)
		start := store.NewDate(lookToday.AddDate(-2, 0, 0))
		for i := range 60 {
			a := store.Account{Name: fmt.Sprintf("A%d", i), SearchText: "a", Segment: []string{"smb", "mid_market"}[i%2], Currency: "EUR", Status: "active",
				ContractStart: start, Seats: 5 + i}
			if i < 10 {
				a.Status = "churned"
			}
			if err := db.Create(&a).Error; err != nil {
				t.Fatal(err)
			}
			if i < 10 {
				rec := store.ChurnRecord{AccountID: a.ID, ChurnDate: store.NewDate(lookToday.AddDate(0, 0, -15-30*i)), ContractStart: start, Reason: "other", Currency: "EUR"}
				if err := db.Create(&rec).Error; err != nil {
					t.Fatal(err)
				}
			}
		}
		svc := NewService(s, check.New(), func() time.Time { return lookToday })
		_, err := svc.Train(ctx, "test", Query{})
		fe, ok := fault.As(err)
		if !ok || fe.Code != fault.CodeConflict {
			t.Fatalf("train with 10 churns: %v", err)
		}
		for _, want := range []string{"cannot learn yet", "at least 30 churns", "there are 10", "health score stays the guide"} {
			if !strings.Contains(fe.Message, want) {
				t.Errorf("message %q does not say %q", fe.Message, want)
			}
		}
		var n int64
		s.Read(ctx).Model(&store.RiskModel{}).Count(&n)
		if n != 0 {
			t.Fatalf("%d models stored after a refusal", n)
		}
		st, err := svc.Latest(ctx)
		if err != nil || st.Trained || st.Message == "" {
			t.Fatalf("latest after refusal: %+v, %v", st, err)
		}
	})
}

// TestAUCAndCatchByHand checks the backtest's figures on four accounts.
func TestAUCAndCatchByHand(t *testing.T) {
	// Scores 0.9 0.5 0.5 0.1 with outcomes yes no yes no: pairs (pos, neg) =
	// (0.9,0.5) 1, (0.9,0.1) 1, (0.5,0.5) ½, (0.5,0.1) 1 → 3.5 ÷ 4.
	auc, roc := AUC([]float64{0.9, 0.5, 0.5, 0.1}, []bool{true, false, true, false})
	if math.Abs(auc-0.875) > 1e-12 || len(roc) != 4 || roc[3] != (Point{1, 1}) {
		t.Fatalf("AUC %v, ROC %v", auc, roc)
	}
	subjects := make([]subject, 20)
	score := make([]float64, 20)
	lost := make([]float64, 20)
	for i := range subjects {
		subjects[i] = subject{Account: int64(i + 1)}
		score[i] = float64(i)
	}
	lost[19], lost[18], lost[0] = 100, 50, 50 // the two riskiest hold 150 of 200
	if got := catchTop(score, lost, subjects); math.Abs(got-0.75) > 1e-12 {
		t.Fatalf("catch = %v, want 0.75", got)
	}
	dec := calibration(score, []bool{19: true})
	if len(dec) != 10 || dec[9].Observed != 0.5 || dec[0].Observed != 0 || dec[9].Predicted != 18.5 {
		t.Fatalf("calibration %+v", dec)
	}
}
