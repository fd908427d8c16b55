package reliability

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"churndesk/backend/store"
)

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// roDisk is a small ext4 file system without a journal, loop-mounted with
// errors=remount-ro, so the kernel can turn it read-only under a running
// writer the way a failing disk does.
type roDisk struct {
	image, dir, dev string
}

// newRODisk creates and mounts the file system; it skips the test when
// that is not allowed here (not root, no loop devices).
func newRODisk(t *testing.T) *roDisk {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a loop file system needs root (CI runs the tests as root)")
	}
	tmp := t.TempDir()
	d := &roDisk{image: filepath.Join(tmp, "disk.img"), dir: filepath.Join(tmp, "data")}
	if err := os.Mkdir(d.dir, 0o700); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(d.image)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if out, err := exec.Command("mkfs.ext4", "-q", "-F", "-O", "^has_journal", d.image).CombinedOutput(); err != nil {
		t.Skipf("cannot make an ext4 file system here: %v %s", err, out)
	}
	d.mount(t)
	t.Cleanup(func() { exec.Command("umount", "-l", d.dir).Run() })
	return d
}

func (d *roDisk) mount(t *testing.T) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "loop,errors=remount-ro", d.image, d.dir).CombinedOutput(); err != nil {
		t.Skipf("cannot loop-mount a file system here: %v %s", err, out)
	}
	out, err := exec.Command("findmnt", "-n", "-o", "SOURCE", d.dir).Output()
	if err != nil {
		t.Fatal(err)
	}
	d.dev = filepath.Base(strings.TrimSpace(string(out)))
}

// TestReadOnlyFileSystemWhileServing runs `churndesk serve` on a database
// whose file system turns read-only while it runs.
//
// First the plain remount: Linux refuses `mount -o remount,ro` while a
// program holds a file open for writing (EBUSY), so a running ChurnDesk
// keeps its database writable that way; the test checks the refusal and
// that the server keeps answering. Then the way it does happen: the kernel
// turns the file system read-only under the server (an ext4 error with
// errors=remount-ro, as a failing disk does). A write answers 503
// database_read_only with Retry-After and a message that says the database
// is read-only and nothing was saved; reads keep working; nothing written
// before is lost. Once the disk is mounted again (the kernel keeps such a
// file system read-only until it is unmounted) a restarted server writes
// again, and every invariant holds.
func TestReadOnlyFileSystemWhileServing(t *testing.T) {
	if testing.Short() || os.Getenv("CHURNDESK_TEST_PG") != "" {
		t.Skip("a SQLite file test of the real binary: it runs in the SQLite pass")
	}
	disk := newRODisk(t)
	bin := buildBinary(t, t.TempDir())
	db := filepath.Join(disk.dir, "churndesk.db")
	run(t, bin, "demo", "--db", db, "--accounts", "30", "--seed", "5")
	srv, base := startServe(t, bin, db)
	stop := func() {
		srv.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- srv.Wait() }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			srv.Process.Kill()
			<-done
		}
	}
	defer func() {
		if srv.ProcessState == nil {
			stop()
		}
	}()
	account := func(name string) map[string]any {
		a := map[string]any{}
		for k, v := range newAccount {
			a[k] = v
		}
		a["name"] = name
		return a
	}
	count := func() (int, string) {
		status, raw := call("GET", base+"/api/v1/accounts?limit=1", nil)
		var page struct{ Total int }
		json.Unmarshal(raw, &page)
		return status, fmt.Sprint(page.Total)
	}

	if status, raw := call("POST", base+"/api/v1/accounts", account("Before Ltd")); status != 201 {
		t.Fatalf("write before: %d %s", status, raw)
	}
	out, err := exec.Command("mount", "-o", "remount,ro", disk.dir).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "busy") {
		t.Fatalf("remount,ro while serve holds the file: %v %s, want refused as busy", err, out)
	}
	if status, raw := call("POST", base+"/api/v1/accounts", account("Still Ltd")); status != 201 {
		t.Fatalf("write after the refused remount: %d %s", status, raw)
	}
	_, total := count()

	if err := os.WriteFile(filepath.Join("/sys/fs/ext4", disk.dev, "trigger_fs_error"), []byte("1"), 0); err != nil {
		t.Skipf("cannot make ext4 report an error here: %v", err)
	}
	if err := os.WriteFile(filepath.Join(disk.dir, "probe"), nil, 0o600); !errors.Is(err, syscall.EROFS) {
		t.Fatalf("after the error the file system takes writes: %v", err)
	}
	status, raw := call("POST", base+"/api/v1/accounts", account("Refused Ltd"))
	var body struct{ Code, Message string }
	json.Unmarshal(raw, &body)
	if status != 503 || body.Code != "database_read_only" || !strings.Contains(body.Message, "turned read-only") || !strings.Contains(body.Message, "nothing was saved") ||
		!strings.Contains(body.Message, "everything saved before is kept") {
		t.Fatalf("write on the read-only file system: %d %s", status, raw)
	}
	for _, path := range []string{"/api/v1/summary", "/api/v1/accounts?q=Before", "/api/v1/metrics"} {
		if status, raw := call("GET", base+path, nil); status != 200 {
			t.Errorf("read %s on the read-only file system: %d %s", path, status, raw)
		}
	}
	if status, now := count(); status != 200 || now != total {
		t.Errorf("accounts while read-only: %d %s, want %s", status, now, total)
	}
	t.Logf("read-only under the running server: %d %s", status, strings.TrimSpace(string(raw)))

	stop()
	if out, err := exec.Command("umount", disk.dir).CombinedOutput(); err != nil {
		t.Fatalf("umount: %v %s", err, out)
	}
	disk.mount(t)
	srv, base = startServe(t, bin, db)
	if status, raw := call("POST", base+"/api/v1/accounts", account("After Ltd")); status != 201 {
		t.Fatalf("write after mounting again: %d %s", status, raw)
	}
	if _, after := count(); after != fmt.Sprint(atoi(total)+1) {
		t.Errorf("accounts: %s while read-only, %s after mounting again and one more write: something was lost", total, after)
	}
	for _, name := range []string{"Before Ltd", "Still Ltd", "After Ltd"} {
		if _, raw := call("GET", base+"/api/v1/accounts?q="+strings.ReplaceAll(name, " ", "+"), nil); !strings.Contains(string(raw), name) {
			t.Errorf("%s is missing", name)
		}
	}
	if _, raw := call("GET", base+"/api/v1/accounts?q=Refused", nil); strings.Contains(string(raw), "Refused Ltd") {
		t.Error("the refused write was stored")
	}
	stop()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checks := mustHoldStore(t, s)
	t.Logf("remount,ro refused while serving (busy); read-only under the server: writes 503 database_read_only, reads 200; after mounting again writes succeed; %d invariant checks passed", checks)
}
