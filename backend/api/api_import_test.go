package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"churndesk/backend/api"
	"churndesk/backend/boot"
	"churndesk/backend/importer"
	"churndesk/backend/webhooks"
)

func TestImportCatalogInspectAndMappings(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		cat := decode[importer.Catalog](t, call(t, srv, "GET", "/api/v1/import-presets", nil))
		if len(cat.Presets) != 5 || cat.Presets[1].Mappings["accounts"]["name"] != "Account Name" {
			t.Errorf("catalog = %+v", cat.Presets)
		}

		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "x.csv")
		fw.Write([]byte("\ufeffDomain;Week;Users\nacme.io;2026-11-16;3\nbor"))
		mw.WriteField("partial", "true")
		mw.Close()
		res, err := postUpload(srv, "/api/v1/import-inspect", mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		var p importer.Preview
		decodeBody(t, res, &p)
		if res.StatusCode != 200 || p.Delimiter != ";" || len(p.Header) != 3 || p.Header[0] != "Domain" || len(p.Sample) != 1 {
			t.Errorf("inspect = %d %+v", res.StatusCode, p)
		}

		saved := call(t, srv, "POST", "/api/v1/import-mappings", map[string]any{"name": "Usage sheet", "kind": "usage",
			"mapping": map[string]string{"account": "Domain", "week_start": "Week", "active_users": "Users"}})
		m := decode[importer.SavedMapping](t, saved)
		if saved.status != 200 || m.ID == 0 {
			t.Fatalf("save = %d %s", saved.status, saved.body)
		}
		bad := call(t, srv, "POST", "/api/v1/import-mappings", map[string]any{"name": "x", "kind": "usage", "mapping": map[string]string{"account": "A"}})
		if bad.status != 422 || !bytes.Contains(bad.body, []byte("mapping.week_start")) {
			t.Errorf("bad save = %d %s", bad.status, bad.body)
		}
		if list := decode[importer.MappingList](t, call(t, srv, "GET", "/api/v1/import-mappings", nil)); len(list.Items) != 1 {
			t.Errorf("list = %+v", list)
		}
		if r := call(t, srv, "DELETE", "/api/v1/import-mappings/"+itoa(int(m.ID)), nil); r.status != 204 {
			t.Errorf("delete = %d", r.status)
		}
		if r := call(t, srv, "DELETE", "/api/v1/import-mappings/"+itoa(int(m.ID)), nil); r.status != 404 {
			t.Errorf("second delete = %d", r.status)
		}
	})
}

func TestPatchWebhookSecretsKeepsTheOther(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, _ *boot.Backend) {
		gen := decode[webhooks.Secrets](t, call(t, srv, "PATCH", "/api/v1/settings/webhooks", map[string]any{"generate_generic": true}))
		if len(gen.Generic) < 16 {
			t.Fatalf("generated = %+v", gen)
		}
		r := call(t, srv, "PATCH", "/api/v1/settings/webhooks", map[string]any{"stripe": "whsec_abcdefgh1234"})
		if out := decode[webhooks.Secrets](t, r); r.status != 200 || out.Generic != "" || out.Stripe != "" {
			t.Errorf("patch stripe = %d %s", r.status, r.body)
		}
		v := decode[api.SecretsView](t, call(t, srv, "GET", "/api/v1/settings/webhooks", nil))
		if !v.StripeSet || v.StripeEnd != "1234" || !v.GenericSet || v.GenericEnd != gen.Generic[len(gen.Generic)-4:] {
			t.Errorf("view = %+v, want the generic secret kept", v)
		}
		if r := call(t, srv, "PATCH", "/api/v1/settings/webhooks", map[string]any{"stripe": "nope"}); r.status != 422 {
			t.Errorf("bad stripe = %d %s", r.status, r.body)
		}
		if r := call(t, srv, "PATCH", "/api/v1/settings/webhooks", map[string]any{"generic": "short"}); r.status != 422 {
			t.Errorf("short generic = %d %s", r.status, r.body)
		}
		call(t, srv, "PATCH", "/api/v1/settings/webhooks", map[string]any{"stripe": ""})
		if v := decode[api.SecretsView](t, call(t, srv, "GET", "/api/v1/settings/webhooks", nil)); v.StripeSet || !v.GenericSet {
			t.Errorf("after removing stripe = %+v", v)
		}
	})
}

func decodeBody(t *testing.T, res *http.Response, v any) {
	t.Helper()
	defer res.Body.Close()
	if err := jsonDecode(res, v); err != nil {
		t.Fatal(err)
	}
}

func jsonDecode(res *http.Response, v any) error { return json.NewDecoder(res.Body).Decode(v) }
