package offboarding

import (
	"time"

	"churndesk/backend/store"
)

// Item is a checklist step as the API shows it.
type Item struct {
	ID        int64      `json:"id"`
	Position  int        `json:"position"`
	Key       string     `json:"key"`
	Title     string     `json:"title"`
	Guidance  string     `json:"guidance"`
	OwnerRole string     `json:"owner_role"`
	Owner     string     `json:"owner"`
	DueOn     store.Date `json:"due_on"`
	Required  bool       `json:"required"`
	Done      bool       `json:"done"`
	DoneAt    *time.Time `json:"done_at"`
	DoneBy    string     `json:"done_by"`
	Notes     string     `json:"notes"`
	Overdue   bool       `json:"overdue"`
}

// Progress counts a checklist's steps.
type Progress struct {
	Done    int `json:"done"`
	Total   int `json:"total"`
	Overdue int `json:"overdue"`
}

// Summary is a checklist on the board or on an account.
type Summary struct {
	ID            int64       `json:"id"`
	AccountID     int64       `json:"account_id"`
	AccountName   string      `json:"account_name"`
	Owner         string      `json:"owner"`
	Kind          string      `json:"kind" enum:"churn,intent"`
	Reason        string      `json:"reason"`
	StartDate     store.Date  `json:"start_date"`
	Language      string      `json:"language" enum:"en,ru,pl"`
	ChurnRecordID *int64      `json:"churn_record_id"`
	Progress      Progress    `json:"progress"`
	NextDue       *store.Date `json:"next_due"`
	NextDueTitle  string      `json:"next_due_title" description:"The first step still to do, by due date; empty when all are done."`
	CompletedAt   *time.Time  `json:"completed_at"`
	nextKey       string      // the template key of the next step, to write its title in the reader's language
}

// Checklist is a summary with its items.
type Checklist struct {
	Summary
	Items []Item `json:"items"`
}

// Board lists checklists, those with overdue steps first.
type Board struct {
	Items []Summary `json:"items"`
	Total int64     `json:"total"`
}

// BoardQuery filters the board.
type BoardQuery struct {
	Status    string `query:"status" validate:"omitempty,oneof=open done all" enum:"open,done,all" description:"Default open."`
	Owner     string `query:"owner" validate:"max=100"`
	AccountID int64  `query:"account_id" validate:"gte=0"`
	Limit     int    `query:"limit" validate:"gte=0,lte=200" minimum:"1" maximum:"200" default:"50"`
	Offset    int    `query:"offset" validate:"gte=0"`
}

// IntentInput opens a checklist for a live account whose customer said they intend to leave.
type IntentInput struct {
	Date     string `json:"date" validate:"required,datetime=2006-01-02" format:"date" description:"When they told us."`
	Reason   string `json:"reason,omitempty" validate:"max=60" description:"Their reason, if known (a churn-reason key)."`
	Language string `json:"language,omitempty" validate:"omitempty,oneof=en ru pl" enum:"en,ru,pl"`
}

// ItemUpdate changes one step; absent fields stay as they are.
type ItemUpdate struct {
	Done  *bool   `json:"done,omitempty"`
	Owner *string `json:"owner,omitempty" validate:"omitempty,max=100"`
	Notes *string `json:"notes,omitempty" validate:"omitempty,max=8000"`
	DueOn *string `json:"due_on,omitempty" validate:"omitempty,datetime=2006-01-02" format:"date"`
	Title *string `json:"title,omitempty" validate:"omitempty,min=1,max=300"`
}

// ItemInput adds a step of one's own.
type ItemInput struct {
	Title     string `json:"title" validate:"required,max=300"`
	Guidance  string `json:"guidance,omitempty" validate:"max=2000"`
	OwnerRole string `json:"owner_role" validate:"required,oneof=csm finance support founder" enum:"csm,finance,support,founder"`
	Owner     string `json:"owner,omitempty" validate:"max=100"`
	DueOn     string `json:"due_on" validate:"required,datetime=2006-01-02" format:"date"`
	Required  bool   `json:"required"`
}

// Letter is a farewell letter draft.
type Letter struct {
	Language string `json:"language"`
	To       string `json:"to"`
	Subject  string `json:"subject"`
	Body     string `json:"body"`
}

// Settings are the checklist templates and the farewell letter.
type Settings struct {
	Templates []Template `json:"templates" validate:"required,min=1,max=60,dive"`
	Farewell  Farewell   `json:"farewell"`
}
