package importer_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"churndesk/backend/accounts"
	"churndesk/backend/check"
	"churndesk/backend/churn"
	"churndesk/backend/importer"
	"churndesk/backend/nps"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/usage"
)

func TestReadTableEncodingsAndDelimiters(t *testing.T) {
	cp1250, _ := charmap.Windows1250.NewEncoder().String("Firma;Miasto\nŁódzka Fabryka Żółwi;Łódź\n")
	cp1251, _ := charmap.Windows1251.NewEncoder().String("Компания\tГород\nВектор Софт\tМосква\n")
	cases := []struct {
		name, raw, enc, delim, firstCell string
	}{
		{"utf-8 with BOM, commas", "\ufeffName,City\nAcme,Berlin\n", "utf-8", ",", "Acme"},
		{"utf-8, semicolons", "Name;City\nZażółć Sp. z o.o.;Kraków\n", "utf-8", ";", "Zażółć Sp. z o.o."},
		{"windows-1250", cp1250, "windows-1250", ";", "Łódzka Fabryka Żółwi"},
		{"windows-1251, tabs", cp1251, "windows-1251", "\t", "Вектор Софт"},
		{"quoted delimiter", "Name,Note\n\"Smith, Jones & Co\",\"says \"\"hi\"\"\"\n", "utf-8", ",", "Smith, Jones & Co"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := importer.ReadTable([]byte(tc.raw))
			if err != nil {
				t.Fatal(err)
			}
			if tab.Encoding != tc.enc || tab.Delimiter != tc.delim || len(tab.Rows) != 1 || tab.Rows[0][0] != tc.firstCell {
				t.Errorf("got %s %q %q, want %s %q %q", tab.Encoding, tab.Delimiter, tab.Rows, tc.enc, tc.delim, tc.firstCell)
			}
			if strings.HasPrefix(tab.Header[0], "\ufeff") {
				t.Error("BOM left in the header")
			}
		})
	}
}

func setup(t testing.TB, s *store.Store) *importer.Service {
	t.Helper()
	c := check.New()
	for _, a := range []store.Account{
		{Name: "Acme", SearchText: "acme", Domain: "acme.io", Segment: "smb", Currency: "EUR", Status: "active", ContractStart: mustDate("2025-01-01"), CRMSource: "hubspot", ExternalID: "H-1"},
		{Name: "Borealis", SearchText: "borealis", Domain: "borealis.pl", Segment: "smb", Currency: "PLN", Status: "active", ContractStart: mustDate("2025-01-01"), CRMSource: "hubspot", ExternalID: "H-2"},
	} {
		if err := s.Write(context.Background()).Create(&a).Error; err != nil {
			t.Fatal(err)
		}
	}
	clock := func() time.Time { return time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) }
	return importer.NewService(s, c, usage.NewService(s, c), nps.NewService(s, c), accounts.NewService(s, c, clock), churn.NewService(s, c, clock, nil), clock)
}

func mustDate(s string) store.Date { d, _ := store.ParseDate(s); return d }

var usageMapping = map[string]string{"account": "Domain", "week_start": "Week", "active_users": "Active users", "logins": "Logins", "last_login_at": "Last login"}

func count(t *testing.T, s *store.Store, model any) int64 {
	var n int64
	s.Read(context.Background()).Model(model).Count(&n)
	return n
}

func TestUsageImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		good := "Domain;Week;Active users;Logins;Last login\n" +
			"acme.io;2026-11-16;12;80;2026-11-20 09:30\n" +
			"borealis.pl;23.11.2026;4;9;\n"
		bad := good +
			"nobody.com;2026-11-16;3;1;\n" +
			"acme.io;2026-13-01;3;1;\n" +
			"acme.io;2026-11-09;lots;1;\n" +
			"acme.io;2026-11-02;-2;1;\n"
		rep, err := svc.Import(context.Background(), "test", "usage", []byte(bad), importer.Options{Mapping: usageMapping, AccountKey: "domain"})
		if err != nil {
			t.Fatal(err)
		}
		want := []importer.RowError{
			{Row: 4, Column: "Domain", Message: `no account matches "nobody.com"`},
			{Row: 5, Column: "Week", Message: `"2026-13-01" is not a date (YYYY-MM-DD or DD.MM.YYYY)`},
			{Row: 6, Column: "Active users", Message: `"lots" is not a whole number`},
			{Row: 7, Column: "Active users", Message: "must be ≥ 0"},
		}
		if len(rep.Errors) != len(want) {
			t.Fatalf("errors = %+v", rep.Errors)
		}
		for i := range want {
			if rep.Errors[i] != want[i] {
				t.Errorf("error %d = %+v, want %+v", i, rep.Errors[i], want[i])
			}
		}
		if rep.Written != 0 || count(t, s, &store.UsageSnapshot{}) != 0 {
			t.Errorf("a file with bad rows wrote %d rows", rep.Written)
		}
		dry, _ := svc.Import(context.Background(), "test", "usage", []byte(good), importer.Options{Mapping: usageMapping, AccountKey: "domain", DryRun: true})
		if len(dry.Errors) != 0 || dry.Rows != 2 || count(t, s, &store.UsageSnapshot{}) != 0 {
			t.Errorf("dry run: %+v", dry)
		}
		for range 2 {
			rep, err = svc.Import(context.Background(), "test", "usage", []byte(good), importer.Options{Mapping: usageMapping, AccountKey: "domain"})
			if err != nil || rep.Written != 2 {
				t.Fatalf("import: %+v %v", rep, err)
			}
		}
		if n := count(t, s, &store.UsageSnapshot{}); n != 2 {
			t.Errorf("rows after importing the same file twice = %d, want 2", n)
		}
		var got store.UsageSnapshot
		s.Read(context.Background()).Where("week_start = ?", "2026-11-23").Take(&got)
		if got.ActiveUsers != 4 || got.Logins != 9 {
			t.Errorf("borealis week = %+v", got)
		}
	})
}

func TestMappingErrorsAndNPSImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		file := "HubSpot ID,Score,Date,Comment\nH-1,9,2026-10-01,Great\nH-2,3,2026-10-02,Too pricey\nH-2,11,2026-10-03,\n"
		_, err := svc.Import(context.Background(), "test", "nps", []byte(file), importer.Options{
			Mapping: map[string]string{"account": "HubSpot ID", "score": "Rating", "mood": "Comment"}, AccountKey: "external_id"})
		fe := err.(interface{ Error() string })
		for _, want := range []string{`mapping.score:column "Rating" is not in the file's header`, "mapping.responded_on:is required", "mapping.mood:is not a field"} {
			if !strings.Contains(fe.Error(), strings.Split(want, ":")[0]) {
				t.Errorf("mapping error %v lacks %s", err, want)
			}
		}
		opt := importer.Options{Mapping: map[string]string{"account": "HubSpot ID", "score": "Score", "responded_on": "Date", "comment": "Comment"}, AccountKey: "external_id"}
		rep, err := svc.Import(context.Background(), "test", "nps", []byte(file), opt)
		if err != nil || len(rep.Errors) != 1 || rep.Errors[0] != (importer.RowError{Row: 4, Column: "Score", Message: "must be ≤ 10"}) {
			t.Fatalf("nps errors: %+v %v", rep.Errors, err)
		}
		rep, err = svc.Import(context.Background(), "test", "nps", []byte(strings.TrimSuffix(file, "H-2,11,2026-10-03,\n")), opt)
		if err != nil || rep.Written != 2 || count(t, s, &store.NPSResponse{}) != 2 {
			t.Errorf("nps import: %+v %v", rep, err)
		}
	})
}
