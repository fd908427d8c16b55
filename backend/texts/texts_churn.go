package texts

// churnTexts name the churn log's enumerations in exports (churn.*), by language.
var churnTexts = map[string]map[string]any{
	"en": {
		"churn.engagement.rising":    "Rising",
		"churn.engagement.stable":    "Stable",
		"churn.engagement.declining": "Declining",
		"churn.engagement.inactive":  "Inactive",
		"churn.engagement.unknown":   "Unknown",
		"churn.would_return.yes":     "Yes",
		"churn.would_return.maybe":   "Maybe",
		"churn.would_return.no":      "No",
	},
	"ru": {
		"churn.engagement.rising":    "Растёт",
		"churn.engagement.stable":    "Стабильно",
		"churn.engagement.declining": "Падает",
		"churn.engagement.inactive":  "Неактивен",
		"churn.engagement.unknown":   "Неизвестно",
		"churn.would_return.yes":     "Да",
		"churn.would_return.maybe":   "Возможно",
		"churn.would_return.no":      "Нет",
	},
	"pl": {
		"churn.engagement.rising":    "Rośnie",
		"churn.engagement.stable":    "Stabilne",
		"churn.engagement.declining": "Spada",
		"churn.engagement.inactive":  "Nieaktywny",
		"churn.engagement.unknown":   "Nieznane",
		"churn.would_return.yes":     "Tak",
		"churn.would_return.maybe":   "Może",
		"churn.would_return.no":      "Nie",
	},
}
