package api_test

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"churndesk/backend/boot"
)

// TestAnswersFollowTheRequestLanguage reads the same stored checklist in
// three languages through the API, and an unknown language as English.
func TestAnswersFollowTheRequestLanguage(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		acc := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/accounts", with(validAccount(), "name", "Vistula")))
		if res := call(t, srv, "POST", "/api/v1/accounts/"+strconv.Itoa(int(acc["id"].(float64)))+"/churn", map[string]any{"churn_date": "2026-11-02", "reason": "price_budget", "language": "en"}); res.status != 201 {
			t.Fatalf("churn: %d %s", res.status, res.body)
		}
		for lang, want := range map[string]string{
			"ru-RU,ru;q=0.9": "Подтвердить дату отключения и последний счёт",
			"pl":             "Potwierdzić datę rezygnacji i ostatnią fakturę",
			"de-DE":          "Confirm the cancellation date and the final invoice",
		} {
			res := callIn(t, srv, lang, "GET", "/api/v1/offboarding", nil)
			board := decode[struct {
				Items []struct {
					NextDueTitle string `json:"next_due_title"`
				}
			}](t, res)
			if len(board.Items) != 1 || board.Items[0].NextDueTitle != want {
				t.Errorf("%s: board %+v, want next step %q", lang, board.Items, want)
			}
			if got := res.header.Get("Content-Language"); got != lang[:2] && !(lang == "de-DE" && got == "en") {
				t.Errorf("%s: Content-Language %q", lang, got)
			}
		}
		md := callIn(t, srv, "ru", "GET", "/api/v1/offboarding/1?format=md", nil)
		if !strings.Contains(string(md.body), "- Дата: 2 нояб. 2026 г.\n") {
			t.Errorf("md in ru = %s", md.body)
		}
	})
}

// TestErrorsFollowTheRequestLanguage reads the same refused input's
// messages in three languages: the sentence and each field's message.
func TestErrorsFollowTheRequestLanguage(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		bad := with(with(with(validAccount(), "mrr", -5), "currency", "euro"), "name", "")
		for lang, want := range map[string]struct{ message, mrr, currency, name string }{
			"en": {"Some fields are not valid.", "must be ≥ 0", "must be an ISO 4217 currency code such as EUR", "is required"},
			"ru": {"Некоторые поля заполнены неверно.", "должно быть ≥ 0", "должен быть код валюты ISO 4217, например EUR", "обязательное поле"},
			"pl": {"Niektóre pola są niepoprawne.", "musi być ≥ 0", "musi być kodem waluty ISO 4217, np. EUR", "pole wymagane"},
		} {
			res := callIn(t, srv, lang, "POST", "/api/v1/accounts", bad)
			got := decode[struct {
				Message string            `json:"message"`
				Fields  map[string]string `json:"fields"`
			}](t, res)
			if res.status != 422 || got.Message != want.message || got.Fields["mrr"] != want.mrr || got.Fields["currency"] != want.currency || got.Fields["name"] != want.name {
				t.Errorf("%s: %d %+v", lang, res.status, got)
			}
		}
		if res := callIn(t, srv, "pl", "GET", "/api/v1/nothing-here", nil); res.status != 404 || !strings.Contains(string(res.body), "Nie ma metody API GET /api/v1/nothing-here.") {
			t.Errorf("unknown endpoint in pl: %d %s", res.status, res.body)
		}
		if res := callIn(t, srv, "ru", "POST", "/api/v1/accounts", "{]"); res.status != 400 || !strings.Contains(string(res.body), "не корректный JSON") {
			t.Errorf("broken JSON in ru: %d %s", res.status, res.body)
		}
		if n := len(decode[struct{ Items []any }](t, call(t, srv, "GET", "/api/v1/accounts", nil)).Items); n != 0 {
			t.Errorf("refused writes stored %d accounts", n)
		}
	})
}
