package qbr

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"churndesk/backend/export"
)

// Slug turns a name into lowercase ASCII for a file name: accents dropped,
// Cyrillic and Polish letters spelled out, anything else a hyphen:
// "Łódź Żółw" → "lodz-zolw", "Вектор Софт" → "vektor-soft". Letters are
// spelled by export.Spell, the one table every file name uses; the
// frontend's deck module (src/deck/fileName.ts) follows the same rule, and
// frontend/src/deck/testdata/file-names.json holds the cases all three pass.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	add := func(out string) {
		if out == "-" {
			dash = b.Len() > 0
			return
		}
		if out == "" {
			return
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(out)
	}
	for _, whole := range norm.NFC.String(strings.ToLower(name)) {
		if t, ok := export.Spell(whole); ok { // й is spelled whole, not as и with a breve
			add(t)
			continue
		}
		for _, r := range norm.NFD.String(string(whole)) {
			switch {
			case unicode.Is(unicode.Mn, r):
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				add(string(r))
			default:
				add("-")
			}
		}
	}
	return b.String()
}

// FileName is the one name of a QBR file in every format and in a batch
// ZIP: "qbr-<account>-<quarter>.<ext>" in ASCII, e.g.
// "qbr-sonnen-bau-2026-Q3.pdf"; an account whose name has no letters left
// is named by its id.
func FileName(account string, id int64, quarter, ext string) string {
	slug := Slug(account)
	if slug == "" {
		slug = fmt.Sprint(id)
	}
	return fmt.Sprintf("qbr-%s-%s.%s", slug, quarter, ext)
}
