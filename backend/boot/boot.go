// Package boot wires the backend together: it resolves where the data
// lives, opens the store and builds the services and the API handler that
// both shells mount.
package boot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/api"
	"churndesk/backend/calendar"
	"churndesk/backend/check"
	"churndesk/backend/churn"
	"churndesk/backend/demo"
	"churndesk/backend/fx"
	"churndesk/backend/health"
	"churndesk/backend/importer"
	"churndesk/backend/loyalty"
	"churndesk/backend/notify"
	"churndesk/backend/notify/httpsend"
	"churndesk/backend/nps"
	"churndesk/backend/offboarding"
	"churndesk/backend/playbooks"
	"churndesk/backend/qbr"
	"churndesk/backend/referrals"
	"churndesk/backend/retention"
	"churndesk/backend/risk"
	"churndesk/backend/store"
	"churndesk/backend/tokens"
	"churndesk/backend/usage"
	"churndesk/backend/webhooks"
)

// Version is the application version. The churndesk binary sets it at start
// from the VERSION file at the top of the repository; tests see "dev".
var Version = "dev"

// DBEnv names the environment variable that selects the database.
const DBEnv = "CHURNDESK_DB"

// Backend is an open database with the services and API on top of it.
type Backend struct {
	Store       *store.Store
	Accounts    *accounts.Service
	Demo        *demo.Loader
	Health      *health.Service
	Usage       *usage.Service
	NPS         *nps.Service
	Playbooks   *playbooks.Service
	Churn       *churn.Service
	Retention   *retention.Service
	Offboarding *offboarding.Service
	Loyalty     *loyalty.Service
	Referrals   *referrals.Service
	QBR         *qbr.Service
	Tokens      *tokens.Service
	Webhooks    *webhooks.Service
	Importer    *importer.Service
	Rates       *fx.Service
	Zones       *calendar.Zones
	Notify      *notify.Service
	Risk        *risk.Service
	check       *check.Checker
	now         func() time.Time
	deps        api.Deps
	api         http.Handler
}

// Open opens (and migrates) the database at dsn and builds the services.
func Open(ctx context.Context, dsn string) (*Backend, error) {
	return OpenWith(ctx, dsn, time.Now, slog.Default())
}

// OpenWith is Open with a chosen clock and logger; tests fix the clock.
func OpenWith(ctx context.Context, dsn string, now func() time.Time, log *slog.Logger) (*Backend, error) {
	s, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, openError(dsn, err)
	}
	c := check.New()
	// Every service sees the time in the team's time zone: its calendar day
	// is today, and timestamps are turned into days in that zone.
	zones := calendar.NewZones(s, c, now)
	if err := zones.Load(ctx); err != nil {
		s.Close()
		return nil, err
	}
	now = zones.Clock()
	b := &Backend{
		Store:     s,
		Zones:     zones,
		now:       now,
		Accounts:  accounts.NewService(s, c, now),
		Health:    health.NewService(s, c, now),
		Usage:     usage.NewService(s, c),
		NPS:       nps.NewService(s, c),
		Playbooks: playbooks.NewService(s, c, now),
	}
	b.check = c
	b.Offboarding = offboarding.NewService(s, c, now)
	b.Churn = churn.NewService(s, c, now, notifyChurn(b.Offboarding.CreateForChurn))
	b.Retention = retention.NewService(s, c, b.NPS, now)
	b.Loyalty = loyalty.NewService(s, c, now)
	b.Referrals = referrals.NewService(s, c, b.Accounts, now)
	b.QBR = qbr.NewService(s, c, now)
	b.Tokens = tokens.NewService(s, c, now)
	b.Webhooks = webhooks.NewService(s, b.Churn, now)
	b.Importer = importer.NewService(s, c, b.Usage, b.NPS, b.Accounts, b.Churn, now)
	b.Rates = fx.NewService(s, c, now)
	b.Notify = notify.NewService(s, c, httpsend.New(notifyTimeout), now)
	b.Notify.Backoff = backoffFromEnv(notify.DefaultBackoff)
	b.Demo = demo.NewLoader(s, c, now, b.refreshHistory)
	b.Risk = risk.NewService(s, c, now)
	b.deps = api.Deps{
		Accounts:    b.Accounts,
		Demo:        b.Demo,
		Scores:      b.Health,
		Usage:       b.Usage,
		NPS:         b.NPS,
		Playbooks:   b.Playbooks,
		Importer:    b.Importer,
		Churn:       b.Churn,
		Retention:   b.Retention,
		Offboarding: b.Offboarding,
		Loyalty:     b.Loyalty,
		Referrals:   b.Referrals,
		QBR:         b.QBR,
		Tokens:      b.Tokens,
		Webhooks:    b.Webhooks,
		Backups:     b,
		Rates:       b.Rates,
		Zones:       zones,
		Notify:      b.Notify,
		Risk:        b.Risk,
		Upserter:    b.Accounts,
		Check:       c,
		Health:      api.Health{Status: "ok", Engine: string(s.Engine()), Version: Version, Location: Location(dsn)},
		Now:         now,
		Log:         log,
		MaxImport:   MaxImportFromEnv(),
	}
	b.api = api.New(b.deps)
	return b, nil
}

// Now is the time in the team's time zone: its calendar day is today.
func (b *Backend) Now() time.Time { return b.now() }

// API returns the /api/v1 handler.
func (b *Backend) API() http.Handler { return b.api }

// APIWith returns a new /api/v1 handler whose imports take files up to
// maxImport bytes (0: the default).
func (b *Backend) APIWith(maxImport int64) http.Handler {
	d := b.deps
	if maxImport > 0 {
		d.MaxImport = maxImport
	}
	return api.New(d)
}

// MaxImportEnv names the environment variable with the import size limit in MB.
const MaxImportEnv = "CHURNDESK_MAX_IMPORT_MB"

// MaxImportFromEnv is the import size limit set in CHURNDESK_MAX_IMPORT_MB,
// in bytes, or 0 for the default.
func MaxImportFromEnv() int64 {
	var mb int64
	if _, err := fmt.Sscan(os.Getenv(MaxImportEnv), &mb); err != nil || mb <= 0 {
		return 0
	}
	return mb << 20
}

// Close closes the database.
func (b *Backend) Close() error { return b.Store.Close() }

// ResolveDSN picks the database: the --db flag, else CHURNDESK_DB, else the
// file in the user's data folder.
func ResolveDSN(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if env := os.Getenv(DBEnv); env != "" {
		return env, nil
	}
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "churndesk.db"), nil
}

// DataDir is the folder for ChurnDesk's data: $XDG_DATA_HOME/churndesk
// (default ~/.local/share/churndesk) on Linux, the user config folder elsewhere.
func DataDir() (string, error) {
	if runtime.GOOS == "linux" {
		if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
			return filepath.Join(xdg, "churndesk"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find home folder: %w", err)
		}
		return filepath.Join(home, ".local", "share", "churndesk"), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find data folder: %w", err)
	}
	return filepath.Join(dir, "ChurnDesk"), nil
}

// Location describes dsn for people: the file path, or the server and
// database without the password.
func Location(dsn string) string { return store.DescribeDSN(dsn) }

// ContentSecurityPolicy is sent with the web interface's files: scripts,
// styles, fonts and API calls from this server only (Mantine writes
// <style> elements, hence inline styles), no plugins, no foreign forms.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
	"font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"

// WebHandler serves the API and the single-page frontend from dist; unknown
// paths get index.html so client-side routes survive a reload.
func WebHandler(apiHandler http.Handler, dist fs.FS) http.Handler {
	files := http.FileServerFS(dist)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		if strings.HasPrefix(r.URL.Path, "/api/") {
			apiHandler.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", ContentSecurityPolicy)
		name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if name == "" {
			name = "index.html"
		}
		if st, err := fs.Stat(dist, name); err == nil && st.IsDir() && hasIndex(dist) {
			// No folder listings: a folder is a client-side route like any unknown path.
			r = r.Clone(r.Context())
			r.URL.Path = "/"
		} else if err != nil || st.IsDir() {
			if err != nil && errors.Is(err, fs.ErrNotExist) && hasIndex(dist) {
				r = r.Clone(r.Context())
				r.URL.Path = "/"
			} else if !hasIndex(dist) {
				http.Error(w, "The frontend is not built into this binary: run `make serve` (or `npm run build` in frontend/ before `go build`).", http.StatusNotFound)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

func hasIndex(dist fs.FS) bool {
	_, err := fs.Stat(dist, "index.html")
	return err == nil
}
