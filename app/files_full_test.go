package app

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	churnapi "churndesk/backend/api"
	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/reliability/invariants"
)

// smallDisk mounts a tmpfs of kb KiB on a new folder and returns the
// folder; it skips the test when that is not allowed (not root, no mount).
func smallDisk(t *testing.T, kb int) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a size-limited file system needs root (CI runs the tests as root)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dk,mode=0700", kb), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// TestQBRBatchOnAFullDisk saves a real QBR batch (the ZIP of every PDF of
// a quarter, as the batch export screen fetches it) onto a file system with
// room for half of it: the save fails with a message that says the disk is
// full and nothing was saved; no cut-off ZIP and no temporary file is left,
// and last quarter's export of the same name is unchanged; the database
// passes every invariant. With room again the same save writes a ZIP that
// opens, with every PDF and results.txt.
func TestQBRBatchOnAFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a quarter's PDFs")
	}
	ctx := context.Background()
	b, err := boot.OpenWith(ctx, filepath.Join(t.TempDir(), "qbr.db"), func() time.Time { return time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) }, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.Demo.Load(ctx, demo.Options{Accounts: 5, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(b.API())
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/qbr/batch?quarter=2026-Q3", nil)
	req.Header.Set(churnapi.ClientHeader, "app")
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	batch, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("batch: %d %s", res.StatusCode, batch)
	}
	entries := func(raw []byte) []string {
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatalf("not a whole ZIP: %v", err)
		}
		var names []string
		for _, f := range zr.File {
			rc, err := f.Open()
			if err == nil {
				_, err = io.Copy(io.Discard, rc)
				rc.Close()
			}
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			names = append(names, f.Name)
		}
		return names
	}
	want := entries(batch)
	if len(want) < 3 || want[len(want)-1] != "results.txt" {
		t.Fatalf("the batch holds %v", want)
	}

	kb := max(len(batch)/2/1024, 16)
	dir := smallDisk(t, kb)
	target := filepath.Join(dir, "QBR 2026-Q3.zip")
	earlier := []byte("last quarter's export")
	if err := os.WriteFile(target, earlier, 0o600); err != nil {
		t.Fatal(err)
	}
	full := writeBase64File(target, base64.StdEncoding.EncodeToString(batch))
	if full == nil || !strings.Contains(full.Error(), "not enough space to save QBR 2026-Q3.zip") || !strings.Contains(full.Error(), "nothing was saved") {
		t.Fatalf("save on a full disk: %v", full)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 1 || left[0].Name() != "QBR 2026-Q3.zip" {
		t.Errorf("after the failed save the folder holds %v", left)
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, earlier) {
		t.Errorf("the earlier file became %d bytes", len(got))
	}
	rep, err := invariants.Check(ctx, b.Store)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Err(); err != nil {
		t.Error(err)
	}

	if out, err := exec.Command("mount", "-o", fmt.Sprintf("remount,size=%dk", 4*len(batch)/1024+64), dir).CombinedOutput(); err != nil {
		t.Fatalf("remount bigger: %v %s", err, out)
	}
	if err := writeBase64File(target, base64.StdEncoding.EncodeToString(batch)); err != nil {
		t.Fatalf("save with room: %v", err)
	}
	saved, _ := os.ReadFile(target)
	if got := entries(saved); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("saved ZIP holds %v, want %v", got, want)
	}
	t.Logf("a %d KiB batch of %d PDFs on a %d KiB disk: refused (%v); the earlier file kept, nothing left behind, %d invariant checks passed; saved whole with room",
		len(batch)/1024, len(want)-1, kb, full, rep.Checks)
}
