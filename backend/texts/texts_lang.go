// Package texts writes the server's words for people in the user's language
// (English, Russian or Polish): message catalogues built on
// golang.org/x/text/message with CLDR plural rules, and numbers, money and
// dates formatted the way each language writes them. Stored texts keep a
// message key and its arguments (Msg) so they can be written again in any
// language later.
package texts

import (
	"context"
	"strings"

	"golang.org/x/text/language"
)

// Languages are the supported languages, English first (the fallback).
var Languages = []string{"en", "ru", "pl"}

var tags = []language.Tag{language.English, language.Russian, language.Polish}

var matcher = language.NewMatcher(tags)

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Match picks the supported language that best fits an Accept-Language
// header value (or a bare code such as "ru-RU"); English when none fits.
func Match(accept string) string {
	accept = strings.TrimSpace(accept)
	if accept == "" {
		return "en"
	}
	wanted, _, err := language.ParseAcceptLanguage(accept)
	if err != nil || len(wanted) == 0 {
		return "en"
	}
	_, i, conf := matcher.Match(wanted...)
	if conf == language.No {
		return "en"
	}
	return Languages[i]
}

type langKey struct{}

// WithLang returns ctx carrying lang as the language of what is written for
// the person asking; an unsupported lang leaves English.
func WithLang(ctx context.Context, lang string) context.Context {
	if !Supported(lang) {
		lang = "en"
	}
	return context.WithValue(ctx, langKey{}, lang)
}

// Lang is the language ctx carries, English when it carries none.
func Lang(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	return "en"
}

func tag(lang string) language.Tag {
	for i, l := range Languages {
		if l == lang {
			return tags[i]
		}
	}
	return language.English
}
