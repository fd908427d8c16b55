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

// catalogues holds every language's messages by key: the general ones and
// each area's (a key belongs to one area only).
var catalogues = merge(
	map[string]map[string]any{"en": english, "ru": russian, "pl": polish},
	map[string]map[string]any{"en": englishErrors, "ru": russianErrors, "pl": polishErrors},
	map[string]map[string]any{"en": riskEnglish, "ru": riskRussian, "pl": riskPolish},
	notifyTexts, churnTexts, importTexts)

// merge joins per-language catalogues into one; a key defined twice panics.
func merge(parts ...map[string]map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, part := range parts {
		for lang, msgs := range part {
			if out[lang] == nil {
				out[lang] = map[string]any{}
			}
			for k, m := range msgs {
				if _, dup := out[lang][k]; dup {
					panic("texts: key " + k + " defined twice in " + lang)
				}
				out[lang][k] = m
			}
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

// Has reports whether lang's catalogue (or the English one) defines key.
func Has(lang, key string) bool {
	if _, ok := catalogues[lang][key]; ok {
		return true
	}
	_, ok := catalogues["en"][key]
	return ok
}
