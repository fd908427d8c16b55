package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteBase64FileWritesBytesWithMode0600(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
		pre  os.FileMode // existing file with this mode; 0 means none
	}{
		{name: "new.csv", data: []byte("name;mrr\nZażółć;100\n")},
		{name: "replaced.pdf", data: []byte{0x25, 0x50, 0x44, 0x46, 0x00, 0xff}, pre: 0o644},
		{name: "empty.txt", data: []byte{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if tc.pre != 0 {
				if err := os.WriteFile(path, []byte("old content that is longer"), tc.pre); err != nil {
					t.Fatal(err)
				}
			}
			if err := writeBase64File(path, base64.StdEncoding.EncodeToString(tc.data)); err != nil {
				t.Fatalf("writeBase64File: %v", err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.data) {
				t.Errorf("content = %q, want %q", got, tc.data)
			}
			st, _ := os.Stat(path)
			if st.Mode().Perm() != 0o600 {
				t.Errorf("mode = %o, want 600", st.Mode().Perm())
			}
		})
	}
}

func TestWriteBase64FileRejectsBadBase64(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	err := writeBase64File(path, "not base64!!")
	if err == nil || !strings.Contains(err.Error(), "decode") {
		t.Fatalf("err = %v, want a decode error", err)
	}
	if _, statErr := os.Stat(path); !os.IsNotExist(statErr) {
		t.Errorf("file was created despite bad data: %v", statErr)
	}
}

func TestReadBase64File(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "accounts.csv")
	data := []byte("\xef\xbb\xbfname;mrr\nАкме;10\n")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := readBase64File(path)
	if err != nil {
		t.Fatalf("readBase64File: %v", err)
	}
	if got.Name != "accounts.csv" {
		t.Errorf("Name = %q, want accounts.csv", got.Name)
	}
	raw, _ := base64.StdEncoding.DecodeString(got.Base64)
	if !bytes.Equal(raw, data) {
		t.Errorf("decoded = %q, want %q", raw, data)
	}
	js, _ := json.Marshal(got)
	if !strings.Contains(string(js), `"name":"accounts.csv"`) || !strings.Contains(string(js), `"base64":"`) {
		t.Errorf("JSON = %s, want the name/base64 keys the frontend reads", js)
	}
	if _, err := readBase64File(dir); err == nil {
		t.Errorf("reading a directory succeeded, want an error")
	}
	if _, err := readBase64File(filepath.Join(dir, "missing.csv")); err == nil {
		t.Errorf("reading a missing file succeeded, want an error")
	}
}

func TestSavedPathsOnlyAllowsSavedRegularFiles(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "deck.pptx")
	other := filepath.Join(dir, "other.pptx")
	for _, p := range []string{saved, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var s savedPaths
	s.add(saved)
	tests := []struct {
		path   string
		wantOK bool
	}{
		{saved, true},
		{filepath.Join(dir, ".", "deck.pptx"), true},
		{other, false},
		{"", false},
		{"/etc/passwd", false},
	}
	for _, tc := range tests {
		err := s.check(tc.path)
		if (err == nil) != tc.wantOK {
			t.Errorf("check(%q) = %v, want ok=%v", tc.path, err, tc.wantOK)
		}
	}
	os.Remove(saved)
	if err := s.check(saved); err == nil {
		t.Errorf("check of a deleted saved file succeeded, want an error")
	}
}

func TestReadyMarkerWritesOnceAfterDOMAndAPI(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ready.json")
	m := newReadyMarker(path)
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/health", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"status":"ok"}`)) })
	mux.HandleFunc("/api/v1/missing", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusNotFound) })
	mux.HandleFunc("/api/v1/accounts", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) })
	h := m.wrap(mux)
	serve := func(p string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		return rec.Code
	}

	if code := serve("/api/v1/missing"); code != http.StatusNotFound {
		t.Fatalf("missing: code %d", code)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("marker written after a 404 only")
	}
	serve("/api/v1/health")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("marker written before DOM ready")
	}
	m.domLoaded()
	serve("/api/v1/accounts")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("marker not written: %v", err)
	}
	var got readyLine
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("marker %q: %v", b, err)
	}
	want := readyLine{DOMReady: true, APIPath: "/api/v1/health", APIStatus: 200}
	if got != want {
		t.Errorf("marker = %+v, want %+v", got, want)
	}
	if !strings.HasSuffix(string(b), "}\n") {
		t.Errorf("marker %q is not one JSON line", b)
	}
}

func TestNilReadyMarkerIsPassThrough(t *testing.T) {
	var m *readyMarker = newReadyMarker("")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	rec := httptest.NewRecorder()
	m.wrap(h).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/health", nil))
	m.domLoaded()
	if rec.Code != http.StatusTeapot {
		t.Errorf("code = %d, want 418", rec.Code)
	}
}

func TestEmbeddedIconMatchesBuildIcon(t *testing.T) {
	embedded, err := os.ReadFile("appicon.png")
	if err != nil {
		t.Fatal(err)
	}
	packaged, err := os.ReadFile(filepath.Join("..", "build", "appicon.png"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(embedded, packaged) {
		t.Errorf("app/appicon.png differs from build/appicon.png: run: cp build/appicon.png app/appicon.png")
	}
}

func TestAPIFirstRoutesAPIPathsToAPI(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("api")) })
	assets := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("assets")) })
	h := apiFirst(api)(assets)
	tests := []struct{ method, path, want string }{
		{http.MethodGet, "/api/v1/health", "api"},
		{http.MethodPost, "/api/v1/accounts", "api"},
		{http.MethodGet, "/api", "api"},
		{http.MethodGet, "/", "assets"},
		{http.MethodGet, "/assets/index.js", "assets"},
		{http.MethodGet, "/apiary", "assets"},
	}
	for _, tc := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if got := rec.Body.String(); got != tc.want {
			t.Errorf("%s %s went to %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
}

func TestInstanceIDIsOnePerDataFile(t *testing.T) {
	dir := t.TempDir()
	a := InstanceID(filepath.Join(dir, "a.db"))
	same := InstanceID(filepath.Join(dir, ".", "a.db"))
	other := InstanceID(filepath.Join(dir, "b.db"))
	pg := InstanceID("postgres://cd:secret@db.example.com/cd")
	if a != same || a == other || a == pg {
		t.Errorf("ids: %s %s %s %s", a, same, other, pg)
	}
	if strings.Contains(pg, "secret") || len(a) != len("io.churndesk.desktop.")+16 {
		t.Errorf("id %q / %q", a, pg)
	}
}
