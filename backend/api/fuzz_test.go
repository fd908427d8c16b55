package api

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"churndesk/backend/accounts"
	"churndesk/backend/fault"
)

// FuzzDecodeJSON feeds arbitrary bodies to the request decoder: it must
// never panic, and every failure must be a fault the API can answer with.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"name":"Acme","segment":"smb","mrr":100,"currency":"EUR","contract_start":"2025-01-01","status":"active"}`,
		`{"mrr":"x"}`, `[]`, `null`, `{"a":1}{"b":2}`, "{\"name\":\"\xff\"}", `{"mrr":1e400}`, `{"card_expiry_month":-1}`, ``,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/accounts", strings.NewReader(body))
		var in accounts.AccountInput
		err := decodeJSON(httptest.NewRecorder(), req, &in)
		if err == nil {
			return
		}
		var fe *fault.Error
		if !errors.As(err, &fe) {
			var tooLarge *http.MaxBytesError
			if !errors.As(err, &tooLarge) {
				t.Fatalf("decode error is not a fault: %v", err)
			}
		}
	})
}
