package risk

import (
	"fmt"
	"math"
	"strings"
)

// factorOf names the measure behind a covariate with the numbers its text needs.
func factorOf(key string, m Measures) Factor {
	f := Factor{Key: key, Args: map[string]float64{}}
	switch {
	case strings.HasPrefix(key, "segment:"):
		f.Key, f.Value = "segment", m.Segment
	case strings.HasPrefix(key, "plan:"):
		f.Key, f.Value = "plan", m.Plan
	}
	switch key {
	case "tenure":
		f.Args["months"] = m.TenureMonths
	case "renewal_soon":
		f.Args["days"] = float64(m.RenewalDays)
	case "log_mrr":
		f.Args["mrr"] = math.Round(m.MRR)
	case "log_seats":
		f.Args["seats"] = float64(m.Seats)
	case "seat_use":
		f.Args["percent"] = math.Round(m.SeatUse)
	case "trend_slope", "declining":
		f.Args["slope"] = math.Round(m.Slope*10) / 10
	case "login_days", "inactive":
		f.Args["days"] = float64(m.LoginDays)
	case "nps_detractor", "nps_promoter":
		if m.NPS != nil {
			f.Args["score"] = float64(*m.NPS)
		}
	case "payment_overdue":
		f.Args["days"] = float64(m.OverdueDays)
	case "csm_sentiment":
		f.Args["score"] = 3
		if m.Sentiment != nil {
			f.Args["score"] = float64(*m.Sentiment)
		}
	case "open_tasks":
		f.Args["count"] = float64(m.OpenTasks)
	}
	return f
}

// factorTexts are the factors in plain words per language; {name} takes
// the factor's argument of that name, {value} its segment or plan, and
// {currency} the home currency. The frontend's catalogues
// (risk.factor.<key>) say the same.
var factorTexts = map[string]map[string]string{
	"en": {
		"tenure": "a customer for {months} months", "renewal_soon": "renewal in {days} days", "log_mrr": "MRR {mrr} {currency}", "log_seats": "{seats} seats",
		"seat_use": "{percent} % of seats in use", "trend_slope": "usage trend {slope} % a week", "declining": "usage declining ({slope} % a week)",
		"inactive": "no activity for three weeks", "login_days": "no login for {days} days", "nps_detractor": "latest NPS {score} (detractor)",
		"nps_promoter": "latest NPS {score} (promoter)", "payment_overdue": "payment overdue for {days} days", "card_expiring": "card expires within 60 days",
		"csm_sentiment": "CSM sentiment {score} of 5", "open_tasks": "{count} open playbook tasks", "segment": "segment {value}", "plan": "plan {value}",
		"effect": "risk ×{effect}",
	},
	"ru": {
		"tenure": "клиент {months} мес.", "renewal_soon": "продление через {days} дн.", "log_mrr": "MRR {mrr} {currency}", "log_seats": "мест: {seats}",
		"seat_use": "занято {percent} % мест", "trend_slope": "тренд использования {slope} % в неделю", "declining": "использование падает ({slope} % в неделю)",
		"inactive": "нет активности три недели", "login_days": "нет входов {days} дн.", "nps_detractor": "последний NPS {score} (критик)",
		"nps_promoter": "последний NPS {score} (промоутер)", "payment_overdue": "оплата просрочена на {days} дн.", "card_expiring": "карта истекает в течение 60 дней",
		"csm_sentiment": "оценка CSM {score} из 5", "open_tasks": "открытых задач: {count}", "segment": "сегмент {value}", "plan": "тариф {value}",
		"effect": "риск ×{effect}",
	},
	"pl": {
		"tenure": "klient od {months} mies.", "renewal_soon": "odnowienie za {days} dni", "log_mrr": "MRR {mrr} {currency}", "log_seats": "miejsc: {seats}",
		"seat_use": "w użyciu {percent} % miejsc", "trend_slope": "trend użycia {slope} % tygodniowo", "declining": "użycie spada ({slope} % tygodniowo)",
		"inactive": "brak aktywności od trzech tygodni", "login_days": "brak logowania od {days} dni", "nps_detractor": "ostatni NPS {score} (krytyk)",
		"nps_promoter": "ostatni NPS {score} (promotor)", "payment_overdue": "płatność zaległa od {days} dni", "card_expiring": "karta wygasa w ciągu 60 dni",
		"csm_sentiment": "ocena CSM {score} z 5", "open_tasks": "otwarte zadania: {count}", "segment": "segment {value}", "plan": "plan {value}",
		"effect": "ryzyko ×{effect}",
	},
}

// factorText renders a factor with its effect, e.g. "no login for 24 days:
// risk ×2.3", in lang (English when lang is empty or unknown; Russian and
// Polish write a decimal comma).
func factorText(lang string, f Factor, currency string) string {
	texts, ok := factorTexts[lang]
	if !ok {
		texts = factorTexts["en"]
	}
	number := trimNumber
	if lang == "ru" || lang == "pl" {
		number = func(v float64) string { return strings.Replace(trimNumber(v), ".", ",", 1) }
	}
	fill := func(t string) string {
		for k, v := range f.Args {
			t = strings.ReplaceAll(t, "{"+k+"}", number(v))
		}
		t = strings.ReplaceAll(t, "{value}", f.Value)
		t = strings.ReplaceAll(t, "{currency}", currency)
		return strings.TrimSpace(strings.ReplaceAll(t, "{effect}", number(f.Effect)))
	}
	return fill(texts[f.Key]) + ": " + fill(texts["effect"])
}

// trimNumber writes v with at most one decimal, without a trailing ".0".
func trimNumber(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}
