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
// API call in a loaded page, then the app process's memory; then the same
// start and memory on an empty database, the floors the portfolio adds to.
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

	took, line, rss := openDesktop(bin, display, r.dir, "portfolio", r.db)
	r.within("desktop cold start to the dashboard's first answer", took.Seconds(), "s", 1.5, "", line)
	r.within("desktop app process memory after the dashboard", rss, "MB", 200, "",
		"the app's own process: Go and SQLite, with GTK, the UI side of WebKit and, under Xvfb, Mesa's software OpenGL; the page is drawn in WebKit's processes of its own")
	emptyTook, _, floor := openDesktop(bin, display, r.dir, "empty", filepath.Join(r.dir, "desktop-empty.db"))
	r.add("desktop cold start, empty database", emptyTook.Seconds(), "s", "", nil,
		"the same start before any data: the process, GTK, WebKit's processes and the page under Xvfb; the floor the portfolio adds to")
	r.add("desktop app process memory, empty database", floor, "MB", "", nil,
		"the same process before any data: the floor the portfolio adds to")
}

// openDesktop starts the desktop app on db, waits for the ready marker
// (the dashboard's first answered API call in a loaded page), lets the
// dashboard's other calls finish, and returns the time to the marker, the
// marker's line and the process's resident memory in MB.
func openDesktop(bin, display, dir, name, db string) (time.Duration, string, float64) {
	home := filepath.Join(dir, "home-"+name)
	must(os.MkdirAll(home, 0o700))
	ready := filepath.Join(dir, "ready-"+name+".json")
	app := exec.Command(bin, "--db", db)
	app.Env = append(os.Environ(), "DISPLAY="+display, readyFileEnv+"="+ready, "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"))
	start := time.Now()
	must(app.Start())
	defer func() { _ = app.Process.Kill(); _ = app.Wait() }()
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Since(start) > 2*time.Minute {
			must(fmt.Errorf("desktop start (%s): no ready marker after 2 minutes", name))
		}
		time.Sleep(10 * time.Millisecond)
	}
	took := time.Since(start)
	line, _ := os.ReadFile(ready)
	time.Sleep(2 * time.Second) // let the dashboard's other calls finish
	return took, strings.TrimSpace(string(line)), residentMB(app.Process.Pid)
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
