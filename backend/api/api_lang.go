package api

import (
	"net/http"

	"churndesk/backend/texts"
)

// withLang puts the language the person asking reads in the request's
// context: the app sends its interface language as Accept-Language, and
// every text the server writes for people (task titles, reasons, documents)
// follows it. Answers say which language they were written in.
func withLang(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := texts.Match(r.Header.Get("Accept-Language"))
		w.Header().Add("Vary", "Accept-Language")
		w.Header().Set("Content-Language", lang)
		next.ServeHTTP(w, r.WithContext(texts.WithLang(r.Context(), lang)))
	})
}
