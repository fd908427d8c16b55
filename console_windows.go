//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS for AttachConsole.
const attachParentProcess = ^uint32(0)

// attachConsole shows a command's output in the console it was started
// from. The Windows build is a GUI program, so Windows gives it no console:
// output that is not redirected to a file or pipe would be lost. It attaches
// to the parent's console and writes there instead (redirected handles are
// kept as they are).
func attachConsole() {
	out, _ := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE)
	errh, _ := windows.GetStdHandle(windows.STD_ERROR_HANDLE)
	missing := func(h windows.Handle) bool { return h == 0 || h == windows.InvalidHandle }
	if !missing(out) && !missing(errh) {
		return
	}
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(uintptr(attachParentProcess)); r == 0 {
		return // started without a console (e.g. from Explorer): nothing to show
	}
	con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if missing(out) {
		os.Stdout = con
	}
	if missing(errh) {
		os.Stderr = con
	}
}
