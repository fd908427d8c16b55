package qbr

import "testing"

// TestMoneyTextFollowsIntl: the document writes money as the deck's
// Intl.NumberFormat currency style does (values taken from Node's Intl).
func TestMoneyTextFollowsIntl(t *testing.T) {
	want := map[string]map[string]string{
		"en": {"EUR": "€24,174.00", "USD": "$24,174.00", "PLN": "PLN 24,174.00", "RUB": "RUB 24,174.00", "GBP": "£24,174.00", "CHF": "CHF 24,174.00"},
		"ru": {"EUR": "24 174,00 €", "USD": "24 174,00 $", "PLN": "24 174,00 PLN", "RUB": "24 174,00 ₽", "GBP": "24 174,00 £", "CHF": "24 174,00 CHF"},
		"pl": {"EUR": "24 174,00 €", "USD": "24 174,00 USD", "PLN": "24 174,00 zł", "RUB": "24 174,00 RUB", "GBP": "24 174,00 GBP", "CHF": "24 174,00 CHF"},
	}
	for lang, byCode := range want {
		for code, w := range byCode {
			if got := moneyText(24174, code, lang); got != w {
				t.Errorf("%s %s: %q, want %q", lang, code, got, w)
			}
		}
	}
	if got := moneyText(4353, "PLN", "pl"); got != "4353,00 zł" {
		t.Errorf("four digits in Polish: %q", got)
	}
	// Minor units follow the currency's decimals, as Intl does: yen have none.
	for _, c := range []struct{ got, want string }{
		{minorMoneyText(2417400, "EUR", "ru"), "24 174,00 €"},
		{minorMoneyText(2417400, "JPY", "en"), "¥2,417,400"},
		{moneyText(1500.5, "JPY", "pl"), "1501 JPY"},
		{fmtNum(-4353.25, "pl", 2), "−4353,25"},
		{fmtNum(10287, "ru", 0), "10 287"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}
