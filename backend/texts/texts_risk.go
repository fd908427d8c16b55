package texts

import "golang.org/x/text/number"

// The churn-risk texts: the "risk rose" trigger's tasks and reason, and the
// risk factors in plain words. A factor's number comes pre-written by
// Figure (%[1]s); the log_mrr factor also names the currency (%[2]s), and
// the segment and plan factors name their value (%[1]s). The frontend's
// risk catalogues (factor.<key>) say the same.

var riskEnglish = map[string]any{
	"task.risk_rose.0":   "Call %[1]s: churn risk rose (%[2]s)",
	"task.risk_rose.1":   "Go through %[1]s's risk factors and write a save plan",
	"reason.risk_rose":   "%.1f %% → %.1f %%",
	"risk.factor.effect": "risk ×%[1]s",

	"risk.factor.tenure":          "a customer for %[1]s months",
	"risk.factor.renewal_soon":    "renewal in %[1]s days",
	"risk.factor.log_mrr":         "MRR %[1]s %[2]s",
	"risk.factor.log_seats":       "%[1]s seats",
	"risk.factor.seat_use":        "%[1]s %% of seats in use",
	"risk.factor.trend_slope":     "usage trend %[1]s %% a week",
	"risk.factor.declining":       "usage declining (%[1]s %% a week)",
	"risk.factor.inactive":        "no activity for three weeks",
	"risk.factor.login_days":      "no login for %[1]s days",
	"risk.factor.nps_detractor":   "latest NPS %[1]s (detractor)",
	"risk.factor.nps_promoter":    "latest NPS %[1]s (promoter)",
	"risk.factor.payment_overdue": "payment overdue for %[1]s days",
	"risk.factor.card_expiring":   "card expires within 60 days",
	"risk.factor.csm_sentiment":   "CSM sentiment %[1]s of 5",
	"risk.factor.open_tasks":      "%[1]s open playbook tasks",
	"risk.factor.segment":         "segment %[1]s",
	"risk.factor.plan":            "plan %[1]s",
}

var riskRussian = map[string]any{
	"task.risk_rose.0":   "Позвонить в %[1]s: риск оттока вырос (%[2]s)",
	"task.risk_rose.1":   "Разобрать факторы риска %[1]s и написать план спасения",
	"reason.risk_rose":   "%.1f %% → %.1f %%",
	"risk.factor.effect": "риск ×%[1]s",

	"risk.factor.tenure":          "клиент %[1]s мес.",
	"risk.factor.renewal_soon":    "продление через %[1]s дн.",
	"risk.factor.log_mrr":         "MRR %[1]s %[2]s",
	"risk.factor.log_seats":       "мест: %[1]s",
	"risk.factor.seat_use":        "занято %[1]s %% мест",
	"risk.factor.trend_slope":     "тренд использования %[1]s %% в неделю",
	"risk.factor.declining":       "использование падает (%[1]s %% в неделю)",
	"risk.factor.inactive":        "нет активности три недели",
	"risk.factor.login_days":      "нет входов %[1]s дн.",
	"risk.factor.nps_detractor":   "последний NPS %[1]s (критик)",
	"risk.factor.nps_promoter":    "последний NPS %[1]s (промоутер)",
	"risk.factor.payment_overdue": "оплата просрочена на %[1]s дн.",
	"risk.factor.card_expiring":   "карта истекает в течение 60 дней",
	"risk.factor.csm_sentiment":   "оценка CSM %[1]s из 5",
	"risk.factor.open_tasks":      "открытых задач: %[1]s",
	"risk.factor.segment":         "сегмент %[1]s",
	"risk.factor.plan":            "тариф %[1]s",
}

var riskPolish = map[string]any{
	"task.risk_rose.0":   "Zadzwonić do %[1]s: ryzyko odejścia wzrosło (%[2]s)",
	"task.risk_rose.1":   "Przejrzeć czynniki ryzyka %[1]s i napisać plan ratunkowy",
	"reason.risk_rose":   "%.1f %% → %.1f %%",
	"risk.factor.effect": "ryzyko ×%[1]s",

	"risk.factor.tenure":          "klient od %[1]s mies.",
	"risk.factor.renewal_soon":    "odnowienie za %[1]s dni",
	"risk.factor.log_mrr":         "MRR %[1]s %[2]s",
	"risk.factor.log_seats":       "miejsc: %[1]s",
	"risk.factor.seat_use":        "w użyciu %[1]s %% miejsc",
	"risk.factor.trend_slope":     "trend użycia %[1]s %% tygodniowo",
	"risk.factor.declining":       "użycie spada (%[1]s %% tygodniowo)",
	"risk.factor.inactive":        "brak aktywności od trzech tygodni",
	"risk.factor.login_days":      "brak logowania od %[1]s dni",
	"risk.factor.nps_detractor":   "ostatni NPS %[1]s (krytyk)",
	"risk.factor.nps_promoter":    "ostatni NPS %[1]s (promotor)",
	"risk.factor.payment_overdue": "płatność zaległa od %[1]s dni",
	"risk.factor.card_expiring":   "karta wygasa w ciągu 60 dni",
	"risk.factor.csm_sentiment":   "ocena CSM %[1]s z 5",
	"risk.factor.open_tasks":      "otwarte zadania: %[1]s",
	"risk.factor.segment":         "segment %[1]s",
	"risk.factor.plan":            "plan %[1]s",
}

// Figure writes v with at most one decimal in the language's style, without
// a trailing zero: 24, 2.3 / 2,3, 1,234 / 1 234.
func Figure(lang string, v float64) string {
	return printer(lang).Sprint(number.Decimal(v, number.MaxFractionDigits(1)))
}
