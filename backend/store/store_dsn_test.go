package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"churndesk/backend/store"
)

// TestPasswordsNeverShow opens every DSN form with a password on a port
// nothing listens on: the error, and the description people see, must not
// contain the password in any spelling.
func TestPasswordsNeverShow(t *testing.T) {
	const pw = "S3cr3t-p@ss:w/rd"
	cases := []struct {
		name, dsn, where string
	}{
		{"url user info", "postgres://app:S3cr3t-p%40ss%3Aw%2Frd@127.0.0.1:1/churn?sslmode=disable&connect_timeout=2", "postgres://127.0.0.1:1/churn"},
		{"url query", "postgresql://app@127.0.0.1:1/churn?password=S3cr3t-p%40ss%3Aw%2Frd&sslmode=disable&connect_timeout=2", "postgres://127.0.0.1:1/churn"},
		{"keywords bare", "host=127.0.0.1 port=1 dbname=churn user=app password=S3cr3t-p@ss:w/rd sslmode=disable connect_timeout=2", "postgres://127.0.0.1:1/churn"},
		{"keywords quoted", "host=127.0.0.1 port=1 dbname=churn user=app password='S3cr3t-p@ss:w/rd' sslmode=disable connect_timeout=2", "postgres://127.0.0.1:1/churn"},
		{"password first", "password=S3cr3t-p@ss:w/rd host=127.0.0.1 port=1 dbname=churn sslmode=disable connect_timeout=2", "postgres://127.0.0.1:1/churn"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !store.IsPostgresDSN(tc.dsn) {
				t.Fatalf("%s is not recognised as PostgreSQL (it would become a file named after the password)", tc.dsn)
			}
			if got := store.DescribeDSN(tc.dsn); got != tc.where {
				t.Errorf("described as %q, want %q", got, tc.where)
			}
			_, err := store.Open(context.Background(), tc.dsn)
			if err == nil {
				t.Fatal("opened a server that is not there")
			}
			for _, spelling := range []string{pw, "S3cr3t-p%40ss%3Aw%2Frd", "S3cr3t"} {
				if strings.Contains(err.Error(), spelling) {
					t.Errorf("error shows the password (%s): %v", spelling, err)
				}
			}
		})
	}
}

// TestUnknownSettingsAreRefused: key=value text that is no connection
// string is refused in words, not taken as a file name.
func TestUnknownSettingsAreRefused(t *testing.T) {
	dir := t.TempDir()
	_, err := store.Open(context.Background(), "pass=hunter2 server=db")
	if !errors.Is(err, store.ErrUnknownDSN) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error shows the text: %v", err)
	}
	if s, err := store.Open(context.Background(), dir+"/plain.db"); err != nil {
		t.Errorf("a file path: %v", err)
	} else {
		s.Close()
	}
}
