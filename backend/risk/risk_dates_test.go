package risk

import (
	"testing"
	"time"

	"churndesk/backend/store"
)

// TestInstantOfAgreesWithTimeParse reads timestamps as the databases write
// them, and malformed ones, by hand and through store.NullTime (time.Parse
// over its layouts): both give the same instant, or both none, and the
// common forms take the hand-written path.
func TestInstantOfAgreesWithTimeParse(t *testing.T) {
	tests := []struct {
		in    string
		plain bool // read without time.Parse
		want  string
	}{
		{"2026-12-03 11:49:14.063478112+00:00", true, "2026-12-03T11:49:14.063478112Z"},
		{"2026-11-28 07:00:00+00:00", true, "2026-11-28T07:00:00Z"},
		{"2026-11-28 07:00:00+00", true, "2026-11-28T07:00:00Z"},
		{"2026-11-28 23:30:00.5-05:30", true, "2026-11-29T05:00:00.5Z"},
		{"2026-03-01 00:15:00+01:00", true, "2026-02-28T23:15:00Z"},
		{"2024-02-29 12:00:00.123-07", true, "2024-02-29T19:00:00.123Z"},
		{"2026-12-03T11:49:14Z", true, "2026-12-03T11:49:14Z"},
		{"2026-12-03 11:49:14", true, "2026-12-03T11:49:14Z"},
		{"2026-12-03", false, "2026-12-03T00:00:00Z"},
		{"2026-12-03 11:49:14.0634781129+00:00", false, "2026-12-03T11:49:14.063478112Z"},
		{"2026-12-03 11:49:14+24:00", false, "2026-12-02T11:49:14Z"},
		{"2026-02-29 10:00:00+00:00", false, ""},
		{"2026-12-03 24:00:00+00:00", false, ""},
		{"2026-12-03 11:49:14.+00:00", false, ""},
		{"2026-12-03 11:49:14 +00:00", false, ""},
		{"", false, ""},
		{"yesterday", false, ""},
	}
	for _, tt := range tests {
		_, plain := plainInstant(tt.in)
		got, ok := instantOf(tt.in)
		var oracle store.NullTime
		oracleOK := oracle.Scan(tt.in) == nil && oracle.Valid
		if plain != tt.plain || ok != (tt.want != "") || ok != oracleOK {
			t.Errorf("%q: plain %v ok %v, oracle ok %v; want plain %v ok %v", tt.in, plain, ok, oracleOK, tt.plain, tt.want != "")
			continue
		}
		if !ok {
			continue
		}
		want, _ := time.Parse(time.RFC3339Nano, tt.want)
		if !got.Equal(want) || !got.Equal(oracle.Time) {
			t.Errorf("%q: got %v, oracle %v, want %v", tt.in, got, oracle.Time, want)
		}
		if b, _ := instantOf([]byte(tt.in)); !b.Equal(got) {
			t.Errorf("%q as bytes: got %v, want %v", tt.in, b, got)
		}
	}
}

// TestDayOfReadsRealDaysOnly reads the date at the start of a value: a real
// calendar day, or none.
func TestDayOfReadsRealDaysOnly(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2026-12-03", "2026-12-03"},
		{"2024-02-29 00:00:00+00:00", "2024-02-29"},
		{"2026-01-31", "2026-01-31"},
		{"2026-04-31", ""},
		{"2026-02-29", ""},
		{"2026-13-01", ""},
		{"2026-00-10", ""},
		{"2026-1-10", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := dayOf(tt.in)
		if ok != (tt.want != "") || ok && got.Format(time.DateOnly) != tt.want {
			t.Errorf("dayOf(%q) = %v, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
