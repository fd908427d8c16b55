package qbr

import (
	"fmt"
	"math"
	"strings"

	"churndesk/backend/texts"
)

// dw is the deck's word for key in lang.
func dw(lang, key string) string {
	if w, ok := deckWords[lang][key]; ok {
		return w
	}
	return deckWords["en"][key]
}

// fmtNum writes v in lang with at most digits decimals, as the deck's
// Intl.NumberFormat does: "10,287", "10 287", "4353" (Polish groups only
// numbers of five digits or more).
func fmtNum(v float64, lang string, digits int) string {
	s := trimDecimals(clean(texts.Decimal(lang, v, digits)), lang)
	return strings.Replace(s, "-", "−", 1)
}

// trimDecimals drops trailing zero decimals: "41.50" → "41.5", "41,00" → "41".
func trimDecimals(s, lang string) string {
	sep := "."
	if lang != "en" {
		sep = ","
	}
	if !strings.Contains(s, sep) {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, sep)
}

// unitWords are the units as the deck writes them (frontend/src/deck/kpi.ts).
var unitWords = map[string]map[string][3]string{
	"en": {"hours": {"%s h", "%s h", "%s h"}, "days": {"%s day", "%s days", "%s days"}, "points": {"%s point", "%s points", "%s points"}, "pp": {"%s pp", "%s pp", "%s pp"}},
	"ru": {"hours": {"%s ч", "%s ч", "%s ч"}, "days": {"%s день", "%s дня", "%s дней"}, "points": {"%s балл", "%s балла", "%s баллов"}, "pp": {"%s п. п.", "%s п. п.", "%s п. п."}},
	"pl": {"hours": {"%s godz.", "%s godz.", "%s godz."}, "days": {"%s dzień", "%s dni", "%s dni"}, "points": {"%s punkt", "%s punkty", "%s punktów"}, "pp": {"%s p.p.", "%s p.p.", "%s p.p."}},
}

// fractionForm is the form a fractional number takes: ru "2,5 дня", pl "2,5 dnia".
var fractionForm = map[string]map[string]string{
	"ru": {"days": "%s дня", "points": "%s балла"},
	"pl": {"days": "%s dnia", "points": "%s punktu"},
}

// unitText writes value (already formatted) with unit's word for v.
func unitText(lang, unit string, v float64, value string) string {
	forms, ok := unitWords[lang]
	if !ok {
		forms = unitWords["en"]
	}
	if v != float64(int64(v)) {
		if f, ok := fractionForm[lang][unit]; ok {
			return fmt.Sprintf(f, value)
		}
		return fmt.Sprintf(forms[unit][2], value)
	}
	n := int(v)
	if n < 0 {
		n = -n
	}
	return fmt.Sprintf(forms[unit][pluralIndex(lang, n)], value)
}

// kpiValue writes a KPI value with its unit as the deck does: "41 h", "86%", "12 days".
func kpiValue(v float64, unit, lang, currency string) string {
	value := fmtNum(v, lang, 2)
	switch unit {
	case UnitCount:
		return value
	case UnitPercent:
		if lang == "en" {
			return value + "%"
		}
		return value + " %"
	case UnitMoney:
		return moneyText(v, currency, lang)
	}
	return unitText(lang, unit, v, value)
}

// kpiChange writes a change with its sign and unit; a percentage's change is
// in percentage points ("+3 pp").
func kpiChange(change float64, unit, lang, currency string) string {
	sign := ""
	if change > 0 {
		sign = "+"
	} else if change < 0 {
		sign = "−"
	}
	abs := change
	if abs < 0 {
		abs = -abs
	}
	if unit == UnitPercent {
		return sign + unitText(lang, "pp", 0, fmtNum(abs, lang, 2))
	}
	return sign + kpiValue(abs, unit, lang, currency)
}

// arrow is the arrow of a change: ▲ up, ▼ down, ● none.
func arrow(change float64) string {
	switch {
	case change > 0:
		return "▲"
	case change < 0:
		return "▼"
	}
	return "●"
}

// verdictText is the verdict as the deck writes it: the arrow of the movement and the word.
func verdictText(change float64, verdict, lang string) string {
	key := map[string]string{Improved: "improved", Worsened: "worsened", Unchanged: "unchanged", NoVerdict: "forInfo"}[verdict]
	return arrow(change) + " " + dw(lang, key)
}

// pctText writes a relative change: "+13.6%", "−35,9 %".
func pctText(p float64, lang string) string {
	s := fmtNum(p, lang, 1)
	if p > 0 {
		s = "+" + s
	}
	if lang == "en" {
		return s + "%"
	}
	return s + " %"
}

// moneyText writes an amount in major units (a KPI's value) as the deck's
// Intl currency format does: "$24,174.00", "PLN 24,174.00", "24 174,00 €".
func moneyText(v float64, code, lang string) string {
	return minorMoneyText(int64(math.Round(v*math.Pow10(texts.CurrencyDigits(code)))), code, lang)
}

// minorMoneyText writes minor units of code with texts.Money, plain spaces
// for no-break ones as the deck does.
func minorMoneyText(minor int64, code, lang string) string {
	return clean(texts.Money(lang, minor, code))
}
