package playbooks_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/fault"
	"churndesk/backend/playbooks"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
	"churndesk/backend/texts"
)

// asOf is Tuesday 2026-11-24; its week starts Monday 2026-11-23.
var asOf = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func date(s string) store.Date {
	d, err := store.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

// quiet is an account that fires no trigger.
func quiet(name string) store.Account {
	return store.Account{Name: name, SearchText: strings.ToLower(name), Segment: "smb", Currency: "EUR", Status: "active",
		Seats: 10, ContractStart: date("2023-03-15"), PaymentStatus: "ok", Owner: "Sarah"}
}

type fixture struct {
	s   *store.Store
	ids map[string]int64
}

func (f *fixture) add(t *testing.T, a store.Account) int64 {
	t.Helper()
	if err := f.s.Write(context.Background()).Create(&a).Error; err != nil {
		t.Fatal(err)
	}
	f.ids[a.Name] = a.ID
	return a.ID
}

func (f *fixture) create(t *testing.T, rows any) {
	t.Helper()
	if err := f.s.Write(context.Background()).Create(rows).Error; err != nil {
		t.Fatal(err)
	}
}

func login(s string) *time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return &t
}

// build stores one account on each side of every trigger's boundary.
func build(t *testing.T, s *store.Store) *fixture {
	f := &fixture{s: s, ids: map[string]int64{}}
	f.add(t, quiet("Quiet"))
	for name, last := range map[string]string{"Login21": "2026-11-03T18:00:00Z", "Login20": "2026-11-04T08:00:00Z"} {
		id := f.add(t, quiet(name))
		f.create(t, &store.UsageSnapshot{AccountID: id, WeekStart: date("2026-11-02"), ActiveUsers: 5, Logins: 9, LastLoginAt: login(last)})
	}
	for name, now := range map[string]int{"Drop30": 70, "Drop29": 71} {
		id := f.add(t, quiet(name))
		f.create(t, &[]store.UsageSnapshot{
			{AccountID: id, WeekStart: date("2026-10-26"), ActiveUsers: 100, Logins: 400, LastLoginAt: login("2026-10-30T10:00:00Z")},
			{AccountID: id, WeekStart: date("2026-11-23"), ActiveUsers: now, Logins: 300, LastLoginAt: login("2026-11-23T10:00:00Z")},
		})
	}
	for name, answer := range map[string]store.NPSResponse{
		"Detractor6": {Score: 6, RespondedOn: date("2026-11-20")},
		"Passive7":   {Score: 7, RespondedOn: date("2026-11-20")},
		"OldDetr":    {Score: 2, RespondedOn: date("2026-10-25")}, // 30 days before: outside
	} {
		answer.AccountID = f.add(t, quiet(name))
		f.create(t, &answer)
	}
	for name, before := range map[string]string{"FellPoor": "average", "StayedPoor": "poor"} {
		a := quiet(name)
		a.HealthClass, a.HealthScore = "poor", ptr(30.0)
		id := f.add(t, a)
		f.create(t, &[]store.HealthScore{
			{AccountID: id, WeekStart: date("2026-11-16"), Score: 50, Class: before, Breakdown: "[]"},
			{AccountID: id, WeekStart: date("2026-11-23"), Score: 30, Class: "poor", Breakdown: "[]"},
		})
	}
	overdue := quiet("Overdue")
	overdue.PaymentStatus, overdue.OverdueSince = "overdue", ptr(date("2026-11-10"))
	f.add(t, overdue)
	for name, exp := range map[string][2]int{"Card12": {12, 2026}, "Card01": {1, 2027}} {
		a := quiet(name)
		a.CardExpiryMonth, a.CardExpiryYear = ptr(exp[0]), ptr(exp[1])
		f.add(t, a)
	}
	for name, renew := range map[string]string{"Renew90": "2027-02-22", "Renew91": "2027-02-23"} {
		a := quiet(name)
		a.RenewalDate = ptr(date(renew))
		f.add(t, a)
	}
	for name, start := range map[string]string{"New89": "2026-08-27", "New90": "2026-08-26", "Anniv2": "2024-11-30", "Anniv1Far": "2025-12-02"} {
		a := quiet(name)
		a.ContractStart = date(start)
		f.add(t, a)
	}
	churned := quiet("ChurnedOverdue")
	churned.Status, churned.PaymentStatus, churned.OverdueSince = "churned", "overdue", ptr(date("2026-11-01"))
	f.add(t, churned)
	return f
}

func newService(s *store.Store, now time.Time) *playbooks.Service {
	return playbooks.NewService(s, check.New(), func() time.Time { return now })
}

// fired lists "trigger:account" for every open task's first action.
func fired(t *testing.T, svc *playbooks.Service) []string {
	t.Helper()
	list, err := svc.Tasks(context.Background(), playbooks.TaskQuery{Status: "all", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, task := range list.Items {
		seen[task.Trigger+":"+task.AccountName] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestTriggersFireAtTheirBoundaries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		build(t, s)
		svc := newService(s, asOf)
		res, err := svc.Evaluate(context.Background(), asOf)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"anniversary:Anniv2", "card_expiring:Card12", "health_poor:FellPoor", "health_poor:StayedPoor", "no_login:Login21",
			"nps_detractor:Detractor6", "onboarding:New89", "payment_overdue:Overdue", "renewal_due:Renew90", "usage_drop:Drop30",
		}
		if got := fired(t, svc); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("fired:\n got  %v\n want %v", got, want)
		}
		// Actions per default playbook: 2+2+2+2×2+2+1+2+4+1 = 20 tasks for the ten
		// occurrences: health_poor fires for both poor accounts, not only the one that fell.
		if res.Created != 20 {
			t.Errorf("created %d tasks, want 20 (result %+v)", res.Created, res)
		}
		again, err := svc.Evaluate(context.Background(), asOf)
		if err != nil {
			t.Fatal(err)
		}
		if again.Created != 0 || again.Fired[playbooks.PaymentOverdue] != 1 {
			t.Errorf("second evaluation: %+v, want 0 created", again)
		}
		// A week later the overdue reminder repeats; nothing else is new.
		nextWeek := asOf.AddDate(0, 0, 7)
		later, err := newService(s, nextWeek).Evaluate(context.Background(), nextWeek)
		if err != nil {
			t.Fatal(err)
		}
		list, _ := svc.Tasks(context.Background(), playbooks.TaskQuery{Status: "all", Limit: 500})
		overdueTasks := 0
		for _, task := range list.Items {
			if task.Trigger == playbooks.PaymentOverdue {
				overdueTasks++
			}
		}
		if overdueTasks != 4 {
			t.Errorf("overdue tasks after two weeks = %d, want 4 (result %+v)", overdueTasks, later)
		}
	})
}

func TestTaskTitlesOwnersAndDueDates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		build(t, s)
		svc := newService(s, asOf)
		if _, err := svc.Evaluate(context.Background(), asOf); err != nil {
			t.Fatal(err)
		}
		list, _ := svc.Tasks(context.Background(), playbooks.TaskQuery{Status: "all", Limit: 500})
		var got []string
		for _, task := range list.Items {
			if task.AccountName == "Login21" {
				got = append(got, fmt.Sprintf("%s|%s|%s|%s", task.Kind, task.Title, task.Owner, task.DueOn))
			}
		}
		want := "call|Call Login21: no login for 21 days (last Nov 3, 2026)|Sarah|2026-11-25 " +
			"email|Send Login21 a short 'what changed?' note with a booking link|Sarah|2026-11-26"
		if strings.Join(got, " ") != want {
			t.Errorf("tasks:\n got  %v\n want %v", strings.Join(got, " "), want)
		}
		// The same stored tasks, read by someone working in Russian or Polish.
		for lang, want := range map[string]string{
			"ru": "Позвонить в Login21: нет входа 21 день (последний — 3 нояб. 2026 г.) | 21 день (последний — 3 нояб. 2026 г.)",
			"pl": "Zadzwonić do Login21: brak logowania przez 21 dni (ostatnio 3 lis 2026) | 21 dni (ostatnio 3 lis 2026)",
		} {
			list, err := svc.Tasks(texts.WithLang(context.Background(), lang), playbooks.TaskQuery{Status: "all", Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, task := range list.Items {
				if task.AccountName == "Login21" && task.Kind == "call" {
					got = task.Title + " | " + task.Reason
				}
			}
			if got != want {
				t.Errorf("%s: %q, want %q", lang, got, want)
			}
		}
	})
}

func TestTaskInbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		build(t, s)
		svc := newService(s, asOf)
		svc.Evaluate(context.Background(), asOf)
		due, _ := svc.Tasks(context.Background(), playbooks.TaskQuery{DueBy: "2026-11-24"})
		// Due today: the overdue reminder (0 days) and the anniversary thank-you (0 days).
		if due.Total != 2 {
			t.Fatalf("due today = %d, want 2: %+v", due.Total, due.Items)
		}
		id := due.Items[0].ID
		done, err := svc.UpdateTask(context.Background(), id, playbooks.TaskUpdate{Status: "done"})
		if err != nil || done.Status != "done" {
			t.Fatalf("done: %+v %v", done, err)
		}
		snoozed, err := svc.UpdateTask(context.Background(), due.Items[1].ID, playbooks.TaskUpdate{Status: "snoozed", SnoozedUntil: "2026-11-27", Owner: "Tomasz"})
		if err != nil || snoozed.Status != "snoozed" || snoozed.Owner != "Tomasz" || *snoozed.SnoozedUntil != "2026-11-27" {
			t.Fatalf("snooze: %+v %v", snoozed, err)
		}
		if open, _ := svc.Tasks(context.Background(), playbooks.TaskQuery{DueBy: "2026-11-24"}); open.Total != 0 {
			t.Errorf("open due today after done+snooze = %d, want 0", open.Total)
		}
		// On the 27th the snoozed task is back in the inbox.
		back, _ := newService(s, asOf.AddDate(0, 0, 3)).Tasks(context.Background(), playbooks.TaskQuery{Owner: "Tomasz"})
		if back.Total != 1 {
			t.Errorf("snoozed task back on the 27th: %d, want 1", back.Total)
		}
		_, err = svc.UpdateTask(context.Background(), id, playbooks.TaskUpdate{Status: "snoozed", SnoozedUntil: "2026-11-20"})
		if fe, ok := fault.As(err); !ok || fe.Fields["snoozed_until"] != "must be after today" {
			t.Errorf("snooze into the past: %v", err)
		}
		if _, err := svc.UpdateTask(context.Background(), 99999, playbooks.TaskUpdate{Status: "done"}); err == nil {
			t.Error("updating a missing task succeeded")
		}
	})
}

func TestPlaybookEditing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := newService(s, asOf)
		books, _ := svc.Playbooks(context.Background())
		if len(books) != 10 || books[0].Trigger != playbooks.NoLogin || books[0].Threshold != 21 {
			t.Fatalf("defaults = %+v", books[0])
		}
		p := books[0]
		p.Threshold = 14
		p.Actions = []playbooks.Action{{Kind: "email", Title: "Nudge {account}", DueInDays: 0}}
		if _, err := svc.SavePlaybook(context.Background(), p); err != nil {
			t.Fatal(err)
		}
		books, _ = svc.Playbooks(context.Background())
		if books[0].Threshold != 14 || len(books[0].Actions) != 1 || books[1].Threshold != 30 {
			t.Errorf("after save: %+v / %+v", books[0], books[1])
		}
		p.Actions[0].Kind = "fax"
		_, err := svc.SavePlaybook(context.Background(), p)
		if fe, ok := fault.As(err); !ok || fe.Fields["actions[0].kind"] != "must be one of: call, email, meeting, task" {
			t.Errorf("bad action kind: %v", err)
		}
	})
}

// TestUsageDropUsesLatestReportedWeek: on Thursday 26 Nov 2026 "Reported"
// has no snapshot for the running week (23 Nov) yet, so its latest complete
// reported week is 16 Nov: 100 → 60 over 4 weeks is −40 %, which fires
// (comparing the running week used to find no row and never fired).
// "Ahead" already reported the running week: 100 → 69 = −31 %, fires.
// "Silent" reported 50 on 19 Oct and nothing on 16 Nov, a complete week:
// zero usage, 50 → 0, fires. "Steady" 100 → 80 = −20 % does not.
func TestUsageDropUsesLatestReportedWeek(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s, ids: map[string]int64{}}
		weeks := map[string][][2]any{
			"Reported": {{"2026-10-19", 100}, {"2026-11-16", 60}},
			"Ahead":    {{"2026-10-26", 100}, {"2026-11-23", 69}},
			"Silent":   {{"2026-10-19", 50}},
			"Steady":   {{"2026-10-19", 100}, {"2026-11-16", 80}},
		}
		for name, rows := range weeks {
			id := f.add(t, quiet(name))
			for _, r := range rows {
				f.create(t, &store.UsageSnapshot{AccountID: id, WeekStart: date(r[0].(string)), ActiveUsers: r[1].(int), Logins: 1,
					LastLoginAt: login(r[0].(string) + "T10:00:00Z")})
			}
		}
		thursday := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
		svc := newService(s, thursday)
		if _, err := svc.Evaluate(context.Background(), thursday); err != nil {
			t.Fatal(err)
		}
		var drops []string
		for _, k := range fired(t, svc) {
			if strings.HasPrefix(k, playbooks.UsageDrop+":") {
				drops = append(drops, k)
			}
		}
		want := "usage_drop:Ahead usage_drop:Reported usage_drop:Silent"
		if strings.Join(drops, " ") != want {
			t.Errorf("usage drops %v, want %s", drops, want)
		}
	})
}
