package playbooks_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"churndesk/backend/fault"
	"churndesk/backend/playbooks"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// celebrations lists "account:trigger:status:held_reason" for every
// celebratory task, sorted.
func celebrations(t *testing.T, svc *playbooks.Service) string {
	t.Helper()
	list, err := svc.Tasks(context.Background(), playbooks.TaskQuery{Status: "all", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, task := range list.Items {
		if task.Trigger == playbooks.Anniversary || task.Trigger == playbooks.TierUpgrade {
			out = append(out, task.AccountName+":"+task.Trigger+":"+task.Status+":"+task.HeldReason+"@"+task.DueOn)
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestCelebrationsHeldWhileAtRisk: three accounts reach their second
// anniversary on 30 Nov 2026 (the thank-you is due 24 Nov). "Happy" gets
// it; "Poor" is held for its health; "Late" (payment overdue, an open risk
// task) is held for the risk task. Poor's tier upgrade is held too. The
// firing log says so, a second run changes nothing, and once Late pays and
// its reminders are done the thank-you opens again, due that day.
func TestCelebrationsHeldWhileAtRisk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s, ids: map[string]int64{}}
		happy, poor, late := quiet("Happy"), quiet("Poor"), quiet("Late")
		for _, a := range []*store.Account{&happy, &poor, &late} {
			a.ContractStart = date("2024-11-30")
		}
		poor.HealthClass, poor.HealthScore = "poor", ptr(15.0)
		late.PaymentStatus, late.OverdueSince = "overdue", ptr(date("2026-11-20"))
		f.add(t, happy)
		poorID := f.add(t, poor)
		lateID := f.add(t, late)
		f.create(t, &store.Task{AccountID: poorID, Trigger: playbooks.TierUpgrade, Occurrence: "Silver/2026-11-24", Kind: "email",
			Title: "Congratulate Poor on reaching Silver", Owner: "Sarah", DueOn: date("2026-11-27"), Status: "open", CreatedAt: asOf, UpdatedAt: asOf})
		svc := newService(s, asOf)
		want := "Happy:anniversary:open:@2026-11-24 Late:anniversary:held:risk_task@2026-11-24 " +
			"Poor:anniversary:held:poor_health@2026-11-24 Poor:tier_upgrade:held:poor_health@2026-11-27"
		for run := 1; run <= 2; run++ {
			if _, err := svc.Evaluate(context.Background(), asOf); err != nil {
				t.Fatal(err)
			}
			if got := celebrations(t, svc); got != want {
				t.Errorf("run %d:\n got  %s\n want %s", run, got, want)
			}
		}
		log, err := svc.RecentFirings(context.Background(), playbooks.FiringQuery{AccountID: lateID})
		if err != nil {
			t.Fatal(err)
		}
		var entries []string
		for _, e := range log.Items {
			entries = append(entries, e.Trigger+":"+e.Status+":"+e.HeldReason)
		}
		sort.Strings(entries)
		if got := strings.Join(entries, " "); got != "anniversary:held:risk_task payment_overdue:open:" {
			t.Errorf("Late's firing log: %s", got)
		}
		// Late pays on the 26th and its reminders are done: the thank-you opens, due that day.
		s.Write(context.Background()).Model(&store.Account{}).Where("id = ?", lateID).Updates(map[string]any{"payment_status": "ok", "overdue_since": nil})
		s.Write(context.Background()).Model(&store.Task{}).Where("account_id = ? AND trigger = ?", lateID, playbooks.PaymentOverdue).Update("status", "done")
		later := asOf.AddDate(0, 0, 2)
		if _, err := newService(s, later).Evaluate(context.Background(), later); err != nil {
			t.Fatal(err)
		}
		// Poor recovers to average but its health tasks are still open: held for the risk task now.
		s.Write(context.Background()).Model(&store.Account{}).Where("id = ?", poorID).Update("health_class", "average")
		if _, err := newService(s, later).Evaluate(context.Background(), later); err != nil {
			t.Fatal(err)
		}
		want = "Happy:anniversary:open:@2026-11-24 Late:anniversary:open:@2026-11-26 " +
			"Poor:anniversary:held:risk_task@2026-11-24 Poor:tier_upgrade:held:risk_task@2026-11-27"
		if got := celebrations(t, svc); got != want {
			t.Errorf("after recovery:\n got  %s\n want %s", got, want)
		}
	})
}

// TestHoldCelebrationsForOneAccount holds only the named account's tasks.
func TestHoldCelebrationsForOneAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s, ids: map[string]int64{}}
		a, b := quiet("A"), quiet("B")
		a.HealthClass, b.HealthClass = "poor", "poor"
		aid, bid := f.add(t, a), f.add(t, b)
		for _, id := range []int64{aid, bid} {
			f.create(t, &store.Task{AccountID: id, Trigger: playbooks.TierUpgrade, Occurrence: "Gold", Kind: "email", Title: "Congratulate",
				DueOn: date("2026-11-27"), Status: "open", CreatedAt: asOf, UpdatedAt: asOf})
		}
		if err := playbooks.HoldCelebrations(s.Write(context.Background()), asOf, aid); err != nil {
			t.Fatal(err)
		}
		if got := celebrations(t, newService(s, asOf)); got != "A:tier_upgrade:held:poor_health@2026-11-27 B:tier_upgrade:open:@2026-11-27" {
			t.Errorf("got %s", got)
		}
	})
}

// TestTeamAndOwners: members are trimmed and kept in order; a blank or
// repeated name is refused with its row; owners merge the team with the
// accounts' owners, sorted, once each.
func TestTeamAndOwners(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s, ids: map[string]int64{}}
		f.add(t, quiet("One")) // owner Sarah
		other := quiet("Two")
		other.Owner = "Tomasz Nowak"
		f.add(t, other)
		svc := newService(s, asOf)
		empty, err := svc.Team(context.Background())
		if err != nil || len(empty.Members) != 0 {
			t.Fatalf("no team yet: %+v %v", empty, err)
		}
		saved, err := svc.SaveTeam(context.Background(), playbooks.Team{Members: []string{"  Zofia   Wrona ", "Tomasz Nowak", "anna"}})
		if err != nil || strings.Join(saved.Members, "|") != "Zofia Wrona|Tomasz Nowak|anna" {
			t.Fatalf("save: %+v %v", saved, err)
		}
		owners, err := svc.Owners(context.Background())
		if err != nil || strings.Join(owners.Items, "|") != "anna|Sarah|Tomasz Nowak|Zofia Wrona" {
			t.Errorf("owners: %+v %v", owners, err)
		}
		for _, c := range []struct {
			members []string
			field   string
			message string
		}{
			{[]string{"Anna", " "}, "members[1]", "is required"},
			{[]string{"Anna", "Piotr", "anna"}, "members[2]", "repeats row 1"},
		} {
			_, err := svc.SaveTeam(context.Background(), playbooks.Team{Members: c.members})
			if fe, ok := fault.As(err); !ok || fe.Fields[c.field] != c.message {
				t.Errorf("%v: %v", c.members, err)
			}
		}
		if kept, _ := svc.Team(context.Background()); len(kept.Members) != 3 {
			t.Errorf("a refused save changed the team: %+v", kept)
		}
	})
}
