package qbr

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"churndesk/backend/export"
)

// TestFileName: one ASCII name for every format; the same cases are in the
// frontend's src/deck/deck.test.ts.
func TestFileName(t *testing.T) {
	cases := []struct{ name, want string }{
		{"Sonnen Bau GmbH", "qbr-sonnen-bau-gmbh-2026-Q3.pdf"},
		{"Вектор Софт", "qbr-vektor-soft-2026-Q3.pdf"},
		{"Łódź Żółw & Syn", "qbr-lodz-zolw-syn-2026-Q3.pdf"},
		{"Щука, Ёж и Ко.", "qbr-shchuka-ezh-i-ko-2026-Q3.pdf"},
		{"Café Müller", "qbr-cafe-muller-2026-Q3.pdf"},
		{"  ***  ", "qbr-119-2026-Q3.pdf"},
		{"北京", "qbr-119-2026-Q3.pdf"},
		{"Мой край", "qbr-moy-kray-2026-Q3.pdf"},
	}
	for _, c := range cases {
		if got := FileName(c.name, 119, "2026-Q3", "pdf"); got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestOneTransliteration: the QBR slug, the general safe file name
// (export.SafeName, lower-cased) and the frontend's slug
// (src/deck/fileName.ts, tested in deck.test.ts) spell every case of the
// shared list the same way, й and ю included.
func TestOneTransliteration(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "deck", "testdata", "file-names.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases [][2]string
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10 {
		t.Fatalf("%d cases", len(cases))
	}
	for _, c := range cases {
		if got := Slug(c[0]); got != c[1] {
			t.Errorf("Slug(%q) = %q, want %q", c[0], got, c[1])
		}
		if got := strings.ToLower(export.SafeName(c[0], "")); got != c[1] {
			t.Errorf("SafeName(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}
