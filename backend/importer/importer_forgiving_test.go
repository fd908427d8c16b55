package importer_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// A HubSpot export with one row of each kind: H-1 is stored as it is
// (Acme, acme.io), H-2 gets an owner, 9001 is new, 9002 has no name and
// 9003 an unknown lifecycle stage; industries are HubSpot codes, one of
// which no table translates, and "Annual Revenue" is the company's turnover.
const hubspotMixed = "Record ID;Company name;Company Domain Name;Industry;Company owner;Lifecycle Stage;Create Date;Annual Revenue\n" +
	"H-1;Acme;acme.io;;;customer;2025-01-01;5000000\n" +
	"H-2;Borealis;borealis.pl;;Ola Nowak;customer;2025-01-01;\n" +
	"9001;Ромашка ООО;romashka.ru;FOOD_PRODUCTION;Dmitri Ivanov;customer;2026-03-02;120000000\n" +
	"9002;;nameless.io;COMPUTER_SOFTWARE;;customer;2026-03-02;\n" +
	"9003;Odd Co;odd.co;SPACE_MINING;;zombie;2026-03-02;\n"

func outcomeActions(rep importer.Report) string {
	var b []string
	for _, o := range rep.Outcomes {
		b = append(b, fmt.Sprintf("%d:%s", o.Row, o.Action))
	}
	return strings.Join(b, " ")
}

func TestDryRunClassifiesEveryRowAndWarnsPerColumn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		before := dump(t, s)
		rep, err := svc.Import(ctx, "t", "accounts", []byte(hubspotMixed), importer.Options{Preset: "hubspot", DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := outcomeActions(rep), "2:unchanged 3:update 4:create 5:rejected 6:rejected"; got != want {
			t.Errorf("outcomes = %s, want %s", got, want)
		}
		if rep.Created != 1 || rep.Updated != 1 || rep.Unchanged != 1 || rep.Rejected != 2 || rep.Written != 0 || rep.Matched != 2 || rep.New != 1 {
			t.Errorf("counts = %+v", rep)
		}
		if rep.Outcomes[3].Reason != "Company name: is required" {
			t.Errorf("reason of row 5 = %q", rep.Outcomes[3].Reason)
		}
		var codes []string
		for _, w := range rep.Warnings {
			codes = append(codes, fmt.Sprintf("%s/%s/%d/%v", w.Code, w.Field, w.Rows, w.Values))
		}
		sort.Strings(codes)
		want := []string{"annual_revenue_ignored//0/[]", "currency_defaulted/currency/5/[EUR]", "no_revenue/mrr/5/[]",
			"unknown_code/industry/1/[SPACE_MINING]", "unknown_code/status/1/[zombie]"}
		if strings.Join(codes, " ") != strings.Join(want, " ") {
			t.Errorf("warnings = %v, want %v", codes, want)
		}
		if dump(t, s) != before {
			t.Error("a dry run wrote something")
		}
		// Chosen explicitly, the currency is no longer a default.
		rep, _ = svc.Import(ctx, "t", "accounts", []byte(hubspotMixed), importer.Options{Preset: "hubspot", DryRun: true, Currency: "RUB"})
		for _, w := range rep.Warnings {
			if w.Code == "currency_defaulted" {
				t.Errorf("currency chosen, still warned: %+v", w)
			}
		}
	})
}

func TestValidRowsOnlyThenRejectedRowsFixedAndImported(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		opt := importer.Options{Preset: "hubspot", Currency: "PLN", FileName: "companies.csv"}
		// All or nothing: two rejected rows keep everything out.
		before := dump(t, s)
		all, err := svc.Import(ctx, "t", "accounts", []byte(hubspotMixed), opt)
		if err != nil || all.Written != 0 || all.RunID != 0 || dump(t, s) != before {
			t.Fatalf("all-or-nothing = %+v, %v", all, err)
		}
		opt.Mode = "valid"
		rep, err := svc.Import(ctx, "t", "accounts", []byte(hubspotMixed), opt)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Created != 1 || rep.Updated != 1 || rep.Unchanged != 1 || rep.Rejected != 2 || rep.Written != 3 || rep.RunID == 0 {
			t.Fatalf("valid rows = %+v", rep)
		}
		var accs []store.Account
		s.Read(ctx).Order("id").Find(&accs)
		if len(accs) != 3 || accs[1].Owner != "Ola Nowak" || accs[2].Name != "Ромашка ООО" || accs[2].Industry != "Food production" || accs[2].Currency != "PLN" || accs[2].MRR != 0 {
			t.Errorf("accounts = %+v", accs)
		}
		wantCSV := "Record ID;Company name;Company Domain Name;Industry;Company owner;Lifecycle Stage;Create Date;Annual Revenue;Reason\n" +
			"9002;;nameless.io;COMPUTER_SOFTWARE;;customer;2026-03-02;;Company name: is required\n" +
			"9003;Odd Co;odd.co;SPACE_MINING;;zombie;2026-03-02;;\"Lifecycle Stage: \"\"zombie\"\" is not a status ChurnDesk knows (customer, active, trialing, churned, …): add it to the status value table\"\n"
		if rep.RejectedCSV != wantCSV {
			t.Errorf("rejected CSV =\n%s\nwant\n%s", rep.RejectedCSV, wantCSV)
		}
		// Fixed in the downloaded file (the Reason column stays), with the
		// odd stage translated through the status value table.
		fixed := strings.Replace(strings.Replace(rep.RejectedCSV, "9002;;", "9002;Nameless;", 1), "zombie", "Zombie", 1)
		opt.Values = map[string]map[string]string{"status": {"zombie": "churned"}, "industry": {"space_mining": "Space mining"}}
		again, err := svc.Import(ctx, "t", "accounts", []byte(fixed), opt)
		if err != nil || again.Created != 2 || again.Rejected != 0 || again.Written != 2 {
			t.Fatalf("fixed rows = %+v, %v", again, err)
		}
		var odd store.Account
		s.Read(ctx).Where("external_id = ?", "9003").Take(&odd)
		if odd.Status != "churned" || odd.Industry != "Space mining" {
			t.Errorf("9003 = %+v", odd)
		}
		hist, _ := svc.History(ctx)
		h := hist.Items[1]
		if h.Created != 1 || h.Updated != 1 || h.Unchanged != 1 || h.Rejected != 2 || h.Mode != "valid" || !h.Undoable {
			t.Errorf("history = %+v", h)
		}
	})
}

// A HubSpot export and then a Stripe export of the same customers: the
// Stripe rows find the HubSpot accounts by their billing email's domain.
func TestHubSpotThenStripeGivesOneAccountEach(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		hub := "Record ID,Company name,Company Domain Name,Industry,Company owner,Lifecycle Stage,Create Date\n" +
			"501,Gdańsk Port Systems,gdanskport.pl,LOGISTICS_AND_SUPPLY_CHAIN,Anna Kowalska,customer,2024-05-01\n" +
			"502,Summit Robotics,summitrobotics.com,MACHINERY,Sarah Chen,customer,2025-02-01\n" +
			"503,Summit Robotics EU,summitrobotics.com,MACHINERY,Sarah Chen,customer,2025-03-01\n"
		if rep, err := svc.Import(ctx, "t", "accounts", []byte(hub), importer.Options{Preset: "hubspot", Currency: "EUR"}); err != nil || rep.Created != 3 {
			t.Fatalf("hubspot = %+v %v", rep, err)
		}
		stripe := "id,Customer ID,Customer Description,Customer Email,Plan,Quantity,Currency,Interval,Amount,Status,Start (UTC)\n" +
			"sub_1,cus_A,Gdansk Port,billing@gdanskport.pl,Growth,25,pln,month,\"59,60\",active,2024-05-02 10:00\n" +
			"sub_2,cus_B,Summit,ap@summitrobotics.com,Business,40,usd,year,588.00,active,2025-02-10 09:00\n" +
			"sub_3,cus_C,Newcomer,jo@gmail.com,Starter,2,usd,month,30.00,trialing,2026-11-10 12:00\n"
		opt := importer.Options{Preset: "stripe", Match: "domain", DryRun: true}
		dry, err := svc.Import(ctx, "t", "accounts", []byte(stripe), opt)
		if err != nil {
			t.Fatal(err)
		}
		if dry.Matched != 1 || dry.Ambiguous != 1 || dry.New != 1 || dry.Outcomes[1].Match != "ambiguous" ||
			!strings.Contains(dry.Outcomes[1].Reason, "matches 2 accounts by domain") {
			t.Fatalf("dry run = %+v", dry)
		}
		opt.DryRun, opt.Mode = false, "valid"
		if rep, err := svc.Import(ctx, "t", "accounts", []byte(stripe), opt); err != nil || rep.Updated != 1 || rep.Created != 1 {
			t.Fatalf("stripe = %+v %v", rep, err)
		}
		var accs []store.Account
		s.Read(ctx).Order("id").Find(&accs)
		// Acme and Borealis were there before.
		if len(accs) != 6 {
			t.Fatalf("%d accounts, want 6", len(accs))
		}
		accs = accs[2:]
		g := accs[0]
		got := fmt.Sprintf("%s|%s|%s|%s|%d|%s|%s|%d|%s/%s", g.Name, g.Owner, g.Industry, g.Plan, g.MRR, g.Currency, g.Status, g.Seats, g.CRMSource, g.ExternalID)
		if want := "Gdańsk Port Systems|Anna Kowalska|Logistics|Growth|149000|PLN|active|25|hubspot/501"; got != want {
			t.Errorf("joined account = %s, want %s", got, want)
		}
		if accs[1].MRR != 0 || accs[2].MRR != 0 {
			t.Errorf("an ambiguous row was merged: %+v %+v", accs[1], accs[2])
		}
		if n := accs[3]; n.Name != "Newcomer" || n.Domain != "" || n.Status != "trial" || n.MRR != 6000 {
			t.Errorf("new trial = %+v", n)
		}
		// The conversion of a currency moves MRR; the new trial moves nothing.
		var moves []store.MRRMovement
		s.Read(ctx).Where("account_id IN ?", []int64{g.ID, accs[3].ID}).Order("id").Find(&moves)
		var m []string
		for _, mv := range moves {
			m = append(m, fmt.Sprintf("%d:%s:%d:%s", mv.AccountID, mv.Kind, mv.Amount, mv.Currency))
		}
		if got, want := strings.Join(m, " "), fmt.Sprintf("%d:expansion:149000:PLN", g.ID); got != want {
			t.Errorf("movements = %s, want %s", got, want)
		}
	})
}

// An ARR column is divided by 12; with both, MRR wins; Salesforce's
// "Annual Revenue" (the company's turnover) is never read.
func TestARRIsTwelveMonthsOfMRR(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		file := "Account ID;Account Name;ARR;MRR;Account Currency;Annual Revenue\n" +
			"001A;Kraków Finanse;\"14 400,00\";;PLN;90000000\n" +
			"001B;Северный Гранит;12000;1500;RUB;\n"
		rep, err := svc.Import(ctx, "t", "accounts", []byte(file), importer.Options{Preset: "salesforce"})
		if err != nil || rep.Created != 2 {
			t.Fatalf("%+v %v", rep, err)
		}
		var accs []store.Account
		s.Read(ctx).Where("crm_source = ?", "salesforce").Order("external_id").Find(&accs)
		if len(accs) != 2 || accs[0].MRR != 120000 || accs[0].Currency != "PLN" || accs[1].MRR != 150000 || accs[1].Currency != "RUB" {
			t.Errorf("accounts = %+v", accs)
		}
		for _, w := range rep.Warnings {
			if w.Code == "no_revenue" || w.Code == "currency_defaulted" {
				t.Errorf("unexpected warning %+v", w)
			}
		}
	})
}
