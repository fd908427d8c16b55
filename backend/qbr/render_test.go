package qbr

import (
	"reflect"
	"strings"
	"testing"
)

func sectionKeys(secs []section) []string {
	out := make([]string, len(secs))
	for i, s := range secs {
		out[i] = s.key
	}
	return out
}

// TestEmptySectionsAreLeftOutUnlessKept: an untouched report leaves out its
// empty summary, goals, risks and next goals; kept ones stay and say in the
// deck's words that they are empty; an experiment is never kept empty.
func TestEmptySectionsAreLeftOutUnlessKept(t *testing.T) {
	r := goldenReport(t, "en")
	r.Edited = emptyEdited()
	r.Value = Evaluate(r.Edited.Value)
	if got, want := sectionKeys(sections(r, Options{})), []string{"usage", "health", "nps", "partnership"}; !reflect.DeepEqual(got, want) {
		t.Errorf("untouched: %v, want %v", got, want)
	}
	r.Edited.Keep = []string{"risks", "summary", "experiment"}
	secs := sections(r, Options{})
	if got, want := sectionKeys(secs), []string{"summary", "usage", "health", "nps", "partnership", "risks"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("kept: %v, want %v", got, want)
	}
	if secs[0].title != "Executive summary" || !reflect.DeepEqual(secs[0].lines, []string{"No summary written yet."}) {
		t.Errorf("kept summary: %+v", secs[0])
	}
	r.Language = "ru"
	if secs := sections(r, Options{}); secs[len(secs)-1].lines[0] != "Риски не записаны." {
		t.Errorf("kept risks in Russian: %+v", secs[len(secs)-1])
	}
	md := Markdown(r, Options{})
	if !strings.Contains(md, "## Краткое резюме\n\nРезюме ещё не написано.") {
		t.Errorf("Markdown lacks the kept summary:\n%s", md)
	}
}

// TestInternalSections: the health breakdown and the loyalty tier appear
// only in an internal export; the breakdown follows the health trend and
// lists each component's score, share and points (a component without
// data reads "—").
func TestInternalSections(t *testing.T) {
	r := goldenReport(t, "pl")
	r.Computed.Tier = "Gold"
	public := sections(r, Options{})
	for _, s := range public {
		if s.key == "health_breakdown" || strings.Contains(strings.Join(s.lines, "\n"), "Gold") {
			t.Fatalf("customer-facing export shows internal %q: %v", s.key, s.lines)
		}
	}
	team := sections(r, Options{Internal: true})
	keys := sectionKeys(team)
	if len(keys) != len(public)+1 || keys[3] != "health_breakdown" || keys[2] != "health" {
		t.Fatalf("internal sections %v", keys)
	}
	b := team[3]
	if b.title != "Składniki kondycji (wewnętrzne)" || len(b.rows) != 6 {
		t.Fatalf("breakdown %+v", b)
	}
	// engagement trend 68.8 × 27.8 % = 19.1 points; CSM sentiment had no data.
	if got, want := b.rows[0], []string{"Trend zaangażowania", "68,8", "27,8", "19,1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("first row %v, want %v", got, want)
	}
	if got := b.rows[5]; got[1] != "—" || got[3] != "0" {
		t.Errorf("component without data: %v", got)
	}
	for _, s := range team {
		if s.key == "partnership" && s.lines[0] != "Poziom lojalności: Gold" {
			t.Errorf("partnership starts %q", s.lines[0])
		}
	}
	// Kept but empty, the breakdown says so — in an internal export only.
	r.Computed.HealthBreakdown, r.Edited.Keep = nil, []string{"health_breakdown"}
	if secs := sections(r, Options{Internal: true}); secs[3].key != "health_breakdown" || secs[3].lines[0] != "W tym kwartale nie zapisano składników kondycji." {
		t.Errorf("kept empty breakdown: %+v", secs[3])
	}
	if keys := sectionKeys(sections(r, Options{})); keys[3] == "health_breakdown" {
		t.Errorf("kept breakdown in a customer-facing export: %v", keys)
	}
}
