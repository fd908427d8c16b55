package playbooks

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"churndesk/backend/notify"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

const playbooksKey = "playbooks"

// Database is what the playbooks service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service keeps playbooks, evaluates triggers and manages the tasks.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time
}

// NewService returns a Service on db; now is the clock for "today".
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

// Playbooks returns every trigger's playbook: the stored ones, and the
// defaults for triggers never edited.
func (s *Service) Playbooks(ctx context.Context) ([]Playbook, error) {
	return load(s.db.Read(ctx))
}

func load(db *gorm.DB) ([]Playbook, error) {
	var stored []Playbook
	if _, err := store.LoadSetting(db, playbooksKey, &stored); err != nil {
		return nil, err
	}
	byTrigger := map[string]Playbook{}
	for _, p := range stored {
		byTrigger[p.Trigger] = p
	}
	out := Defaults()
	for i, d := range out {
		if p, ok := byTrigger[d.Trigger]; ok {
			out[i] = p
		}
	}
	return out, nil
}

// SavePlaybook validates p and replaces its trigger's playbook.
func (s *Service) SavePlaybook(ctx context.Context, p Playbook) (Playbook, error) {
	if err := s.check.Struct(p); err != nil {
		return Playbook{}, err
	}
	if err := checkThreshold(p); err != nil {
		return Playbook{}, err
	}
	for i := range p.Actions {
		p.Actions[i].Title = strings.TrimSpace(p.Actions[i].Title)
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		all, err := load(tx)
		if err != nil {
			return err
		}
		for i := range all {
			if all[i].Trigger == p.Trigger {
				all[i] = p
			}
		}
		return store.SaveSetting(tx, playbooksKey, all, s.now().UTC())
	})
	if err != nil {
		return Playbook{}, fmt.Errorf("save playbook: %w", err)
	}
	return p, nil
}

// EvalResult says what an evaluation found and created.
type EvalResult struct {
	AsOf    string         `json:"as_of" format:"date"`
	Fired   map[string]int `json:"fired" description:"Occurrences found per trigger, new or already handled."`
	Created int            `json:"created" description:"Tasks created now; occurrences handled before create none."`
}

// Evaluate finds every trigger's occurrences as of asOf and creates their
// playbooks' tasks in one transaction. An occurrence that already has its
// tasks creates none, so evaluating twice is harmless.
func (s *Service) Evaluate(ctx context.Context, asOf time.Time) (EvalResult, error) {
	res := EvalResult{AsOf: day(asOf).String(), Fired: map[string]int{}}
	now := s.now().UTC()
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		books, err := load(tx)
		if err != nil {
			return err
		}
		for _, p := range books {
			if !p.Enabled || len(p.Actions) == 0 {
				continue
			}
			found, err := detectors[p.Trigger](tx, asOf, p.Threshold)
			if err != nil {
				return fmt.Errorf("trigger %s: %w", p.Trigger, err)
			}
			res.Fired[p.Trigger] = len(found)
			created, err := createTasks(tx, p, found, asOf, now)
			if err != nil {
				return fmt.Errorf("trigger %s: %w", p.Trigger, err)
			}
			res.Created += created
		}
		if err := HoldCelebrations(tx, asOf); err != nil {
			return err
		}
		return notify.TasksCreated(tx, now)
	})
	if err != nil {
		return EvalResult{}, fmt.Errorf("evaluate triggers: %w", err)
	}
	return res, nil
}

func createTasks(tx *gorm.DB, p Playbook, found []Occurrence, asOf, now time.Time) (int, error) {
	var rows []store.Task
	for _, o := range found {
		for i, a := range p.Actions {
			owner := a.Owner
			if owner == "" {
				owner = o.Owner
			}
			title := actionTitle(p.Trigger, i, a.Title, o)
			rows = append(rows, store.Task{AccountID: o.AccountID, Trigger: p.Trigger, Occurrence: o.Key, ActionIndex: i,
				Kind: a.Kind, Title: title.Render("en"), Reason: o.Detail.Render("en"), TitleMsg: title, ReasonMsg: o.Detail,
				Owner: owner, DueOn: day(asOf.AddDate(0, 0, a.DueInDays)), Status: "open", CreatedAt: now, UpdatedAt: now})
		}
	}
	created := 0
	for start := 0; start < len(rows); start += 500 {
		res := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "account_id"}, {Name: "trigger"}, {Name: "occurrence"}, {Name: "action_index"}},
			DoNothing: true,
		}).Create(rows[start:min(start+500, len(rows))])
		if res.Error != nil {
			return 0, res.Error
		}
		created += int(res.RowsAffected)
	}
	return created, nil
}

// actionTitle is the title of action i of trigger's playbook for o: the
// catalogue's message when the action is the default one (so it reads in
// every language), else the text the team wrote with {account} and
// {detail} filled in.
func actionTitle(trigger string, i int, title string, o Occurrence) texts.Msg {
	for _, d := range Defaults() {
		if d.Trigger != trigger || i >= len(d.Actions) || d.Actions[i].Title != title {
			continue
		}
		args := []texts.Arg{texts.Str(o.Name)}
		if strings.Contains(title, "{detail}") {
			args = append(args, texts.Sub(o.Detail))
		}
		return texts.New(fmt.Sprintf("task.%s.%d", trigger, i), args...)
	}
	return texts.New(texts.KeyTemplate, texts.Str(title), texts.Str(o.Name), texts.Sub(o.Detail))
}
