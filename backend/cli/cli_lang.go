package cli

import (
	"context"
	"flag"
	"os"
	"strings"

	"churndesk/backend/fault"
	"churndesk/backend/texts"
)

// langFlag adds --lang, the language of the texts a command writes for people.
func langFlag(fl *flag.FlagSet) *string {
	return fl.String("lang", "", "language of the texts written: en, ru or pl (default: from $CHURNDESK_LANG, else $LANG, else en)")
}

// inLang returns ctx carrying the language asked for with --lang, else the
// one of the environment ($CHURNDESK_LANG, then $LANG such as ru_RU.UTF-8).
func inLang(ctx context.Context, lang string) (context.Context, error) {
	if lang != "" {
		if !texts.Supported(lang) {
			return ctx, fault.Field("lang", "must be en, ru or pl")
		}
		return texts.WithLang(ctx, lang), nil
	}
	for _, env := range []string{"CHURNDESK_LANG", "LANG"} {
		v, _, _ := strings.Cut(os.Getenv(env), ".") // ru_RU.UTF-8 → ru_RU
		if v = strings.ReplaceAll(v, "_", "-"); v != "" && v != "C" && v != "POSIX" {
			return texts.WithLang(ctx, texts.Match(v)), nil
		}
	}
	return texts.WithLang(ctx, "en"), nil
}
