// Package importer reads CSV exports (any of UTF-8 with or without BOM,
// Windows-1250 or Windows-1251; comma, semicolon or tab), maps their columns
// to ChurnDesk fields, reports every bad row, and writes the good ones in one
// transaction.
package importer

import (
	"bufio"
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
	st, err := openStream(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	t := &st.Table
	for {
		rec, err := st.next()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, rec)
	}
}

// tableStream reads a CSV file record by record, so that a large file is
// never held in memory as rows. Its Table has the header but no rows.
type tableStream struct {
	Table
	r    *csv.Reader
	read int
}

// openStream detects src's encoding and delimiter and reads its header.
// UTF-8 (the common case) is read as it goes, after one pass that checks
// it is valid; a file in a Windows code page is decoded whole first, as
// telling 1250 from 1251 needs its words.
func openStream(src io.ReadSeeker) (*tableStream, error) {
	valid, err := validUTF8(src)
	if err != nil {
		return nil, fault.BadRequest(fmt.Sprintf("The file could not be read: %v", err))
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("rewind the file: %w", err)
	}
	var br *bufio.Reader
	enc := "utf-8"
	if valid {
		br = bufio.NewReaderSize(src, 256<<10)
		if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
			_, _ = br.Discard(len(utf8BOM))
		}
	} else {
		raw, err := io.ReadAll(src)
		if err != nil {
			return nil, fault.BadRequest(fmt.Sprintf("The file could not be read: %v", err))
		}
		var text string
		text, enc = decode(raw)
		br = bufio.NewReaderSize(strings.NewReader(text), 256<<10)
	}
	head, _ := br.Peek(64 << 10)
	delim := sniffDelimiter(string(head))
	r := csv.NewReader(br)
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
	return &tableStream{Table: Table{Encoding: enc, Delimiter: string(delim), Header: header}, r: r}, nil
}

// next returns the next non-blank record, or io.EOF after the last.
func (st *tableStream) next() ([]string, error) {
	for {
		rec, err := st.r.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			return nil, fault.BadRequest(fmt.Sprintf("Row %d could not be read: %v", st.read+2, err))
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		st.read++
		return rec, nil
	}
}

// validUTF8 reads src to its end and reports whether it is valid UTF-8.
func validUTF8(src io.Reader) (bool, error) {
	buf := make([]byte, 256<<10)
	carry := 0
	for {
		n, err := src.Read(buf[carry:])
		n += carry
		if err == io.EOF || (err == nil && n == 0) {
			return utf8.Valid(buf[:n]), nil
		}
		if err != nil {
			return false, err
		}
		// Keep an incomplete rune at the end for the next read.
		end := n
		for back := 1; back <= utf8.UTFMax-1 && back <= n; back++ {
			if utf8.RuneStart(buf[n-back]) {
				if !utf8.FullRune(buf[n-back : n]) {
					end = n - back
				}
				break
			}
		}
		if !utf8.Valid(buf[:end]) {
			return false, nil
		}
		carry = copy(buf, buf[end:n])
	}
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
