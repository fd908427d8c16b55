package qbr

import (
	"churndesk/backend/health"
)

// draftWordSet are a draft's sentences and names in one language.
type draftWordSet struct {
	activeUsers, seatUtil, featureUses string
	sentences                          map[string]string
	classes                            map[string]string
	answers                            [3]string
	triggers                           map[string]string
	parts                              map[string]string
	weakPart                           string
}

var draftTexts = map[string]draftWordSet{
	"en": {
		activeUsers: "Weekly active users", seatUtil: "Seat utilisation", featureUses: "Key-feature uses",
		sentences: map[string]string{
			"usageUp":   "Weekly active users grew from %s to %s on average (+%s%%) compared with last quarter.",
			"usageDown": "Weekly active users fell from %s to %s on average (−%s%%) compared with last quarter.",
			"usageFlat": "Weekly active users held steady at %[2]s on average (%[1]s last quarter, %[3]s%% change).",
			"usageNew":  "The team averaged %s weekly active users this quarter.",
			"health":    "The health score moved from %s to %s over the quarter and is now %s.",
			"nps":       "NPS for the quarter is %s from %s.",
			"noNps":     "No NPS answers came in this quarter.",
			"renewal":   "The contract renews on %s.",
		},
		classes: map[string]string{"good": "good", "average": "average", "poor": "poor"},
		answers: [3]string{"%d answer", "%d answers", "%d answers"},
		triggers: map[string]string{
			"payment_overdue": "A payment is overdue.", "health_poor": "Health has fallen to poor.",
			"usage_drop": "Active users dropped sharply over the last four weeks.", "no_login": "Nobody has logged in for three weeks or more.",
			"nps_detractor": "A recent NPS answer came from a detractor.", "card_expiring": "The payment card expires soon.",
			"renewal_due": "The renewal is within 90 days.",
		},
		parts: map[string]string{
			health.EngagementTrend: "engagement trend", health.LoginRecency: "login recency", health.SeatUtilisation: "seat utilisation",
			health.LatestNPS: "latest NPS", health.Payment: "payment status", health.CSMSentiment: "CSM sentiment",
		},
		weakPart: "Weak health component: %s (%s of 100).",
	},
	"ru": {
		activeUsers: "Активные пользователи в неделю", seatUtil: "Использование мест", featureUses: "Использование ключевых функций",
		sentences: map[string]string{
			"usageUp":   "Активных пользователей в неделю стало в среднем %[2]s вместо %[1]s (+%[3]s %%) по сравнению с прошлым кварталом.",
			"usageDown": "Активных пользователей в неделю стало в среднем %[2]s вместо %[1]s (−%[3]s %%) по сравнению с прошлым кварталом.",
			"usageFlat": "Активных пользователей в неделю в среднем по-прежнему %[2]s (%[1]s в прошлом квартале, изменение %[3]s %%).",
			"usageNew":  "В этом квартале в среднем %s активных пользователей в неделю.",
			"health":    "Оценка здоровья за квартал изменилась с %s до %s, сейчас она %s.",
			"nps":       "NPS за квартал: %s (%s).",
			"noNps":     "Ответов NPS в этом квартале не было.",
			"renewal":   "Договор продлевается %s.",
		},
		classes: map[string]string{"good": "хорошая", "average": "средняя", "poor": "плохая"},
		answers: [3]string{"%d ответ", "%d ответа", "%d ответов"},
		triggers: map[string]string{
			"payment_overdue": "Платёж просрочен.", "health_poor": "Здоровье клиента упало до плохого.",
			"usage_drop": "Число активных пользователей резко снизилось за последние четыре недели.", "no_login": "Никто не входил в систему три недели и дольше.",
			"nps_detractor": "Недавний ответ NPS — от критика.", "card_expiring": "Срок действия платёжной карты скоро истекает.",
			"renewal_due": "До продления меньше 90 дней.",
		},
		parts: map[string]string{
			health.EngagementTrend: "динамика вовлечённости", health.LoginRecency: "давность входа", health.SeatUtilisation: "использование мест",
			health.LatestNPS: "последний NPS", health.Payment: "статус оплаты", health.CSMSentiment: "оценка CSM",
		},
		weakPart: "Слабый компонент здоровья: %s (%s из 100).",
	},
	"pl": {
		activeUsers: "Aktywni użytkownicy tygodniowo", seatUtil: "Wykorzystanie stanowisk", featureUses: "Użycia kluczowych funkcji",
		sentences: map[string]string{
			"usageUp":   "Liczba aktywnych użytkowników tygodniowo wzrosła średnio z %s do %s (+%s %%) w porównaniu z poprzednim kwartałem.",
			"usageDown": "Liczba aktywnych użytkowników tygodniowo spadła średnio z %s do %s (−%s %%) w porównaniu z poprzednim kwartałem.",
			"usageFlat": "Liczba aktywnych użytkowników tygodniowo utrzymała się średnio na poziomie %[2]s (%[1]s w poprzednim kwartale, zmiana %[3]s %%).",
			"usageNew":  "W tym kwartale średnio %s aktywnych użytkowników tygodniowo.",
			"health":    "Ocena kondycji zmieniła się w kwartale z %s na %s i jest teraz %s.",
			"nps":       "NPS za kwartał: %s (%s).",
			"noNps":     "W tym kwartale nie było odpowiedzi NPS.",
			"renewal":   "Umowa odnawia się %s.",
		},
		classes: map[string]string{"good": "dobra", "average": "przeciętna", "poor": "słaba"},
		answers: [3]string{"%d odpowiedź", "%d odpowiedzi", "%d odpowiedzi"},
		triggers: map[string]string{
			"payment_overdue": "Płatność jest zaległa.", "health_poor": "Kondycja klienta spadła do słabej.",
			"usage_drop": "Liczba aktywnych użytkowników mocno spadła w ostatnich czterech tygodniach.", "no_login": "Nikt nie logował się od trzech tygodni lub dłużej.",
			"nps_detractor": "Niedawna odpowiedź NPS pochodzi od krytyka.", "card_expiring": "Karta płatnicza wkrótce wygasa.",
			"renewal_due": "Do odnowienia zostało mniej niż 90 dni.",
		},
		parts: map[string]string{
			health.EngagementTrend: "trend zaangażowania", health.LoginRecency: "ostatnie logowanie", health.SeatUtilisation: "wykorzystanie stanowisk",
			health.LatestNPS: "ostatni NPS", health.Payment: "status płatności", health.CSMSentiment: "ocena CSM",
		},
		weakPart: "Słaby składnik kondycji: %s (%s na 100).",
	},
}

func draftWords(lang string) draftWordSet {
	if w, ok := draftTexts[lang]; ok {
		return w
	}
	return draftTexts["en"]
}
