package qbr_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

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
