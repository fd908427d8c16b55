package notify

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"churndesk/backend/store"
)

// These functions write events into the outbox inside the caller's
// transaction, one delivery per enabled endpoint subscribed to the event,
// so an event is sent exactly when its change is committed. Each event has
// a key; an event written twice is sent once. With no endpoint subscribed
// they write nothing.

// subscribers are the enabled endpoints that take events of type typ.
func subscribers(tx *gorm.DB, typ string) ([]store.NotifyEndpoint, error) {
	var rows []store.NotifyEndpoint
	if err := tx.Where("enabled = ?", true).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find notification endpoints: %w", err)
	}
	out := rows[:0]
	for _, r := range rows {
		if typ == EventTest || slices.Contains(splitEvents(r.Events), typ) {
			out = append(out, r)
		}
	}
	return out, nil
}

// queued is one event to put in the outbox.
type queued struct {
	key  string
	data map[string]any
}

// enqueue writes the events of type typ for every endpoint in to.
func enqueue(tx *gorm.DB, to []store.NotifyEndpoint, typ string, events []queued) error {
	if len(to) == 0 || len(events) == 0 {
		return nil
	}
	// A new delivery has no next attempt yet: it is due at once.
	now := micro(time.Now())
	rows := make([]store.NotifyDelivery, 0, len(to)*len(events))
	for _, ev := range events {
		raw, err := json.Marshal(ev.data)
		if err != nil {
			return fmt.Errorf("encode %s event: %w", typ, err)
		}
		for _, e := range to {
			rows = append(rows, store.NotifyDelivery{EndpointID: e.ID, EventKey: ev.key, EventType: typ, Payload: string(raw),
				Status: StatusPending, CreatedAt: now})
		}
	}
	err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "endpoint_id"}, {Name: "event_key"}}, DoNothing: true}).
		CreateInBatches(rows, 200).Error
	if err != nil {
		return fmt.Errorf("queue %s notifications: %w", typ, err)
	}
	return nil
}

// ChurnLogged queues a churn.logged event for a churn record just written;
// reasonLabels names its reason by language (en, ru, pl) and is called only
// when an endpoint takes the event.
func ChurnLogged(tx *gorm.DB, rec store.ChurnRecord, acc store.Account, reasonLabels func() (map[string]string, error)) error {
	to, err := subscribers(tx, EventChurnLogged)
	if err != nil || len(to) == 0 {
		return err
	}
	labels, err := reasonLabels()
	if err != nil {
		return err
	}
	return enqueue(tx, to, EventChurnLogged, []queued{{key: fmt.Sprintf("churn.logged:%d", rec.ID), data: map[string]any{
		"churn_record_id": rec.ID, "account_id": acc.ID, "account_name": acc.Name, "owner": acc.Owner,
		"churn_date": rec.ChurnDate.String(), "reason": rec.Reason, "reason_detail": rec.ReasonDetail,
		"preventable": rec.Preventable, "voluntary": rec.Voluntary, "mrr_lost": rec.MRRLost, "currency": rec.Currency, "reason_labels": labels,
	}}})
}

// ReferralConverted queues a referral.converted event for referral id,
// converted into an account in this transaction.
func ReferralConverted(tx *gorm.DB, id int64) error {
	to, err := subscribers(tx, EventReferralConverted)
	if err != nil || len(to) == 0 {
		return err
	}
	var r struct {
		ID                 int64
		ReferredCompany    string
		ReferrerAccountID  int64
		ReferrerName       string
		ConvertedAccountID *int64
		MRR                int64 `gorm:"column:mrr"`
		Currency           string
	}
	err = tx.Table("referrals").Select("referrals.id, referrals.referred_company, referrals.referrer_account_id, ra.name AS referrer_name, "+
		"referrals.converted_account_id, ca.mrr, ca.currency").
		Joins("JOIN accounts ra ON ra.id = referrals.referrer_account_id").
		Joins("LEFT JOIN accounts ca ON ca.id = referrals.converted_account_id").
		Where("referrals.id = ?", id).Take(&r).Error
	if err != nil {
		return fmt.Errorf("load converted referral %d: %w", id, err)
	}
	return enqueue(tx, to, EventReferralConverted, []queued{{key: fmt.Sprintf("referral.converted:%d", r.ID), data: map[string]any{
		"referral_id": r.ID, "referred_company": r.ReferredCompany, "referrer_account_id": r.ReferrerAccountID,
		"referrer_name": r.ReferrerName, "account_id": r.ConvertedAccountID, "mrr": r.MRR, "currency": r.Currency,
	}}})
}

// HealthFell queues a health.poor event for every live account whose score
// for the week starting week is poor while its current class (not yet
// updated) is good or average. Call it after the week's scores are stored
// and before the accounts' current health is replaced.
func HealthFell(tx *gorm.DB, week store.Date) error {
	to, err := subscribers(tx, EventHealthPoor)
	if err != nil || len(to) == 0 {
		return err
	}
	var rows []struct {
		ID          int64
		Name        string
		Owner       string
		MRR         int64 `gorm:"column:mrr"`
		Currency    string
		HealthClass string
		Score       float64
	}
	err = tx.Table("accounts").Select("accounts.id, accounts.name, accounts.owner, accounts.mrr, accounts.currency, accounts.health_class, h.score").
		Joins("JOIN health_scores h ON h.account_id = accounts.id AND h.week_start = ? AND h.class = ?", week, "poor").
		Where("accounts.status <> ? AND accounts.health_class IN ?", "churned", []string{"good", "average"}).
		Order("accounts.id").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("find accounts fallen to poor: %w", err)
	}
	events := make([]queued, 0, len(rows))
	for _, r := range rows {
		events = append(events, queued{key: fmt.Sprintf("health.poor:%d:%s", r.ID, week), data: map[string]any{
			"account_id": r.ID, "account_name": r.Name, "owner": r.Owner, "score": r.Score, "previous_class": r.HealthClass,
			"week_start": week.String(), "mrr": r.MRR, "currency": r.Currency,
		}})
	}
	return enqueue(tx, to, EventHealthPoor, events)
}

// TasksCreated queues a task.created event for every task created at or
// after since (the time stamped on the tasks this transaction created).
func TasksCreated(tx *gorm.DB, since time.Time) error {
	to, err := subscribers(tx, EventTaskCreated)
	if err != nil || len(to) == 0 {
		return err
	}
	var rows []struct {
		ID        int64
		AccountID int64
		Name      string
		Trigger   string
		Title     string
		Owner     string
		DueOn     store.Date
	}
	err = tx.Table("tasks").Select("tasks.id, tasks.account_id, a.name, tasks.trigger, tasks.title, tasks.owner, tasks.due_on").
		Joins("JOIN accounts a ON a.id = tasks.account_id").
		Where("tasks.created_at >= ? AND tasks.status = ?", since.UTC().Add(-time.Millisecond), "open").Order("tasks.id").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("find created tasks: %w", err)
	}
	events := make([]queued, 0, len(rows))
	for _, r := range rows {
		events = append(events, queued{key: fmt.Sprintf("task.created:%d", r.ID), data: map[string]any{
			"task_id": r.ID, "account_id": r.AccountID, "account_name": r.Name, "trigger": r.Trigger, "title": r.Title,
			"owner": r.Owner, "due_on": r.DueOn.String(),
		}})
	}
	return enqueue(tx, to, EventTaskCreated, events)
}
