package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// ActorHeader names who makes a request, for the audit trail; the web UI
// sends the name set in Settings, percent-encoded.
const ActorHeader = "X-ChurnDesk-User"

// defaultActor is recorded when a request names nobody.
const defaultActor = "local user"

type actorKey struct{}

// withActor puts the request's actor in its context, unless a token named it already.
func withActor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.Context().Value(actorKey{}).(string); ok {
			next.ServeHTTP(w, r)
			return
		}
		name := strings.TrimSpace(r.Header.Get(ActorHeader))
		if decoded, err := url.PathUnescape(name); err == nil {
			name = strings.TrimSpace(decoded)
		}
		if name == "" || !utf8.ValidString(name) || len(name) > 100 {
			name = defaultActor
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), actorKey{}, name)))
	})
}

// actor is who the audit trail names for this request.
func actor(ctx context.Context) string {
	if name, ok := ctx.Value(actorKey{}).(string); ok {
		return name
	}
	return defaultActor
}
