package offboarding

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

const settingsKey = "offboarding_settings"

// Database is what the offboarding service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service keeps offboarding checklists.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time
}

// NewService returns a Service on db; now is the clock for "today".
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

// Settings returns the stored templates and letter, or the defaults.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(s.db.Read(ctx))
}

func loadSettings(db *gorm.DB) (Settings, error) {
	set := Settings{Templates: DefaultTemplates(), Farewell: DefaultFarewell()}
	_, err := store.LoadSetting(db, settingsKey, &set)
	return set, err
}

// SaveSettings validates and stores templates and the letter.
func (s *Service) SaveSettings(ctx context.Context, set Settings) (Settings, error) {
	if err := s.check.Struct(set); err != nil {
		return Settings{}, err
	}
	seen := map[string]bool{}
	for i, t := range set.Templates {
		if seen[t.Reason] {
			return Settings{}, fault.Field(fmt.Sprintf("templates[%d].reason", i), "has two templates")
		}
		seen[t.Reason] = true
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error { return store.SaveSetting(tx, settingsKey, set, s.now().UTC()) })
	if err != nil {
		return Settings{}, fmt.Errorf("save offboarding settings: %w", err)
	}
	return set, nil
}

// templateFor picks the reason's template, else the "other" one.
func (set Settings) templateFor(reason string) []ItemTemplate {
	var fallback []ItemTemplate
	for _, t := range set.Templates {
		if t.Reason == reason {
			return t.Items
		}
		if t.Reason == "other" {
			fallback = t.Items
		}
	}
	return fallback
}

// CreateForChurn opens the checklist for a churn record inside the
// transaction that stores the record, so both are kept or neither is. An
// open intent checklist of the account becomes this churn's checklist.
func (s *Service) CreateForChurn(tx *gorm.DB, rec store.ChurnRecord, acc store.Account, lang string) error {
	var open store.Checklist
	if err := tx.Where("account_id = ? AND kind = ? AND completed_at IS NULL", acc.ID, "intent").Limit(1).Find(&open).Error; err != nil {
		return fmt.Errorf("find intent checklist: %w", err)
	}
	if open.ID != 0 {
		return tx.Model(&open).Updates(map[string]any{"kind": "churn", "churn_record_id": rec.ID, "reason": rec.Reason, "updated_at": s.now().UTC()}).Error
	}
	_, err := s.create(tx, acc, "churn", rec.Reason, rec.ChurnDate, lang, &rec.ID)
	return err
}

// CreateForIntent opens a checklist for a live account whose customer said
// they intend to leave.
func (s *Service) CreateForIntent(ctx context.Context, accountID int64, in IntentInput) (Checklist, error) {
	if err := s.check.Struct(in); err != nil {
		return Checklist{}, err
	}
	day, _ := store.ParseDate(in.Date)
	var id int64
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var acc store.Account
		if err := tx.First(&acc, accountID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.NotFound("Account", accountID)
			}
			return err
		}
		if acc.Status == "churned" {
			return fault.Conflict(acc.Name + " has already churned; its checklist was made when the churn was logged.")
		}
		var n int64
		if err := tx.Model(&store.Checklist{}).Where("account_id = ? AND completed_at IS NULL", accountID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fault.Conflict(acc.Name + " already has an open offboarding checklist.")
		}
		var err error
		id, err = s.create(tx, acc, "intent", in.Reason, day, in.Language, nil)
		return err
	})
	if err != nil {
		return Checklist{}, wrap("open intent checklist", err)
	}
	return s.Get(ctx, id)
}

func (s *Service) create(tx *gorm.DB, acc store.Account, kind, reason string, start store.Date, lang string, churnID *int64) (int64, error) {
	if lang == "" {
		lang = "en"
	}
	set, err := loadSettings(tx)
	if err != nil {
		return 0, err
	}
	templateKey := reason
	if kind == "intent" {
		templateKey = "intent"
	}
	now := s.now().UTC()
	c := store.Checklist{AccountID: acc.ID, ChurnRecordID: churnID, Kind: kind, Reason: reason, StartDate: start, Language: lang, CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(&c).Error; err != nil {
		return 0, fmt.Errorf("create checklist: %w", err)
	}
	steps := append([]ItemTemplate{}, set.templateFor(templateKey)...)
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].DueDays < steps[j].DueDays })
	items := make([]store.ChecklistItem, len(steps))
	for i, t := range steps {
		owner := ""
		if t.OwnerRole == "csm" {
			owner = acc.Owner
		}
		items[i] = store.ChecklistItem{ChecklistID: c.ID, Position: i + 1, Key: t.Key, Title: t.Title.In(lang), Guidance: t.Guidance.In(lang),
			OwnerRole: t.OwnerRole, Owner: owner, DueOn: store.NewDate(start.AddDate(0, 0, t.DueDays)), Required: t.Required, CreatedAt: now, UpdatedAt: now}
	}
	if len(items) > 0 {
		if err := tx.Create(&items).Error; err != nil {
			return 0, fmt.Errorf("create checklist items: %w", err)
		}
	}
	return c.ID, nil
}

// Get returns checklist id with its items in order.
func (s *Service) Get(ctx context.Context, id int64) (Checklist, error) {
	db := s.db.Read(ctx)
	sums, err := s.summaries(db.Where("checklists.id = ?", id))
	if err != nil {
		return Checklist{}, err
	}
	if len(sums) == 0 {
		return Checklist{}, fault.NotFound("Checklist", id)
	}
	var rows []store.ChecklistItem
	if err := db.Where("checklist_id = ?", id).Order("position, id").Find(&rows).Error; err != nil {
		return Checklist{}, fmt.Errorf("load checklist items: %w", err)
	}
	today := store.NewDate(s.now())
	out := Checklist{Summary: sums[0], Items: make([]Item, len(rows))}
	for i, r := range rows {
		out.Items[i] = Item{ID: r.ID, Position: r.Position, Key: r.Key, Title: r.Title, Guidance: r.Guidance, OwnerRole: r.OwnerRole,
			Owner: r.Owner, DueOn: r.DueOn, Required: r.Required, Done: r.Done, DoneAt: r.DoneAt, DoneBy: r.DoneBy, Notes: r.Notes,
			Overdue: !r.Done && r.DueOn.Before(today.Time)}
	}
	inLanguage(db, &out, texts.Lang(ctx))
	return out, nil
}

// summaryRow is a checklist with its account and item counts.
type summaryRow struct {
	store.Checklist
	AccountName string
	Owner       string
	Done        int
	Total       int
	Overdue     int
	NextDue     store.NullTime
	NextTitle   string
	NextKey     string
}

func (s *Service) summaries(db *gorm.DB) ([]Summary, error) {
	today := store.NewDate(s.now())
	var rows []summaryRow
	err := db.Table("checklists").Joins("JOIN accounts ON accounts.id = checklists.account_id").
		Select(`checklists.*, accounts.name AS account_name, accounts.owner AS owner,
			(SELECT count(*) FROM checklist_items i WHERE i.checklist_id = checklists.id AND i.done) AS done,
			(SELECT count(*) FROM checklist_items i WHERE i.checklist_id = checklists.id) AS total,
			(SELECT count(*) FROM checklist_items i WHERE i.checklist_id = checklists.id AND NOT i.done AND i.due_on < ?) AS overdue,
			(SELECT min(i.due_on) FROM checklist_items i WHERE i.checklist_id = checklists.id AND NOT i.done) AS next_due,
			COALESCE((SELECT i.title FROM checklist_items i WHERE i.checklist_id = checklists.id AND NOT i.done
				ORDER BY i.due_on, i.position, i.id LIMIT 1), '') AS next_title,
			COALESCE((SELECT i.key FROM checklist_items i WHERE i.checklist_id = checklists.id AND NOT i.done
				ORDER BY i.due_on, i.position, i.id LIMIT 1), '') AS next_key`, today).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load checklists: %w", err)
	}
	out := make([]Summary, len(rows))
	for i, r := range rows {
		out[i] = Summary{ID: r.ID, AccountID: r.AccountID, AccountName: r.AccountName, Owner: r.Owner, Kind: r.Kind, Reason: r.Reason,
			StartDate: r.StartDate, Language: r.Language, ChurnRecordID: r.ChurnRecordID, CompletedAt: r.CompletedAt,
			Progress: Progress{Done: r.Done, Total: r.Total, Overdue: r.Overdue}, NextDueTitle: r.NextTitle, nextKey: r.NextKey}
		if r.NextDue.Valid {
			d := store.NewDate(r.NextDue.Time)
			out[i].NextDue = &d
		}
	}
	return out, nil
}

// Board lists checklists: those with overdue steps first, then by next due date.
func (s *Service) Board(ctx context.Context, q BoardQuery) (Board, error) {
	if err := s.check.Struct(q); err != nil {
		return Board{}, err
	}
	db := s.db.Read(ctx)
	switch q.Status {
	case "", "open":
		db = db.Where("checklists.completed_at IS NULL")
	case "done":
		db = db.Where("checklists.completed_at IS NOT NULL")
	}
	if q.Owner != "" {
		db = db.Where("accounts.owner = ?", q.Owner)
	}
	if q.AccountID > 0 {
		db = db.Where("checklists.account_id = ?", q.AccountID)
	}
	all, err := s.summaries(db)
	if err != nil {
		return Board{}, err
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if (a.Progress.Overdue > 0) != (b.Progress.Overdue > 0) {
			return a.Progress.Overdue > 0
		}
		return a.StartDate.After(b.StartDate.Time)
	})
	limit := q.Limit
	if limit == 0 {
		limit = 50
	}
	page := append([]Summary{}, all[min(q.Offset, len(all)):min(q.Offset+limit, len(all))]...)
	summariesInLanguage(s.db.Read(ctx), page, texts.Lang(ctx))
	return Board{Items: page, Total: int64(len(all))}, nil
}

// UpdateItem changes step id. Finishing the win-back step schedules a
// win-back task in the Today inbox on the step's due date.
func (s *Service) UpdateItem(ctx context.Context, actor string, id int64, u ItemUpdate) (Checklist, error) {
	if err := s.check.Struct(u); err != nil {
		return Checklist{}, err
	}
	var checklistID int64
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var it store.ChecklistItem
		if err := tx.First(&it, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.NotFound("Checklist item", id)
			}
			return err
		}
		checklistID = it.ChecklistID
		now := s.now().UTC()
		if u.Done != nil && *u.Done != it.Done {
			it.Done = *u.Done
			it.DoneAt, it.DoneBy = nil, ""
			if it.Done {
				it.DoneAt, it.DoneBy = &now, actor
			}
		}
		if u.Owner != nil {
			it.Owner = strings.TrimSpace(*u.Owner)
		}
		if u.Notes != nil {
			it.Notes = *u.Notes
		}
		if u.Title != nil {
			it.Title = strings.TrimSpace(*u.Title)
		}
		if u.DueOn != nil {
			d, _ := store.ParseDate(*u.DueOn)
			it.DueOn = d
		}
		it.UpdatedAt = now
		if err := tx.Save(&it).Error; err != nil {
			return err
		}
		if it.Key == WinBackKey && it.Done {
			if err := scheduleWinBack(tx, it, s.now()); err != nil {
				return err
			}
		}
		return markCompletion(tx, it.ChecklistID, now)
	})
	if err != nil {
		return Checklist{}, wrap("update checklist item", err)
	}
	return s.Get(ctx, checklistID)
}

// scheduleWinBack adds the win-back task once per checklist.
func scheduleWinBack(tx *gorm.DB, it store.ChecklistItem, now time.Time) error {
	today := store.NewDate(now) // in the team's time zone (now's location)
	now = now.UTC()
	var c store.Checklist
	if err := tx.First(&c, it.ChecklistID).Error; err != nil {
		return err
	}
	var acc store.Account
	if err := tx.Select("id, name, owner").First(&acc, c.AccountID).Error; err != nil {
		return err
	}
	owner := it.Owner
	if owner == "" {
		owner = acc.Owner
	}
	due := it.DueOn
	if due.Before(today.Time) {
		due = today
	}
	title, reason := texts.New("task.win_back", texts.Str(acc.Name)), texts.New("reason.win_back")
	task := store.Task{AccountID: c.AccountID, Trigger: "win_back", Occurrence: fmt.Sprintf("checklist-%d", c.ID), Kind: "call",
		TitleMsg: title, Title: title.Render("en"), ReasonMsg: reason, Reason: reason.Render("en"), Owner: owner, DueOn: due, Status: "open",
		CreatedAt: now, UpdatedAt: now}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&task).Error
}

// markCompletion closes a checklist when every required step is done, and
// reopens it when one is undone.
func markCompletion(tx *gorm.DB, checklistID int64, now time.Time) error {
	var open int64
	if err := tx.Model(&store.ChecklistItem{}).Where("checklist_id = ? AND required AND NOT done", checklistID).Count(&open).Error; err != nil {
		return err
	}
	var completed any
	if open == 0 {
		completed = now
	}
	return tx.Model(&store.Checklist{}).Where("id = ?", checklistID).Updates(map[string]any{"completed_at": completed, "updated_at": now}).Error
}

// AddItem appends a step of one's own to checklist id.
func (s *Service) AddItem(ctx context.Context, checklistID int64, in ItemInput) (Checklist, error) {
	if err := s.check.Struct(in); err != nil {
		return Checklist{}, err
	}
	due, _ := store.ParseDate(in.DueOn)
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var c store.Checklist
		if err := tx.First(&c, checklistID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.NotFound("Checklist", checklistID)
			}
			return err
		}
		var last int
		if err := tx.Model(&store.ChecklistItem{}).Where("checklist_id = ?", checklistID).Select("COALESCE(MAX(position), 0)").Scan(&last).Error; err != nil {
			return err
		}
		now := s.now().UTC()
		it := store.ChecklistItem{ChecklistID: checklistID, Position: last + 1, Title: strings.TrimSpace(in.Title), Guidance: in.Guidance,
			OwnerRole: in.OwnerRole, Owner: in.Owner, DueOn: due, Required: in.Required, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&it).Error; err != nil {
			return err
		}
		return markCompletion(tx, checklistID, now)
	})
	if err != nil {
		return Checklist{}, wrap("add checklist item", err)
	}
	return s.Get(ctx, checklistID)
}

// DeleteItem removes step id.
func (s *Service) DeleteItem(ctx context.Context, id int64) (Checklist, error) {
	var checklistID int64
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var it store.ChecklistItem
		if err := tx.First(&it, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.NotFound("Checklist item", id)
			}
			return err
		}
		checklistID = it.ChecklistID
		if err := tx.Delete(&it).Error; err != nil {
			return err
		}
		return markCompletion(tx, checklistID, s.now().UTC())
	})
	if err != nil {
		return Checklist{}, wrap("delete checklist item", err)
	}
	return s.Get(ctx, checklistID)
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := fault.As(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}

// Backfill opens checklists for churn records since a day that have none,
// such as churns imported from a CRM or loaded as sample data.
func (s *Service) Backfill(ctx context.Context, since store.Date) (int, error) {
	created := 0
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var recs []store.ChurnRecord
		err := tx.Where("churn_date >= ? AND NOT EXISTS (SELECT 1 FROM checklists c WHERE c.churn_record_id = churn_records.id)", since).
			Order("id").Find(&recs).Error
		if err != nil {
			return err
		}
		for _, rec := range recs {
			var acc store.Account
			if err := tx.First(&acc, rec.AccountID).Error; err != nil {
				return err
			}
			if _, err := s.create(tx, acc, "churn", rec.Reason, rec.ChurnDate, "en", &rec.ID); err != nil {
				return err
			}
			created++
		}
		return nil
	})
	return created, wrap("backfill checklists", err)
}
