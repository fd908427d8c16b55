package api_test

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"churndesk/backend/boot"
)

func TestOffboardingEndpoints(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		acc := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/accounts", with(validAccount(), "name", "Łódź Логистика sp. z o.o.")))
		id := strconv.Itoa(int(acc["id"].(float64)))
		if res := call(t, srv, "POST", "/api/v1/accounts/"+id+"/churn", map[string]any{"churn_date": "2026-11-02", "reason": "product_quality", "language": "pl"}); res.status != 201 {
			t.Fatalf("churn: %d %s", res.status, res.body)
		}
		board := decode[struct {
			Items []struct {
				ID       int
				Progress struct{ Done, Total int }
			}
			Total int
		}](t, call(t, srv, "GET", "/api/v1/offboarding", nil))
		if board.Total != 1 || board.Items[0].Progress.Total != 10 {
			t.Fatalf("board = %+v", board)
		}
		cid := strconv.Itoa(board.Items[0].ID)
		c := decode[struct {
			Items []struct {
				ID    int
				Key   string
				Title string
			}
		}](t, callIn(t, srv, "pl", "GET", "/api/v1/offboarding/"+cid, nil))
		first := c.Items[0]
		if first.Key != "confirm_dates" || first.Title != "Potwierdzić datę rezygnacji i ostatnią fakturę" {
			t.Errorf("first step = %+v", first)
		}
		res := call(t, srv, "PATCH", "/api/v1/offboarding/items/"+strconv.Itoa(first.ID), map[string]any{"done": true, "notes": "Faktura wysłana"})
		if got := decode[struct{ Progress struct{ Done int } }](t, res); res.status != 200 || got.Progress.Done != 1 {
			t.Errorf("tick: %d %s", res.status, res.body)
		}
		pdfRes := call(t, srv, "GET", "/api/v1/offboarding/"+cid+"?format=pdf", nil)
		if pdfRes.status != 200 || !strings.HasPrefix(string(pdfRes.body), "%PDF-") || pdfRes.header.Get("Content-Type") != "application/pdf" ||
			pdfRes.header.Get("Content-Length") != strconv.Itoa(len(pdfRes.body)) {
			t.Errorf("pdf: %d %v", pdfRes.status, pdfRes.header)
		}
		md := callIn(t, srv, "pl", "GET", "/api/v1/offboarding/"+cid+"?format=md", nil)
		if !strings.Contains(string(md.body), "- [x] **Potwierdzić datę rezygnacji i ostatnią fakturę** (wymagane)") {
			t.Errorf("md = %s", md.body)
		}
		zipRes := call(t, srv, "GET", "/api/v1/accounts/"+id+"/data-export", nil)
		if zipRes.status != 200 || zipRes.header.Get("Content-Disposition") != `attachment; filename="lodz-logistika-sp-z-o-o-data.zip"` {
			t.Errorf("zip: %d %v", zipRes.status, zipRes.header)
		}
		letter := decode[map[string]string](t, call(t, srv, "GET", "/api/v1/offboarding/"+cid+"/letter?lang=ru", nil))
		if !strings.Contains(letter["body"], "Łódź Логистика sp. z o.o.") || letter["language"] != "ru" {
			t.Errorf("letter = %v", letter)
		}
		if bad := call(t, srv, "GET", "/api/v1/offboarding/"+cid+"?format=docx", nil); bad.status != 422 {
			t.Errorf("docx: %d", bad.status)
		}
	})
}
