// Package importer reads CSV exports (any of UTF-8 with or without BOM,
// Windows-1250 or Windows-1251; comma, semicolon or tab), maps their columns
// to ChurnDesk fields, reports every bad row, and writes the good ones in one
// transaction.
package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"churndesk/backend/fault"
)

// Table is a decoded CSV file.
type Table struct {
	Encoding  string     `json:"encoding" enum:"utf-8,windows-1250,windows-1251"`
	Delimiter string     `json:"delimiter"`
	Header    []string   `json:"header"`
	Rows      [][]string `json:"-"`
}

// ReadTable decodes raw CSV bytes, detecting the encoding and delimiter.
func ReadTable(raw []byte) (*Table, error) {
	text, enc := decode(raw)
	delim := sniffDelimiter(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, fault.BadRequest("The file is empty: a header row is expected.")
	}
	if err != nil {
		return nil, fault.BadRequest(fmt.Sprintf("The header row could not be read: %v", err))
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	t := &Table{Encoding: enc, Delimiter: string(delim), Header: header}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fault.BadRequest(fmt.Sprintf("Row %d could not be read: %v", len(t.Rows)+2, err))
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		t.Rows = append(t.Rows, rec)
	}
	return t, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decode turns raw into text. Valid UTF-8 (BOM or not) is taken as it is;
// otherwise the Windows code page whose words look like real words wins:
// Cyrillic words are all Cyrillic, while Central European words mix plain
// Latin letters with a few accented ones. Read in the wrong code page, a
// Russian word turns into a run of accented Latin letters, and a Polish word
// into Latin mixed with stray Cyrillic.
func decode(raw []byte) (string, string) {
	raw = bytes.TrimPrefix(raw, utf8BOM)
	if utf8.Valid(raw) {
		return string(raw), "utf-8"
	}
	cyr, _ := charmap.Windows1251.NewDecoder().Bytes(raw)
	ce, _ := charmap.Windows1250.NewDecoder().Bytes(raw)
	if wordScore(string(cyr), true) > wordScore(string(ce), false) {
		return string(cyr), "windows-1251"
	}
	return string(ce), "windows-1250"
}

// wordScore rates how plausible the words holding non-ASCII letters are,
// weighted by their length.
func wordScore(text string, cyrillic bool) int {
	score := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		var ascii, other, cyr int
		for _, r := range w {
			switch {
			case r <= unicode.MaxASCII:
				ascii++
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			default:
				other++
			}
		}
		n := ascii + other + cyr
		if n == ascii {
			continue
		}
		good := ascii > 0 && cyr == 0
		if cyrillic {
			good = cyr == n
		}
		if good {
			score += n
		} else {
			score -= n
		}
	}
	return score
}

// sniffDelimiter picks the most frequent of , ; and tab in the header line.
func sniffDelimiter(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	best, count := ',', strings.Count(line, ",")
	for _, d := range []rune{';', '\t'} {
		if c := strings.Count(line, string(d)); c > count {
			best, count = d, c
		}
	}
	return best
}
