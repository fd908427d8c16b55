package risk

import (
	"strings"
	"testing"
)

// TestFactorTextsFromTheCatalogues writes factors of each shape (a decimal,
// a grouped amount with its currency, a named value, no number at all) in
// the three languages from the server's catalogues.
func TestFactorTextsFromTheCatalogues(t *testing.T) {
	cases := []struct {
		f        Factor
		currency string
		want     map[string]string
	}{
		{Factor{Key: "declining", Args: map[string]float64{"slope": -3.5}, Effect: 1.84}, "", map[string]string{
			"en": "usage declining (-3.5 % a week): risk ×1.8",
			"ru": "использование падает (-3,5 % в неделю): риск ×1,8",
			"pl": "użycie spada (-3,5 % tygodniowo): ryzyko ×1,8",
		}},
		{Factor{Key: "log_mrr", Args: map[string]float64{"mrr": 12500}, Effect: 1.3}, "EUR", map[string]string{
			"en": "MRR 12,500 EUR: risk ×1.3",
			"ru": "MRR 12 500 EUR: риск ×1,3",
			"pl": "MRR 12 500 EUR: ryzyko ×1,3",
		}},
		{Factor{Key: "log_mrr", Args: map[string]float64{"mrr": 900}, Effect: 1.3}, "", map[string]string{
			"en": "MRR 900: risk ×1.3",
		}},
		{Factor{Key: "segment", Value: "smb", Args: map[string]float64{}, Effect: 2}, "", map[string]string{
			"en": "segment smb: risk ×2",
			"ru": "сегмент smb: риск ×2",
			"pl": "segment smb: ryzyko ×2",
		}},
		{Factor{Key: "inactive", Args: map[string]float64{"days": 25}, Effect: 3.04}, "", map[string]string{
			"en": "no activity for three weeks: risk ×3",
			"ru": "нет активности три недели: риск ×3",
			"pl": "brak aktywności od trzech tygodni: ryzyko ×3",
		}},
	}
	for _, tc := range cases {
		for lang, want := range tc.want {
			got := strings.ReplaceAll(factorText(lang, tc.f, tc.currency), "\u00a0", " ")
			if got != want {
				t.Errorf("%s %s: %q, want %q", tc.f.Key, lang, got, want)
			}
		}
	}
}
