package playbooks_test

import (
	"context"
	"strings"
	"testing"

	"churndesk/backend/fault"
	"churndesk/backend/playbooks"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/texts"
)

// scoreRisk stores a forecast the way a background scoring does: a new
// row starts checked at its first probability; a rescore keeps the old
// probability as the previous one and leaves the checked one alone.
func scoreRisk(t *testing.T, s *store.Store, id int64, p float64, on string) {
	t.Helper()
	db := s.Write(context.Background())
	var n int64
	if err := db.Model(&store.RiskScore{}).Where("account_id = ?", id).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	var err error
	if n == 0 {
		err = db.Create(&store.RiskScore{AccountID: id, ModelID: 1, Probability: p, CheckedProbability: &p, ExpectedLoss: p * 100, ScoredOn: date(on)}).Error
	} else {
		err = db.Exec("UPDATE risk_scores SET previous_probability = probability, probability = ?, scored_on = ? WHERE account_id = ?", p, date(on), id).Error
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestRiskRoseFiresOnceOnCrossing: with the line at 30 %, an account whose
// forecast rose from 20 % to 34 % and one from 25 % to exactly 30 % fire;
// one already above, one still below, one that fell and a churned one do
// not. Running the triggers again creates nothing; a rise over two
// scorings between trigger runs fires once; a later crossing fires anew.
func TestRiskRoseFiresOnceOnCrossing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s, ids: map[string]int64{}}
		for _, name := range []string{"Riser", "Exactly30", "AlreadyAbove", "Below", "Fell", "ChurnedRiser"} {
			a := quiet(name)
			if name == "ChurnedRiser" {
				a.Status = "churned"
			}
			f.add(t, a)
		}
		for name, ps := range map[string][2]float64{
			"Riser": {0.20, 0.34}, "Exactly30": {0.25, 0.30}, "AlreadyAbove": {0.40, 0.45},
			"Below": {0.10, 0.29}, "Fell": {0.50, 0.20}, "ChurnedRiser": {0.10, 0.50},
		} {
			scoreRisk(t, s, f.ids[name], ps[0], "2026-11-17")
			scoreRisk(t, s, f.ids[name], ps[1], "2026-11-24")
		}
		svc := newService(s, asOf)
		ctx := context.Background()
		res, err := svc.Evaluate(ctx, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(fired(t, svc), " "); got != "risk_rose:Exactly30 risk_rose:Riser" || res.Created != 4 || res.Fired[playbooks.RiskRose] != 2 {
			t.Fatalf("fired %s, result %+v; want Exactly30 and Riser, 4 tasks", got, res)
		}
		want := map[string]string{
			"en": "call|Call Riser: churn risk rose (20.0 % → 34.0 %)|20.0 % → 34.0 %|2026-11-26",
			"ru": "call|Позвонить в Riser: риск оттока вырос (20,0 % → 34,0 %)|20,0 % → 34,0 %|2026-11-26",
			"pl": "call|Zadzwonić do Riser: ryzyko odejścia wzrosło (20,0 % → 34,0 %)|20,0 % → 34,0 %|2026-11-26",
		}
		for lang, w := range want {
			list, err := svc.Tasks(texts.WithLang(ctx, lang), playbooks.TaskQuery{Status: "all", AccountID: f.ids["Riser"]})
			if err != nil || len(list.Items) != 2 {
				t.Fatalf("%s: Riser's tasks %+v, %v", lang, list, err)
			}
			first := list.Items[0]
			if got := first.Kind + "|" + first.Title + "|" + first.Reason + "|" + first.DueOn; got != w {
				t.Errorf("%s: %q, want %q", lang, got, w)
			}
		}
		// Today's trigger filter offers them: the two calls due in 2 days.
		inbox, err := svc.Today(ctx, playbooks.TodayQuery{Trigger: playbooks.RiskRose})
		if err != nil {
			t.Fatal(err)
		}
		var due []string
		for _, task := range inbox.Items {
			due = append(due, task.AccountName+"@"+task.DueOn)
		}
		if got := strings.Join(due, " "); got != "Riser@2026-11-26 Exactly30@2026-11-26 Riser@2026-11-29 Exactly30@2026-11-29" {
			t.Errorf("Today filtered by risk_rose: %s", got)
		}
		again, err := svc.Evaluate(ctx, asOf)
		if err != nil || again.Created != 0 || again.Fired[playbooks.RiskRose] != 0 {
			t.Fatalf("second run: %+v, %v; want nothing new", again, err)
		}

		// Two scorings before the next trigger run: Below rises 29 % → 35 %
		// → 36 % and fires once; Fell climbs back to 31 % from the 20 % last
		// checked and fires on its new day; Riser stays above and does not.
		scoreRisk(t, s, f.ids["Below"], 0.35, "2026-11-25")
		scoreRisk(t, s, f.ids["Below"], 0.36, "2026-11-26")
		scoreRisk(t, s, f.ids["Fell"], 0.31, "2026-11-26")
		scoreRisk(t, s, f.ids["Riser"], 0.38, "2026-11-26")
		later := asOf.AddDate(0, 0, 2)
		res, err = newService(s, later).Evaluate(ctx, later)
		if err != nil || res.Created != 4 || res.Fired[playbooks.RiskRose] != 2 {
			t.Fatalf("after rescoring: %+v, %v; want Below and Fell, 4 tasks", res, err)
		}
		list, _ := svc.Tasks(ctx, playbooks.TaskQuery{Status: "all", AccountID: f.ids["Below"]})
		if len(list.Items) != 2 || list.Items[0].Reason != "29.0 % → 36.0 %" {
			t.Errorf("Below's tasks %+v", list.Items)
		}
		if got := strings.Join(fired(t, svc), " "); got != "risk_rose:Below risk_rose:Exactly30 risk_rose:Fell risk_rose:Riser" {
			t.Errorf("fired %s", got)
		}
	})
}

// TestRiskRoseLineIsAPercentage: the line is the playbook's threshold,
// 30 % by default, and must be 1–99.
func TestRiskRoseLineIsAPercentage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s, asOf)
		ctx := context.Background()
		books, err := svc.Playbooks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		p := books[len(books)-1]
		if p.Trigger != playbooks.RiskRose || p.Threshold != 30 || len(p.Actions) != 2 || !p.Enabled {
			t.Fatalf("default risk playbook %+v", p)
		}
		p.Threshold = 100
		_, err = svc.SavePlaybook(ctx, p)
		if fe, _ := fault.As(err); fe == nil || fe.Fields["threshold"] != "must be a percentage from 1 to 99" {
			t.Fatalf("threshold 100: %v", err)
		}
		p.Threshold = 40
		if _, err := svc.SavePlaybook(ctx, p); err != nil {
			t.Fatal(err)
		}
		f := &fixture{s: s, ids: map[string]int64{}}
		for name, ps := range map[string][2]float64{"To35": {0.2, 0.35}, "To40": {0.2, 0.40}} {
			id := f.add(t, quiet(name))
			scoreRisk(t, s, id, ps[0], "2026-11-17")
			scoreRisk(t, s, id, ps[1], "2026-11-24")
		}
		if _, err := svc.Evaluate(ctx, asOf); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(fired(t, svc), " "); got != "risk_rose:To40" {
			t.Errorf("line at 40 %%: fired %s, want To40 only", got)
		}
	})
}
