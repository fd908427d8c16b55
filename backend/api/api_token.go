package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"churndesk/backend/tokens"
)

// Authenticator checks API token secrets.
type Authenticator interface {
	Authenticate(ctx context.Context, secret string) (tokens.Token, error)
}

// open lists the API paths that need no token: the health check, and
// webhooks, which carry their own signatures.
func open(path string) bool {
	return path == "/api/v1/health" || strings.HasPrefix(path, "/api/v1/webhooks/")
}

// Guard applies the token rules to the API. A request that presents a token
// must present a valid one, and a read token may only read; when required is
// set (serve on a non-loopback address) every API request needs one. The
// token's name becomes the actor in audit trails.
func Guard(auth Authenticator, required bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") || open(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		header := r.Header.Get("Authorization")
		secret, hasToken := strings.CutPrefix(header, "Bearer ")
		if !hasToken {
			if required || header != "" {
				deny(w, http.StatusUnauthorized, "unauthorized", "A valid API token is required: send Authorization: Bearer <token>.")
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		tok, err := auth.Authenticate(r.Context(), strings.TrimSpace(secret))
		if errors.Is(err, tokens.ErrInvalid) {
			deny(w, http.StatusUnauthorized, "unauthorized", "This API token is unknown or revoked.")
			return
		}
		if err != nil {
			deny(w, http.StatusInternalServerError, "internal", "The token could not be checked; the details are in the log.")
			return
		}
		if tok.Scope == "read" && r.Method != http.MethodGet && r.Method != http.MethodHead {
			deny(w, http.StatusForbidden, "forbidden", "This token may only read; create a write token to change data.")
			return
		}
		ctx := context.WithValue(r.Context(), actorKey{}, tok.Name+" (API token)")
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func deny(w http.ResponseWriter, status int, code, message string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="churndesk"`)
	}
	writeJSON(w, status, ErrorBody{Code: code, Message: message})
}
