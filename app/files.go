package app

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"churndesk/backend/backup"
)

// maxOpenBytes caps what OpenFile hands to the webview (base64 in memory).
const maxOpenBytes = 64 << 20

// writeBase64File decodes data and writes it to path with mode 0600 (the
// exports hold customer data). It writes a temporary file next to path and
// renames it into place only once every byte is on disk, so a full disk
// leaves neither a cut-off file that looks finished nor a damaged earlier
// file of that name: an existing file is replaced only by a whole one.
func writeBase64File(path, data string) error {
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return fmt.Errorf("save file: decode data: %w", err)
	}
	dir, name := filepath.Dir(path), filepath.Base(path)
	f, err := os.CreateTemp(dir, "."+name+".*.part")
	if err != nil {
		return saveError(path, err)
	}
	tmp := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(raw)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return saveError(path, err)
	}
	return nil
}

// saveError says what a failed save means for the person saving: on a full
// disk, that nothing was saved and an earlier file of that name is as it was.
func saveError(path string, err error) error {
	if backup.NoSpace(err) {
		return fmt.Errorf("save file: not enough space to save %s in %s (the disk is full); nothing was saved and any earlier file of that name is unchanged. Free some space and save again: %w",
			filepath.Base(path), filepath.Dir(path), err)
	}
	return fmt.Errorf("save file: %w", err)
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
