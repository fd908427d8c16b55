package notify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/boot"
	"churndesk/backend/notify"
	"churndesk/backend/referrals"
	"churndesk/backend/store"
)

// digestPortfolio: two live poor accounts, a poor churned one (not at
// risk any more) and an average one; open, done and future tasks of three
// owners. Today is 3 Dec 2026.
func digestPortfolio(t *testing.T, b *boot.Backend) {
	t.Helper()
	ctx := context.Background()
	sonnen := addAccount(t, b, "Sonnen Bau", "Anna", 7600000, "EUR")
	kowalski := addAccount(t, b, "Kowalski", "", 120000, "PLN")
	gone := addAccount(t, b, "Gone Ltd", "Boris", 9900000, "EUR")
	fine := addAccount(t, b, "Fine Co", "Boris", 50000, "EUR")
	db := b.Store.Write(ctx)
	set := func(id int64, cls string, score float64, status string) {
		if err := db.Model(&store.Account{}).Where("id = ?", id).Updates(map[string]any{"health_class": cls, "health_score": score, "status": status}).Error; err != nil {
			t.Fatal(err)
		}
	}
	set(sonnen, "poor", 15, "active")
	set(kowalski, "poor", 30.4, "onboarding")
	set(gone, "poor", 10, "churned")
	set(fine, "average", 55, "active")
	task := func(acc int64, owner, due, status string, n int) {
		for i := 0; i < n; i++ {
			d, _ := store.ParseDate(due)
			row := store.Task{AccountID: acc, Trigger: "manual", Occurrence: owner + due + status + string(rune('a'+i)), Kind: "call", Title: "Call",
				Owner: owner, DueOn: d, Status: status, CreatedAt: t0, UpdatedAt: t0}
			if err := db.Create(&row).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	task(sonnen, "Anna", "2026-12-01", "open", 1)  // overdue
	task(sonnen, "Anna", "2026-12-03", "open", 1)  // due today
	task(sonnen, "Anna", "2026-12-03", "done", 1)  // done: not counted
	task(sonnen, "Anna", "2026-12-05", "open", 1)  // later: not counted
	task(fine, "Boris", "2026-12-02", "open", 2)   // overdue
	task(kowalski, "", "2026-12-03", "open", 1)    // due today, nobody's
	task(kowalski, "Zoe", "2026-12-04", "open", 3) // later: Zoe has nothing due
}

func TestDigestContentAndText(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		digestPortfolio(t, b)
		today, _ := store.ParseDate("2026-12-03")
		dg, err := notify.BuildDigest(b.Store.Read(context.Background()), today)
		if err != nil {
			t.Fatal(err)
		}
		want := notify.DigestData{Date: "2026-12-03", AtRiskTotal: 2,
			AtRisk: []notify.DigestAccount{
				{AccountID: 1, Name: "Sonnen Bau", Score: 15, MRR: 7600000, Currency: "EUR", Owner: "Anna"},
				{AccountID: 2, Name: "Kowalski", Score: 30.4, MRR: 120000, Currency: "PLN", Owner: ""},
			},
			Due: []notify.DigestOwner{{Owner: "Anna", Overdue: 1, DueToday: 1}, {Owner: "Boris", Overdue: 2}, {Owner: "", DueToday: 1}},
		}
		if !reflect.DeepEqual(dg, want) {
			t.Fatalf("digest\n got %+v\nwant %+v", dg, want)
		}

		rcv := newReceiver(t, func(int, http.ResponseWriter) {})
		_, secret := addEndpoint(t, svc, rcv.URL, notify.FormatSlack, notify.EventDigest)
		rcv.secret = secret
		ctx := context.Background()
		for _, lang := range []struct{ code, text string }{
			{"en", "ChurnDesk digest for December 3, 2026\n\nAt-risk accounts: 2\n" +
				"• Sonnen Bau — health 15/100, MRR €76,000.00, owner Anna\n" +
				"• Kowalski — health 30/100, MRR PLN\u00a01,200.00, owner no owner\n\n" +
				"Tasks due by owner:\n• Anna: 1 overdue, 1 due today\n• Boris: 2 overdue\n• no owner: 1 due today"},
			{"pl", "Podsumowanie ChurnDesk na 3 grudnia 2026\n\nKonta zagrożone: 2\n" +
				"• Sonnen Bau — kondycja 15/100, MRR 76\u00a0000,00\u00a0€, opiekun Anna\n" +
				"• Kowalski — kondycja 30/100, MRR 1200,00\u00a0zł, opiekun brak opiekuna\n\n" +
				"Zadania do terminu według opiekunów:\n• Anna: 1 zaległe, 1 na dziś\n• Boris: 2 zaległe\n• brak opiekuna: 1 na dziś"},
			{"ru", "Сводка ChurnDesk на 3 декабря 2026 г.\n\nАккаунты под угрозой: 2\n" +
				"• Sonnen Bau — здоровье 15/100, MRR 76\u00a0000,00\u00a0€, ответственный Anna\n" +
				"• Kowalski — здоровье 30/100, MRR 1\u00a0200,00\u00a0PLN, ответственный не назначен\n\n" +
				"Задачи к сроку по ответственным:\n• Anna: 1 просрочена, 1 на сегодня\n• Boris: 2 просрочены\n• не назначен: 1 на сегодня"},
		} {
			if _, err := svc.SaveSettings(ctx, notify.Settings{Language: lang.code, DigestEnabled: true, DigestHour: 8}); err != nil {
				t.Fatal(err)
			}
			c.set(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
			if _, err := svc.SendDigestNow(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.SendDue(ctx); err != nil {
				t.Fatal(err)
			}
			bodies, valid, _ := rcv.got()
			var msg map[string]string
			if err := json.Unmarshal([]byte(bodies[len(bodies)-1]), &msg); err != nil {
				t.Fatal(err)
			}
			if !valid[len(valid)-1] || msg["text"] != lang.text {
				t.Errorf("%s digest:\n%s\nwant:\n%s", lang.code, msg["text"], lang.text)
			}
		}
	})
}

func TestDigestIsQueuedOnceADayAtTheHour(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		ctx := context.Background()
		addEndpoint(t, svc, "http://127.0.0.1:9/", notify.FormatJSON, notify.EventDigest)
		if _, err := svc.SaveSettings(ctx, notify.Settings{DigestEnabled: true, DigestHour: 8}); err != nil {
			t.Fatal(err)
		}
		count := func() int64 {
			var n int64
			b.Store.Read(ctx).Model(&store.NotifyDelivery{}).Where("event_type = ?", "digest").Count(&n)
			return n
		}
		// The clock is in the team's zone: 07:59 there is too early, 08:00 is time.
		warsaw, _ := time.LoadLocation("Europe/Warsaw")
		for _, step := range []struct {
			at   time.Time
			want int64
		}{
			{time.Date(2026, 12, 3, 7, 59, 0, 0, warsaw), 0},
			{time.Date(2026, 12, 3, 8, 0, 0, 0, warsaw), 1},
			{time.Date(2026, 12, 3, 17, 0, 0, 0, warsaw), 1},
			{time.Date(2026, 12, 4, 7, 0, 0, 0, warsaw), 1},
			{time.Date(2026, 12, 4, 8, 30, 0, 0, warsaw), 2},
		} {
			c.set(step.at)
			if err := svc.DigestIfDue(ctx); err != nil {
				t.Fatal(err)
			}
			if got := count(); got != step.want {
				t.Fatalf("at %s: %d digests queued, want %d", step.at, got, step.want)
			}
		}
	})
}

func TestHooksQueueTaskHealthAndReferralEvents(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		ctx := context.Background()
		addEndpoint(t, svc, "http://127.0.0.1:9/", notify.FormatJSON, notify.EventTaskCreated, notify.EventHealthPoor, notify.EventReferralConverted)
		keys := func(typ string) []string {
			var k []string
			b.Store.Read(ctx).Model(&store.NotifyDelivery{}).Where("event_type = ?", typ).Order("event_key").Pluck("event_key", &k)
			return k
		}

		// Tasks: an overdue payment fires its playbook; every task it creates is queued once.
		acc := addAccount(t, b, "Acme", "Anna", 50000, "EUR")
		b.Store.Write(ctx).Model(&store.Account{}).Where("id = ?", acc).Updates(map[string]any{"payment_status": "overdue", "overdue_since": store.NewDate(t0.AddDate(0, 0, -10))})
		res, err := b.Playbooks.Evaluate(ctx, t0)
		if err != nil {
			t.Fatal(err)
		}
		var taskIDs []int64
		b.Store.Read(ctx).Model(&store.Task{}).Order("id").Pluck("id", &taskIDs)
		if res.Created == 0 || len(keys("task.created")) != res.Created || len(taskIDs) != res.Created {
			t.Fatalf("created %d tasks %v, queued %v", res.Created, taskIDs, keys("task.created"))
		}
		if _, err := b.Playbooks.Evaluate(ctx, t0); err != nil {
			t.Fatal(err)
		}
		if len(keys("task.created")) != res.Created {
			t.Fatalf("a second evaluation queued again: %v", keys("task.created"))
		}

		// Health: a good account scored poor this week is queued; one already poor is not.
		poorBefore := addAccount(t, b, "Still Poor", "", 1000, "EUR")
		week, _ := store.ParseDate("2026-11-02")
		err = b.Store.Tx(ctx, func(tx *gorm.DB) error {
			tx.Model(&store.Account{}).Where("id = ?", acc).Update("health_class", "good")
			tx.Model(&store.Account{}).Where("id = ?", poorBefore).Update("health_class", "poor")
			for _, id := range []int64{acc, poorBefore} {
				if err := tx.Create(&store.HealthScore{AccountID: id, WeekStart: week, Score: 22, Class: "poor", Breakdown: "{}", ComputedAt: t0}).Error; err != nil {
					return err
				}
			}
			if err := notify.HealthFell(tx, week); err != nil {
				return err
			}
			return notify.HealthFell(tx, week) // twice: still one event
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := keys("health.poor"); len(got) != 1 || got[0] != "health.poor:1:2026-11-02" {
			t.Fatalf("health events %v", got)
		}

		// Referral: converting queues one event.
		r, err := b.Referrals.Create(ctx, referrals.Input{ReferrerAccountID: acc, ReferredCompany: "Newco", ReferredOn: "2026-10-01", Channel: "email"})
		if err != nil {
			t.Fatal(err)
		}
		other := addAccount(t, b, "Newco", "", 30000, "EUR")
		if _, err := b.Referrals.Convert(ctx, r.ID, referrals.ConvertInput{AccountID: &other}); err != nil {
			t.Fatal(err)
		}
		var d store.NotifyDelivery
		b.Store.Read(ctx).Where("event_type = ?", "referral.converted").Take(&d)
		var data map[string]any
		json.Unmarshal([]byte(d.Payload), &data)
		if data["referrer_name"] != "Acme" || data["referred_company"] != "Newco" || data["mrr"] != float64(30000) || data["account_id"] != float64(other) {
			t.Fatalf("referral event %s", d.Payload)
		}
	})
}
