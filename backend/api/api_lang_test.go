package api_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"churndesk/backend/api"
	"churndesk/backend/boot"
)

// callIn is call with the interface language the app sends as Accept-Language.
func callIn(t *testing.T, srv *httptest.Server, lang, method, path string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(api.ClientHeader, "app")
	req.Header.Set("Accept-Language", lang)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, body: raw, header: res.Header}
}

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
			res := callIn(t, srv, lang, "GET", "/api/v1/offboarding")
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
		md := callIn(t, srv, "ru", "GET", "/api/v1/offboarding/1?format=md")
		if !strings.Contains(string(md.body), "- Дата: 2 нояб. 2026 г.\n") {
			t.Errorf("md in ru = %s", md.body)
		}
	})
}
