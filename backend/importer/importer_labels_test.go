package importer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestEveryFieldHasALabelInEachLanguage keeps the wizard from showing a raw
// catalogue key: each importable field needs a label in en, ru and pl.
func TestEveryFieldHasALabelInEachLanguage(t *testing.T) {
	for _, lang := range []string{"en", "ru", "pl"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "i18n", "integrations", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var bundle struct {
			Integrations struct {
				Fields map[string]string `json:"fields"`
			} `json:"integrations"`
		}
		if err := json.Unmarshal(raw, &bundle); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		for kind, f := range Fields {
			for _, field := range append(append([]string{}, f.Required...), f.Optional...) {
				if bundle.Integrations.Fields[field] == "" {
					t.Errorf("%s: the %s field %q has no label", lang, kind, field)
				}
			}
		}
	}
}
