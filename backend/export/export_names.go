package export

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// latin spells the letters that do not decompose into a base letter and marks.
var latin = map[rune]string{
	'ł': "l", 'Ł': "L", 'ø': "o", 'Ø': "O", 'đ': "d", 'Đ': "D", 'ß': "ss", 'æ': "ae", 'Æ': "AE",
	'œ': "oe", 'Œ': "OE", 'þ': "th", 'Þ': "Th", 'ı': "i",
}

// cyrillic transliterates Russian (and Ukrainian and Belarusian) letters.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "i", 'є': "ie", 'ґ': "g", 'ў': "u",
}

// Spell is the one transliteration of a lower-case letter that has no
// ASCII base letter of its own: Cyrillic letters spelled out (й is "y",
// not и with a breve; ю "yu", я "ya") and Latin letters such as ł, ø, ß.
// File names of every kind (SafeName, QBR file names, the app's decks)
// follow it.
func Spell(r rune) (string, bool) {
	if t, ok := cyrillic[r]; ok {
		return t, true
	}
	t, ok := latin[r]
	return t, ok
}

// SafeName turns text (an account name, say) into a file-name part that
// every file system and unzip tool shows as written: ASCII letters, digits,
// '-' and '_' only. Accented and Cyrillic letters are transliterated; runs
// of anything else (spaces, dots, slashes, quotes, control and direction
// characters) become one '-'. Empty results become fallback.
func SafeName(text, fallback string) string {
	var b strings.Builder
	dash := func() {
		if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
			b.WriteByte('-')
		}
	}
	for _, whole := range norm.NFC.String(text) {
		// Whole letters first: й must not decompose into и and a breve.
		if lower := unicode.ToLower(whole); whole >= 128 {
			if t, ok := Spell(lower); ok {
				if lower != whole && t != "" {
					t = strings.ToUpper(t[:1]) + t[1:]
				}
				b.WriteString(t)
				continue
			}
		}
		for _, r := range norm.NFKD.String(string(whole)) {
			switch {
			case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'):
				b.WriteRune(r)
			case unicode.Is(unicode.Mn, r):
				// a combining mark of a decomposed letter: dropped
			default:
				dash()
			}
		}
	}
	out := strings.Trim(b.String(), "-_")
	if len(out) > 100 {
		out = strings.Trim(out[:100], "-_")
	}
	if out == "" {
		return fallback
	}
	return out
}

// SafeFileName is SafeName for a name with an extension ("report.pdf"):
// the extension is kept if it is letters and digits.
func SafeFileName(name, fallback string) string {
	base, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		base, ext = name[:i], name[i+1:]
	}
	for _, r := range ext {
		if r >= 128 || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			base, ext = name, ""
			break
		}
	}
	out := SafeName(base, fallback)
	if ext != "" {
		out += "." + ext
	}
	return out
}
