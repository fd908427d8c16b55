package importer_test

import (
	"context"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"churndesk/backend/fault"
	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

func TestCatalogListsKindsAndPresets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c, err := setup(t, s).Catalog(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Kinds) != 5 || c.Kinds[0].Kind != "accounts" || c.Kinds[0].Required[0] != "external_id" {
			t.Errorf("kinds = %+v", c.Kinds)
		}
		if len(c.Presets) != 5 || c.Presets[0].Name != "hubspot" || c.Presets[0].Mappings["accounts"]["name"] != "Company name" {
			t.Errorf("presets[0] = %+v", c.Presets[0])
		}
		if c.Presets[4].Name != "generic" || c.Presets[4].Source != "csv" || len(c.Presets[4].Mappings) != 0 {
			t.Errorf("generic = %+v", c.Presets[4])
		}
	})
}

func TestInspectDetectsHeaderOfAPartialFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		raw, _ := charmap.Windows1250.NewEncoder().String("Record ID;Company name\n1;Łódź Żółw\n2;Gdańsk Sp. z o.o.\n3;Kraków Pół")
		svc := setup(t, s)
		p, err := svc.Inspect([]byte(raw), true)
		if err != nil {
			t.Fatal(err)
		}
		if p.Encoding != "windows-1250" || p.Delimiter != ";" || len(p.Header) != 2 || p.Header[1] != "Company name" {
			t.Errorf("preview = %+v", p)
		}
		if len(p.Sample) != 2 || p.Sample[0][1] != "Łódź Żółw" {
			t.Errorf("sample = %q, want the cut last line dropped", p.Sample)
		}
		if full, _ := svc.Inspect([]byte(raw), false); len(full.Sample) != 3 {
			t.Errorf("whole file sample = %q", full.Sample)
		}
	})
}

func TestSavedMappings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		in := importer.MappingInput{Name: "Billing export", Kind: "usage", AccountKey: "domain",
			Mapping: map[string]string{"account": "Domain", "week_start": "Week", "active_users": "Users", "logins": " "}}
		a, err := svc.SaveMapping(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != 1 || len(a.Mapping) != 3 {
			t.Errorf("saved = %+v, want id 1 and the empty column dropped", a)
		}
		in.Mapping["active_users"] = "Active users"
		b, err := svc.SaveMapping(ctx, importer.MappingInput{Name: "billing EXPORT", Kind: "usage", Mapping: in.Mapping})
		if err != nil || b.ID != 1 {
			t.Fatalf("same name replaced = %+v, %v", b, err)
		}
		if _, err := svc.SaveMapping(ctx, importer.MappingInput{Name: "Accounts sheet", Kind: "accounts", Mapping: map[string]string{"external_id": "No", "name": "Firma"}}); err != nil {
			t.Fatal(err)
		}
		list, _ := svc.Mappings(ctx)
		if len(list.Items) != 2 || list.Items[0].Name != "Accounts sheet" || list.Items[1].Mapping["active_users"] != "Active users" {
			t.Errorf("list = %+v", list.Items)
		}
		_, err = svc.SaveMapping(ctx, importer.MappingInput{Name: "Bad", Kind: "nps", Mapping: map[string]string{"account": "A", "mrr": "M"}})
		fe, ok := fault.As(err)
		if !ok || fe.Fields["mapping.mrr"] == "" || fe.Fields["mapping.score"] == "" {
			t.Errorf("bad mapping error = %v", err)
		}
		if err := svc.DeleteMapping(ctx, 1); err != nil {
			t.Fatal(err)
		}
		if fe, ok := fault.As(svc.DeleteMapping(ctx, 1)); !ok || fe.Code != fault.CodeNotFound {
			t.Errorf("second delete = %v", fe)
		}
		if list, _ := svc.Mappings(ctx); len(list.Items) != 1 {
			t.Errorf("after delete = %+v", list.Items)
		}
	})
}

func TestAccountImportCountsCreatedUpdatedUnchanged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		file := "Record ID,Company name,Create Date\nH-1,Acme,2025-01-01\nH-9,Zażółć,2025-02-01\n"
		opt := importer.Options{Preset: "hubspot"}
		dry, err := svc.Import(ctx, "t", "accounts", []byte(file), importer.Options{Preset: "hubspot", DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if dry.Created != 1 || dry.Written != 0 || count(t, s, &store.Account{}) != 2 {
			t.Errorf("dry run = %+v", dry)
		}
		rep, err := svc.Import(ctx, "t", "accounts", []byte(file), opt)
		if err != nil {
			t.Fatal(err)
		}
		// H-1 had domain acme.io, which the file does not name: an import
		// without the column leaves it and updates nothing else but the domain.
		if rep.Created != 1 || rep.Updated+rep.Unchanged != 1 || rep.Written != 2 {
			t.Errorf("first import = %+v", rep)
		}
		again, err := svc.Import(ctx, "t", "accounts", []byte(file), opt)
		if err != nil {
			t.Fatal(err)
		}
		if again.Created != 0 || again.Updated != 0 || again.Unchanged != 2 || count(t, s, &store.Account{}) != 3 {
			t.Errorf("re-import = %+v", again)
		}
		bad, _ := svc.Import(ctx, "t", "accounts", []byte(file+"H-10,,2025-01-01\n"), opt)
		if len(bad.Errors) != 1 || bad.Created+bad.Updated+bad.Unchanged != 0 {
			t.Errorf("import with a bad row = %+v", bad)
		}
	})
}

func TestSavedMappingKeepsItsValueTables(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		in := importer.MappingInput{Name: "Pipedrive PL", Kind: "accounts", Mapping: map[string]string{"external_id": "ID", "name": "Nazwa"},
			Values: map[string]map[string]string{"industry": {"IT": "Software"}, "status": {"klient": "active"}}}
		if _, err := svc.SaveMapping(ctx, in); err != nil {
			t.Fatal(err)
		}
		list, _ := svc.Mappings(ctx)
		if len(list.Items) != 1 || list.Items[0].Values["industry"]["IT"] != "Software" || list.Items[0].Values["status"]["klient"] != "active" {
			t.Errorf("saved = %+v", list.Items)
		}
		in.Values = map[string]map[string]string{"status": {"klient": "happy"}}
		_, err := svc.SaveMapping(ctx, in)
		if fe, ok := fault.As(err); !ok || fe.Fields["values.status.klient"] != "must be trial, onboarding, active or churned" {
			t.Errorf("bad status value: %v", err)
		}
	})
}
