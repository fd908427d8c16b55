//go:build !windows

package backup

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// createExclusive creates file with mode 0600 before any byte is written;
// it fails if the file exists, and a symbolic link in its place is not followed.
func createExclusive(file string) (*os.File, error) {
	return os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
}

// checkOwner refuses a folder of another user or one others may write to.
func checkOwner(dir string, st fs.FileInfo) error {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != os.Getuid() {
		return fmt.Errorf("%w: %s belongs to another user", ErrUnsafeFolder, dir)
	}
	if st.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("%w: %s may be written by other users (mode %o); chmod go-w it first", ErrUnsafeFolder, dir, st.Mode().Perm())
	}
	return nil
}
