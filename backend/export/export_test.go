package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var sample = Table{Name: "Accounts", Header: []string{"name", "mrr", "note"}, Rows: [][]any{
	{"=cmd|' /C calc'!A0", int64(49900), nil},
	{"Łódź Media", 1200, "+1 555"},
	{"Вектор", 3.5, true},
}}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sample); err != nil {
		t.Fatal(err)
	}
	want := "name,mrr,note\n'=cmd|' /C calc'!A0,49900,\nŁódź Media,1200,'+1 555\nВектор,3.5,true\n"
	if buf.String() != want {
		t.Errorf("csv = %q", buf.String())
	}
}

func TestWriteXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sample); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Accounts")
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(rows))
	for i, r := range rows {
		got[i] = strings.Join(r, "|")
	}
	want := "name|mrr|note ;'=cmd|' /C calc'!A0|49900 ;Łódź Media|1200|'+1 555 ;Вектор|3.5|TRUE"
	if strings.Join(got, " ;") != want {
		t.Errorf("rows = %q", strings.Join(got, " ;"))
	}
	if formula, _ := f.GetCellFormula("Accounts", "A2"); formula != "" {
		t.Errorf("A2 holds a formula: %q", formula)
	}
}

// TestSpreadsheetShowsFormulaAsText opens an exported CSV in LibreOffice
// Calc (installed by `make test`), saves it as a spreadsheet and reads the
// cells back: a name typed as =1+1 must stay text, never become 2.
func TestSpreadsheetShowsFormulaAsText(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed (scripts/deps.sh test installs it)")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Table{Name: "Accounts", Header: []string{"name", "mrr"}, Rows: [][]any{{"=1+1", 5}, {"@SUM(1,1)", 6}}}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "accounts.csv"), buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	convert := func(to, file, out string) {
		t.Helper()
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", to, "--outdir", out, file)
		if raw, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, raw)
		}
	}
	convert("xlsx", filepath.Join(dir, "accounts.csv"), filepath.Join(dir, "xlsx"))
	convert("csv", filepath.Join(dir, "xlsx", "accounts.xlsx"), filepath.Join(dir, "back"))
	back, err := os.ReadFile(filepath.Join(dir, "back", "accounts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "name,mrr\n'=1+1,5\n\"'@SUM(1,1)\",6\n"; strings.ReplaceAll(string(back), "\r\n", "\n") != want {
		t.Errorf("cells as the spreadsheet keeps them = %q, want %q", back, want)
	}
}
