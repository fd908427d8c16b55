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

// adminOnly lists what only an admin token may do: manage tokens, webhook
// secrets and backups, and change settings.
func adminOnly(method, path string) bool {
	switch {
	case strings.HasPrefix(path, "/api/v1/tokens"),
		strings.HasPrefix(path, "/api/v1/settings/"),
		path == "/api/v1/backup":
		return true
	case method == http.MethodGet || method == http.MethodHead:
		return false
	}
	switch path {
	case "/api/v1/health-model", "/api/v1/churn-settings", "/api/v1/offboarding-settings":
		return true
	}
	return false
}

type restrictedKey struct{}

// restricted reports whether the request came through a guard that requires
// tokens: the open health check then says only that the server is up.
func restricted(ctx context.Context) bool {
	v, _ := ctx.Value(restrictedKey{}).(bool)
	return v
}

// Guard applies the token rules to the API. A request that presents a token
// must present a valid one; a read token may only read, a write token may
// change data but not tokens, secrets, backups or settings, which need an
// admin token. When required is set (serve on a non-loopback address) every
// API request needs one. The token's name, the person it was made for,
// becomes the actor in audit trails.
func Guard(auth Authenticator, required bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if required {
			r = r.WithContext(context.WithValue(r.Context(), restrictedKey{}, true))
		}
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
		if msg := scopeRefusal(tok.Scope, r.Method, r.URL.Path); msg != "" {
			deny(w, http.StatusForbidden, "forbidden", msg)
			return
		}
		ctx := context.WithValue(r.Context(), actorKey{}, tok.Name+" (API token)")
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// scopeRefusal explains why a token of scope may not make this request, or is empty.
func scopeRefusal(scope, method, path string) string {
	if scope == tokens.ScopeAdmin {
		return ""
	}
	if adminOnly(method, path) {
		return "Only an admin token may manage tokens, webhook secrets, backups and settings."
	}
	if scope == tokens.ScopeRead && method != http.MethodGet && method != http.MethodHead {
		return "This token may only read; ask an admin for a write token to change data."
	}
	return ""
}

func deny(w http.ResponseWriter, status int, code, message string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="churndesk"`)
	}
	writeJSON(w, status, ErrorBody{Code: code, Message: message})
}
