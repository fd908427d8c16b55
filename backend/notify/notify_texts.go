package notify

import (
	"strings"
	"time"

	"churndesk/backend/texts"
)

// lang writes message texts, money and dates in one language from the
// shared catalogues (backend/texts, keys notify.*).
type lang string

func newLang(code string) lang {
	if !texts.Supported(code) {
		return "en"
	}
	return lang(code)
}

func (l lang) f(key string, args ...any) string { return texts.Text(string(l), key, args...) }

// date writes a day in a sentence: December 3, 2026; 3 декабря 2026 г.; 3 grudnia 2026.
func (l lang) date(d time.Time) string { return texts.LongDate(string(l), d) }

// money writes minor units of currency: €1,234.50 in English, 1 234,50 € in Russian and Polish.
func (l lang) money(minor int64, currency string) string {
	return texts.Money(string(l), minor, currency)
}

func (l lang) owner(name string) string {
	if strings.TrimSpace(name) == "" {
		return l.f("notify.no_owner")
	}
	return name
}

// class names a health class as the messages write it.
func (l lang) class(c string) string {
	switch c {
	case "good", "average", "poor":
		return l.f("health." + c)
	}
	return c
}
