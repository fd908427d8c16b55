package accounts_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/check"
	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

var fixedNow = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func newService(s *store.Store) *accounts.Service {
	return accounts.NewService(s, check.New(), func() time.Time { return fixedNow })
}

func validInput() accounts.AccountInput {
	return accounts.AccountInput{
		Name: "Acme Analytics", Domain: "acme.io", Segment: "smb", Plan: "Growth", MRR: 49900,
		Currency: "eur", Seats: 20, ContractStart: "2025-03-01", RenewalDate: "2026-03-01",
		Owner: "Sarah Chen", Status: "active",
	}
}

func intp(n int) *int { return &n }

func TestAccountValidation(t *testing.T) {
	cases := []struct {
		name      string
		mutate    func(*accounts.AccountInput)
		field     string
		message   string
		wantValid bool
	}{
		{"valid", func(*accounts.AccountInput) {}, "", "", true},
		{"negative MRR", func(in *accounts.AccountInput) { in.MRR = -1 }, "mrr", "must be ≥ 0", false},
		{"missing name", func(in *accounts.AccountInput) { in.Name = "   " }, "name", "is required", false},
		{"unknown currency", func(in *accounts.AccountInput) { in.Currency = "XYZ" }, "currency", "must be an ISO 4217 currency code such as EUR", false},
		{"bad segment", func(in *accounts.AccountInput) { in.Segment = "huge" }, "segment", "must be one of: smb, mid_market, enterprise", false},
		{"bad status", func(in *accounts.AccountInput) { in.Status = "gone" }, "status", "must be one of: trial, onboarding, active, churned", false},
		{"impossible date", func(in *accounts.AccountInput) { in.ContractStart = "2025-02-30" }, "contract_start", "must be a date written YYYY-MM-DD", false},
		{"renewal before start", func(in *accounts.AccountInput) { in.RenewalDate = "2024-01-01" }, "renewal_date", "must not be before the contract start", false},
		{"overdue without date", func(in *accounts.AccountInput) { in.PaymentStatus = "overdue" }, "overdue_since", "is required", false},
		{"card month 13", func(in *accounts.AccountInput) { in.CardExpiryMonth, in.CardExpiryYear = intp(13), intp(2027) }, "card_expiry_month", "must be ≤ 12", false},
		{"card year without month", func(in *accounts.AccountInput) { in.CardExpiryYear = intp(2027) }, "card_expiry_month", "is required", false},
		{"negative seats", func(in *accounts.AccountInput) { in.Seats = -5 }, "seats", "must be ≥ 0", false},
		{"bad domain", func(in *accounts.AccountInput) { in.Domain = "not a domain" }, "domain", "must be a domain name such as example.com", false},
		{"name too long", func(in *accounts.AccountInput) { in.Name = strings.Repeat("x", 201) }, "name", "must have at most 200 characters", false},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		ctx := context.Background()
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				in := validInput()
				in.ExternalID = tc.name // keeps valid rows distinct
				tc.mutate(&in)
				before := count(t, s)
				_, err := svc.Create(ctx, in)
				if tc.wantValid {
					if err != nil {
						t.Fatalf("valid input rejected: %v", err)
					}
					if after := count(t, s); after != before+1 {
						t.Errorf("rows %d → %d, want one more", before, after)
					}
					return
				}
				fe, ok := fault.As(err)
				if !ok || fe.Code != fault.CodeValidation {
					t.Fatalf("err = %v, want a validation fault", err)
				}
				if got := fe.Fields[tc.field]; got != tc.message {
					t.Errorf("fields[%s] = %q, want %q (all: %v)", tc.field, got, tc.message, fe.Fields)
				}
				if after := count(t, s); after != before {
					t.Errorf("rows %d → %d after a rejected create", before, after)
				}
			})
		}
	})
}

func count(t *testing.T, s *store.Store) int64 {
	t.Helper()
	var n int64
	if err := s.Read(context.Background()).Model(&store.Account{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAccountLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		ctx := context.Background()
		created, err := svc.Create(ctx, validInput())
		if err != nil {
			t.Fatal(err)
		}
		if created.ID == 0 || created.Currency != "EUR" || created.MRR != 49900 || created.PaymentStatus != "ok" ||
			created.RenewalDate.String() != "2026-03-01" || !created.CreatedAt.Equal(fixedNow) {
			t.Errorf("created = %+v", created)
		}
		in := validInput()
		in.MRR, in.Name, in.RenewalDate = 59900, "Acme Analytics GmbH", ""
		updated, err := svc.Update(ctx, created.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if updated.MRR != 59900 || updated.Name != "Acme Analytics GmbH" || updated.RenewalDate != nil {
			t.Errorf("updated = %+v", updated)
		}
		for _, c := range []accounts.ContactInput{
			{Name: "Ola Nowak", Email: "ola@acme.io", Role: "champion"},
			{Name: "Jan Kowalski", Email: "jan@acme.io", Role: "billing"},
		} {
			if _, err := svc.CreateContact(ctx, created.ID, c); err != nil {
				t.Fatal(err)
			}
		}
		got, err := svc.Get(ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ContactsCount != 2 {
			t.Errorf("contacts_count = %d, want 2", got.ContactsCount)
		}
		list, err := svc.Contacts(ctx, created.ID, accounts.ContactQuery{Q: "NOWAK"})
		if err != nil {
			t.Fatal(err)
		}
		if list.Total != 1 || list.Items[0].Email != "ola@acme.io" {
			t.Errorf("contact search = %+v", list)
		}
		_, err = svc.CreateContact(ctx, created.ID, accounts.ContactInput{Name: "X", Email: "not-an-email", Role: "ceo"})
		fe, _ := fault.As(err)
		if fe == nil || fe.Fields["email"] != "must be a valid email address" || fe.Fields["role"] == "" {
			t.Errorf("bad contact err = %v", err)
		}
		if err := svc.Delete(ctx, created.ID); err != nil {
			t.Fatal(err)
		}
		var contacts int64
		s.Read(ctx).Model(&store.Contact{}).Count(&contacts)
		if contacts != 0 {
			t.Errorf("contacts left after delete = %d", contacts)
		}
		if _, err := svc.Get(ctx, created.ID); !isCode(err, fault.CodeNotFound) {
			t.Errorf("get deleted = %v, want not found", err)
		}
		if err := svc.Delete(ctx, created.ID); !isCode(err, fault.CodeNotFound) {
			t.Errorf("delete twice = %v, want not found", err)
		}
		if _, err := svc.Update(ctx, 999, validInput()); !isCode(err, fault.CodeNotFound) {
			t.Errorf("update missing = %v, want not found", err)
		}
	})
}

func isCode(err error, code fault.Code) bool {
	fe, ok := fault.As(err)
	return ok && fe.Code == code
}

func TestDuplicateCRMIDIsAConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		in := validInput()
		in.CRMSource, in.ExternalID = "hubspot", "42"
		if _, err := svc.Create(context.Background(), in); err != nil {
			t.Fatal(err)
		}
		_, err := svc.Create(context.Background(), in)
		fe, ok := fault.As(err)
		if !ok || fe.Code != fault.CodeConflict || fe.Fields["external_id"] == "" {
			t.Fatalf("err = %v, want conflict on external_id", err)
		}
		if n := count(t, s); n != 1 {
			t.Errorf("rows = %d, want 1", n)
		}
	})
}

// seed stores accounts named by the given names with MRR 100, 200, … and
// alternate owners and statuses.
func seed(t *testing.T, svc *accounts.Service, names ...string) {
	t.Helper()
	for i, name := range names {
		in := validInput()
		in.Name, in.MRR, in.Domain = name, int64(100*(i+1)), ""
		in.Owner = []string{"Anna", "Boris"}[i%2]
		in.Status = []string{"active", "trial", "onboarding"}[i%3]
		if i%2 == 1 {
			in.Segment = "enterprise"
		}
		if _, err := svc.Create(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
}

func names(list accounts.List[accounts.Account]) string {
	out := make([]string, len(list.Items))
	for i, a := range list.Items {
		out[i] = a.Name
	}
	return strings.Join(out, ",")
}

func TestListPagingSortSearchFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		seed(t, svc, "Delta", "alpha", "Charlie", "Bravo", "Echo 50%", "Łódź Media", "Вектор Софт")
		cases := []struct {
			name  string
			q     accounts.ListQuery
			want  string
			total int64
		}{
			{"default sort by name", accounts.ListQuery{Page: accounts.Page{Limit: 3}}, "alpha,Bravo,Charlie", 7},
			{"second page", accounts.ListQuery{Page: accounts.Page{Limit: 3, Offset: 3}}, "Delta,Echo 50%,Łódź Media", 7},
			{"mrr descending", accounts.ListQuery{Page: accounts.Page{Limit: 2, Sort: "-mrr"}}, "Вектор Софт,Łódź Media", 7},
			{"search is case-insensitive", accounts.ListQuery{Filter: accounts.Filter{Q: "ALPHA"}}, "alpha", 1},
			{"search Cyrillic case-insensitive", accounts.ListQuery{Filter: accounts.Filter{Q: "вектор"}}, "Вектор Софт", 1},
			{"search Polish", accounts.ListQuery{Filter: accounts.Filter{Q: "łódź"}}, "Łódź Media", 1},
			{"percent is literal", accounts.ListQuery{Filter: accounts.Filter{Q: "50%"}}, "Echo 50%", 1},
			{"underscore is literal", accounts.ListQuery{Filter: accounts.Filter{Q: "_"}}, "", 0},
			{"owner filter", accounts.ListQuery{Filter: accounts.Filter{Owner: "Boris"}, Page: accounts.Page{Sort: "mrr"}}, "alpha,Bravo,Łódź Media", 3},
			{"status filter", accounts.ListQuery{Filter: accounts.Filter{Status: "trial"}, Page: accounts.Page{Sort: "mrr"}}, "alpha,Echo 50%", 2},
			{"segment filter", accounts.ListQuery{Filter: accounts.Filter{Segment: "enterprise"}, Page: accounts.Page{Sort: "-mrr"}}, "Łódź Media,Bravo,alpha", 3},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := svc.List(context.Background(), tc.q)
				if err != nil {
					t.Fatal(err)
				}
				if names(got) != tc.want || got.Total != tc.total {
					t.Errorf("got %q total %d, want %q total %d", names(got), got.Total, tc.want, tc.total)
				}
			})
		}
		_, err := svc.List(context.Background(), accounts.ListQuery{Page: accounts.Page{Sort: "password"}})
		if fe, _ := fault.As(err); fe == nil || !strings.HasPrefix(fe.Fields["sort"], "must be one of: ") {
			t.Errorf("bad sort err = %v", err)
		}
		_, err = svc.List(context.Background(), accounts.ListQuery{Page: accounts.Page{Limit: 500}})
		if fe, _ := fault.As(err); fe == nil || fe.Fields["limit"] != "must be ≤ 200" {
			t.Errorf("big limit err = %v", err)
		}
	})
}

func TestFacetsAndSummary(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		seed(t, svc, "A", "B", "C")
		f, err := svc.Facets(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(f.Owners, ",") != "Anna,Boris" || strings.Join(f.Segments, ",") != "enterprise,smb" || strings.Join(f.Plans, ",") != "Growth" {
			t.Errorf("facets = %+v", f)
		}
		sum, err := svc.Summary(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// MRR 100 + 200 + 300, all EUR, none churned; the trial's 200 is
		// not revenue until it converts.
		if sum.Accounts != 3 || sum.MRRByCurrency["EUR"] != 400 || sum.ByStatus["trial"] != 1 || sum.Owners != 2 {
			t.Errorf("summary = %+v", sum)
		}
		// No home currency yet: no single total, and a warning says why.
		if sum.MRRHome != nil || len(sum.Conversion.Warnings) != 1 || sum.Conversion.Warnings[0].Code != "no_home_currency" {
			t.Errorf("home total without a home currency = %v, %+v", sum.MRRHome, sum.Conversion)
		}
	})
}

func TestCSVExportNeutralisesFormulas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		seed(t, svc, "=HYPERLINK(\"http://x\")", "+SUM(A1)", "Plain Co", "@cmd", "-2+3")
		var buf bytes.Buffer
		if err := svc.WriteCSV(context.Background(), &buf, accounts.Filter{}); err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != 6 || records[0][1] != "name" || records[0][6] != "mrr_minor" {
			t.Fatalf("records = %v", records)
		}
		var got []string
		for _, r := range records[1:] {
			got = append(got, r[1])
		}
		want := `'+SUM(A1),'-2+3,'=HYPERLINK("http://x"),'@cmd,Plain Co`
		if strings.Join(got, ",") != want {
			t.Errorf("names = %s, want %s", strings.Join(got, ","), want)
		}
	})
}
