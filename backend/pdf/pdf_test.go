package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPolishAndCyrillicSurvive renders a document and reads it back with
// pdftotext: every name must come out exactly as written.
func TestPolishAndCyrillicSurvive(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is missing on CI")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	d, err := New("Łódź Логистика")
	if err != nil {
		t.Fatal(err)
	}
	d.Title("Łódź Логистика sp. z o.o.", "Zażółć gęślą jaźń · Съешь же ещё этих мягких французских булок")
	d.Heading("Kroki / Шаги")
	d.KeyValues([][2]string{{"Klient", "Łódź Логистика sp. z o.o."}})
	d.Table([]string{"Item", "Due"}, []int{8, 4}, [][]string{{"Eksport danych", "2026-12-01"}, {"Прощальное письмо", "2026-12-05"}})
	raw, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", raw[:8])
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(file, raw, 0o600)
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Łódź Логистика sp. z o.o.", "Zażółć gęślą jaźń", "Прощальное письмо", "Eksport danych"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext lost %q:\n%s", want, out)
		}
	}
}
