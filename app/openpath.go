package app

import (
	"fmt"
	"os/exec"
	"runtime"
)

// osOpenCommand is the command that opens path with the user's default
// application. Wails' BrowserOpenURL refuses file:// URLs, so the shell asks
// the OS directly (no shell involved: the path is one argument).
func osOpenCommand(path string) *exec.Cmd {
	switch runtime.GOOS {
	case "darwin":
		return exec.Command("open", path)
	case "windows":
		return exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	default:
		return exec.Command("xdg-open", path)
	}
}

// openWithOS starts the OS opener for path and reaps it in the background.
func openWithOS(path string) error {
	cmd := osOpenCommand(path)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open path: %w", err)
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
