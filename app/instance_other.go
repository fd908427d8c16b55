//go:build (desktop || dev || bindings) && !linux

package app

// handOver reports whether a window already open on the same data took
// over; elsewhere than Linux, Wails' own single-instance lock does it.
func handOver(string) bool { return false }
