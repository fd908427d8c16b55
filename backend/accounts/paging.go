package accounts

import (
	"sort"
	"strings"

	"churndesk/backend/fault"
)

// orderBy turns a sort parameter such as "-mrr" into an ORDER BY clause over
// the allowed columns, with the id as tie-breaker so pages never overlap.
func orderBy(param string, allowed map[string]string, fallback string) (string, error) {
	desc := strings.HasPrefix(param, "-")
	name := strings.TrimPrefix(param, "-")
	if name == "" {
		name = fallback
	}
	col, ok := allowed[name]
	if !ok {
		keys := make([]string, 0, len(allowed))
		for k := range allowed {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return "", fault.Field("sort", "must be one of: "+strings.Join(keys, ", ")+" (prefix - for descending)")
	}
	if desc {
		return col + " DESC, id DESC", nil
	}
	return col + " ASC, id ASC", nil
}

func limitOrDefault(limit int) int {
	if limit <= 0 {
		return DefaultLimit
	}
	return limit
}

// escapeLike escapes LIKE wildcards so a search for "50%" matches literally.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
