package texts

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Int writes n with the language's digit grouping: 12,345 / 12 345.
// Polish, as CLDR has it, groups only numbers of five digits or more: 4353.
func Int(lang string, n int64) string {
	return minGrouping(lang, printer(lang).Sprint(number.Decimal(n)))
}

// Decimal writes v with digits decimals in the language's style: 1,234.5 / 1 234,5 / 1234,5.
func Decimal(lang string, v float64, digits int) string {
	return minGrouping(lang, printer(lang).Sprint(number.Decimal(v, number.Scale(digits))))
}

// minGrouping drops the group separator of a four-digit whole part in
// Polish (CLDR's minimum grouping digits of 2), as Intl.NumberFormat does.
func minGrouping(lang, s string) string {
	if lang != "pl" {
		return s
	}
	whole, _, _ := strings.Cut(strings.TrimPrefix(s, "-"), ",")
	if r := []rune(whole); len(r) == 5 && r[1] == '\u00a0' {
		return strings.Replace(s, "\u00a0", "", 1)
	}
	return s
}

// CurrencyDigits is how many minor-unit digits a currency has: 2 for EUR, 0 for JPY, 3 for KWD.
func CurrencyDigits(currency string) int {
	switch currency {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	}
	return 2
}

// symbols caches CurrencySymbol by language and code.
var symbols sync.Map

// CurrencySymbol is the sign lang writes for an ISO currency code, from
// CLDR as Intl.NumberFormat has it: "$" and "PLN" in English, "zł" in
// Polish, "₽" in Russian; an unknown code stands for itself.
func CurrencySymbol(lang, code string) string {
	key := lang + ":" + code
	if s, ok := symbols.Load(key); ok {
		return s.(string)
	}
	sym := code
	if u, err := currency.ParseISO(code); err == nil {
		s := printer(lang).Sprint(currency.Symbol(u.Amount(0)))
		if i := strings.IndexAny(s, "0123456789"); i > 0 {
			sym = strings.TrimSpace(strings.TrimRight(s[:i], "\u00a0"))
		}
	}
	symbols.Store(key, sym)
	return sym
}

// Money writes minor units of currency as a price in lang, the way the
// app's screens (Intl.NumberFormat) write it: "€1,234.50" and
// "PLN 1,234.50" in English, "1 234,50 €" in Russian, "1234,50 zł" in
// Polish. An empty currency writes the bare amount with two decimals.
func Money(lang string, minor int64, currency string) string {
	digits := 2
	if currency != "" {
		digits = CurrencyDigits(currency)
	}
	amount := Decimal(lang, math.Abs(float64(minor))/math.Pow10(digits), digits)
	sign := ""
	if minor < 0 {
		sign = "-"
	}
	if currency == "" {
		return sign + amount
	}
	sym := CurrencySymbol(lang, currency)
	if lang == "en" {
		if r := []rune(sym); len(r) > 0 && !unicode.IsLetter(r[len(r)-1]) { // a sign, not a code: "$1.00"
			return sign + sym + amount
		}
		return sign + sym + "\u00a0" + amount
	}
	return sign + amount + "\u00a0" + sym
}

var months = map[string][12]string{
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"ru": {"янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."},
	"pl": {"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"},
}

// Date writes a calendar day in the language's medium style, the one the
// app shows everywhere (years are never grouped): "Dec 2, 2026", "2 дек. 2026 г.", "2 gru 2026".
func Date(lang string, d time.Time) string {
	m, ok := months[lang]
	if !ok {
		lang, m = "en", months["en"]
	}
	day, mon, year := d.Day(), m[d.Month()-1], d.Year()
	switch lang {
	case "ru":
		return fmt.Sprintf("%d %s %d г.", day, mon, year)
	case "pl":
		return fmt.Sprintf("%d %s %d", day, mon, year)
	}
	return fmt.Sprintf("%s %d, %d", mon, day, year)
}

// longMonths are the months' full names as a date writes them (genitive in Russian and Polish).
var longMonths = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"pl": {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
}

// LongDate writes a calendar day in the language's long style, for
// sentences in messages: "December 2, 2026", "2 декабря 2026 г.", "2 grudnia 2026".
func LongDate(lang string, d time.Time) string {
	m, ok := longMonths[lang]
	if !ok {
		lang, m = "en", longMonths["en"]
	}
	day, mon, year := d.Day(), m[d.Month()-1], d.Year()
	switch lang {
	case "ru":
		return fmt.Sprintf("%d %s %d г.", day, mon, year)
	case "pl":
		return fmt.Sprintf("%d %s %d", day, mon, year)
	}
	return fmt.Sprintf("%s %d, %d", mon, day, year)
}

// DayMonth writes a day without its year, as a chart's axis shows it:
// "Jul 6", "6 июл.", "6 lip".
func DayMonth(lang string, d time.Time) string {
	m, ok := months[lang]
	if !ok || lang == "en" {
		return fmt.Sprintf("%s %d", months["en"][d.Month()-1], d.Day())
	}
	return fmt.Sprintf("%d %s", d.Day(), m[d.Month()-1])
}

// DateText writes an ISO day (YYYY-MM-DD) with Date; other text comes back unchanged.
func DateText(lang, iso string) string {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(iso))
	if err != nil {
		return iso
	}
	return Date(lang, d)
}

func printer(lang string) *message.Printer {
	return message.NewPrinter(tag(lang), message.Catalog(catalogue))
}
