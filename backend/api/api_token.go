package api

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// RequireToken lets a request through only with "Authorization: Bearer
// <token>"; the health check and non-API paths (the web UI's files) stay open.
func RequireToken(token string, next http.Handler) http.Handler {
	want := []byte(token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/api/v1/health" {
			next.ServeHTTP(w, r)
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="churndesk"`)
			writeJSON(w, http.StatusUnauthorized, ErrorBody{Code: "unauthorized", Message: "A valid API token is required: send Authorization: Bearer <token>."})
			return
		}
		next.ServeHTTP(w, r)
	})
}
