package qbr_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/qbr"
	"churndesk/backend/store"
)

var update = flag.Bool("update", false, "rewrite the golden report")

var today = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// demoBackend loads the 120-account sample portfolio (seed 1) on a fixed day.
func demoBackend(t *testing.T) (*boot.Backend, int64) {
	t.Helper()
	b, err := boot.OpenWith(context.Background(), filepath.Join(t.TempDir(), "qbr.db"), func() time.Time { return today }, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if _, err := b.Demo.Load(context.Background(), demo.Options{Accounts: 120, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	var acc store.Account
	if err := b.Store.Read(context.Background()).Where("segment = ? AND status = ?", "mid_market", "active").Order("id").First(&acc).Error; err != nil {
		t.Fatal(err)
	}
	return b, acc.ID
}

// TestGoldenReport pins the report JSON of a fixed demo account and quarter.
func TestGoldenReport(t *testing.T) {
	b, id := demoBackend(t)
	ctx := context.Background()
	_, err := b.QBR.Save(ctx, "Sarah Chen", id, "2026-Q3", qbr.SaveInput{Status: "draft", Language: "en", Edited: qbr.Edited{
		ExecutiveSummary: "Adoption grew in the sales team; reporting still manual in finance.",
		Goals:            []qbr.Goal{{Goal: "Roll out to the sales team", Outcome: "42 of 50 seats active", Status: "partly"}},
		Value: qbr.Value{KPIs: []qbr.KPI{{Name: "Hours on weekly reporting", Unit: qbr.UnitHours, Direction: qbr.Lower, Before: 20, After: 12}},
			Experiment: &qbr.Experiment{Description: "Sales EMEA used playbooks; Sales NA did not.", KPIs: []qbr.ExperimentKPI{
				{Name: "Days to close", Unit: qbr.UnitDays, Direction: qbr.Lower, TargetBefore: 40, TargetAfter: 33, ControlBefore: 41, ControlAfter: 39}}}},
		Risks: []string{"Champion leaves in Q1"}, NextGoals: []string{"Automate the finance report"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := b.QBR.Report(ctx, id, "2026-Q3")
	if err != nil {
		t.Fatal(err)
	}
	r.UpdatedAt = nil // the save time is the wall clock's
	got, _ := json.MarshalIndent(r, "", "  ")
	file := filepath.Join("testdata", "report-2026-Q3.json")
	if *update {
		os.WriteFile(file, append(got, '\n'), 0o644)
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("golden file: %v (run go test ./backend/qbr -run TestGoldenReport -update)", err)
	}
	if strings.TrimSpace(string(got)) != strings.TrimSpace(string(want)) {
		t.Errorf("report differs from %s; if the change is intended, run with -update and review the diff", file)
	}
	// Days to close: target −7, control −2 → uplift −5, an improvement.
	if e := r.Value.Experiment[0]; e.Uplift != -5 || !e.Improved || r.Status != "draft" || r.UpdatedBy != "Sarah Chen" {
		t.Errorf("experiment %+v, status %s", e, r.Status)
	}
	if len(r.Computed.Usage) != 4 || r.Computed.Commercial.Currency == "" {
		t.Errorf("computed = %+v", r.Computed)
	}
}

func TestRussianPDFAndDueList(t *testing.T) {
	b, id := demoBackend(t)
	ctx := context.Background()
	if _, err := b.QBR.Save(ctx, "Dmitri", id, "2026-Q4", qbr.SaveInput{Status: "final", Language: "ru", Edited: qbr.Edited{
		ExecutiveSummary: "Команда продаж перешла на новые отчёты.", Risks: []string{"Бюджет на следующий год не утверждён"}}}); err != nil {
		t.Fatal(err)
	}
	due, err := b.QBR.Due(ctx, qbr.DueQuery{Quarter: "2026-Q4"})
	if err != nil {
		t.Fatal(err)
	}
	final := 0
	for _, d := range due.Items {
		if d.Status == "final" {
			final++
		}
		if d.Segment == "smb" && d.AccountID != id {
			t.Errorf("a small-business account without a report is listed: %+v", d)
		}
	}
	if due.Total == 0 || final != 1 {
		t.Errorf("due = %d, final %d", due.Total, final)
	}
	raw, err := b.QBR.PDF(ctx, id, "2026-Q4", qbr.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing on CI")
		}
		t.Skip("pdftotext is not installed")
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(file, raw, 0o600)
	out, _ := exec.Command("pdftotext", file, "-").Output()
	r, _ := b.QBR.Report(ctx, id, "2026-Q4")
	for _, want := range []string{r.Account.Name, "Квартальный бизнес-обзор 2026-Q4", "Команда продаж перешла на новые отчёты.", "Бюджет на следующий год не утверждён"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	if _, err := b.QBR.Report(ctx, id, "2026-Q5"); err == nil {
		t.Error("quarter 2026-Q5 accepted")
	}
}

// TestBatchNamesAreASCII: a quarter's batch holds one PDF per due account,
// every entry named by the one file-name rule in ASCII (a Cyrillic and a
// Polish name transliterated), and each PDF opens.
func TestBatchNamesAreASCII(t *testing.T) {
	b, _ := demoBackend(t)
	ctx := context.Background()
	first, _ := b.QBR.Due(ctx, qbr.DueQuery{Quarter: "2026-Q3", Limit: 2})
	if len(first.Items) < 2 {
		t.Fatal("fewer than two QBRs due")
	}
	rename := func(id int64, name string) {
		if err := b.Store.Tx(ctx, func(tx *gorm.DB) error {
			return tx.Model(&store.Account{}).Where("id = ?", id).Update("name", name).Error
		}); err != nil {
			t.Fatal(err)
		}
	}
	rename(first.Items[0].AccountID, "Вектор Софт")
	rename(first.Items[1].AccountID, "Łódź Żółw")
	raw, lines, err := b.QBR.Batch(ctx, "2026-Q3")
	if err != nil {
		t.Fatal(err)
	}
	due, _ := b.QBR.Due(ctx, qbr.DueQuery{Quarter: "2026-Q3", Limit: 500})
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		for _, r := range f.Name {
			if r > 127 {
				t.Errorf("entry %q is not ASCII", f.Name)
				break
			}
		}
		if f.Name == "results.txt" {
			continue
		}
		rc, _ := f.Open()
		head := make([]byte, 5)
		io.ReadFull(rc, head)
		rc.Close()
		if string(head) != "%PDF-" {
			t.Errorf("%s does not open as a PDF: %q", f.Name, head)
		}
	}
	if len(zr.File) != int(due.Total)+1 || len(lines) != int(due.Total) {
		t.Errorf("%d entries and %d lines for %d due accounts", len(zr.File), len(lines), due.Total)
	}
	for _, want := range []string{"qbr-vektor-soft-2026-Q3.pdf", "qbr-lodz-zolw-2026-Q3.pdf", "results.txt"} {
		if !names[want] {
			t.Errorf("no entry %s in %v", want, names)
		}
	}
}

// TestSamplePortfolioHasFinishedQBRs: the sample portfolio finishes last
// quarter's QBRs of its three biggest due accounts, from their drafts.
func TestSamplePortfolioHasFinishedQBRs(t *testing.T) {
	b, _ := demoBackend(t)
	ctx := context.Background()
	final, err := b.QBR.Due(ctx, qbr.DueQuery{Quarter: "2026-Q3", Status: "final"})
	if err != nil {
		t.Fatal(err)
	}
	if final.Total != 3 {
		t.Fatalf("%d finished QBRs in 2026-Q3, want 3", final.Total)
	}
	for _, d := range final.Items {
		r, err := b.QBR.Report(ctx, d.AccountID, "2026-Q3")
		if err != nil {
			t.Fatal(err)
		}
		n := len(r.Value.KPIs)
		// Hours on the monthly close 36 → 21.5, lower is better: improved; tickets reopened 8 % → 11 %: worsened by 3 points.
		if n < 2 || r.Value.KPIs[n-2].Verdict != qbr.Improved || r.Value.KPIs[n-1].Verdict != qbr.Worsened || r.Value.KPIs[n-1].ChangePct != nil ||
			len(r.Edited.Drafted) != 0 || r.Edited.ExecutiveSummary == "" || len(r.Computed.Health) != 13 {
			t.Errorf("account %d: %+v, drafted %v, %d health weeks", d.AccountID, r.Value.KPIs, r.Edited.Drafted, len(r.Computed.Health))
		}
	}
}
