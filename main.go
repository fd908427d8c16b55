// ChurnDesk keeps a small B2B SaaS team's churn database and runs its
// retention work. With no command it opens the desktop window; with one
// (serve, demo, openapi, version) it runs that command without a display.
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"churndesk/app"
	"churndesk/backend/boot"
	"churndesk/backend/cli"
)

//go:embed all:frontend/dist
var assets embed.FS

// version is the release version, kept in one place: the VERSION file.
//
//go:embed VERSION
var version string

func main() {
	boot.Version = strings.TrimSpace(version)
	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		fmt.Fprintln(os.Stderr, "churndesk:", err)
		os.Exit(1)
	}
	args := os.Args[1:]
	if cli.IsCommand(args) {
		attachConsole()
		os.Exit(cli.Run(context.Background(), args, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Dist: dist}))
	}
	fl := flag.NewFlagSet("churndesk", flag.ExitOnError)
	db := fl.String("db", "", "database file or postgres:// URL")
	_ = fl.Parse(args)
	dsn, err := boot.ResolveDSN(*db)
	if err == nil {
		err = app.Run(app.Options{DSN: dsn, Assets: dist})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "churndesk:", err)
		os.Exit(1)
	}
}
