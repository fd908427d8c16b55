package importer

import (
	"testing"
	"unicode/utf8"
)

// FuzzReadTable feeds arbitrary bytes to the CSV reader: it must never
// panic, and whatever it returns must be valid UTF-8 with a header.
func FuzzReadTable(f *testing.F) {
	for _, seed := range []string{
		"Name,City\nAcme,Berlin\n",
		"\ufeffa;b;c\n1;2;3\n",
		"a\tb\n\"quoted\ttab\"\tx\n",
		"\"unterminated,quote\n1,2\n",
		"x\n\xff\xfe\xfd\n",
		"",
		",,,\n,,,\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		tab, err := ReadTable(raw)
		if err != nil {
			return
		}
		if len(tab.Header) == 0 {
			t.Fatal("a table without a header")
		}
		for _, row := range tab.Rows {
			for _, cell := range row {
				if !utf8.ValidString(cell) {
					t.Fatalf("invalid UTF-8 cell %q", cell)
				}
			}
		}
	})
}

// FuzzColumns maps arbitrary headers: it must never panic, and every column
// it returns must exist in the header.
func FuzzColumns(f *testing.F) {
	f.Add("Domain,Week,Users", "Domain", "Week", "Users")
	f.Add("a;b", "A", "b", "")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, header, account, week, users string) {
		tab, err := ReadTable([]byte(header + "\n"))
		if err != nil {
			return
		}
		cols, err := columns(tab.Header, map[string]string{"account": account, "week_start": week, "active_users": users},
			map[string]string{"account": account}, Fields["usage"].Required, Fields["usage"].Optional)
		if err != nil {
			return
		}
		for f, i := range cols {
			if i < 0 || i >= len(tab.Header) {
				t.Fatalf("field %s mapped to column %d of %d", f, i, len(tab.Header))
			}
		}
	})
}
