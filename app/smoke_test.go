//go:build smoke

// The desktop smoke test builds the real desktop binary, starts it under a
// private Xvfb display, waits until the page has loaded and the in-process
// API has answered, screenshots the screen and checks it is not blank, then
// closes the app and checks the database file. Run it with
//
//	go test -tags smoke -run TestDesktopSmoke -v ./app/
//
// after building the frontend (make test does both). UPDATE_SCREENSHOT=1
// loads the demo portfolio first and saves the window as
// docs/screenshot-desktop.png; SMOKE_SCREENSHOT=FILE keeps the raw
// screenshot (e.g. as a CI artifact); CHURNDESK_SMOKE_BIN=FILE tests that
// binary instead of building one.
package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const (
	smokeReadyTimeout = 60 * time.Second
	smokePaintTimeout = 30 * time.Second
	smokeScreen       = "1400x900x24"
	// smokeBinEnv names a desktop binary to test instead of building one
	// (the package smoke test points it at the binary the .deb installed).
	smokeBinEnv = "CHURNDESK_SMOKE_BIN"
)

func TestDesktopSmoke(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "frontend", "dist", "index.html")); err != nil {
		t.Fatalf("frontend/dist/index.html is missing: build the frontend first (make frontend): %v", err)
	}
	for _, tool := range []string{"Xvfb", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: run scripts/deps.sh test (packages xvfb, imagemagick)", tool)
		}
	}
	tmp := t.TempDir()

	bin := os.Getenv(smokeBinEnv)
	if bin != "" {
		t.Logf("testing the installed binary %s", bin)
	} else {
		bin = filepath.Join(tmp, "churndesk")
		t.Log("building the desktop binary (tags desktop,production,webkit2_41)")
		build := exec.Command("go", "build", "-tags", "desktop,production,webkit2_41", "-o", bin, ".")
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}

	display := startXvfb(t, tmp)
	t.Logf("Xvfb on %s (%s)", display, smokeScreen)
	// Wails' single-instance lock lives on the session bus, as on a desktop.
	bus := startSessionBus(t, tmp)

	db := filepath.Join(tmp, "smoke.db")
	readyFile := filepath.Join(tmp, "ready.json")
	logPath := filepath.Join(tmp, "app.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	home := filepath.Join(tmp, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}

	// The documentation screenshot shows the demo portfolio; the plain smoke
	// test starts on an empty database the app creates itself.
	if os.Getenv("UPDATE_SCREENSHOT") == "1" {
		demo := exec.Command(bin, "demo", "--db", db)
		demo.Env = append(os.Environ(), "HOME="+home)
		if out, err := demo.CombinedOutput(); err != nil {
			t.Fatalf("load demo data: %v\n%s", err, out)
		}
	}

	app := exec.Command(bin, "--db", db)
	app.Dir = tmp
	app.Env = append(os.Environ(),
		"DISPLAY="+display,
		ReadyFileEnv+"="+readyFile,
		"HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_RUNTIME_DIR="+tmp,
		"DBUS_SESSION_BUS_ADDRESS="+bus,
		"NO_AT_BRIDGE=1",
		"LIBGL_ALWAYS_SOFTWARE=1",
		"WEBKIT_DISABLE_COMPOSITING_MODE=1",
		"WEBKIT_DISABLE_DMABUF_RENDERER=1",
	)
	app.Stdout, app.Stderr = logFile, logFile
	started := time.Now()
	if err := app.Start(); err != nil {
		t.Fatalf("start app: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	stopped := false
	defer func() {
		if !stopped {
			_ = app.Process.Kill()
			<-exited
		}
	}()
	dumpLog := func() {
		b, _ := os.ReadFile(logPath)
		t.Logf("app output:\n%s", b)
	}

	marker := waitReady(t, readyFile, exited, dumpLog)
	t.Logf("ready after %s: %+v", time.Since(started).Round(time.Millisecond), marker)
	if !marker.DOMReady {
		t.Errorf("dom_ready = false, want true")
	}
	if marker.APIStatus != 200 {
		t.Errorf("api_status = %d, want 200", marker.APIStatus)
	}
	if !strings.HasPrefix(marker.APIPath, "/api/v1/") {
		t.Errorf("api_path = %q, want a /api/v1/ path", marker.APIPath)
	}

	shot := filepath.Join(tmp, "shot.png")
	img, stats := waitPainted(t, display, shot)
	t.Logf("screenshot %dx%d: %d distinct colours, window %v, main colour covers %.1f%% of it",
		img.Bounds().Dx(), img.Bounds().Dy(), stats.colours, stats.window, stats.dominantShare*100)
	if stats.colours < minColours {
		t.Errorf("screenshot has %d distinct colours, want at least %d (blank window?)", stats.colours, minColours)
	}
	if stats.dominantShare > maxDominantShare {
		t.Errorf("one colour covers %.1f%% of the window, want at most %.0f%% (blank window?)",
			stats.dominantShare*100, maxDominantShare*100)
	}
	if keep := os.Getenv("SMOKE_SCREENSHOT"); keep != "" {
		if b, err := os.ReadFile(shot); err == nil {
			_ = os.WriteFile(keep, b, 0o644)
		}
	}
	if os.Getenv("UPDATE_SCREENSHOT") == "1" && !t.Failed() {
		out := filepath.Join(root, "docs", "screenshot-desktop.png")
		if err := writeCropped(out, img, stats.window); err != nil {
			t.Errorf("update screenshot: %v", err)
		} else {
			t.Logf("wrote %s", out)
		}
	}

	secondCopy(t, bin, db, app.Env, display, logPath, exited)

	// Close the app: SIGTERM asks the window to quit (the database is closed
	// on shutdown); kill it if it does not go within 15 s.
	_ = app.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		stopped = true
		if err != nil {
			dumpLog()
			t.Errorf("app exited with %v after SIGTERM, want a clean exit", err)
		}
	case <-time.After(15 * time.Second):
		_ = app.Process.Kill()
		<-exited
		stopped = true
		dumpLog()
		t.Errorf("app did not exit within 15 s of SIGTERM; killed")
	}

	st, err := os.Stat(db)
	if err != nil {
		t.Fatalf("database file: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database file mode = %o, want 600", st.Mode().Perm())
	}
	// SQLite removes the WAL file when the last connection closes: a WAL file
	// left behind means OnShutdown did not close the database.
	if _, err := os.Stat(db + "-wal"); err == nil {
		t.Errorf("%s-wal is still there: the database was not closed on shutdown", filepath.Base(db))
	}
	if t.Failed() {
		dumpLog()
	}
}

// secondCopy starts the app a second time on the same database while the
// first window is open: the second copy must quit promptly with status 0
// without opening the database, the first must be told (its log says it
// brings its window to the front) and stay open, with one ChurnDesk window
// on the screen.
func secondCopy(t *testing.T, bin, db string, env []string, display, logPath string, exited <-chan error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, bin, "--db", db)
	second.Env = env
	started := time.Now()
	out, err := second.CombinedOutput()
	took := time.Since(started)
	if err != nil || took > 10*time.Second || !strings.Contains(string(out), "already open on this data") {
		t.Fatalf("second copy: %v after %s, want status 0 within 10 s saying the app is already open:\n%s", err, took.Round(time.Millisecond), out)
	}
	told := false
	for deadline := time.Now().Add(5 * time.Second); !told && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		b, _ := os.ReadFile(logPath)
		told = strings.Contains(string(b), "bringing this window to the front")
	}
	if !told {
		t.Errorf("the first window's log does not say it was brought to the front")
	}
	select {
	case err := <-exited:
		t.Fatalf("the first window quit when the second copy started: %v", err)
	default:
	}
	tree, err := exec.Command("xwininfo", "-display", display, "-root", "-tree").CombinedOutput()
	if err != nil {
		t.Fatalf("xwininfo: %v %s", err, tree)
	}
	if n := strings.Count(string(tree), `"ChurnDesk"`); n != 1 {
		t.Errorf("%d windows named ChurnDesk after the second start, want 1", n)
	}
	t.Logf("second copy on the same data quit with status 0 after %s; the first window was brought to the front and is still open", took.Round(time.Millisecond))
}

// startSessionBus starts a private D-Bus session bus and returns its
// address; it is stopped when the test ends.
func startSessionBus(t *testing.T, tmp string) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Fatal("dbus-daemon not found: run scripts/deps.sh test (package dbus-daemon)")
	}
	d := exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address", "--address=unix:path="+filepath.Join(tmp, "bus"))
	r, err := d.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		_ = d.Process.Signal(syscall.SIGTERM)
		_ = d.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case addr := <-got:
		if addr == "" {
			t.Fatal("dbus-daemon printed no address")
		}
		return addr
	case <-time.After(10 * time.Second):
		t.Fatal("dbus-daemon did not start within 10 s")
	}
	return ""
}

// startXvfb starts a private X server on a free display and returns its
// name (":N"); it is stopped when the test ends.
func startXvfb(t *testing.T, tmp string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(filepath.Join(tmp, "xvfb.log"))
	if err != nil {
		t.Fatal(err)
	}
	// -displayfd: Xvfb picks a free display and writes its number to fd 3.
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", smokeScreen, "-nolisten", "tcp", "-noreset")
	x.ExtraFiles = []*os.File{w}
	x.Stdout, x.Stderr = logf, logf
	if err := x.Start(); err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		_ = x.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = x.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = x.Process.Kill()
			<-done
		}
		logf.Close()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		r.Close()
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if _, err := strconv.Atoi(n); err != nil {
			b, _ := os.ReadFile(filepath.Join(tmp, "xvfb.log"))
			t.Fatalf("Xvfb did not report a display (%q):\n%s", n, b)
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start within 20 s")
	}
	return ""
}

// waitReady waits for the ready marker, failing early if the app exits.
func waitReady(t *testing.T, path string, exited <-chan error, dumpLog func()) readyLine {
	t.Helper()
	deadline := time.Now().Add(smokeReadyTimeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			dumpLog()
			t.Fatalf("app exited before it was ready: %v", err)
		default:
		}
		if b, err := os.ReadFile(path); err == nil && bytes.HasSuffix(b, []byte("\n")) {
			var m readyLine
			if err := json.Unmarshal(bytes.TrimSpace(b), &m); err != nil {
				t.Fatalf("ready file %q: %v", b, err)
			}
			return m
		}
		time.Sleep(200 * time.Millisecond)
	}
	dumpLog()
	t.Fatalf("no ready marker after %s (page loaded and an /api/v1/ request answered 2xx)", smokeReadyTimeout)
	return readyLine{}
}

const (
	minColours       = 32
	maxDominantShare = 0.99
)

type shotStats struct {
	colours       int
	window        image.Rectangle
	dominantShare float64
}

// waitPainted screenshots the root window until the app's window shows
// real content and has stopped changing (two identical screenshots in a
// row: the page may still be rendering when the marker appears), and
// returns the last screenshot.
func waitPainted(t *testing.T, display, path string) (image.Image, shotStats) {
	t.Helper()
	deadline := time.Now().Add(smokePaintTimeout)
	var (
		img   image.Image
		stats shotStats
		prev  []byte
	)
	for {
		var (
			raw []byte
			err error
		)
		img, raw, err = screenshot(display, path)
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		stats = measure(img)
		painted := stats.colours >= minColours && stats.dominantShare <= maxDominantShare
		if (painted && bytes.Equal(raw, prev)) || time.Now().After(deadline) {
			return img, stats
		}
		prev = raw
		time.Sleep(500 * time.Millisecond)
	}
}

func screenshot(display, path string) (image.Image, []byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "import", "-display", display, "-window", "root", "png:"+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, nil, fmt.Errorf("import: %v: %s", err, out)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	img, err := png.Decode(bytes.NewReader(raw))
	return img, raw, err
}

// measure counts distinct colours and finds the app window: the bounding
// box of pixels that differ from the root window's background (the corner
// pixel); dominantShare is the share of the most common colour inside it.
func measure(img image.Image) shotStats {
	b := img.Bounds()
	bg := rgb(img.At(b.Min.X, b.Min.Y))
	all := map[uint32]int{}
	win := image.Rectangle{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := rgb(img.At(x, y))
			all[c]++
			if c != bg {
				win = win.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	s := shotStats{colours: len(all), window: win, dominantShare: 1}
	if win.Empty() {
		return s
	}
	inside := map[uint32]int{}
	for y := win.Min.Y; y < win.Max.Y; y++ {
		for x := win.Min.X; x < win.Max.X; x++ {
			inside[rgb(img.At(x, y))]++
		}
	}
	most := 0
	for _, n := range inside {
		most = max(most, n)
	}
	s.dominantShare = float64(most) / float64(win.Dx()*win.Dy())
	return s
}

func rgb(c color.Color) uint32 {
	r, g, b, _ := c.RGBA()
	return (r>>8)<<16 | (g>>8)<<8 | b>>8
}

// writeCropped writes the window region of img as a PNG (mode 0644: it is a
// documentation asset).
func writeCropped(path string, img image.Image, win image.Rectangle) error {
	if win.Empty() {
		return errors.New("no window found in the screenshot")
	}
	out := image.NewRGBA(image.Rect(0, 0, win.Dx(), win.Dy()))
	draw.Draw(out, out.Bounds(), img, win.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
