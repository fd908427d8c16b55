package store

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is how dates are written in JSON, CSV and the database.
const DateLayout = "2006-01-02"

// Date is a calendar day without a time of day, stored as DATE.
type Date struct {
	time.Time
}

// NewDate returns the Date of t's calendar day in t's location.
func NewDate(t time.Time) Date {
	return Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// ParseDate reads a YYYY-MM-DD string.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return Date{t}, nil
}

// ParseDatePtr reads an optional YYYY-MM-DD string; "" gives nil.
func ParseDatePtr(s string) (*Date, error) {
	if s == "" {
		return nil, nil
	}
	d, err := ParseDate(s)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string { return d.Format(DateLayout) }

// MarshalJSON writes the date as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Value stores the date as a YYYY-MM-DD string, which both engines accept for DATE.
func (d Date) Value() (driver.Value, error) { return d.String(), nil }

// Scan reads a DATE column from SQLite (string or time) or PostgreSQL (time).
func (d *Date) Scan(v any) error {
	switch x := v.(type) {
	case time.Time:
		*d = NewDate(x)
		return nil
	case string:
		return d.scanString(x)
	case []byte:
		return d.scanString(string(x))
	default:
		return fmt.Errorf("scan date: unsupported %T", v)
	}
}

func (d *Date) scanString(s string) error {
	if len(s) >= len(DateLayout) {
		s = s[:len(DateLayout)]
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// GormDataType makes GORM create DATE columns.
func (Date) GormDataType() string { return "date" }

// NullTime scans a timestamp that may be NULL, including SQLite's text form
// that aggregates such as MAX() return without the column's type.
type NullTime struct {
	Time  time.Time
	Valid bool
}

// timeLayouts are the text forms timestamps come back in: as the SQLite
// driver writes them, and as PostgreSQL casts a timestamptz to text.
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07",
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// Scan reads NULL, a time, or a timestamp string.
func (n *NullTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*n = NullTime{}
		return nil
	case time.Time:
		*n = NullTime{Time: x, Valid: true}
		return nil
	case []byte:
		return n.Scan(string(x))
	case string:
		for _, layout := range timeLayouts {
			if t, err := time.Parse(layout, x); err == nil {
				*n = NullTime{Time: t, Valid: true}
				return nil
			}
		}
		return fmt.Errorf("scan time: cannot read %q", x)
	default:
		return fmt.Errorf("scan time: unsupported %T", v)
	}
}

// Value writes the time, or NULL.
func (n NullTime) Value() (driver.Value, error) {
	if !n.Valid {
		return nil, nil
	}
	return n.Time, nil
}
