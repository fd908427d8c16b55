package qbr_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"churndesk/backend/health"
	"churndesk/backend/qbr"
	"churndesk/backend/store"
)

// TestDraftNamesUsageChangeAndNPS: an untouched report of a sample account
// comes drafted from the data in the report's language; its summary names
// the real change in weekly active users and the quarter's NPS.
func TestDraftNamesUsageChangeAndNPS(t *testing.T) {
	b, _ := demoBackend(t)
	ctx := context.Background()
	// The first live account with a non-zero NPS in 2026-Q3 and usage in both quarters.
	var ids []int64
	err := b.Store.Read(ctx).Raw(`SELECT DISTINCT a.id FROM accounts a JOIN nps_responses n ON n.account_id = a.id
		WHERE a.status <> 'churned' AND n.responded_on BETWEEN ? AND ? ORDER BY a.id`,
		store.NewDate(mustQuarter(t).Start()), store.NewDate(mustQuarter(t).End())).Scan(&ids).Error
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, c := range ids {
		r, err := b.QBR.Report(ctx, c, "2026-Q3")
		if err == nil && r.Computed.NPS.NPS != 0 && r.Computed.Usage[0].ChangePct != nil {
			id = c
			break
		}
	}
	if id == 0 {
		t.Fatal("no account with a non-zero NPS and usage in 2026-Q3")
	}
	want := map[string][]string{}
	for _, lang := range []string{"en", "ru", "pl"} {
		r, err := b.QBR.ReportIn(ctx, id, "2026-Q3", lang)
		if err != nil {
			t.Fatal(err)
		}
		var users qbr.UsageKPI
		for _, u := range r.Computed.Usage {
			if u.Key == "avg_active_users" {
				users = u
			}
		}
		if users.ChangePct == nil {
			t.Fatalf("account %d has no usage last quarter", id)
		}
		pct := strings.TrimSuffix(fmt.Sprintf("%.1f", abs(*users.ChangePct)), ".0")
		nps := fmt.Sprintf("%.0f", abs(r.Computed.NPS.NPS))
		if lang != "en" {
			pct = strings.Replace(pct, ".", ",", 1)
		}
		sign := "+"
		if *users.ChangePct < 0 {
			sign = "−"
		}
		npsSign := map[bool]string{true: "−", false: "+"}[r.Computed.NPS.NPS < 0]
		if r.Computed.NPS.NPS == 0 {
			npsSign = ""
		}
		space := map[string]string{"en": "", "ru": " ", "pl": " "}[lang]
		want[lang] = []string{sign + pct + space + "%", "NPS", npsSign + nps}
		s := r.Edited.ExecutiveSummary
		t.Logf("[%s] %s | risks %v", lang, s, r.Edited.Risks)
		for _, w := range want[lang] {
			if !strings.Contains(s, w) {
				t.Errorf("[%s] summary lacks %q: %s", lang, w, s)
			}
		}
		if n := strings.Count(s, ". ") + 1; n < 3 || n > 5 {
			t.Errorf("[%s] summary has %d sentences, want 3–5: %s", lang, n, s)
		}
		if r.Status != "new" || r.Language != lang || !contains(r.Edited.Drafted, qbr.DraftedSummary) || !contains(r.Edited.Drafted, qbr.DraftedKPIs) {
			t.Errorf("[%s] status %s language %s drafted %v", lang, r.Status, r.Language, r.Edited.Drafted)
		}
		if k := r.Edited.Value.KPIs[0]; k.Before != users.Previous || k.After != users.This || k.Direction != qbr.Higher || k.Unit != qbr.UnitCount {
			t.Errorf("[%s] first drafted KPI %+v, want weekly active users %v → %v", lang, k, users.Previous, users.This)
		}
	}
	if _, err := b.QBR.ReportIn(ctx, id, "2026-Q3", "de"); err == nil {
		t.Error("language de accepted")
	}
}

// TestDraftCarriesGoalsOver: the previous QBR's next-quarter goals become
// this quarter's goals, open, with their outcome to fill in; a saved report
// is never redrafted.
func TestDraftCarriesGoalsOver(t *testing.T) {
	b, id := demoBackend(t)
	ctx := context.Background()
	_, err := b.QBR.Save(ctx, "Sarah Chen", id, "2026-Q2", qbr.SaveInput{Status: "final", Language: "en",
		Edited: qbr.Edited{ExecutiveSummary: "Done.", NextGoals: []string{"Automate the board report", "Raise seat utilisation to 50 %"}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := b.QBR.Report(ctx, id, "2026-Q3")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Edited.Goals) != 2 || r.Edited.Goals[0].Goal != "Automate the board report" || r.Edited.Goals[1].Status != "open" || r.Edited.Goals[1].Outcome != "" ||
		!contains(r.Edited.Drafted, qbr.DraftedGoals) {
		t.Errorf("goals %+v drafted %v", r.Edited.Goals, r.Edited.Drafted)
	}
	saved, err := b.QBR.Report(ctx, id, "2026-Q2")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Edited.ExecutiveSummary != "Done." || len(saved.Edited.Drafted) != 0 || len(saved.Edited.Value.KPIs) != 0 {
		t.Errorf("a saved report was redrafted: %+v", saved.Edited)
	}
}

func mustQuarter(t *testing.T) qbr.Quarter {
	q, err := qbr.ParseQuarter("2026-Q3")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestPastQuarterRisksAreThoseOpenAtItsEnd: a past quarter's drafted risks
// are the risk tasks open when it ended (created before its end, not done
// by then), not those open today; a running quarter's are those open now.
func TestPastQuarterRisksAreThoseOpenAtItsEnd(t *testing.T) {
	b, id := demoBackend(t)
	ctx := context.Background()
	db := b.Store.Write(ctx)
	if err := db.Where("account_id = ?", id).Delete(&store.Task{}).Error; err != nil {
		t.Fatal(err)
	}
	at := func(day string) time.Time {
		d, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(10 * time.Hour)
	}
	done := func(day string) *time.Time { d := at(day); return &d }
	for _, task := range []store.Task{
		{Trigger: "payment_overdue", Status: "open", CreatedAt: at("2026-09-15")},                        // open since Q3
		{Trigger: "usage_drop", Status: "done", CreatedAt: at("2026-09-20"), DoneAt: done("2026-10-05")}, // done in Q4
		{Trigger: "no_login", Status: "done", CreatedAt: at("2026-09-01"), DoneAt: done("2026-09-10")},   // done in Q3
		{Trigger: "health_poor", Status: "open", CreatedAt: at("2026-10-10")},                            // opened in Q4
	} {
		task.AccountID, task.Occurrence, task.Kind, task.Title, task.Owner = id, task.Trigger+"-test", "call", task.Trigger, "Sarah Chen"
		task.DueOn = store.NewDate(task.CreatedAt)
		if err := db.Create(&task).Error; err != nil {
			t.Fatal(err)
		}
	}
	risks := func(quarter string) []string {
		r, err := b.QBR.ReportIn(ctx, id, quarter, "en")
		if err != nil {
			t.Fatal(err)
		}
		var fromTasks []string
		for _, s := range r.Edited.Risks {
			if !strings.Contains(s, "component") { // the weak health components come after the tasks
				fromTasks = append(fromTasks, s)
			}
		}
		return fromTasks
	}
	q3 := []string{"A payment is overdue.", "Active users dropped sharply over the last four weeks."}
	q4 := []string{"A payment is overdue.", "Health has fallen to poor."}
	if got := risks("2026-Q3"); strings.Join(got, "|") != strings.Join(q3, "|") {
		t.Errorf("2026-Q3 risks %q, want %q", got, q3)
	}
	if got := risks("2026-Q4"); strings.Join(got, "|") != strings.Join(q4, "|") {
		t.Errorf("2026-Q4 (running) risks %q, want %q", got, q4)
	}
}

// TestDraftRisksSkipComponentsWithoutData: a health component with no data
// was left out of the score (its score reads 0), so the drafted risks do not
// call it weak; a component with data that scored under 50 is named.
func TestDraftRisksSkipComponentsWithoutData(t *testing.T) {
	b, id := demoBackend(t)
	ctx := context.Background()
	db := b.Store.Write(ctx)
	var latest store.HealthScore
	if err := db.Where("account_id = ? AND week_start <= ?", id, store.NewDate(mustQuarter(t).End())).Order("week_start DESC").First(&latest).Error; err != nil {
		t.Fatal(err)
	}
	// Shares rescaled over the 85 % of weight with data: 30 → 35.3, 25 → 29.4, 20 → 23.5, 10 → 11.8.
	parts := []health.Part{
		{Key: health.EngagementTrend, HasData: true, Weight: 30, Score: 80, Share: 35.3, Points: 28.2, Lost: 7.1},
		{Key: health.LoginRecency, HasData: true, Weight: 25, Score: 90, Share: 29.4, Points: 26.5, Lost: 2.9},
		{Key: health.SeatUtilisation, HasData: true, Weight: 20, Score: 30, Share: 23.5, Points: 7.1, Lost: 16.4},
		{Key: health.LatestNPS, HasData: false, Weight: 15},
		{Key: health.Payment, HasData: true, Weight: 10, Score: 100, Share: 11.8, Points: 11.8},
	}
	breakdown, err := json.Marshal(parts)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Model(&latest).Update("breakdown", string(breakdown)).Error; err != nil {
		t.Fatal(err)
	}
	r, err := b.QBR.ReportIn(ctx, id, "2026-Q3", "en")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range r.Edited.Risks {
		if strings.Contains(s, "component") {
			got = append(got, s)
		}
	}
	want := []string{"Weak health component: seat utilisation (30 of 100)."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("component risks %q, want %q", got, want)
	}
}
