package importer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// vendorCase is one vendor export as its tool writes it, read with the
// tool's preset: what the dry run says, then what a partial import stores.
type vendorCase struct {
	name, preset, file string
	opt                importer.Options
	encoding, delim    string
	existing           string // the external id of an account already stored (with an older owner): an update
	create, update     int
	rejected           []string          // "row column"
	warnings           []string          // "code field rows values"
	want               map[string]string // external id → "name|domain|owner|industry|status|mrr|currency|start|trial end"
}

var vendorCases = []vendorCase{
	{name: "hubspot companies, UTF-8, commas", preset: "hubspot", file: "hubspot-companies.csv", opt: importer.Options{Currency: "PLN"},
		encoding: "utf-8", delim: ",", existing: "9871003", create: 4, update: 1,
		rejected: []string{"7 Company name"},
		warnings: []string{"no_revenue mrr 6 []", "annual_revenue_ignored  0 []", "unknown_code industry 1 [Aviation & Aerospace]"},
		want: map[string]string{
			"9871001": "Łódź Logistyka sp. z o.o.|lodzlog.pl|Anna Kowalska|Logistics|active|0|PLN|2024-03-14|",
			"9871002": "Вектор Софт|vektorsoft.ru|Dmitri Ivanov|Software|active|0|PLN|2025-01-20|",
			// An update without an amount keeps the account's money as it was.
			"9871003": "Bluepeak Analytics|bluepeak.com|Sarah Chen|Software|trial|0|EUR|2025-09-02|",
			"9871004": "Harvest Lane Foods|harvestlane.com|Sarah Chen|Food production|trial|0|PLN|2025-10-14|",
			"9871005": "Nordlys Aero|nordlys-aero.no|Sarah Chen|Aviation & Aerospace|active|0|PLN|2025-06-01|",
		}},
	{name: "salesforce report, UTF-8 with BOM, CRLF", preset: "salesforce", file: "salesforce-accounts.csv",
		encoding: "utf-8", delim: ",", existing: "0015g00000ABCdfAAA", create: 2, update: 1,
		rejected: []string{"5 Type"},
		warnings: []string{"no_revenue mrr 4 []", "currency_defaulted currency 4 [EUR]", "unknown_code status 1 [Installation Partner]"},
		want: map[string]string{
			"0015g00000ABCdeAAA": "Zażółć Media S.A.|zazolc.pl|Tomasz Nowak|Media|active|0|EUR|2024-03-14|",
			"0015g00000ABCdfAAA": "Северный Гранит|granit-sever.ru|Dmitri Ivanov|Manufacturing|active|0|EUR|2023-11-02|",
			"0015g00000ABCdgAAA": "Northwind Health|northwind.health|Emily Carter|Healthcare|trial|0|EUR|2025-10-01|",
		}},
	{name: "salesforce data loader, UTF-8, CRLF", preset: "salesforce", file: "salesforce-dataloader-accounts.csv", opt: importer.Options{Currency: "USD"},
		encoding: "utf-8", delim: ",", existing: "0015g00000ABCdgAAA", create: 2, update: 1,
		warnings: []string{"no_revenue mrr 3 []"},
		want: map[string]string{
			"0015g00000ABCdeAAA": "Zażółć Media S.A.|zazolc.pl|Tomasz Nowak|Media|active|0|USD|2024-03-14|",
			"0015g00000ABCdgAAA": "Northwind Health|northwind.health|Emily Carter|Healthcare|trial|0|EUR|2025-10-01|",
		}},
	{name: "pipedrive organizations, Windows-1250, semicolons", preset: "pipedrive", file: "pipedrive-organizations-pl.csv", opt: importer.Options{Currency: "PLN"},
		encoding: "windows-1250", delim: ";", existing: "311", create: 1, update: 1,
		rejected: []string{"4 Organization - Website"},
		warnings: []string{"no_revenue mrr 3 []"},
		want: map[string]string{
			"311": "Kraków Finanse|krakowfinanse.pl|Anna Kowalska||active|0|EUR|2024-06-01|",
			"313": "Łąka Ogrody||Anna Kowalska||active|0|PLN|2025-11-03|",
		}},
	{name: "pipedrive organizations, Windows-1251, semicolons", preset: "pipedrive", file: "pipedrive-organizations-ru.csv", opt: importer.Options{Currency: "RUB"},
		encoding: "windows-1251", delim: ";", existing: "312", create: 1, update: 1,
		warnings: []string{"no_revenue mrr 2 []"},
		want: map[string]string{
			"312": "Орбита Медиа|orbita-media.ru|Дмитрий Иванов||active|0|EUR|2025-02-17|",
			"315": "Сибирь Логистик|sib-logistic.ru|Дмитрий Иванов||active|0|RUB|2025-08-09|",
		}},
	{name: "stripe subscriptions, UTF-8, commas", preset: "stripe", file: "stripe-subscriptions.csv",
		encoding: "utf-8", delim: ",", existing: "cus_R1a2b4", create: 4, update: 1,
		rejected: []string{"7 Status"},
		warnings: []string{"unknown_code status 1 [incomplete_expired]"},
		want: map[string]string{
			// Amount is per seat: 25 × 59.60 PLN a month = 1 490.00; 40 × 588
			// USD a year = 1 960 a month; 7 × 21 USD every 3 months = 49 a
			// month. The domain comes from the customer's email, and the
			// canceled subscription churns its account through a churn draft.
			"cus_R1a2b3": "Gdańsk Port Systems|gdanskport.pl|||active|149000|PLN|2024-05-02|",
			"cus_R1a2b4": "Summit Robotics|summitrobotics.com|Former owner||active|196000|USD|2025-02-10|",
			"cus_R1a2b5": "Tidewater Foods|tidewater.com|||trial|7500|USD|2026-11-10|2026-12-10",
			"cus_R1a2b6": "Harbor Bakeries|harborbakeries.com|||churned|4900|USD|2025-06-01|",
			"cus_R1a2b7": "Alpen Druck GmbH|alpendruck.de|||active|46800|EUR|2025-09-15|",
		}},
}

func TestVendorExportsDryRunThenPartialImport(t *testing.T) {
	for _, vc := range vendorCases {
		t.Run(vc.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *store.Store) {
				raw, err := os.ReadFile(filepath.Join("testdata", vc.file))
				if err != nil {
					t.Fatal(err)
				}
				svc := setup(t, s)
				ctx := context.Background()
				src := importer.Presets[vc.preset].Source
				old := store.Account{Name: "Old name", SearchText: "old name", Segment: "smb", Currency: "EUR", Status: "active", Owner: "Former owner",
					ContractStart: mustDate("2020-01-01"), CRMSource: src, ExternalID: vc.existing}
				if err := s.Write(ctx).Create(&old).Error; err != nil {
					t.Fatal(err)
				}
				opt := vc.opt
				opt.Preset, opt.DryRun = vc.preset, true
				dry, err := svc.Import(ctx, "t", "accounts", raw, opt)
				if err != nil {
					t.Fatal(err)
				}
				if dry.Encoding != vc.encoding || dry.Delimiter != vc.delim {
					t.Errorf("read as %s %q, want %s %q", dry.Encoding, dry.Delimiter, vc.encoding, vc.delim)
				}
				if dry.Created != vc.create || dry.Updated != vc.update || dry.Unchanged != 0 || dry.Rejected != len(vc.rejected) {
					t.Errorf("dry run: %d create, %d update, %d unchanged, %d rejected; want %d, %d, 0, %d",
						dry.Created, dry.Updated, dry.Unchanged, dry.Rejected, vc.create, vc.update, len(vc.rejected))
				}
				var rejected []string
				for _, e := range dry.Errors {
					rejected = append(rejected, fmt.Sprintf("%d %s", e.Row, e.Column))
				}
				if strings.Join(rejected, ";") != strings.Join(vc.rejected, ";") {
					t.Errorf("rejected = %q, want %q (%+v)", rejected, vc.rejected, dry.Errors)
				}
				var warnings []string
				for _, w := range dry.Warnings {
					warnings = append(warnings, fmt.Sprintf("%s %s %d %v", w.Code, w.Field, w.Rows, w.Values))
				}
				if strings.Join(warnings, ";") != strings.Join(vc.warnings, ";") {
					t.Errorf("warnings = %q, want %q", warnings, vc.warnings)
				}
				opt.DryRun, opt.Mode = false, "valid"
				rep, err := svc.Import(ctx, "t", "accounts", raw, opt)
				if err != nil || rep.Created != vc.create || rep.Updated != vc.update || rep.Rejected != len(vc.rejected) {
					t.Fatalf("partial import = %+v %v", rep, err)
				}
				if (rep.RejectedCSV != "") != (len(vc.rejected) > 0) {
					t.Errorf("rejected CSV = %q", rep.RejectedCSV)
				}
				var accs []store.Account
				s.Read(ctx).Where("crm_source = ? AND external_id NOT LIKE 'H-%'", src).Find(&accs)
				got := map[string]string{}
				for _, a := range accs {
					trial := ""
					if a.TrialEndsOn != nil {
						trial = a.TrialEndsOn.String()
					}
					got[a.ExternalID] = strings.Join([]string{a.Name, a.Domain, a.Owner, a.Industry, a.Status, itoa(a.MRR), a.Currency, a.ContractStart.String(), trial}, "|")
				}
				for id, want := range vc.want {
					if got[id] != want {
						t.Errorf("%s = %q, want %q", id, got[id], want)
					}
				}
				if len(got) != vc.create+vc.update {
					t.Errorf("%d %s accounts stored, want %d", len(got), src, vc.create+vc.update)
				}
				// The same export again: every valid row is unchanged.
				opt.DryRun = true
				again, err := svc.Import(ctx, "t", "accounts", raw, opt)
				if err != nil || again.Unchanged != vc.create+vc.update || again.Created != 0 || again.Updated != 0 || again.Rejected != len(vc.rejected) {
					t.Errorf("second dry run = %d create, %d update, %d unchanged, %d rejected (%v)", again.Created, again.Updated, again.Unchanged, again.Rejected, err)
				}
			})
		})
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
