//go:build !desktop && !dev && !bindings

package app

import "errors"

// Run reports that this binary was built without the desktop window (plain
// `go build`); build it with `make run` / `wails build -tags webkit2_41`, or
// use `churndesk serve`.
func Run(Options) error {
	return errors.New("this binary was built without the desktop window: build it with `make run` " +
		"(wails build -tags webkit2_41) or `go build -tags desktop,production,webkit2_41 .`, " +
		"or use `churndesk serve` to open ChurnDesk in a browser")
}
