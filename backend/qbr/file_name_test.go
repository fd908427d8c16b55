package qbr

import "testing"

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
