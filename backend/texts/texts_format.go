package texts

import (
	"fmt"
	"math"
	"strings"
	"time"

	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Int writes n with the language's digit grouping: 12,345 / 12 345.
func Int(lang string, n int64) string {
	return printer(lang).Sprint(number.Decimal(n))
}

// Decimal writes v with digits decimals in the language's style: 1,234.5 / 1 234,5.
func Decimal(lang string, v float64, digits int) string {
	return printer(lang).Sprint(number.Decimal(v, number.Scale(digits)))
}

// currencyDigits is how many minor-unit digits a currency has.
func currencyDigits(currency string) int {
	switch currency {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	}
	return 2
}

// symbols are the currency signs people write; other currencies keep their ISO code.
var symbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£", "PLN": "zł", "RUB": "₽", "JPY": "¥", "UAH": "₴"}

// Money writes minor units of currency as a price in lang: "€1,234.50" in
// English, "1 234,50 €" in Russian and Polish. An empty currency writes the
// bare amount with two decimals.
func Money(lang string, minor int64, currency string) string {
	digits := 2
	if currency != "" {
		digits = currencyDigits(currency)
	}
	amount := Decimal(lang, math.Abs(float64(minor))/math.Pow10(digits), digits)
	sign := ""
	if minor < 0 {
		sign = "-"
	}
	if currency == "" {
		return sign + amount
	}
	sym, ok := symbols[currency]
	if !ok {
		sym = currency
	}
	if lang == "en" {
		if ok && len([]rune(sym)) == 1 {
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
