package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"churndesk/backend/api"
	"churndesk/backend/boot"
)

// hostList collects repeated --public-host flags.
type hostList []string

func (h *hostList) String() string     { return strings.Join(*h, ",") }
func (h *hostList) Set(v string) error { *h = append(*h, v); return nil }

func serve(ctx context.Context, env Env, args []string) error {
	fl := newFlags("serve", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	addr := fl.String("addr", "127.0.0.1:8765", "address to listen on")
	web := fl.String("web", os.Getenv("CHURNDESK_WEB_DIR"), "serve the web interface from this folder instead of the built-in one (frontend development; env CHURNDESK_WEB_DIR)")
	var public hostList
	fl.Var(&public, "public-host", "a host name people use to reach a non-loopback server (repeatable); other names are refused")
	tlsCert := fl.String("tls-cert", "", "TLS certificate file (PEM); with --tls-key, serve HTTPS")
	tlsKey := fl.String("tls-key", "", "TLS private key file (PEM)")
	maxImport := fl.Int64("max-import-mb", boot.MaxImportFromEnv()>>20, "largest CSV file an import takes, in MB (env "+boot.MaxImportEnv+"; 0: 100)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	dsn, err := boot.ResolveDSN(*db)
	if err != nil {
		return err
	}
	b, err := boot.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer b.Close()

	// Beyond this machine every API call needs a token, so there must be one.
	required := !isLoopback(*addr)
	if required {
		ok, err := b.Tokens.HasActive(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("refusing to serve on %s without an API token: create one with `churndesk token create --name NAME --scope admin`, or listen on 127.0.0.1", *addr)
		}
	}
	dist := env.Dist
	if *web != "" {
		if _, err := os.Stat(filepath.Join(*web, "index.html")); err != nil {
			return fmt.Errorf("--web %s: no index.html there: %w", *web, err)
		}
		dist = os.DirFS(*web)
	}
	policy := api.LoopbackPolicy()
	if required {
		policy = api.PublicPolicy(public)
	}
	handler := api.Protect(policy, api.Guard(b.Tokens, required, boot.WebHandler(b.APIWith(*maxImport<<20), dist)))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv, ln := api.NewServer(handler, ln, api.DefaultLimits)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go b.RunDailyRefresh(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	go b.RunNotifications(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	scheme := "http"
	if *tlsCert != "" {
		scheme = "https"
	}
	if required && scheme == "http" {
		fmt.Fprintf(env.Stderr, "WARNING: serving on %s without TLS: API tokens and customer data cross the network readable by anyone on the way.\n"+
			"  Give --tls-cert FILE --tls-key FILE, or keep ChurnDesk on 127.0.0.1 behind a reverse proxy that terminates HTTPS (see README, Security).\n", *addr)
	}
	if required && len(public) == 0 {
		fmt.Fprintf(env.Stderr, "Note: only IP addresses and localhost are answered; add --public-host NAME for each host name people use.\n")
	}
	fmt.Fprintf(env.Stdout, "ChurnDesk listening on %s://%s (database: %s)\n", scheme, ln.Addr(), boot.Location(dsn))
	if scheme == "https" {
		err = srv.ServeTLS(ln, *tlsCert, *tlsKey)
	} else {
		err = srv.Serve(ln)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// isLoopback reports whether addr listens only on this machine.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
