package playbooks

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// TaskQuery selects tasks; Open includes snoozed tasks whose snooze has ended.
type TaskQuery struct {
	Status    string `query:"status" validate:"omitempty,oneof=open done snoozed held all" enum:"open,done,snoozed,held,all" description:"Default open: open tasks and snoozed ones that are due again."`
	Owner     string `query:"owner" validate:"max=100"`
	DueBy     string `query:"due_by" validate:"omitempty,datetime=2006-01-02" format:"date" description:"Only tasks due on or before this day."`
	AccountID int64  `query:"account_id" validate:"gte=0"`
	Limit     int    `query:"limit" validate:"gte=0,lte=500" minimum:"1" maximum:"500" default:"100"`
	Offset    int    `query:"offset" validate:"gte=0" minimum:"0"`
}

// TaskList is one page of tasks, most urgent first.
type TaskList struct {
	Items []Task `json:"items"`
	Total int64  `json:"total"`
}

// Tasks lists tasks matching q, ordered by due date.
func (s *Service) Tasks(ctx context.Context, q TaskQuery) (TaskList, error) {
	if err := s.check.Struct(q); err != nil {
		return TaskList{}, err
	}
	today := day(s.now())
	db := s.db.Read(ctx).Table("tasks").Joins("JOIN accounts ON accounts.id = tasks.account_id")
	switch q.Status {
	case "", "open":
		db = db.Where("tasks.status = 'open' OR (tasks.status = 'snoozed' AND tasks.snoozed_until <= ?)", today)
	case "all":
	default:
		db = db.Where("tasks.status = ?", q.Status)
	}
	if q.Owner != "" {
		db = db.Where("tasks.owner = ?", q.Owner)
	}
	if q.DueBy != "" {
		db = db.Where("tasks.due_on <= ?", q.DueBy)
	}
	if q.AccountID > 0 {
		db = db.Where("tasks.account_id = ?", q.AccountID)
	}
	var total int64
	if err := db.Count(&total).Error; err != nil {
		return TaskList{}, fmt.Errorf("count tasks: %w", err)
	}
	limit := q.Limit
	if limit == 0 {
		limit = 100
	}
	var rows []taskRow
	err := db.Select("tasks.*, accounts.name AS account_name").Order("tasks.due_on, tasks.id").
		Limit(limit).Offset(q.Offset).Scan(&rows).Error
	if err != nil {
		return TaskList{}, fmt.Errorf("list tasks: %w", err)
	}
	out := TaskList{Items: make([]Task, len(rows)), Total: total}
	lang := texts.Lang(ctx)
	for i, r := range rows {
		out.Items[i] = r.view(lang)
	}
	return out, nil
}

type taskRow struct {
	store.Task
	AccountName string
}

// view is the task as the API shows it, its title and reason written in lang.
func (r taskRow) view(lang string) Task {
	t := Task{ID: r.ID, AccountID: r.AccountID, AccountName: r.AccountName, Trigger: r.Trigger, Kind: r.Kind,
		Title: written(r.TitleMsg, r.Title, lang), Reason: written(r.ReasonMsg, r.Reason, lang), Owner: r.Owner, DueOn: r.DueOn.String(), Status: r.Status,
		HeldReason: r.HeldReason, CreatedAt: r.CreatedAt.UTC().Format(time.RFC3339)}
	if r.SnoozedUntil != nil {
		s := r.SnoozedUntil.String()
		t.SnoozedUntil = &s
	}
	return t
}

// TaskUpdate changes a task: mark it done or open again, snooze it, or hand it to someone.
type TaskUpdate struct {
	Status       string `json:"status,omitempty" validate:"omitempty,oneof=open done snoozed" enum:"open,done,snoozed"`
	SnoozedUntil string `json:"snoozed_until,omitempty" validate:"required_if=Status snoozed,omitempty,datetime=2006-01-02" format:"date"`
	Owner        string `json:"owner,omitempty" validate:"max=100"`
}

// UpdateTask applies u to task id.
func (s *Service) UpdateTask(ctx context.Context, id int64, u TaskUpdate) (Task, error) {
	if err := s.check.Struct(u); err != nil {
		return Task{}, err
	}
	now := s.now().UTC()
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var t store.Task
		if err := tx.First(&t, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.NotFound("Task", id)
			}
			return err
		}
		switch u.Status {
		case "done":
			t.Status, t.DoneAt, t.SnoozedUntil = "done", &now, nil
		case "open":
			t.Status, t.DoneAt, t.SnoozedUntil = "open", nil, nil
		case "snoozed":
			until, _ := store.ParseDate(u.SnoozedUntil)
			if !until.After(day(now).Time) {
				return fault.Field("snoozed_until", "must be after today")
			}
			t.Status, t.SnoozedUntil = "snoozed", &until
		}
		if u.Owner != "" {
			t.Owner = u.Owner
		}
		t.UpdatedAt = now
		return tx.Save(&t).Error
	})
	if err != nil {
		if _, ok := fault.As(err); ok {
			return Task{}, err
		}
		return Task{}, fmt.Errorf("update task %d: %w", id, err)
	}
	return s.task(ctx, id)
}

func (s *Service) task(ctx context.Context, id int64) (Task, error) {
	var r taskRow
	err := s.db.Read(ctx).Table("tasks").Joins("JOIN accounts ON accounts.id = tasks.account_id").
		Select("tasks.*, accounts.name AS account_name").Where("tasks.id = ?", id).Scan(&r).Error
	if err != nil {
		return Task{}, fmt.Errorf("load task %d: %w", id, err)
	}
	return r.view(texts.Lang(ctx)), nil
}

// Firing is one trigger occurrence that created tasks, or whose
// celebration is held back.
type Firing struct {
	AccountID   int64  `json:"account_id"`
	AccountName string `json:"account_name"`
	Trigger     string `json:"trigger"`
	Reason      string `json:"reason"`
	Status      string `json:"status" enum:"open,done,snoozed,held" description:"The status of the occurrence's first task; held: a celebration held back."`
	HeldReason  string `json:"held_reason,omitempty" enum:"poor_health,risk_task"`
	FiredAt     string `json:"fired_at" format:"date-time"`
}

// FiringQuery selects the firing log: every account's, or one account's.
type FiringQuery struct {
	AccountID int64 `query:"account_id" validate:"gte=0" minimum:"0" description:"Only this account's firings."`
	Limit     int   `query:"limit" validate:"gte=0,lte=100" minimum:"1" maximum:"100" default:"20"`
}

// FiringList holds trigger occurrences, newest first.
type FiringList struct {
	Items []Firing `json:"items"`
}

// RecentFirings lists the latest trigger occurrences, newest first.
func (s *Service) RecentFirings(ctx context.Context, q FiringQuery) (FiringList, error) {
	if err := s.check.Struct(q); err != nil {
		return FiringList{}, err
	}
	limit := q.Limit
	if limit == 0 {
		limit = 20
	}
	var rows []struct {
		AccountID   int64
		AccountName string
		Trigger     string
		Reason      string
		ReasonMsg   texts.Msg
		Status      string
		HeldReason  string
		FiredAt     time.Time
	}
	db := s.db.Read(ctx).Table("tasks").Joins("JOIN accounts ON accounts.id = tasks.account_id").
		Select("tasks.account_id, accounts.name AS account_name, tasks.trigger, tasks.reason, tasks.reason_msg, tasks.status, tasks.held_reason, tasks.created_at AS fired_at").
		Where("tasks.action_index = 0")
	if q.AccountID > 0 {
		db = db.Where("tasks.account_id = ?", q.AccountID)
	}
	if err := db.Order("tasks.created_at DESC, tasks.id DESC").Limit(limit).Scan(&rows).Error; err != nil {
		return FiringList{}, fmt.Errorf("recent firings: %w", err)
	}
	out := FiringList{Items: make([]Firing, len(rows))}
	lang := texts.Lang(ctx)
	for i, r := range rows {
		out.Items[i] = Firing{AccountID: r.AccountID, AccountName: r.AccountName, Trigger: r.Trigger, Reason: written(r.ReasonMsg, r.Reason, lang),
			Status: r.Status, HeldReason: r.HeldReason, FiredAt: r.FiredAt.UTC().Format(time.RFC3339)}
	}
	return out, nil
}

// written is m in lang, or the text stored before texts kept their keys.
func written(m texts.Msg, stored, lang string) string {
	if m.IsZero() {
		return stored
	}
	return m.Render(lang)
}
