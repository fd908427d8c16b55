package accounts

import (
	"strings"
	"testing"

	"churndesk/backend/check"
)

// The hand check never accepts a row the validator would reject: each
// case is decided both ways.
func TestPlainRowAgreesWithTheValidator(t *testing.T) {
	c := check.New()
	s := &Service{check: c}
	s.currencies.Store("EUR", true)
	base := AccountInput{Name: "Acme", Domain: "acme.io", Segment: "smb", Currency: "EUR", ContractStart: "2025-01-31", Status: "active"}
	cases := map[string]func(*AccountInput){
		"plain":           func(*AccountInput) {},
		"no domain":       func(in *AccountInput) { in.Domain = "" },
		"digits domain":   func(in *AccountInput) { in.Domain = "123.example" },
		"hyphen inside":   func(in *AccountInput) { in.Domain = "my-co.example" },
		"hyphen at end":   func(in *AccountInput) { in.Domain = "myco-.example" },
		"hyphen at start": func(in *AccountInput) { in.Domain = "-myco.example" },
		"trailing dot":    func(in *AccountInput) { in.Domain = "acme.io." },
		"empty label":     func(in *AccountInput) { in.Domain = "acme..io" },
		"underscore":      func(in *AccountInput) { in.Domain = "ac_me.io" },
		"long label":      func(in *AccountInput) { in.Domain = strings.Repeat("a", 64) + ".io" },
		"63 label":        func(in *AccountInput) { in.Domain = strings.Repeat("a", 63) + ".io" },
		"unicode":         func(in *AccountInput) { in.Domain = "ромашка.рф" },
		"no name":         func(in *AccountInput) { in.Name = "" },
		"long name":       func(in *AccountInput) { in.Name = strings.Repeat("я", 201) },
		"200 runes":       func(in *AccountInput) { in.Name = strings.Repeat("я", 200) },
		"bad segment":     func(in *AccountInput) { in.Segment = "huge" },
		"bad status":      func(in *AccountInput) { in.Status = "zombie" },
		"bad date":        func(in *AccountInput) { in.ContractStart = "2025-02-30" },
		"bad renewal":     func(in *AccountInput) { in.RenewalDate = "31.01.2026" },
		"renewal":         func(in *AccountInput) { in.RenewalDate = "2026-01-31" },
		"negative MRR":    func(in *AccountInput) { in.MRR = -1 },
		"huge seats":      func(in *AccountInput) { in.Seats = 10000001 },
		"long owner":      func(in *AccountInput) { in.Owner = strings.Repeat("o", 101) },
		"overdue":         func(in *AccountInput) { in.PaymentStatus = "overdue" },
	}
	for name, edit := range cases {
		in := base
		edit(&in)
		quick, valid := s.plainRow(&in), c.Struct(in) == nil
		if quick && !valid {
			t.Errorf("%s: the hand check accepts what the validator rejects", name)
		}
		want := name == "plain" || name == "no domain" || name == "digits domain" || name == "hyphen inside" || name == "63 label" ||
			name == "200 runes" || name == "renewal"
		if quick != want {
			t.Errorf("%s: hand check = %v, want %v", name, quick, want)
		}
	}
	unknown := base
	unknown.Currency = "PLN"
	if s.plainRow(&unknown) {
		t.Error("a currency the validator has not confirmed passed the hand check")
	}
}
