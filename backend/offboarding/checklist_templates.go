// Package offboarding turns a churn (or an announced intent to leave) into
// a checklist that fits the reason: what to confirm, what to hand over,
// what not to do, and by when. It also builds the customer's data export,
// the farewell letter, and the checklist as Markdown and PDF.
package offboarding

// Text holds one text in English, Russian and Polish.
type Text struct {
	EN string `json:"en" validate:"required,max=2000"`
	RU string `json:"ru" validate:"max=2000"`
	PL string `json:"pl" validate:"max=2000"`
}

// In returns the text in lang, falling back to English.
func (t Text) In(lang string) string {
	switch {
	case lang == "ru" && t.RU != "":
		return t.RU
	case lang == "pl" && t.PL != "":
		return t.PL
	}
	return t.EN
}

// ItemTemplate is one step a template puts on a checklist.
type ItemTemplate struct {
	Key       string `json:"key" validate:"required,max=60"`
	Title     Text   `json:"title"`
	Guidance  Text   `json:"guidance"`
	OwnerRole string `json:"owner_role" validate:"required,oneof=csm finance support founder" enum:"csm,finance,support,founder"`
	DueDays   int    `json:"due_days" validate:"gte=-90,lte=730" description:"Days after the churn (or intent) date."`
	Required  bool   `json:"required"`
}

// Template is the steps for one churn reason; the reason "intent" is used
// when a customer announces they intend to leave.
type Template struct {
	Reason string         `json:"reason" validate:"required,max=60"`
	Items  []ItemTemplate `json:"items" validate:"max=40,dive"`
}

// WinBackKey marks the item whose completion schedules the win-back task.
const WinBackKey = "win_back"

func item(key string, role string, due int, required bool, title, guidance Text) ItemTemplate {
	return ItemTemplate{Key: key, Title: title, Guidance: guidance, OwnerRole: role, DueDays: due, Required: required}
}

// common are the steps every departure gets.
func common() []ItemTemplate {
	return []ItemTemplate{
		item("confirm_dates", "finance", 1, true,
			Text{"Confirm the cancellation date and the final invoice", "Подтвердить дату отключения и последний счёт", "Potwierdzić datę rezygnacji i ostatnią fakturę"},
			Text{"Write down the last billing day and send the final invoice so nothing surprises the customer.", "Зафиксируйте последний день оплаты и отправьте финальный счёт, чтобы для клиента не было сюрпризов.", "Zapisz ostatni dzień rozliczeniowy i wyślij ostatnią fakturę, by nic nie zaskoczyło klienta."}),
		item("data_export", "csm", 3, true,
			Text{"Hand the customer an export of their data", "Передать клиенту выгрузку его данных", "Przekazać klientowi eksport jego danych"},
			Text{"Use “Export customer data” on this checklist and send the ZIP through a secure channel.", "Используйте «Выгрузить данные клиента» и передайте ZIP по защищённому каналу.", "Użyj „Eksportuj dane klienta” i prześlij ZIP bezpiecznym kanałem."}),
		item("transition_help", "csm", 7, false,
			Text{"Help the transition: how to run their processes elsewhere", "Помочь с переходом: как вести процессы без нас", "Pomóc w przejściu: jak prowadzić procesy gdzie indziej"},
			Text{"Send short instructions for the workflows they ran with us.", "Отправьте короткие инструкции по процессам, которые клиент вёл у нас.", "Wyślij krótkie instrukcje dla procesów, które klient prowadził u nas."}),
		item("exit_interview", "csm", 7, true,
			Text{"Hold the exit interview", "Провести выходное интервью", "Przeprowadzić rozmowę pożegnalną (exit interview)"},
			Text{"Ask the exit-interview questions and write the answers and verbatim quotes on the churn record.", "Задайте вопросы интервью и запишите ответы и цитаты в запись об оттоке.", "Zadaj pytania i zapisz odpowiedzi oraz cytaty w rekordzie odejścia."}),
		item("update_crm", "csm", 2, false,
			Text{"Update the CRM", "Обновить CRM", "Zaktualizować CRM"},
			Text{"Mark the deal lost with the reason, so sales and finance see the same picture.", "Отметьте сделку проигранной с причиной, чтобы продажи и финансы видели одно и то же.", "Oznacz szansę jako utraconą z powodem, aby sprzedaż i finanse widziały to samo."}),
		item("farewell", "csm", 10, true,
			Text{"Send a warm farewell that leaves the door open", "Отправить тёплое прощальное письмо, оставив дверь открытой", "Wysłać ciepłe pożegnanie, zostawiając otwarte drzwi"},
			Text{"Start from the farewell letter draft; thank them, no sales pitch.", "Начните с черновика письма; поблагодарите, без продаж.", "Zacznij od szkicu listu; podziękuj, bez sprzedaży."}),
		item("revoke_access", "support", 14, true,
			Text{"Revoke access at the end date", "Отключить доступ в дату окончания", "Odebrać dostęp w dniu zakończenia"},
			Text{"Only after the data export was handed over.", "Только после передачи выгрузки данных.", "Dopiero po przekazaniu eksportu danych."}),
		item("lessons", "founder", 14, true,
			Text{"Internal lessons-learned review", "Внутренний разбор: чему мы научились", "Wewnętrzne podsumowanie wniosków"},
			Text{"Write what we would do differently in “Lessons learned” on the churn record.", "Запишите, что бы мы сделали иначе, в поле «Выводы» записи об оттоке.", "Zapisz, co zrobilibyśmy inaczej, w polu „Wnioski” rekordu odejścia."}),
		item(WinBackKey, "csm", 90, false,
			Text{"Win-back follow-up", "Повторный контакт для возврата", "Kontakt w celu odzyskania klienta"},
			Text{"Marking this done schedules a follow-up task in the Today inbox on its due date.", "Отметка о выполнении создаёт задачу в «Сегодня» на дату выполнения.", "Oznaczenie jako wykonane tworzy zadanie w skrzynce „Dziś” na termin."}),
	}
}

// specific are the extra steps, and their tone, for each default reason.
var specific = map[string][]ItemTemplate{
	"price_budget": {item("smaller_plan", "csm", 2, false,
		Text{"Offer a smaller plan or a pause, once", "Один раз предложить тариф поменьше или паузу", "Raz zaproponować mniejszy plan lub przerwę"},
		Text{"One offer, no pressure; accept a no.", "Одно предложение, без давления; примите отказ.", "Jedna propozycja, bez nacisku; przyjmij odmowę."})},
	"competitor": {item("competitor_gap", "csm", 5, false,
		Text{"Ask what the competitor offers that we don't, and log it", "Спросить, что даёт конкурент, чего нет у нас, и записать", "Zapytać, co oferuje konkurencja, czego my nie, i zapisać"},
		Text{"Curiosity, not a counter-offer.", "Интерес, а не встречное предложение.", "Ciekawość, nie kontroferta."})},
	"competitor_promotion": {item("one_discount", "csm", 2, false,
		Text{"At most one one-time discount offer — don't push", "Не больше одного разового предложения скидки — не давить", "Najwyżej jedna jednorazowa oferta rabatu — bez nacisku"},
		Text{"Make it once, in writing, with an end date; if they decline, let them go gracefully.", "Один раз, письменно, со сроком; если откажутся — отпустите достойно.", "Raz, na piśmie, z terminem; jeśli odmówią, pozwól im odejść z klasą."})},
	"missing_feature": {item("alternatives", "csm", 5, false,
		Text{"Where their needs are unmet, suggest alternatives — even competitors", "Если потребности не закрыты, подсказать альтернативы — даже конкурентов", "Gdy potrzeby nie są spełnione, wskazać alternatywy — nawet konkurencję"},
		Text{"Being helpful now is what brings them back later.", "Помощь сейчас — то, что вернёт их позже.", "Pomoc teraz to to, co sprowadzi ich z powrotem."}),
		item("feature_log", "founder", 5, true,
			Text{"Log the missing feature with the account's MRR for product", "Записать недостающую функцию с MRR клиента для продукта", "Zapisać brakującą funkcję z MRR klienta dla zespołu produktu"},
			Text{"Product decisions need the revenue behind each request.", "Продуктовым решениям нужна выручка за каждым запросом.", "Decyzje produktowe potrzebują przychodu stojącego za prośbą."})},
	"product_quality": {item("record_issues", "support", 3, true,
		Text{"Don't push; make sure every issue they hit is recorded", "Не давить; убедиться, что все их проблемы записаны", "Bez nacisku; upewnić się, że każdy ich problem jest zapisany"},
		Text{"No retention offers. Link each outage or bug to the churn record.", "Никаких удерживающих предложений. Свяжите каждый сбой с записью об оттоке.", "Żadnych ofert zatrzymania. Powiąż każdą awarię z rekordem odejścia."})},
	"support_experience": {item("founder_call", "founder", 3, true,
		Text{"Founder calls to apologise and listen", "Основатель звонит извиниться и выслушать", "Założyciel dzwoni, by przeprosić i wysłuchać"},
		Text{"Listen first; write down what went wrong in support.", "Сначала слушайте; запишите, что пошло не так в поддержке.", "Najpierw słuchaj; zapisz, co poszło nie tak w obsłudze."})},
	"low_usage": {item("value_summary", "csm", 3, false,
		Text{"Share a short summary of the value they did get", "Отправить короткую сводку полученной ценности", "Wysłać krótkie podsumowanie uzyskanej wartości"},
		Text{"Usage highlights from the account page; no pressure.", "Основные показатели использования со страницы клиента; без давления.", "Najważniejsze dane o użyciu ze strony klienta; bez nacisku."})},
	"business_closed": {item("kind_farewell", "csm", 1, true,
		Text{"Be kind: no sales talk, hand over their data, wish them well", "Бережно: без продаж, передать данные, пожелать удачи", "Życzliwie: bez sprzedaży, przekazać dane, życzyć powodzenia"},
		Text{"Waive the notice period if the contract allows.", "Если договор позволяет, откажитесь от срока уведомления.", "Jeśli umowa pozwala, zrezygnuj z okresu wypowiedzenia."})},
	"management_change": {item("new_decision_maker", "csm", 3, false,
		Text{"Introduce yourself to the new decision maker", "Познакомиться с новым лицом, принимающим решения", "Przedstawić się nowej osobie decyzyjnej"},
		Text{"A short, useful hello; they may come back when they settle in.", "Короткое полезное знакомство; они могут вернуться позже.", "Krótkie, pomocne powitanie; mogą wrócić, gdy się urządzą."})},
	"payment_failure": {item("payment_details", "finance", 1, true,
		Text{"Confirm payment details; offer to reschedule in force majeure", "Уточнить платёжные данные; при форс-мажоре предложить перенос", "Potwierdzić dane płatności; przy sile wyższej zaproponować nowy termin"},
		Text{"Ask for the reason before anything else; do not revoke access before this call.", "Сначала спросите о причине; не отключайте доступ до этого звонка.", "Najpierw zapytaj o powód; nie odbieraj dostępu przed tą rozmową."})},
}

// intentItems are the steps when a customer announces they intend to leave.
func intentItems() []ItemTemplate {
	return []ItemTemplate{
		item("understand", "csm", 1, true,
			Text{"Call to understand the reason", "Позвонить и понять причину", "Zadzwonić i zrozumieć powód"},
			Text{"Listen; take notes in the customer's own words.", "Слушайте; записывайте словами клиента.", "Słuchaj; notuj słowami klienta."}),
		item("save_plan", "csm", 3, false,
			Text{"If the reason is preventable, agree a save plan", "Если причину можно устранить — согласовать план удержания", "Jeśli powodowi można zaradzić — uzgodnić plan zatrzymania"},
			Text{"One concrete plan with dates; if they still want to leave, respect it.", "Один конкретный план с датами; если клиент всё равно уходит — уважайте это.", "Jeden konkretny plan z terminami; jeśli nadal chcą odejść — uszanuj to."}),
	}
}

// DefaultTemplates gives every default reason (and intent) its steps.
func DefaultTemplates() []Template {
	reasons := []string{"price_budget", "competitor", "competitor_promotion", "missing_feature", "product_quality",
		"support_experience", "low_usage", "business_closed", "management_change", "payment_failure", "other"}
	out := make([]Template, 0, len(reasons)+1)
	for _, r := range reasons {
		out = append(out, Template{Reason: r, Items: append(append([]ItemTemplate{}, specific[r]...), common()...)})
	}
	return append(out, Template{Reason: "intent", Items: append(intentItems(), common()...)})
}

// Farewell is the farewell letter template in each language. Placeholders:
// {contact_name}, {company}, {end_date}, {export_link}, {door_open}, {owner}.
type Farewell struct {
	Subject  Text `json:"subject"`
	Body     Text `json:"body"`
	DoorOpen Text `json:"door_open"`
}

// DefaultFarewell is the letter every new database starts with.
func DefaultFarewell() Farewell {
	return Farewell{
		Subject: Text{"Thank you, {company}", "Спасибо, {company}", "Dziękujemy, {company}"},
		Body: Text{
			"Dear {contact_name},\n\nthank you for the time {company} spent with us. As agreed, your subscription ends on {end_date}. Your data export is ready for you here: {export_link}\n\nIf anything is missing from it, or you need a hand moving your processes elsewhere, just reply to this email.\n\n{door_open}\n\nWarm regards,\n{owner}",
			"Здравствуйте, {contact_name}!\n\nСпасибо за время, которое {company} провела с нами. Как договорились, подписка заканчивается {end_date}. Выгрузка ваших данных доступна здесь: {export_link}\n\nЕсли чего-то не хватает или нужна помощь с переносом процессов, просто ответьте на это письмо.\n\n{door_open}\n\nС уважением,\n{owner}",
			"Dzień dobry, {contact_name},\n\ndziękujemy za czas, który {company} spędziła z nami. Zgodnie z ustaleniami subskrypcja kończy się {end_date}. Eksport Państwa danych jest dostępny tutaj: {export_link}\n\nJeśli czegoś w nim brakuje albo potrzebują Państwo pomocy w przeniesieniu procesów, wystarczy odpowiedzieć na tę wiadomość.\n\n{door_open}\n\nSerdecznie pozdrawiam,\n{owner}",
		},
		DoorOpen: Text{
			"Our door stays open: if your needs change, write to us and we will pick up where we left off.",
			"Наша дверь всегда открыта: если ваши задачи изменятся, напишите нам — продолжим с того же места.",
			"Nasze drzwi pozostają otwarte: jeśli Państwa potrzeby się zmienią, prosimy o wiadomość — wrócimy do współpracy tam, gdzie skończyliśmy.",
		},
	}
}
