package export

import (
	"bytes"
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
