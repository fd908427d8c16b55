package playbooks_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"churndesk/backend/fault"
	"churndesk/backend/playbooks"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// inbox lists a Today page as "title@due" and its group counts as "overdue/today/week".
func inbox(t *testing.T, svc *playbooks.Service, q playbooks.TodayQuery) (items string, counts string, total int64) {
	t.Helper()
	page, err := svc.Today(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range page.Items {
		got = append(got, task.Title+"@"+task.DueOn)
	}
	var n []string
	for _, g := range page.Groups {
		n = append(n, fmt.Sprint(g.Count))
	}
	return strings.Join(got, " "), strings.Join(n, "/"), page.Total
}

// TestTodayGroupsInTheTeamZone: at 23:30 UTC on 2 Dec it is already 3 Dec
// in Warsaw, so today is 3 Dec: 2 Dec is overdue, 3 Dec is today, 4–10 Dec
// is the next 7 days and 11 Dec is left out. A task snoozed until 3 Dec is
// due again (overdue since 30 Nov); one snoozed until 5 Dec, a done one and
// a held one are not in the inbox.
func TestTodayGroupsInTheTeamZone(t *testing.T) {
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC).In(warsaw)
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s, ids: map[string]int64{}}
		sonnen, nord := quiet("Sonnen Bau"), quiet("Nordlicht")
		nord.Owner = "Tomasz"
		sid, nid := f.add(t, sonnen), f.add(t, nord)
		task := func(account int64, title, trigger, owner, due, status string, snoozed string) store.Task {
			tk := store.Task{AccountID: account, Trigger: trigger, Occurrence: title, Kind: "call", Title: title, Owner: owner,
				DueOn: date(due), Status: status, CreatedAt: now, UpdatedAt: now}
			if snoozed != "" {
				tk.SnoozedUntil = ptr(date(snoozed))
			}
			return tk
		}
		f.create(t, &[]store.Task{
			task(sid, "A", playbooks.NoLogin, "Sarah", "2026-12-02", "open", ""),
			task(sid, "B", playbooks.HealthPoor, "Sarah", "2026-12-03", "open", ""),
			task(sid, "C", playbooks.HealthPoor, "Sarah", "2026-12-04", "open", ""),
			task(nid, "D", playbooks.RenewalDue, "Tomasz", "2026-12-10", "open", ""),
			task(nid, "E", playbooks.RenewalDue, "Tomasz", "2026-12-11", "open", ""),
			task(nid, "F", playbooks.NoLogin, "Tomasz", "2026-11-30", "snoozed", "2026-12-03"),
			task(nid, "G", playbooks.NoLogin, "Tomasz", "2026-11-30", "snoozed", "2026-12-05"),
			task(sid, "H", playbooks.NoLogin, "Sarah", "2026-12-03", "done", ""),
			task(sid, "I", playbooks.Anniversary, "Sarah", "2026-12-03", "held", ""),
		})
		svc := newService(s, now)
		cases := []struct {
			name   string
			q      playbooks.TodayQuery
			items  string
			counts string
			total  int64
		}{
			{"all three groups", playbooks.TodayQuery{}, "F@2026-11-30 A@2026-12-02 B@2026-12-03 C@2026-12-04 D@2026-12-10", "2/1/2", 5},
			{"first page of two", playbooks.TodayQuery{Limit: 2}, "F@2026-11-30 A@2026-12-02", "2/1/2", 5},
			{"last page", playbooks.TodayQuery{Limit: 2, Offset: 4}, "D@2026-12-10", "2/1/2", 5},
			{"overdue group", playbooks.TodayQuery{Group: "overdue"}, "F@2026-11-30 A@2026-12-02", "2/1/2", 2},
			{"today group", playbooks.TodayQuery{Group: "today"}, "B@2026-12-03", "2/1/2", 1},
			{"next 7 days, second page", playbooks.TodayQuery{Group: "week", Limit: 1, Offset: 1}, "D@2026-12-10", "2/1/2", 2},
			{"owner", playbooks.TodayQuery{Owner: "Tomasz"}, "F@2026-11-30 D@2026-12-10", "1/0/1", 2},
			{"trigger", playbooks.TodayQuery{Trigger: "health_poor"}, "B@2026-12-03 C@2026-12-04", "0/1/1", 2},
			{"account by name", playbooks.TodayQuery{Account: "SONNEN"}, "A@2026-12-02 B@2026-12-03 C@2026-12-04", "1/1/1", 3},
			{"account by id, week", playbooks.TodayQuery{AccountID: nid, Group: "week"}, "D@2026-12-10", "1/0/1", 1},
			{"owner with nothing", playbooks.TodayQuery{Owner: "Nobody"}, "", "0/0/0", 0},
		}
		for _, c := range cases {
			items, counts, total := inbox(t, svc, c.q)
			if items != c.items || counts != c.counts || total != c.total {
				t.Errorf("%s: got %q %s total %d, want %q %s total %d", c.name, items, counts, total, c.items, c.counts, c.total)
			}
		}
		page, _ := svc.Today(context.Background(), playbooks.TodayQuery{})
		if page.Today != "2026-12-03" || page.Groups[0].To != "2026-12-02" || page.Groups[2].From != "2026-12-04" || page.Groups[2].To != "2026-12-10" {
			t.Errorf("spans: today %s groups %+v", page.Today, page.Groups)
		}
		_, err := svc.Today(context.Background(), playbooks.TodayQuery{Group: "later"})
		if fe, ok := fault.As(err); !ok || fe.Fields["group"] == "" {
			t.Errorf("unknown group: %v", err)
		}
	})
}

// TestHealthPoorFiresForEveryPoorAccount: a live poor account with no open
// health task gets the playbook whether or not a recompute saw it fall; a
// second run the same day or the next day (tasks still open) adds nothing;
// once its tasks are done and it is still poor, it fires again.
func TestHealthPoorFiresForEveryPoorAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s, ids: map[string]int64{}}
		poor := quiet("Poor")
		poor.HealthClass, poor.HealthScore = "poor", ptr(15.0)
		id := f.add(t, poor)
		gone := quiet("ChurnedPoor")
		gone.HealthClass, gone.Status = "poor", "churned"
		f.add(t, gone)
		f.add(t, quiet("Quiet"))
		healthTasks := func(svc *playbooks.Service) []playbooks.Task {
			list, err := svc.Tasks(context.Background(), playbooks.TaskQuery{Status: "all", AccountID: id})
			if err != nil {
				t.Fatal(err)
			}
			return list.Items
		}
		svc := newService(s, asOf)
		for run := 1; run <= 2; run++ {
			res, err := svc.Evaluate(context.Background(), asOf)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int]int{1: 2, 2: 0}[run]
			if res.Created != want || res.Fired[playbooks.HealthPoor] != 2-run {
				t.Errorf("run %d: %+v, want %d created", run, res, want)
			}
		}
		got := healthTasks(svc)
		if len(got) != 2 || got[0].Title != "Review Poor's health breakdown (score 15.0) and write a save plan" || got[0].DueOn != "2026-11-26" {
			t.Fatalf("health tasks: %+v", got)
		}
		next := asOf.AddDate(0, 0, 1)
		if res, _ := newService(s, next).Evaluate(context.Background(), next); res.Created != 0 {
			t.Errorf("next day with tasks open created %d", res.Created)
		}
		for _, task := range got {
			if _, err := svc.UpdateTask(context.Background(), task.ID, playbooks.TaskUpdate{Status: "done"}); err != nil {
				t.Fatal(err)
			}
		}
		if res, _ := newService(s, next).Evaluate(context.Background(), next); res.Created != 2 {
			t.Errorf("still poor with its tasks done: created %d, want 2", res.Created)
		}
		if n := len(healthTasks(svc)); n != 4 {
			t.Errorf("health tasks after the second firing = %d, want 4", n)
		}
	})
}
