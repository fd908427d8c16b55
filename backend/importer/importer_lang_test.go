package importer_test

import (
	"context"
	"strings"
	"testing"

	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/texts"
)

// TestRejectsAndWarningsInTheReadersLanguage: the reasons rows are
// rejected (also in the rejected-rows CSV) and the dry run's warnings are
// written in the language of the request.
func TestRejectsAndWarningsInTheReadersLanguage(t *testing.T) {
	want := map[string]struct{ nameless, zombie, noRevenue string }{
		"en": {"Company name: is required", "\"zombie\" is not a status ChurnDesk knows", "No MRR or ARR column is mapped"},
		"ru": {"Company name: обязательное поле", "«zombie» — статус, которого ChurnDesk не знает", "Столбец MRR или ARR не сопоставлен"},
		"pl": {"Company name: pole wymagane", "„zombie” to status, którego ChurnDesk nie zna", "Nie przypisano kolumny MRR ani ARR"},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		for lang, w := range want {
			ctx := texts.WithLang(context.Background(), lang)
			rep, err := svc.Import(ctx, "t", "accounts", []byte(hubspotMixed), importer.Options{Preset: "hubspot", DryRun: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Outcomes) != 5 || rep.Outcomes[3].Reason != w.nameless || !strings.Contains(rep.Outcomes[4].Reason, w.zombie) {
				t.Errorf("%s: reasons %q / %q", lang, rep.Outcomes[3].Reason, rep.Outcomes[4].Reason)
			}
			if !strings.Contains(rep.RejectedCSV, w.nameless) {
				t.Errorf("%s: rejected rows CSV lacks the reason:\n%s", lang, rep.RejectedCSV)
			}
			found := false
			for _, warning := range rep.Warnings {
				found = found || (warning.Code == "no_revenue" && strings.HasPrefix(warning.Message, w.noRevenue))
			}
			if !found {
				t.Errorf("%s: warnings %+v", lang, rep.Warnings)
			}
		}
	})
}
