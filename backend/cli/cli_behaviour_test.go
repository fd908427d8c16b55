package cli_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"churndesk/backend/churn"
	"churndesk/backend/cli"
)

func TestUnknownCommandExitsTwoWithTheList(t *testing.T) {
	for _, args := range [][]string{{"forecast"}, {"forecast", "train"}, {"serv"}} {
		if !cli.IsCommand(args) {
			t.Fatalf("%v: not taken as a command, so the desktop window would open", args)
		}
		code, out, errOut := run(t, context.Background(), args...)
		if code != 2 || out != "" {
			t.Errorf("%v: code %d, stdout %q; want 2 and nothing on stdout", args, code, out)
		}
		if !strings.HasPrefix(errOut, `churndesk: unknown command "`+args[0]+`"`) || !strings.Contains(errOut, "  serve ") || !strings.Contains(errOut, "  version ") {
			t.Errorf("%v: stderr %q lacks the message and the list of commands", args, errOut)
		}
	}
	if cli.IsCommand([]string{"--db", "x.db"}) || cli.IsCommand(nil) {
		t.Error("desktop options were taken as a command")
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, name := range cli.Commands {
		for _, flag := range []string{"-h", "--help"} {
			code, out, errOut := run(t, context.Background(), name, flag)
			if code != 0 {
				t.Errorf("%s %s: code %d, stderr %q", name, flag, code, errOut)
			}
			if !strings.Contains(out+errOut, name) {
				t.Errorf("%s %s printed no help naming the command: %q %q", name, flag, out, errOut)
			}
		}
	}
	code, out, _ := run(t, context.Background(), "help")
	if code != 0 || !strings.HasPrefix(out, "Usage: churndesk") {
		t.Errorf("help: code %d, %q", code, out)
	}
}

func TestFailuresGoToStderrWithNonZeroExit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fail.db")
	code, out, errOut := run(t, context.Background(), "qbr", "--db", db)
	if code != 1 || out != "" || errOut != "churndesk qbr: Some fields are not valid.\n  account: is required: the account's id\n" {
		t.Errorf("qbr without account: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = run(t, context.Background(), "export", "--db", db, "--kind", "nothing", "-o", "-")
	if code != 1 || !strings.Contains(errOut, "kind") {
		t.Errorf("export of an unknown kind: code %d, stderr %q", code, errOut)
	}
}

func TestDashOMeansStandardOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "out.db")
	if code, _, errOut := run(t, context.Background(), "demo", "--db", db, "--accounts", "12"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	t.Chdir(dir)
	code, out, errOut := run(t, context.Background(), "export", "--db", db, "--kind", "accounts", "-o", "-")
	if code != 0 {
		t.Fatalf("export -o -: code %d, %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 13 || !strings.HasPrefix(lines[0], "id,") {
		t.Errorf("export -o - wrote %d lines starting %q; want a header and 12 accounts", len(lines), lines[0])
	}
	code, out, _ = run(t, context.Background(), "openapi", "-o", "-")
	if code != 0 || !strings.HasPrefix(out, "{") || !strings.Contains(out, `"openapi"`) {
		t.Errorf("openapi -o -: code %d, %.40q", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); !os.IsNotExist(err) {
		t.Errorf("a file named - was written: %v", err)
	}
}

// TestExportInTheAskedLanguage: `export --kind churn --lang ru` names every
// record's reason in Russian, row for row with the English export.
func TestExportInTheAskedLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lang.db")
	if code, _, errOut := run(t, context.Background(), "demo", "--db", db, "--accounts", "40"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	rows := map[string][][]string{}
	for _, lang := range []string{"en", "ru"} {
		code, out, errOut := run(t, context.Background(), "export", "--db", db, "--kind", "churn", "--lang", lang, "-o", "-")
		if code != 0 {
			t.Fatalf("export --lang %s: %s", lang, errOut)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		rows[lang] = recs
	}
	if len(rows["en"]) < 2 || len(rows["en"]) != len(rows["ru"]) || rows["en"][0][5] != "reason" {
		t.Fatalf("en %d rows, ru %d rows, header %q", len(rows["en"]), len(rows["ru"]), rows["en"][0])
	}
	ru := map[string]string{}
	for _, r := range churn.DefaultSettings().Reasons {
		ru[r.Labels.EN] = r.Labels.RU
	}
	for i := 1; i < len(rows["en"]); i++ {
		en, got := rows["en"][i][5], rows["ru"][i][5]
		if want, ok := ru[en]; !ok || got != want {
			t.Errorf("row %d: reason %q in en, %q in ru, want %q", i, en, got, want)
		}
	}
	if code, _, errOut := run(t, context.Background(), "export", "--db", db, "--kind", "churn", "--lang", "de", "-o", "-"); code != 1 || !strings.Contains(errOut, "lang") {
		t.Errorf("--lang de: code %d, %q", code, errOut)
	}
}
