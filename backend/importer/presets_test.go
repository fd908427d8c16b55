package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// encode rewrites a UTF-8 CSV fixture in another encoding and delimiter.
func encode(t *testing.T, text, enc, delim string) []byte {
	t.Helper()
	if delim != "," {
		text = replaceDelimiter(text, delim)
	}
	switch enc {
	case "utf-8":
		return []byte(text)
	case "utf-8-bom":
		return append([]byte{0xEF, 0xBB, 0xBF}, text...)
	case "windows-1250":
		out, err := charmap.Windows1250.NewEncoder().String(text)
		if err != nil {
			t.Skipf("fixture has characters outside windows-1250: %v", err)
		}
		return []byte(out)
	case "windows-1251":
		out, err := charmap.Windows1251.NewEncoder().String(text)
		if err != nil {
			t.Skipf("fixture has characters outside windows-1251: %v", err)
		}
		return []byte(out)
	}
	t.Fatalf("unknown encoding %s", enc)
	return nil
}

// representable keeps the header and the rows a code page can spell: a
// Windows-1250 file holds no Cyrillic, a Windows-1251 file no Polish. It
// returns the kept rows' first cells (the ids).
func representable(text, enc string) (string, map[string]bool) {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	kept := map[string]bool{}
	out := []string{lines[0]}
	for _, l := range lines[1:] {
		var err error
		switch enc {
		case "windows-1250":
			_, err = charmap.Windows1250.NewEncoder().String(l)
		case "windows-1251":
			_, err = charmap.Windows1251.NewEncoder().String(l)
		}
		if err != nil {
			continue
		}
		out = append(out, l)
		id := strings.Split(l, ",")[0]
		if strings.HasPrefix(l, "sub_") {
			id = strings.Split(l, ",")[1]
		}
		kept[id] = true
	}
	return strings.Join(out, "\n") + "\n", kept
}

// replaceDelimiter swaps commas outside quotes for delim.
func replaceDelimiter(text, delim string) string {
	var b strings.Builder
	quoted := false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
		case r == ',' && !quoted:
			b.WriteString(delim)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var presetCases = []struct {
	preset, file string
	want         map[string]string // external id → expected "name|domain|status|mrr|currency|start"
}{
	{"hubspot", "hubspot-companies.csv", map[string]string{
		"9871001": "Łódź Logistyka sp. z o.o.|lodzlog.pl|active|0|EUR|2024-03-14",
		"9871002": "Вектор Софт|vektorsoft.ru|active|0|EUR|2025-01-20",
		"9871003": "Bluepeak Analytics|bluepeak.com|trial|0|EUR|2025-09-02",
	}},
	{"salesforce", "salesforce-accounts.csv", map[string]string{
		"0015g00000ABCdeAAA": "Zażółć Media S.A.|zazolc.pl|active|0|EUR|2024-03-14",
		"0015g00000ABCdfAAA": "Северный Гранит|granit-sever.ru|active|0|EUR|2023-11-02",
		"0015g00000ABCdgAAA": "Northwind Health|northwind.health|trial|0|EUR|2025-10-01",
	}},
	{"pipedrive", "pipedrive-organizations.csv", map[string]string{
		"311": "Kraków Finanse|krakowfinanse.pl|active|0|EUR|2024-06-01",
		"312": "Орбита Медиа|orbita-media.ru|active|0|EUR|2025-02-17",
		"313": "Cedar Legal||active|0|EUR|2025-11-03",
	}},
	{"stripe", "stripe-subscriptions.csv", map[string]string{
		// Amount is per seat: 25 × 59,60 PLN a month = 1 490,00; 40 × 588 USD
		// a year = 23 520 a year = 1 960 a month; 7 × 21 USD every 3 months
		// = 49 a month. The domain comes from the customer's email, and the
		// canceled subscription churns its account through a churn draft.
		"cus_R1a2b3": "Gdańsk Port Systems|gdanskport.pl|active|149000|PLN|2024-05-02",
		"cus_R1a2b4": "Summit Robotics|summitrobotics.com|active|196000|USD|2025-02-10",
		"cus_R1a2b5": "Tidewater Foods|tidewater.com|trial|7500|USD|2026-11-10",
		"cus_R1a2b6": "Harbor Bakeries|harborbakeries.com|churned|4900|USD|2025-06-01",
	}},
}

func TestPresetsInEveryEncodingAndDelimiter(t *testing.T) {
	for _, pc := range presetCases {
		raw, err := os.ReadFile(filepath.Join("testdata", pc.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, enc := range []string{"utf-8", "utf-8-bom", "windows-1250", "windows-1251"} {
			for _, delim := range []string{",", ";", "\t"} {
				t.Run(pc.preset+"/"+enc+"/"+map[string]string{",": "comma", ";": "semicolon", "\t": "tab"}[delim], func(t *testing.T) {
					text, kept := representable(string(raw), enc)
					file := encode(t, text, enc, delim)
					s := storetest.Open(t, storetest.Engines(t)[0])
					svc := setup(t, s)
					ctx := context.Background()
					rep, err := svc.Import(ctx, "test", "accounts", file, importer.Options{Preset: pc.preset})
					if err != nil || len(rep.Errors) > 0 {
						t.Fatalf("import: %v %+v", err, rep.Errors)
					}
					if rep.Written != len(kept) {
						t.Errorf("written %d, want %d", rep.Written, len(kept))
					}
					var accs []store.Account
					s.Read(ctx).Where("crm_source = ?", pc.preset).Find(&accs)
					got := map[string]string{}
					for _, a := range accs {
						got[a.ExternalID] = strings.Join([]string{a.Name, a.Domain, a.Status, itoa(a.MRR), a.Currency, a.ContractStart.String()}, "|")
					}
					for id, want := range pc.want {
						if !kept[id] {
							continue
						}
						if got[id] != want {
							t.Errorf("%s = %q, want %q", id, got[id], want)
						}
					}
					// The same file again changes nothing.
					before := snapshot(t, s)
					if rep, err := svc.Import(ctx, "test", "accounts", file, importer.Options{Preset: pc.preset}); err != nil || rep.Written != len(kept) {
						t.Fatalf("re-import: %v %+v", err, rep)
					}
					if after := snapshot(t, s); after != before {
						t.Errorf("a second import changed the data:\n%s\n%s", before, after)
					}
				})
			}
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// snapshot summarises what an import can change.
func snapshot(t *testing.T, s *store.Store) string {
	var accs []store.Account
	s.Read(context.Background()).Order("id").Find(&accs)
	var moves int64
	s.Read(context.Background()).Model(&store.MRRMovement{}).Count(&moves)
	var b strings.Builder
	for _, a := range accs {
		b.WriteString(a.Name + "/" + a.Status + "/" + formatInt(a.MRR) + ";")
	}
	return b.String() + " movements=" + formatInt(moves)
}

func TestOneBadRowImportsNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		file := "Record ID,Company name,Lifecycle Stage,Create Date\n1,Good One,customer,2025-01-01\n2,,customer,2025-01-01\n3,Bad Date,customer,2025-02-31\n4,Odd,zombie,2025-01-01\n"
		before := snapshot(t, s)
		rep, err := svc.Import(ctx, "test", "accounts", []byte(file), importer.Options{Preset: "hubspot"})
		if err != nil {
			t.Fatal(err)
		}
		want := []importer.RowError{
			{Row: 3, Column: "Company name", Message: "is required"},
			{Row: 4, Column: "Create Date", Message: `"2025-02-31" is not a date (YYYY-MM-DD or DD.MM.YYYY)`},
			{Row: 5, Column: "Lifecycle Stage", Message: `"zombie" is not a status ChurnDesk knows (customer, active, trialing, churned, …): add it to the status value table`},
		}
		if len(rep.Errors) != len(want) || rep.Written != 0 {
			t.Fatalf("errors %+v, written %d", rep.Errors, rep.Written)
		}
		for i := range want {
			if rep.Errors[i] != want[i] {
				t.Errorf("error %d = %+v, want %+v", i, rep.Errors[i], want[i])
			}
		}
		if after := snapshot(t, s); after != before {
			t.Errorf("a file with bad rows changed the data: %s", after)
		}
		hist, _ := svc.History(ctx)
		if len(hist.Items) != 1 || hist.Items[0].Errors != 3 || hist.Items[0].Written != 0 {
			t.Errorf("history = %+v", hist.Items)
		}
	})
}

func TestContactsAndChurnImports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		contacts := "Associated Company IDs,First Name,Last Name,Email,Job Title\nH-1,Ola,Nowak,OLA@acme.io,CFO\nH-1,Jan,Kowalski,jan@acme.io,Sales rep\nH-2,Eva,Lind,eva@borealis.pl,CEO\n"
		for range 2 {
			rep, err := svc.Import(ctx, "test", "contacts", []byte(contacts), importer.Options{Preset: "hubspot"})
			if err != nil || len(rep.Errors) > 0 || rep.Written != 3 {
				t.Fatalf("contacts: %+v %v", rep, err)
			}
		}
		var cs []store.Contact
		s.Read(ctx).Order("email").Find(&cs)
		if len(cs) != 3 || cs[0].Role != "decision_maker" || cs[2].Email != "ola@acme.io" || cs[2].Role != "billing" {
			t.Errorf("contacts = %+v", cs)
		}
		churnFile := "Domain;Date;Reason;Competitor\nacme.io;2026-10-31;Moved to a competitor;Rivalry\nborealis.pl;2026-11-02;Цена или бюджет;\n"
		rep, err := svc.Import(ctx, "Anna", "churn", []byte(churnFile), importer.Options{
			Mapping: map[string]string{"account": "Domain", "churn_date": "Date", "reason": "Reason", "competitor": "Competitor"}, AccountKey: "domain"})
		if err != nil || len(rep.Errors) > 0 || rep.Written != 2 {
			t.Fatalf("churn: %+v %v", rep, err)
		}
		var recs []store.ChurnRecord
		s.Read(ctx).Order("churn_date").Find(&recs)
		if len(recs) != 2 || recs[0].Reason != "competitor" || recs[1].Reason != "price_budget" || recs[0].CreatedBy != "Anna" {
			t.Errorf("churn records = %+v", recs)
		}
	})
}
