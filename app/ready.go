package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
)

// readyMarker writes the smoke-test marker once the DOM is ready and the API
// has answered a /api/v1/ request with a 2xx status.
type readyMarker struct {
	path string

	mu        sync.Mutex
	domReady  bool
	apiPath   string
	apiStatus int
	written   bool
}

// readyLine is the JSON line written to the ready file.
type readyLine struct {
	DOMReady  bool   `json:"dom_ready"`
	APIPath   string `json:"api_path"`
	APIStatus int    `json:"api_status"`
}

// newReadyMarker returns nil when path is empty (no marker wanted).
func newReadyMarker(path string) *readyMarker {
	if path == "" {
		return nil
	}
	return &readyMarker{path: path}
}

// wrap notes the first /api/v1/ request answered with 2xx.
func (m *readyMarker) wrap(next http.Handler) http.Handler {
	if m == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if strings.HasPrefix(r.URL.Path, "/api/v1/") && rec.status >= 200 && rec.status < 300 {
			m.apiAnswered(r.URL.Path, rec.status)
		}
	})
}

func (m *readyMarker) apiAnswered(path string, status int) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.apiPath == "" {
		m.apiPath, m.apiStatus = path, status
	}
	m.flushLocked()
}

func (m *readyMarker) domLoaded() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.domReady = true
	m.flushLocked()
}

func (m *readyMarker) flushLocked() {
	if m.written || !m.domReady || m.apiPath == "" {
		return
	}
	m.written = true
	line, _ := json.Marshal(readyLine{DOMReady: true, APIPath: m.apiPath, APIStatus: m.apiStatus})
	if err := os.WriteFile(m.path, append(line, '\n'), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "churndesk: write ready file:", err)
	}
}

// statusRecorder remembers the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wroteHeader {
		s.status, s.wroteHeader = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wroteHeader = true
	return s.ResponseWriter.Write(b)
}

// Flush passes flushes through when the underlying writer supports them.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// apiFirst sends /api/ requests straight to api and everything else to next
// (the embedded assets, or Vite's dev server under `wails dev`, whose own
// /api proxy would otherwise answer instead of the in-process API).
func apiFirst(api http.Handler) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/") {
				api.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
