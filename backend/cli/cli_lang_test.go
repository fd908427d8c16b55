package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestTasksInTheAskedLanguage lists the demo's due tasks in Russian and
// Polish (--lang, then $CHURNDESK_LANG) and refuses a language it lacks.
func TestTasksInTheAskedLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lang.db")
	if code, _, errOut := run(t, context.Background(), "demo", "--db", db, "--accounts", "40", "--seed", "3"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	t.Setenv("CHURNDESK_LANG", "")
	t.Setenv("LANG", "C.UTF-8")
	code, en, errOut := run(t, context.Background(), "tasks", "--db", db, "--json")
	if code != 0 || !strings.Contains(en, `"title": "`) {
		t.Fatalf("tasks: %d %s %s", code, en, errOut)
	}
	code, ru, _ := run(t, context.Background(), "tasks", "--db", db, "--json", "--lang", "ru")
	if code != 0 || ru == en || !strings.ContainsAny(ru, "абвгдежзийклмнопрстуфхцчшщыэюя") {
		t.Errorf("tasks --lang ru:\n%s", ru)
	}
	t.Setenv("CHURNDESK_LANG", "pl")
	if _, pl, _ := run(t, context.Background(), "tasks", "--db", db, "--json"); pl == en || pl == ru {
		t.Errorf("tasks with CHURNDESK_LANG=pl:\n%s", pl)
	}
	if code, _, errOut := run(t, context.Background(), "tasks", "--db", db, "--lang", "de"); code != 1 || !strings.Contains(errOut, "lang") {
		t.Errorf("--lang de: code %d, %q", code, errOut)
	}
}
