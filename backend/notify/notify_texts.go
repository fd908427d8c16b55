package notify

import (
	"fmt"
	"math"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Message keys: the English texts, translated in the catalogue below.
const (
	msgTaskCreated       = "New task for %[1]s: %[2]s (%[3]s), due %[4]s"
	msgTaskUnassigned    = "New task without an owner: %[1]s (%[2]s), due %[3]s"
	msgHealthPoor        = "%[1]s: health fell to poor (%[2]d/100, was %[3]s); MRR %[4]s; owner %[5]s"
	msgChurnLogged       = "%[1]s churned on %[2]s: %[3]s; MRR lost %[4]s"
	msgReferralConverted = "%[1]s's referral %[2]s became a customer; MRR %[3]s"
	msgTest              = "Test notification from ChurnDesk: endpoint %[1]s is set up correctly."
	msgDigestTitle       = "ChurnDesk digest for %[1]s"
	msgAtRisk            = "At-risk accounts: %[1]d"
	msgAtRiskLine        = "• %[1]s — health %[2]d/100, MRR %[3]s, owner %[4]s"
	msgAtRiskMore        = "…and %[1]d more"
	msgNoneAtRisk        = "No account is at risk."
	msgDueTitle          = "Tasks due by owner:"
	msgDueLine           = "• %[1]s: %[2]s"
	msgOverdue           = "%[1]d overdue"
	msgDueToday          = "%[1]d due today"
	msgNoneDue           = "No task is due."
	msgNoOwner           = "no owner"
	msgClassGood         = "good"
	msgClassAverage      = "average"
)

var months = map[string][12]string{
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"pl": {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
}

var symbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£", "PLN": "zł", "RUB": "₽", "CHF": "CHF", "UAH": "₴"}

// catalogue holds the message texts in English, Russian and Polish.
var catalogue = buildCatalogue()

func buildCatalogue() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	set := func(tag language.Tag, key string, msg catalog.Message) {
		if err := b.Set(tag, key, msg); err != nil {
			panic(fmt.Sprintf("notify catalogue %s %q: %v", tag, key, err))
		}
	}
	str := func(tag language.Tag, key, text string) { set(tag, key, catalog.String(text)) }
	en, ru, pl := language.English, language.Russian, language.Polish
	for _, k := range []string{msgTaskCreated, msgTaskUnassigned, msgHealthPoor, msgChurnLogged, msgReferralConverted, msgTest, msgDigestTitle, msgAtRisk,
		msgAtRiskLine, msgAtRiskMore, msgNoneAtRisk, msgDueTitle, msgDueLine, msgNoneDue, msgNoOwner, msgClassGood, msgClassAverage} {
		str(en, k, k)
	}
	set(en, msgOverdue, plural.Selectf(1, "%d", plural.Other, "%[1]d overdue"))
	set(en, msgDueToday, plural.Selectf(1, "%d", plural.Other, "%[1]d due today"))

	str(ru, msgTaskCreated, "Новая задача для %[1]s: %[2]s (%[3]s), срок %[4]s")
	str(ru, msgTaskUnassigned, "Новая задача без ответственного: %[1]s (%[2]s), срок %[3]s")
	str(ru, msgHealthPoor, "%[1]s: здоровье упало до плохого (%[2]d/100, было %[3]s); MRR %[4]s; ответственный %[5]s")
	str(ru, msgChurnLogged, "%[1]s ушёл %[2]s: %[3]s; потерянный MRR %[4]s")
	str(ru, msgReferralConverted, "Рекомендация %[1]s: %[2]s стал клиентом; MRR %[3]s")
	str(ru, msgTest, "Тестовое уведомление ChurnDesk: адрес %[1]s настроен верно.")
	str(ru, msgDigestTitle, "Сводка ChurnDesk на %[1]s")
	str(ru, msgAtRisk, "Аккаунты под угрозой: %[1]d")
	str(ru, msgAtRiskLine, "• %[1]s — здоровье %[2]d/100, MRR %[3]s, ответственный %[4]s")
	str(ru, msgAtRiskMore, "…и ещё %[1]d")
	str(ru, msgNoneAtRisk, "Аккаунтов под угрозой нет.")
	str(ru, msgDueTitle, "Задачи к сроку по ответственным:")
	str(ru, msgDueLine, "• %[1]s: %[2]s")
	set(ru, msgOverdue, plural.Selectf(1, "%d", plural.One, "%[1]d просрочена", plural.Few, "%[1]d просрочены", plural.Other, "%[1]d просрочено"))
	set(ru, msgDueToday, plural.Selectf(1, "%d", plural.One, "%[1]d на сегодня", plural.Other, "%[1]d на сегодня"))
	str(ru, msgNoneDue, "Задач к сроку нет.")
	str(ru, msgNoOwner, "не назначен")
	str(ru, msgClassGood, "хорошее")
	str(ru, msgClassAverage, "среднее")

	str(pl, msgTaskCreated, "Nowe zadanie dla %[1]s: %[2]s (%[3]s), termin %[4]s")
	str(pl, msgTaskUnassigned, "Nowe zadanie bez opiekuna: %[1]s (%[2]s), termin %[3]s")
	str(pl, msgHealthPoor, "%[1]s: kondycja spadła do słabej (%[2]d/100, była %[3]s); MRR %[4]s; opiekun %[5]s")
	str(pl, msgChurnLogged, "%[1]s odszedł %[2]s: %[3]s; utracony MRR %[4]s")
	str(pl, msgReferralConverted, "Polecenie od %[1]s: %[2]s został klientem; MRR %[3]s")
	str(pl, msgTest, "Powiadomienie testowe ChurnDesk: adres %[1]s jest ustawiony poprawnie.")
	str(pl, msgDigestTitle, "Podsumowanie ChurnDesk na %[1]s")
	str(pl, msgAtRisk, "Konta zagrożone: %[1]d")
	str(pl, msgAtRiskLine, "• %[1]s — kondycja %[2]d/100, MRR %[3]s, opiekun %[4]s")
	str(pl, msgAtRiskMore, "…i %[1]d więcej")
	str(pl, msgNoneAtRisk, "Żadne konto nie jest zagrożone.")
	str(pl, msgDueTitle, "Zadania do terminu według opiekunów:")
	str(pl, msgDueLine, "• %[1]s: %[2]s")
	set(pl, msgOverdue, plural.Selectf(1, "%d", plural.One, "%[1]d zaległe", plural.Few, "%[1]d zaległe", plural.Other, "%[1]d zaległych"))
	set(pl, msgDueToday, plural.Selectf(1, "%d", plural.One, "%[1]d na dziś", plural.Other, "%[1]d na dziś"))
	str(pl, msgNoneDue, "Brak zadań do terminu.")
	str(pl, msgNoOwner, "brak opiekuna")
	str(pl, msgClassGood, "dobra")
	str(pl, msgClassAverage, "średnia")
	return b
}

// texts writes message texts, numbers, money and dates in one language.
type texts struct {
	lang string
	p    *message.Printer
}

func newTexts(lang string) texts {
	if _, ok := months[lang]; !ok {
		lang = "en"
	}
	return texts{lang: lang, p: message.NewPrinter(language.MustParse(lang), message.Catalog(catalogue))}
}

func (t texts) f(key string, args ...any) string { return t.p.Sprintf(key, args...) }

// date writes a day as people in the language write it: 3 Dec 2026,
// 3 декабря 2026, 3 grudnia 2026.
func (t texts) date(d time.Time) string {
	return fmt.Sprintf("%d %s %d", d.Day(), months[t.lang][d.Month()-1], d.Year())
}

// money writes minor units of currency with the language's separators:
// €1,234.50 in English, 1 234,50 € in Russian and Polish.
func (t texts) money(minor int64, currency string) string {
	sym, ok := symbols[currency]
	if !ok {
		sym = currency
	}
	whole := t.p.Sprintf("%d", int64(math.Abs(float64(minor/100))))
	cents := minor % 100
	if cents < 0 {
		cents = -cents
	}
	sep := "."
	if t.lang != "en" {
		sep = ","
	}
	num := fmt.Sprintf("%s%s%02d", whole, sep, cents)
	sign := ""
	if minor < 0 {
		sign = "−"
	}
	if t.lang == "en" {
		if len([]rune(sym)) == 1 {
			return sign + sym + num
		}
		return sign + sym + " " + num
	}
	return sign + num + "\u00a0" + sym
}

func (t texts) owner(name string) string {
	if strings.TrimSpace(name) == "" {
		return t.f(msgNoOwner)
	}
	return name
}

func (t texts) class(c string) string {
	switch c {
	case "good":
		return t.f(msgClassGood)
	case "average":
		return t.f(msgClassAverage)
	}
	return c
}
