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
	"syscall"
	"time"

	"churndesk/backend/api"
	"churndesk/backend/boot"
)

func serve(ctx context.Context, env Env, args []string) error {
	fl := newFlags("serve", env)
	db := fl.String("db", "", "database file or postgres:// URL")
	addr := fl.String("addr", "127.0.0.1:8765", "address to listen on")
	web := fl.String("web", os.Getenv("CHURNDESK_WEB_DIR"), "serve the web interface from this folder instead of the built-in one (frontend development; env CHURNDESK_WEB_DIR)")
	if err := fl.Parse(args); err != nil {
		return err
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
			return fmt.Errorf("refusing to serve on %s without an API token: create one with `churndesk token create --name NAME --scope write`, or listen on 127.0.0.1", *addr)
		}
	}
	dist := env.Dist
	if *web != "" {
		if _, err := os.Stat(filepath.Join(*web, "index.html")); err != nil {
			return fmt.Errorf("--web %s: no index.html there: %w", *web, err)
		}
		dist = os.DirFS(*web)
	}
	handler := api.Guard(b.Tokens, required, boot.WebHandler(b.API(), dist))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go b.RunDailyRefresh(ctx, slog.New(slog.NewTextHandler(env.Stderr, nil)))
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(env.Stdout, "ChurnDesk listening on http://%s (database: %s)\n", ln.Addr(), boot.Location(dsn))
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
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
