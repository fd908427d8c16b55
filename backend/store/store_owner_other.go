//go:build !windows

package store

// restrictToOwner has nothing to add outside Windows: the mode bits the
// folder and file were created with (0700, 0600) already keep others out.
func restrictToOwner(string, bool) error { return nil }
