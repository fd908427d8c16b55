package notify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"gorm.io/gorm"

	"churndesk/backend/boot"
	"churndesk/backend/notify"
	"churndesk/backend/store"
)

func TestTaskAndHealthMessagesInPolish(t *testing.T) {
	open(t, func(t *testing.T, b *boot.Backend, svc *notify.Service, c *clock) {
		ctx := context.Background()
		rcv := newReceiver(t, func(int, http.ResponseWriter) {})
		_, secret := addEndpoint(t, svc, rcv.URL, notify.FormatSlack, notify.EventTaskCreated, notify.EventHealthPoor)
		rcv.secret = secret
		if _, err := svc.SaveSettings(ctx, notify.Settings{Language: "pl", DigestHour: 8}); err != nil {
			t.Fatal(err)
		}
		acc := addAccount(t, b, "Kowalski i Syn", "Ewa", 1234567, "PLN")
		week, _ := store.ParseDate("2026-11-02")
		due, _ := store.ParseDate("2026-11-05")
		err := b.Store.Tx(ctx, func(tx *gorm.DB) error {
			if err := tx.Model(&store.Account{}).Where("id = ?", acc).Update("health_class", "average").Error; err != nil {
				return err
			}
			if err := tx.Create(&store.HealthScore{AccountID: acc, WeekStart: week, Score: 38.6, Class: "poor", Breakdown: "{}", ComputedAt: t0}).Error; err != nil {
				return err
			}
			if err := notify.HealthFell(tx, week); err != nil {
				return err
			}
			task := store.Task{AccountID: acc, Trigger: "health_poor", Occurrence: "w", Kind: "call", Title: "Zadzwoń do klienta", Owner: "",
				DueOn: due, Status: "open", CreatedAt: t0, UpdatedAt: t0}
			if err := tx.Create(&task).Error; err != nil {
				return err
			}
			return notify.TasksCreated(tx, t0)
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SendDue(ctx); err != nil {
			t.Fatal(err)
		}
		bodies, valid, _ := rcv.got()
		want := []string{
			"Kowalski i Syn: kondycja spadła do słabej (39/100, była średnia); MRR 12\u00a0345,67\u00a0zł; opiekun Ewa",
			"Nowe zadanie bez opiekuna: Zadzwoń do klienta (Kowalski i Syn), termin 5 listopada 2026",
		}
		if len(bodies) != 2 {
			t.Fatalf("bodies %q", bodies)
		}
		for i, w := range want {
			var msg map[string]string
			json.Unmarshal([]byte(bodies[i]), &msg)
			if !valid[i] || msg["text"] != w {
				t.Errorf("message %d: %q, want %q", i, msg["text"], w)
			}
		}
	})
}
