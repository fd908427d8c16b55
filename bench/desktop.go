package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// readyFileEnv is the variable the desktop app reads for its ready marker
// (app.ReadyFileEnv): a line written once the window's page is loaded and
// has had its first API answer.
const readyFileEnv = "CHURNDESK_READY_FILE"

// desktopStart builds the desktop app, opens it on the run's portfolio
// under Xvfb, and measures the cold start to the dashboard's first answered
// API call in a loaded page, then the app process's memory.
func (r *run) desktopStart() {
	if _, err := os.Stat(filepath.Join("frontend", "dist", "index.html")); err != nil {
		must(fmt.Errorf("desktop start: build the web interface first (make frontend): %w", err))
	}
	bin := filepath.Join(r.dir, "churndesk-desktop")
	if out, err := exec.Command("go", "build", "-tags", "desktop,production,webkit2_41", "-o", bin, ".").CombinedOutput(); err != nil {
		must(fmt.Errorf("build the desktop app: %v\n%s", err, out))
	}
	display, stopX := startXvfb(r.dir)
	defer stopX()
	home := filepath.Join(r.dir, "home")
	must(os.MkdirAll(home, 0o700))
	ready := filepath.Join(r.dir, "ready.json")
	app := exec.Command(bin, "--db", r.db)
	app.Env = append(os.Environ(), "DISPLAY="+display, readyFileEnv+"="+ready, "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"))
	start := time.Now()
	must(app.Start())
	defer func() { _ = app.Process.Kill(); _ = app.Wait() }()
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Since(start) > 2*time.Minute {
			must(fmt.Errorf("desktop start: no ready marker after 2 minutes"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	took := time.Since(start)
	line, _ := os.ReadFile(ready)
	r.within("desktop cold start to the dashboard's first answer", took.Seconds(), "s", 1.5, "", strings.TrimSpace(string(line)))
	time.Sleep(2 * time.Second) // let the dashboard's other calls finish
	r.within("desktop app process memory after the dashboard", residentMB(app.Process.Pid), "MB", 200, "", "the Go process; WebKit draws the page in processes of its own")
}

// startXvfb starts a virtual display on a free number and returns its name
// and how to stop it.
func startXvfb(dir string) (string, func()) {
	rd, wr, err := os.Pipe()
	must(err)
	logf, err := os.Create(filepath.Join(dir, "xvfb.log"))
	must(err)
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
	x.ExtraFiles = []*os.File{wr}
	x.Stdout, x.Stderr = logf, logf
	must(x.Start())
	wr.Close()
	buf := make([]byte, 16)
	n, err := rd.Read(buf)
	must(err)
	num, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	must(err)
	return fmt.Sprintf(":%d", num), func() {
		_ = x.Process.Signal(syscall.SIGTERM)
		_ = x.Wait()
		logf.Close()
	}
}
