package qbr

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cyrillic spells Russian letters in ASCII.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f",
	'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'ł': "l", 'ß': "ss", 'æ': "ae", 'ø': "o", 'œ': "oe",
}

// Slug turns a name into lowercase ASCII for a file name: accents dropped,
// Cyrillic and Polish letters spelled out, anything else a hyphen:
// "Łódź Żółw" → "lodz-zolw", "Вектор Софт" → "vektor-soft". The frontend's
// deck module (src/deck/fileName.ts) follows the same rule.
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
		if t, ok := cyrillic[whole]; ok { // й is spelled whole, not as и with a breve
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
