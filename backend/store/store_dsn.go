package store

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
)

// keywordDSN matches a libpq keyword/value connection string's first
// setting ("host=db user=app password=…").
var keywordDSN = regexp.MustCompile(`^\s*([a-z_]+)\s*=`)

// libpqKeys are the connection settings a keyword DSN may start with.
var libpqKeys = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "password": true,
	"passfile": true, "sslmode": true, "sslrootcert": true, "sslcert": true, "sslkey": true,
	"connect_timeout": true, "application_name": true, "options": true, "target_session_attrs": true, "service": true,
}

// dsnKind tells a PostgreSQL URL, a PostgreSQL keyword DSN, something that
// looks like settings but is none of those, and a file path apart.
func dsnKind(dsn string) string {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return "url"
	}
	m := keywordDSN.FindStringSubmatch(dsn)
	switch {
	case m == nil:
		return "file"
	case libpqKeys[m[1]]:
		return "keywords"
	default:
		return "unknown"
	}
}

// ErrUnknownDSN is returned for a database setting that looks like
// key=value settings but is not a PostgreSQL connection string.
var ErrUnknownDSN = errors.New("the database setting looks like key=value settings but is not a PostgreSQL connection string (host=… dbname=… user=… password=…); give a postgres:// URL or a file path")

// dsnPassword is the password written in dsn, or "".
func dsnPassword(dsn string) string {
	switch dsnKind(dsn) {
	case "url":
		if u, err := url.Parse(dsn); err == nil && u.User != nil {
			p, _ := u.User.Password()
			if p == "" {
				return ""
			}
			return p
		}
		// An unparsable URL: take what sits between the first ':' after the
		// scheme and the last '@'.
		rest := dsn[strings.Index(dsn, "://")+3:]
		if at := strings.LastIndex(rest, "@"); at > 0 {
			if _, pw, ok := strings.Cut(rest[:at], ":"); ok {
				return pw
			}
		}
		if q := strings.Index(dsn, "password="); q >= 0 {
			v := dsn[q+len("password="):]
			if end := strings.IndexAny(v, "&#"); end >= 0 {
				v = v[:end]
			}
			return v
		}
	case "keywords", "unknown":
		return keywordValue(dsn, "password")
	}
	return ""
}

// keywordValue reads key's value from a keyword DSN ('quoted' or bare).
func keywordValue(dsn, key string) string {
	re := regexp.MustCompile(`(?:^|\s)` + regexp.QuoteMeta(key) + `\s*=\s*('((?:[^'\\]|\\.)*)'|\S*)`)
	m := re.FindStringSubmatch(dsn)
	if m == nil {
		return ""
	}
	if strings.HasPrefix(m[1], "'") {
		return m[2]
	}
	return m[1]
}

// Redact replaces every form of the password in s (from dsn) with "xxxxx".
func Redact(s, dsn string) string {
	pw := dsnPassword(dsn)
	if pw == "" {
		return s
	}
	out := strings.ReplaceAll(s, pw, "xxxxx")
	if esc := url.QueryEscape(pw); esc != pw {
		out = strings.ReplaceAll(out, esc, "xxxxx")
	}
	if esc := url.PathEscape(pw); esc != pw {
		out = strings.ReplaceAll(out, esc, "xxxxx")
	}
	return out
}

// redactedError hides a DSN's password in an error's text while keeping
// the error chain for errors.Is and errors.As.
type redactedError struct {
	err error
	dsn string
}

func (e *redactedError) Error() string { return Redact(e.err.Error(), e.dsn) }
func (e *redactedError) Unwrap() error { return e.err }

// DescribeDSN names a PostgreSQL server and database for people, never the
// password; a file path is returned as it is.
func DescribeDSN(dsn string) string {
	switch dsnKind(dsn) {
	case "url":
		u, err := url.Parse(dsn)
		if err != nil {
			return "postgres"
		}
		return "postgres://" + u.Host + u.Path
	case "keywords":
		host, db := keywordValue(dsn, "host"), keywordValue(dsn, "dbname")
		if host == "" {
			host = "localhost"
		}
		if port := keywordValue(dsn, "port"); port != "" {
			host += ":" + port
		}
		return "postgres://" + host + "/" + db
	case "unknown":
		return "(unrecognised database setting)"
	}
	return dsn
}
