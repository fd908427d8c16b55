package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestVersionOnePlace checks that the VERSION file is a plain
// MAJOR.MINOR.PATCH, that the binary embeds it, and that wails.json (which
// names the Windows installer and its uninstall entry) says the same.
func TestVersionOnePlace(t *testing.T) {
	raw, err := os.ReadFile("VERSION")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(raw))
	if !regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`).MatchString(want) {
		t.Fatalf("VERSION = %q, want MAJOR.MINOR.PATCH", want)
	}
	if got := strings.TrimSpace(version); got != want {
		t.Errorf("embedded version = %q, want %q", got, want)
	}
	var project struct {
		Info struct {
			ProductVersion string `json:"productVersion"`
		} `json:"info"`
	}
	b, err := os.ReadFile("wails.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &project); err != nil {
		t.Fatalf("wails.json: %v", err)
	}
	if project.Info.ProductVersion != want {
		t.Errorf("wails.json info.productVersion = %q, want %q (the VERSION file)", project.Info.ProductVersion, want)
	}
}
