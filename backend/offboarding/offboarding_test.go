package offboarding_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/check"
	"churndesk/backend/churn"
	"churndesk/backend/offboarding"
	"churndesk/backend/playbooks"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/texts"
)

var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

func date(s string) store.Date { d, _ := store.ParseDate(s); return d }

type fixture struct {
	s     *store.Store
	off   *offboarding.Service
	churn *churn.Service
}

func newFixture(t *testing.T, s *store.Store) fixture {
	off := offboarding.NewService(s, check.New(), clock)
	return fixture{s: s, off: off, churn: churn.NewService(s, check.New(), clock, off.CreateForChurn)}
}

func (f fixture) account(t *testing.T, name string) store.Account {
	t.Helper()
	a := store.Account{Name: name, SearchText: strings.ToLower(name), Segment: "smb", Currency: "PLN", Status: "active", MRR: 10000,
		ContractStart: date("2025-01-06"), Owner: "Anna Kowalska", PaymentStatus: "ok"}
	if err := f.s.Write(context.Background()).Create(&a).Error; err != nil {
		t.Fatal(err)
	}
	return a
}

func TestEveryReasonGetsItsTemplate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		for _, tmpl := range offboarding.DefaultTemplates() {
			if tmpl.Reason == "intent" {
				continue
			}
			acc := f.account(t, "Acc "+tmpl.Reason)
			rec, err := f.churn.Create(ctx, "Anna", acc.ID, churn.Input{ChurnDate: "2026-11-02", Reason: tmpl.Reason})
			if err != nil {
				t.Fatalf("%s: %v", tmpl.Reason, err)
			}
			board, _ := f.off.Board(ctx, offboarding.BoardQuery{AccountID: acc.ID})
			if board.Total != 1 || board.Items[0].ChurnRecordID == nil || *board.Items[0].ChurnRecordID != rec.ID {
				t.Fatalf("%s: board = %+v", tmpl.Reason, board)
			}
			c, _ := f.off.Get(ctx, board.Items[0].ID)
			// Steps come in the order they fall due.
			sort.SliceStable(tmpl.Items, func(i, j int) bool { return tmpl.Items[i].DueDays < tmpl.Items[j].DueDays })
			if len(c.Items) != len(tmpl.Items) {
				t.Fatalf("%s: %d items, want %d", tmpl.Reason, len(c.Items), len(tmpl.Items))
			}
			if board.Items[0].NextDueTitle != tmpl.Items[0].Title.EN {
				t.Errorf("%s: next step on the board = %q, want %q", tmpl.Reason, board.Items[0].NextDueTitle, tmpl.Items[0].Title.EN)
			}
			for i, it := range c.Items {
				want := date("2026-11-02").AddDate(0, 0, tmpl.Items[i].DueDays).Format(time.DateOnly)
				if it.Key != tmpl.Items[i].Key || it.DueOn.String() != want || it.Title != tmpl.Items[i].Title.EN {
					t.Errorf("%s item %d = %s due %s, want %s due %s", tmpl.Reason, i, it.Key, it.DueOn, tmpl.Items[i].Key, want)
				}
				if it.OwnerRole == "csm" && it.Owner != "Anna Kowalska" {
					t.Errorf("%s: csm step owned by %q", tmpl.Reason, it.Owner)
				}
			}
		}
		// Spot checks worked out by hand: a promotion gets the one-discount
		// step due two days after the churn; quality complaints get "don't push".
		list, _ := f.off.Board(ctx, offboarding.BoardQuery{Status: "all", Limit: 200})
		found := map[string]string{}
		for _, sum := range list.Items {
			c, _ := f.off.Get(ctx, sum.ID)
			for _, it := range c.Items {
				found[c.Reason+"/"+it.Key] = it.DueOn.String()
			}
		}
		if found["competitor_promotion/one_discount"] != "2026-11-04" || found["product_quality/record_issues"] != "2026-11-05" ||
			found["other/win_back"] != "2027-01-31" || found["other/one_discount"] != "" {
			t.Errorf("steps = %v", found)
		}
	})
}

func TestFailedChecklistUndoesTheChurn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		off := offboarding.NewService(s, check.New(), clock)
		failing := func(tx *gorm.DB, rec store.ChurnRecord, acc store.Account, lang string) error {
			if err := off.CreateForChurn(tx, rec, acc, lang); err != nil {
				return err
			}
			return errors.New("disk full")
		}
		f := fixture{s: s, off: off, churn: churn.NewService(s, check.New(), clock, failing)}
		acc := f.account(t, "Fragile")
		if _, err := f.churn.Create(context.Background(), "Anna", acc.ID, churn.Input{ChurnDate: "2026-11-02", Reason: "other"}); err == nil {
			t.Fatal("churn succeeded although its checklist failed")
		}
		var records, checklists, items, moves int64
		db := s.Read(context.Background())
		db.Model(&store.ChurnRecord{}).Count(&records)
		db.Model(&store.Checklist{}).Count(&checklists)
		db.Model(&store.ChecklistItem{}).Count(&items)
		db.Model(&store.MRRMovement{}).Where("kind = 'churn'").Count(&moves)
		var a store.Account
		db.First(&a, acc.ID)
		if records+checklists+items+moves != 0 || a.Status != "active" {
			t.Errorf("left behind: %d records, %d checklists, %d items, %d movements, status %s", records, checklists, items, moves, a.Status)
		}
	})
}

func TestWorkingItemsAndWinBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		acc := f.account(t, "Borealis")
		intent, err := f.off.CreateForIntent(texts.WithLang(ctx, "pl"), acc.ID, offboarding.IntentInput{Date: "2026-11-20", Language: "pl"})
		if err != nil {
			t.Fatal(err)
		}
		if intent.Kind != "intent" || intent.Items[0].Key != "understand" || intent.Items[0].Title != "Zadzwonić i zrozumieć powód" {
			t.Fatalf("intent checklist = %+v", intent.Items[0])
		}
		// A step written from its template reads in the reader's language.
		if en, _ := f.off.Get(ctx, intent.ID); en.Items[0].Title != "Call to understand the reason" || en.NextDueTitle != "Call to understand the reason" {
			t.Errorf("read in English: %q, next %q", en.Items[0].Title, en.NextDueTitle)
		}
		if _, err := f.off.CreateForIntent(ctx, acc.ID, offboarding.IntentInput{Date: "2026-11-21"}); err == nil {
			t.Error("a second open checklist was allowed")
		}
		if _, err := f.churn.Create(ctx, "Anna", acc.ID, churn.Input{ChurnDate: "2026-11-23", Reason: "price_budget"}); err != nil {
			t.Fatal(err)
		}
		c, _ := f.off.Get(ctx, intent.ID)
		if c.Kind != "churn" || c.Reason != "price_budget" {
			t.Errorf("intent checklist after churn = %s %s", c.Kind, c.Reason)
		}
		board, _ := f.off.Board(ctx, offboarding.BoardQuery{Status: "all"})
		if board.Total != 1 {
			t.Errorf("checklists after churn = %d, want the intent one only", board.Total)
		}
		var winBack int64
		for _, it := range c.Items {
			if it.Key == offboarding.WinBackKey {
				winBack = it.ID
			}
		}
		done := true
		c, err = f.off.UpdateItem(ctx, "Tomasz", winBack, offboarding.ItemUpdate{Done: &done})
		if err != nil {
			t.Fatal(err)
		}
		pb := playbooks.NewService(s, check.New(), clock)
		tasks, _ := pb.Tasks(ctx, playbooks.TaskQuery{Status: "all"})
		// The win-back step is due 90 days after the intent date 2026-11-20.
		if tasks.Total != 1 || tasks.Items[0].Trigger != "win_back" || tasks.Items[0].DueOn != "2027-02-18" || tasks.Items[0].Owner != "Anna Kowalska" {
			t.Errorf("win-back task = %+v", tasks.Items)
		}
		f.off.UpdateItem(ctx, "Tomasz", winBack, offboarding.ItemUpdate{Done: &done})
		if again, _ := pb.Tasks(ctx, playbooks.TaskQuery{Status: "all"}); again.Total != 1 {
			t.Errorf("win-back tasks after a second tick = %d", again.Total)
		}
		note := "Sent via secure link"
		for _, it := range c.Items {
			if it.Required && !it.Done {
				if c, err = f.off.UpdateItem(ctx, "Tomasz", it.ID, offboarding.ItemUpdate{Done: &done, Notes: &note}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if c.CompletedAt == nil || c.Progress.Done == 0 {
			t.Errorf("all required done, completed_at = %v, progress %+v", c.CompletedAt, c.Progress)
		}
		c, _ = f.off.AddItem(ctx, c.ID, offboarding.ItemInput{Title: "Return the hardware token", OwnerRole: "support", DueOn: "2026-12-01", Required: true})
		if c.CompletedAt != nil || c.Items[len(c.Items)-1].Title != "Return the hardware token" {
			t.Errorf("a new required step did not reopen the checklist: %+v", c.CompletedAt)
		}
	})
}

func TestDataExportHoldsOnlyThatAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		a, b := f.account(t, "Łódź Логистика sp. z o.o."), f.account(t, "Other Co")
		for i, acc := range []store.Account{a, a, b} {
			c := store.Contact{AccountID: acc.ID, Name: "C", Email: []string{"a1@lodz.pl", "a2@lodz.pl", "secret@other.com"}[i], Role: "user"}
			s.Write(ctx).Create(&c)
			u := store.UsageSnapshot{AccountID: acc.ID, WeekStart: store.NewDate(date("2026-11-02").AddDate(0, 0, 7*i)), ActiveUsers: 3 + i}
			s.Write(ctx).Create(&u)
		}
		raw, name, err := f.off.DataExport(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if name != "lodz-logistika-sp-z-o-o-data.zip" {
			t.Errorf("file name = %q", name)
		}
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, zf := range zr.File {
			r, _ := zf.Open()
			body, _ := io.ReadAll(r)
			files[zf.Name] = string(body)
			if strings.Contains(string(body), "secret@other.com") || strings.Contains(string(body), "Other Co") {
				t.Errorf("%s holds another account's data", zf.Name)
			}
		}
		for _, want := range []string{"account", "contacts", "usage", "nps_responses", "mrr_movements", "health_scores", "churn_records"} {
			if _, ok := files[want+".csv"]; !ok {
				t.Errorf("%s.csv missing", want)
			}
			if _, ok := files[want+".json"]; !ok {
				t.Errorf("%s.json missing", want)
			}
		}
		contacts, _ := csv.NewReader(strings.NewReader(files["contacts.csv"])).ReadAll()
		usage, _ := csv.NewReader(strings.NewReader(files["usage.csv"])).ReadAll()
		if len(contacts) != 3 || len(usage) != 3 || !strings.Contains(files["account.json"], "Łódź Логистика sp. z o.o.") {
			t.Errorf("contacts %d rows, usage %d rows", len(contacts), len(usage))
		}
	})
}

func TestChecklistDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		acc := f.account(t, "Łódź Логистика sp. z o.o.")
		s.Write(ctx).Create(&store.Contact{AccountID: acc.ID, Name: "Jan Nowak", Email: "jan@lodz.pl", Role: "billing"})
		s.Write(ctx).Create(&store.Contact{AccountID: acc.ID, Name: "Ola Wiśniewska", Email: "ola@lodz.pl", Role: "champion"})
		f.churn.Create(ctx, "Anna", acc.ID, churn.Input{ChurnDate: "2026-11-02", Reason: "missing_feature", Language: "ru"})
		board, _ := f.off.Board(ctx, offboarding.BoardQuery{})
		id := board.Items[0].ID
		ru := texts.WithLang(ctx, "ru")
		md, err := f.off.Markdown(ru, id)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(md, "# Чек-лист offboarding: Łódź Логистика sp. z o.o.\n") || !strings.Contains(md, "- [ ] **Если потребности не закрыты, подсказать альтернативы — даже конкурентов** — Срок 7 нояб. 2026 г., Ответственный Anna Kowalska\n") ||
			!strings.Contains(md, "Ответственный поддержка\n") {
			t.Errorf("markdown:\n%s", md)
		}
		// The same checklist, created for a Russian customer, read by a Polish colleague.
		md, _ = f.off.Markdown(texts.WithLang(ctx, "pl"), id)
		if !strings.HasPrefix(md, "# Lista kontrolna offboardingu: Łódź Логистика sp. z o.o.\n") || !strings.Contains(md, "- Data: 2 lis 2026\n") ||
			!strings.Contains(md, "**Odebrać dostęp w dniu zakończenia** (wymagane) — Termin 16 lis 2026, Odpowiedzialny wsparcie\n") {
			t.Errorf("markdown in pl:\n%s", md)
		}
		letter, err := f.off.Letter(ctx, id, "pl", "https://files.example/x.zip")
		if err != nil {
			t.Fatal(err)
		}
		if letter.To != "ola@lodz.pl" || !strings.HasPrefix(letter.Body, "Dzień dobry, Ola Wiśniewska,") || !strings.Contains(letter.Body, "https://files.example/x.zip") || !strings.Contains(letter.Body, "kończy się 2 lis 2026.") {
			t.Errorf("letter = %+v", letter)
		}
		raw, err := f.off.PDF(ru, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("pdftotext is missing on CI")
			}
			t.Skip("pdftotext is not installed")
		}
		file := filepath.Join(t.TempDir(), "c.pdf")
		os.WriteFile(file, raw, 0o600)
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		for _, want := range []string{"Łódź Логистика sp. z o.o.", "Чек-лист offboarding", "Отключить доступ в дату окончания", "16 нояб. 2026 г.", "Ответственный"} {
			if !strings.Contains(text, want) {
				t.Errorf("pdftotext lost %q:\n%s", want, text)
			}
		}
		for _, english := range []string{"Owner", "Due", "Step", "required", "2026-11-16"} {
			if strings.Contains(text, english) {
				t.Errorf("the Russian PDF says %q:\n%s", english, text)
			}
		}
	})
}
