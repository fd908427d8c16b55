package texts

import (
	"fmt"
	"sort"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"
)

// Plural is a message whose words follow a count (its first argument) by
// the language's CLDR plural rules: English uses One and Other, Russian
// One, Few and Many, Polish One, Few and Many (Other is for fractions).
type Plural struct {
	One, Few, Many, Other string
}

// catalogues holds every language's messages by key.
var catalogues = map[string]map[string]any{
	"en": merged(english, englishErrors, riskEnglish),
	"ru": merged(russian, russianErrors, riskRussian),
	"pl": merged(polish, polishErrors, riskPolish),
}

// merged joins catalogue parts into one map; a key in two parts is a mistake.
func merged(parts ...map[string]any) map[string]any {
	out := map[string]any{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic("texts: key " + k + " is in two catalogue parts")
			}
			out[k] = v
		}
	}
	return out
}

var catalogue = build()

func build() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for lang, msgs := range catalogues {
		t := tag(lang)
		for key, m := range msgs {
			var err error
			switch v := m.(type) {
			case string:
				err = b.SetString(t, key, v)
			case Plural:
				var cases []any
				for _, c := range []struct {
					form plural.Form
					text string
				}{{plural.One, v.One}, {plural.Few, v.Few}, {plural.Many, v.Many}, {plural.Other, v.Other}} {
					if c.text != "" {
						cases = append(cases, c.form, c.text)
					}
				}
				err = b.Set(t, key, plural.Selectf(1, "%d", cases...))
			default:
				err = fmt.Errorf("unexpected %T", m)
			}
			if err != nil {
				panic(fmt.Sprintf("texts: catalogue %s %s: %v", lang, key, err))
			}
		}
	}
	return b
}

// Keys lists the message keys of lang's catalogue, sorted.
func Keys(lang string) []string {
	var out []string
	for k := range catalogues[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Text writes the catalogue message key with args in lang; arguments may be
// plain Go values (strings, ints, floats) or Arg values.
func Text(lang, key string, args ...any) string {
	vals := make([]any, len(args))
	for i, a := range args {
		if arg, ok := a.(Arg); ok {
			vals[i] = arg.value(lang)
		} else {
			vals[i] = a
		}
	}
	return printer(lang).Sprintf(key, vals...)
}

// English returns the English text of key as written in the catalogue (a
// format with positional verbs; the Other form of a plural) and whether it exists.
func English(key string) (string, bool) {
	switch v := catalogues["en"][key].(type) {
	case string:
		return v, true
	case Plural:
		return v.Other, true
	}
	return "", false
}
