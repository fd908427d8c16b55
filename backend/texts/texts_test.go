package texts

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// nb turns the no-break spaces of grouped numbers into plain ones for readable wants.
func nb(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	en := strings.Join(Keys("en"), "\n")
	for _, lang := range []string{"ru", "pl"} {
		if got := strings.Join(Keys(lang), "\n"); got != en {
			missing, extra := diff(Keys("en"), Keys(lang)), diff(Keys(lang), Keys("en"))
			t.Errorf("%s catalogue differs from en: missing %v, extra %v", lang, missing, extra)
		}
	}
	for _, lang := range Languages {
		for key, m := range catalogues[lang] {
			if s, ok := m.(string); ok && strings.TrimSpace(s) == "" {
				t.Errorf("%s %s is empty", lang, key)
			}
		}
	}
}

func diff(a, b []string) []string {
	in := map[string]bool{}
	for _, k := range b {
		in[k] = true
	}
	var out []string
	for _, k := range a {
		if !in[k] {
			out = append(out, k)
		}
	}
	return out
}

func TestPluralForms(t *testing.T) {
	cases := []struct {
		lang, key string
		n         int64
		want      string
	}{
		{"en", "count.years", 1, "1 year"}, {"en", "count.years", 2, "2 years"}, {"en", "count.years", 21, "21 years"},
		{"ru", "count.years", 1, "1 год"}, {"ru", "count.years", 2, "2 года"}, {"ru", "count.years", 5, "5 лет"}, {"ru", "count.years", 21, "21 год"},
		{"ru", "count.days", 1, "1 день"}, {"ru", "count.days", 2, "2 дня"}, {"ru", "count.days", 5, "5 дней"}, {"ru", "count.days", 21, "21 день"},
		{"ru", "count.days", 12, "12 дней"}, {"ru", "count.days", 22, "22 дня"},
		{"pl", "count.years", 1, "1 rok"}, {"pl", "count.years", 2, "2 lata"}, {"pl", "count.years", 5, "5 lat"}, {"pl", "count.years", 22, "22 lata"},
		{"pl", "count.days", 1, "1 dzień"}, {"pl", "count.days", 21, "21 dni"},
		{"pl", "count.months", 36, "36 miesięcy"}, {"pl", "count.months", 3, "3 miesiące"},
	}
	for _, c := range cases {
		if got := New(c.key, Num(c.n)).Render(c.lang); got != c.want {
			t.Errorf("%s %s %d = %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}

// TestMoneyNumbersAndDates: wants are what the app's screens write with
// Intl.NumberFormat and Intl.DateTimeFormat (Node 20's ICU).
func TestMoneyNumbersAndDates(t *testing.T) {
	day := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	cases := []struct{ got, want string }{
		{Money("en", 57821810, "EUR"), "€578,218.10"},
		{nb(Money("ru", 57821810, "EUR")), "578 218,10 €"},
		{nb(Money("pl", 57821810, "PLN")), "578 218,10 zł"},
		{nb(Money("en", 150000, "CHF")), "CHF 1,500.00"},
		{nb(Money("pl", 1500, "JPY")), "1500 JPY"},
		{nb(Money("en", 120000, "PLN")), "PLN 1,200.00"},
		{nb(Money("pl", 435300, "PLN")), "4353,00 zł"},
		{nb(Money("ru", -2550, "RUB")), "-25,50 ₽"},
		{Money("en", 1500, "JPY"), "¥1,500"},
		{nb(Money("en", 1200, "UAH")), "UAH 12.00"},
		{nb(Money("ru", 1200, "UAH")), "12,00 ₴"},
		{nb(Money("en", 1200, "XYZ")), "XYZ 12.00"},
		{Int("pl", 4353), "4353"},
		{nb(Int("pl", -12345)), "-12 345"},
		{Decimal("pl", -4353.5, 1), "-4353,5"},
		{nb(Money("ru", -2550, "USD")), "-25,50 $"},
		{nb(Int("ru", 20000)), "20 000"},
		{Int("en", 20000), "20,000"},
		{nb(Decimal("pl", 35.25, 1)), "35,2"},
		{Date("en", day), "Dec 2, 2026"},
		{Date("ru", day), "2 дек. 2026 г."},
		{Date("pl", day), "2 gru 2026"},
		{DateText("pl", "2027-05-31"), "31 maj 2027"},
		{LongDate("en", day), "December 2, 2026"},
		{LongDate("ru", day), "2 декабря 2026 г."},
		{LongDate("pl", day), "2 grudnia 2026"},
		{LongDate("de", day), "December 2, 2026"},
		{DayMonth("en", day.AddDate(0, -5, 4)), "Jul 6"},
		{DayMonth("ru", day.AddDate(0, -5, 4)), "6 июл."},
		{DayMonth("pl", day.AddDate(0, -5, 4)), "6 lip"},
		{DateText("ru", "not a date"), "not a date"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: %q, want %q", i, c.got, c.want)
		}
	}
}

func TestMessagesWithArguments(t *testing.T) {
	reason := New("reason.no_login", Sub(New("count.days", Num(30))), DayText("2026-11-02"))
	title := New("task.no_login.0", Str("Sonnen Bau"), Sub(reason))
	cases := []struct {
		lang string
		m    Msg
		want string
	}{
		{"en", title, "Call Sonnen Bau: no login for 30 days (last Nov 2, 2026)"},
		{"ru", title, "Позвонить в Sonnen Bau: нет входа 30 дней (последний — 2 нояб. 2026 г.)"},
		{"pl", title, "Zadzwonić do Sonnen Bau: brak logowania przez 30 dni (ostatnio 2 lis 2026)"},
		{"en", New("task.no_login.1", Str("Acme")), "Send Acme a short 'what changed?' note with a booking link"},
		{"ru", New("reason.health_poor", Float(35.25)), "оценка 35,2"},
		{"pl", New("tier.rule.pass", Sub(New("tier.what.lifetime_revenue")), Amount(57821810, "EUR"), Amount(10000000, "EUR")),
			"łączny przychód 578 218,10 € ≥ 100 000,00 €"},
		{"ru", New("tier.rule.pass", Sub(New("tier.what.tenure")), Sub(New("count.months", Num(36))), Sub(New("count.months", Num(6)))),
			"стаж 36 месяцев ≥ 6 месяцев"},
		{"en", New(KeyTemplate, Str("Ring {account} ({detail})"), Str("Acme"), Sub(New("count.days", Num(1)))), "Ring Acme (1 day)"},
		{"pl", Literal("Własny tekst"), "Własny tekst"},
		{"ru", New("tier.needs", Str("Gold"), Join(New("tier.what.mrr"), New("tier.what.health"))), "для уровня Gold нужно: MRR, здоровье"},
	}
	for i, c := range cases {
		if got := nb(c.m.Render(c.lang)); got != c.want {
			t.Errorf("case %d (%s): %q, want %q", i, c.lang, got, c.want)
		}
	}
}

func TestMsgStoresAsJSON(t *testing.T) {
	m := New("task.anniversary.0", Str("Acme"), Sub(New("count.years", Num(2))))
	v, err := m.Value()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"key":"task.anniversary.0","args":[{"s":"Acme"},{"msg":{"key":"count.years","args":[{"i":2}]}}]}`
	if v != want {
		t.Fatalf("stored %v, want %s", v, want)
	}
	var back Msg
	if err := back.Scan([]byte(want)); err != nil {
		t.Fatal(err)
	}
	if got := back.Render("ru"); got != "Поблагодарить Acme за 2 года с нами" {
		t.Errorf("read back in ru: %q", got)
	}
	var empty Msg
	if err := empty.Scan(nil); err != nil || !empty.IsZero() {
		t.Errorf("NULL gives %+v, %v", empty, err)
	}
	if v, _ := empty.Value(); v != nil {
		t.Errorf("empty stores %v, want NULL", v)
	}
	raw, _ := json.Marshal(Literal("x"))
	if string(raw) != `{"key":"literal","args":[{"s":"x"}]}` {
		t.Errorf("literal JSON %s", raw)
	}
}

func TestLanguageMatching(t *testing.T) {
	cases := map[string]string{"": "en", "ru": "ru", "ru-RU,ru;q=0.9,en;q=0.8": "ru", "pl-PL": "pl", "de-DE": "en",
		"de;q=0.9,pl;q=0.5": "pl", "garbage;;": "en", "uk": "en"}
	for in, want := range cases {
		if got := Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
	ctx := WithLang(context.Background(), "pl")
	if Lang(ctx) != "pl" || Lang(context.Background()) != "en" || Lang(WithLang(ctx, "xx")) != "en" {
		t.Error("context language not kept")
	}
}
