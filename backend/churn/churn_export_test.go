package churn_test

import (
	"context"
	"reflect"
	"testing"

	"churndesk/backend/churn"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/texts"
)

// TestExportNamesEnumsInTheReadersLanguage: the churn export writes the
// reason, the engagement class at churn and the would-return answer in the
// language of the person asking (English when none is given).
func TestExportNamesEnumsInTheReadersLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, id := setup(t, s)
		ctx := context.Background()
		_, err := svc.Create(ctx, "Anna", id, churn.Input{ChurnDate: "2026-10-31", Reason: "competitor", WouldReturn: "maybe"})
		if err != nil {
			t.Fatal(err)
		}
		// Columns: reason (5), engagement_at_churn (11), would_return (19).
		want := map[string][3]string{
			"":   {"Moved to a competitor", "Declining", "Maybe"},
			"en": {"Moved to a competitor", "Declining", "Maybe"},
			"ru": {"Ушли к конкуренту", "Падает", "Возможно"},
			"pl": {"Przejście do konkurencji", "Spada", "Może"},
		}
		for lang, w := range want {
			c := ctx
			if lang != "" {
				c = texts.WithLang(ctx, lang)
			}
			tab, err := svc.Table(c, churn.Query{})
			if err != nil {
				t.Fatal(err)
			}
			if len(tab.Rows) != 1 {
				t.Fatalf("%s: %d rows", lang, len(tab.Rows))
			}
			row := tab.Rows[0]
			if got := [3]string{row[5].(string), row[11].(string), row[19].(string)}; !reflect.DeepEqual(got, w) {
				t.Errorf("%q: %q, want %q", lang, got, w)
			}
			if tab.Header[5] != "reason" || tab.Header[11] != "engagement_at_churn" || tab.Header[19] != "would_return" {
				t.Errorf("%q: header %q", lang, tab.Header)
			}
		}
	})
}
