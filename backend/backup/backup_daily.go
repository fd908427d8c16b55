package backup

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Manifest is the file in a backup folder that lists the backups ChurnDesk
// wrote there; rotation deletes only files named in it.
const Manifest = ".churndesk-backups"

// dailyPattern is the only shape of name DailyName produces.
var dailyPattern = regexp.MustCompile(`^churndesk-\d{4}-\d{2}-\d{2}T\d{6}\.db$`)

// DailyName is the file name of an automatic backup made at t.
func DailyName(t time.Time) string {
	return "churndesk-" + t.UTC().Format("2006-01-02T150405") + ".db"
}

// ErrUnsafeFolder is wrapped by CheckFolder's refusals.
var ErrUnsafeFolder = errors.New("unsafe backup folder")

// CheckFolder accepts dir as a backup folder only if it is an absolute path
// to an existing folder (not a symbolic link) that belongs to this user and
// that nobody else may write to.
func CheckFolder(dir string) error {
	if !filepath.IsAbs(dir) || filepath.Clean(dir) != dir {
		return fmt.Errorf("%w: %s must be an absolute path without . or .. parts", ErrUnsafeFolder, dir)
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrUnsafeFolder, dir, err)
	}
	if st.Mode()&fs.ModeSymlink != 0 || !st.IsDir() {
		return fmt.Errorf("%w: %s is not a folder (symbolic links are not followed)", ErrUnsafeFolder, dir)
	}
	return checkOwner(dir, st)
}

// SaveDaily writes the day's backup into dir (created mode 0700 if
// missing), records it in the folder's manifest and returns its path.
func SaveDaily(ctx context.Context, db Database, dir string, now time.Time) (string, error) {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) && filepath.IsAbs(dir) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("backup: %w", err)
		}
	}
	if err := CheckFolder(dir); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	name := DailyName(now)
	file := filepath.Join(dir, name)
	if err := Save(ctx, db, file); err != nil {
		return "", err
	}
	names, err := readManifest(dir)
	if err != nil {
		return file, err
	}
	return file, writeManifest(dir, append(names, name))
}

// Rotate deletes the oldest backups ChurnDesk wrote into dir beyond keep:
// only names listed in the folder's manifest, of the shape DailyName makes,
// that are regular files. Anything else in the folder is left alone.
func Rotate(dir string, keep int) ([]string, error) {
	names, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	var ours []string
	for _, n := range names {
		st, err := os.Lstat(filepath.Join(dir, n))
		if err == nil && st.Mode().IsRegular() && !slices.Contains(ours, n) {
			ours = append(ours, n)
		}
	}
	slices.Sort(ours) // names carry a sortable timestamp
	var removed []string
	for len(ours) > keep {
		file := filepath.Join(dir, ours[0])
		if err := os.Remove(file); err != nil {
			return removed, fmt.Errorf("rotate backups: %w", err)
		}
		removed = append(removed, file)
		ours = ours[1:]
	}
	return removed, writeManifest(dir, ours)
}

func readManifest(dir string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, Manifest))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read backup manifest: %w", err)
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if n := strings.TrimSpace(sc.Text()); dailyPattern.MatchString(n) {
			names = append(names, n)
		}
	}
	return names, sc.Err()
}

// writeManifest replaces the manifest through a new file renamed into place.
func writeManifest(dir string, names []string) error {
	tmp := filepath.Join(dir, fmt.Sprintf("%s.%d.tmp", Manifest, time.Now().UnixNano()))
	f, err := createExclusive(tmp)
	if err != nil {
		return fmt.Errorf("write backup manifest: %w", err)
	}
	_, err = f.WriteString(strings.Join(names, "\n") + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, Manifest))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write backup manifest: %w", err)
	}
	return nil
}

// Latest is the newest backup ChurnDesk wrote into dir (by the time in its
// name), or "" when there is none.
func Latest(dir string) (string, error) {
	names, err := readManifest(dir)
	if err != nil {
		return "", err
	}
	slices.Sort(names)
	for i := len(names) - 1; i >= 0; i-- {
		file := filepath.Join(dir, names[i])
		if st, err := os.Lstat(file); err == nil && st.Mode().IsRegular() {
			return file, nil
		}
	}
	return "", nil
}
