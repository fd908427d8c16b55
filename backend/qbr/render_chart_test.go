package qbr

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"churndesk/backend/texts"
)

// goldenReport reads the golden Q3 report (a real report of the demo data).
func goldenReport(t testing.TB, lang string) Report {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "report-2026-Q3.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	r.Language = lang
	return r
}

// TestChartsArePrintResolution: a usage chart is the page's 174 mm width by
// 62 mm at 300 dpi (2,055 × 732 pixels), an NPS chart 80 mm wide; a
// report without health weeks or NPS answers has no chart for them.
func TestChartsArePrintResolution(t *testing.T) {
	if err := loadChartFont(); err != nil {
		t.Fatal(err)
	}
	r := goldenReport(t, "ru")
	for _, c := range []struct {
		name string
		draw func(Report) ([]byte, error)
		w, h int
	}{{"usage", usageChart, 2055, 732}, {"health", healthChart, 2055, 732}, {"nps", npsChart, 945, 732}, {"experiment", experimentChart, 2055, 732}} {
		raw, err := c.draw(r)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if b := img.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("%s chart is %d×%d, want %d×%d", c.name, b.Dx(), b.Dy(), c.w, c.h)
		}
	}
	r.Computed.Health, r.Computed.NPS.Responses, r.Value.Experiment = nil, 0, nil
	for name, draw := range map[string]func(Report) ([]byte, error){"health": healthChart, "nps": npsChart, "experiment": experimentChart} {
		if raw, err := draw(r); raw != nil || err != nil {
			t.Errorf("%s chart of an empty section: %d bytes, %v", name, len(raw), err)
		}
	}
}

// TestShortDateOnTheAxis writes a week under the health chart in each language.
func TestShortDateOnTheAxis(t *testing.T) {
	r := goldenReport(t, "en")
	week := r.Computed.Health[0].Week.Time // 2026-07-06, the quarter's first reported week
	for lang, want := range map[string]string{"en": "Jul 6", "ru": "6 июл.", "pl": "6 lip"} {
		if got := texts.DayMonth(lang, week); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// TestPDFHasTheDecksCharts: the document of the golden report carries four
// 300 dpi pictures (usage, health, NPS, experiment), as pdfimages lists them.
func TestPDFHasTheDecksCharts(t *testing.T) {
	raw, err := PDF(goldenReport(t, "pl"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(raw, []byte("/Subtype /Image")); n != 4 {
		t.Errorf("%d images in the PDF, want 4", n)
	}
	if _, err := exec.LookPath("pdfimages"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdfimages is missing on CI")
		}
		t.Skip("pdfimages is not installed")
	}
	file := filepath.Join(t.TempDir(), "qbr.pdf")
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(lines) != 4 {
		t.Fatalf("pdfimages lists %d images:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if f := strings.Fields(l); len(f) < 14 || f[12] != "300" || f[13] != "300" {
			t.Errorf("image not at 300 ppi: %s", l)
		}
	}
}

// BenchmarkPDFWithCharts renders the golden report's document with its
// four charts (the rendering only; the report's figures are computed
// elsewhere).
func BenchmarkPDFWithCharts(b *testing.B) {
	r := goldenReport(b, "en")
	for b.Loop() {
		if _, err := PDF(r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
