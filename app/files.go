package app

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// maxOpenBytes caps what OpenFile hands to the webview (base64 in memory).
const maxOpenBytes = 64 << 20

// writeBase64File decodes data and writes it to path with mode 0600 (the
// exports hold customer data). An existing file is replaced.
func writeBase64File(path, data string) error {
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return fmt.Errorf("save file: decode data: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("save file: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("save file: %w", err)
	}
	if _, err := f.Write(raw); err != nil {
		f.Close()
		return fmt.Errorf("save file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save file: %w", err)
	}
	return nil
}

// readBase64File reads a regular file of at most maxOpenBytes and returns it
// as an OpenedFile.
func readBase64File(path string) (*OpenedFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open file: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("open file: %s is not a regular file", path)
	}
	if st.Size() > maxOpenBytes {
		return nil, fmt.Errorf("open file: %s is larger than %d MB", filepath.Base(path), maxOpenBytes>>20)
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxOpenBytes+1))
	if err != nil {
		return nil, fmt.Errorf("open file: %w", err)
	}
	if len(raw) > maxOpenBytes {
		return nil, fmt.Errorf("open file: %s is larger than %d MB", filepath.Base(path), maxOpenBytes>>20)
	}
	return &OpenedFile{Name: filepath.Base(path), Base64: base64.StdEncoding.EncodeToString(raw)}, nil
}

// savedPaths remembers the files saved through SaveFile in this session:
// OpenPath opens only those, so a page cannot ask the OS to open arbitrary
// files.
type savedPaths struct {
	mu    sync.Mutex
	paths map[string]bool
}

func (s *savedPaths) add(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.paths == nil {
		s.paths = map[string]bool{}
	}
	s.paths[filepath.Clean(path)] = true
}

func (s *savedPaths) check(path string) error {
	if path == "" {
		return errors.New("open path: no path given")
	}
	s.mu.Lock()
	ok := s.paths[filepath.Clean(path)]
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("open path: %s was not saved by ChurnDesk in this session", path)
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("open path: %w", err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("open path: %s is not a regular file", path)
	}
	return nil
}
