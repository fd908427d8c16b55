//go:build !windows

package main

// attachConsole does nothing outside Windows: commands always write to the
// terminal or pipe they were started with.
func attachConsole() {}
