package store

import (
	"time"

	"churndesk/backend/texts"
)

// Account is a customer company.
type Account struct {
	ID              int64  `gorm:"primaryKey"`
	Name            string `gorm:"size:200;not null"`
	SearchText      string `gorm:"size:500;not null;index"`
	Domain          string `gorm:"size:253;not null;default:''"`
	Industry        string `gorm:"size:100;not null;default:''"`
	Segment         string `gorm:"size:20;not null;index"`
	Plan            string `gorm:"size:100;not null;default:''"`
	MRR             int64  `gorm:"column:mrr;not null;default:0;index"`
	Currency        string `gorm:"size:3;not null"`
	Seats           int    `gorm:"not null;default:0"`
	ContractStart   Date   `gorm:"not null"`
	RenewalDate     *Date
	Owner           string `gorm:"size:100;not null;default:'';index"`
	Status          string `gorm:"size:20;not null;index"`
	CRMSource       string `gorm:"column:crm_source;size:50;not null;default:''"`
	ExternalID      string `gorm:"size:100;not null;default:''"`
	PaymentStatus   string `gorm:"size:20;not null;default:'ok'"`
	OverdueSince    *Date
	CardExpiryMonth *int
	CardExpiryYear  *int
	LoyaltyTier     string `gorm:"size:100;not null;default:''"`
	CSMSentiment    *int
	HealthScore     *float64
	HealthClass     string `gorm:"size:10;not null;default:''"`
	EngagementClass string `gorm:"size:10;not null;default:''"`
	TrialEndsOn     *Date
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Contact is a person at an account.
type Contact struct {
	ID        int64  `gorm:"primaryKey"`
	AccountID int64  `gorm:"not null;index"`
	Name      string `gorm:"size:200;not null"`
	Email     string `gorm:"size:254;not null"`
	Role      string `gorm:"size:20;not null"`
	Phone     string `gorm:"size:50;not null;default:''"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// UsageSnapshot is one account's usage in one week (weeks start on Monday).
type UsageSnapshot struct {
	ID             int64 `gorm:"primaryKey"`
	AccountID      int64 `gorm:"not null"`
	WeekStart      Date  `gorm:"not null"`
	ActiveUsers    int   `gorm:"not null"`
	Logins         int   `gorm:"not null"`
	KeyFeatureUses int   `gorm:"not null"`
	LastLoginAt    *time.Time
}

// NPSResponse is one answer to the net-promoter question.
type NPSResponse struct {
	ID          int64  `gorm:"primaryKey"`
	AccountID   int64  `gorm:"not null;index"`
	ContactID   *int64 `gorm:"index"`
	Score       int    `gorm:"not null"`
	Comment     string `gorm:"size:4000;not null;default:''"`
	RespondedOn Date   `gorm:"not null"`
}

// TableName keeps the plural readable.
func (NPSResponse) TableName() string { return "nps_responses" }

// Setting is one named JSON value of the team's configuration.
type Setting struct {
	Key       string `gorm:"primaryKey"`
	Value     string
	UpdatedAt time.Time
}

// HealthScore is an account's health in one week, with its breakdown as JSON.
type HealthScore struct {
	ID              int64 `gorm:"primaryKey"`
	AccountID       int64
	WeekStart       Date
	Score           float64
	Class           string
	EngagementClass string
	Breakdown       string
	ComputedAt      time.Time
}

// Task is one action to take for an account, created by a trigger's playbook.
// (AccountID, Trigger, Occurrence, ActionIndex) is unique, so evaluating
// triggers twice never creates the same task twice.
type Task struct {
	ID           int64 `gorm:"primaryKey"`
	AccountID    int64
	Trigger      string
	Occurrence   string
	ActionIndex  int
	Kind         string
	Title        string    // English, as written when created
	Reason       string    // English, as written when created
	TitleMsg     texts.Msg `gorm:"type:text"` // the title as key and arguments, for any language
	ReasonMsg    texts.Msg `gorm:"type:text"` // the reason as key and arguments
	Owner        string
	DueOn        Date
	Status       string // open, done, snoozed, or held (a celebration held back while the account is at risk)
	HeldReason   string // why a held task is held: poor_health or risk_task
	SnoozedUntil *Date
	DoneAt       *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// ChurnRecord is a lost customer: why, when, what it cost and what was learnt.
// Tenure, engagement and health at churn are computed and frozen on it.
type ChurnRecord struct {
	ID                int64 `gorm:"primaryKey"`
	AccountID         int64
	ChurnDate         Date
	Reason            string
	ReasonDetail      string
	Competitor        string
	Preventable       bool
	Voluntary         bool
	TenureDays        int
	ContractStart     Date
	EngagementClass   string
	EngagementWeeks   string // JSON list of weekly active users, oldest first
	HealthScore       *float64
	HealthClass       string
	MRRLost           int64 `gorm:"column:mrr_lost"`
	Currency          string
	ExitInterviewDate *Date
	Interviewer       string
	Answers           string // JSON object: question key → answer
	Quotes            string // JSON list of verbatim quotes
	Lessons           string
	WouldReturn       string
	FollowUpOn        *Date
	OfferMade         string
	CreatedBy         string
	UpdatedBy         string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// ChurnAudit is one change to a churn record: who, when, old → new values.
type ChurnAudit struct {
	ID            int64 `gorm:"primaryKey"`
	ChurnRecordID int64
	AccountID     int64
	Action        string
	Actor         string
	Changes       string // JSON object: field → [old, new]
	At            time.Time
}

// MRRMovement is a dated change of an account's MRR, signed.
type MRRMovement struct {
	ID            int64 `gorm:"primaryKey"`
	AccountID     int64
	Date          Date
	Kind          string
	Amount        int64
	Currency      string
	ChurnRecordID *int64
	CreatedAt     time.Time
}

// Checklist is an offboarding checklist for an account that churned or
// announced that it intends to leave.
type Checklist struct {
	ID            int64 `gorm:"primaryKey"`
	AccountID     int64
	ChurnRecordID *int64
	Kind          string // churn or intent
	Reason        string
	StartDate     Date
	Language      string
	CompletedAt   *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// ChecklistItem is one step of a checklist.
type ChecklistItem struct {
	ID          int64 `gorm:"primaryKey"`
	ChecklistID int64
	Position    int
	Key         string
	Title       string
	Guidance    string
	OwnerRole   string
	Owner       string
	DueOn       Date
	Required    bool
	Done        bool
	DoneAt      *time.Time
	DoneBy      string
	Notes       string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Tier is a loyalty tier; a higher Rank is a better tier.
type Tier struct {
	ID                 int64 `gorm:"primaryKey"`
	Name               string
	Rank               int
	Color              string
	MinTenureMonths    int
	MinMRR             int64 `gorm:"column:min_mrr"`
	MinLifetimeRevenue int64
	MinHealth          string
	Benefits           string // JSON list of {kind, description}
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// TierOverride pins an account to a tier (or to none) regardless of the rules.
type TierOverride struct {
	AccountID int64 `gorm:"primaryKey"`
	TierID    *int64
	Reason    string
	ExpiresOn *Date
	CreatedBy string
	CreatedAt time.Time
}

// TierMove logs an account moving between tiers, with the reason.
type TierMove struct {
	ID        int64 `gorm:"primaryKey"`
	AccountID int64
	FromTier  string
	ToTier    string
	Direction string
	Reason    string    // English, as written when moved
	ReasonMsg texts.Msg `gorm:"type:text"` // the reason as key and arguments, for any language
	By        string
	At        time.Time
}

// BenefitUse records a benefit granted to or used by an account.
type BenefitUse struct {
	ID        int64 `gorm:"primaryKey"`
	AccountID int64
	Tier      string
	Kind      string
	Note      string
	UsedOn    Date
	CreatedAt time.Time
}

// Referral is one introduction of a new company by a customer.
type Referral struct {
	ID                   int64 `gorm:"primaryKey"`
	ReferrerAccountID    int64
	ReferrerContactID    *int64
	ReferredCompany      string
	ReferredContact      string
	ReferredEmail        string
	ReferredOn           Date
	Channel              string
	Status               string
	ReferrerReward       string
	ReferrerRewardStatus string
	NewcomerReward       string
	NewcomerRewardStatus string
	ConvertedAccountID   *int64
	Notes                string
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// QBRReport holds the edited sections of one account's quarterly business
// review; the computed sections are rebuilt from the data every time.
type QBRReport struct {
	ID        int64 `gorm:"primaryKey"`
	AccountID int64
	Quarter   string
	Status    string
	Language  string
	Edited    string // JSON
	UpdatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// APIToken lets a CRM, a script or a teammate call the API; only the
// SHA-256 of the token is kept.
type APIToken struct {
	ID         int64 `gorm:"primaryKey"`
	Name       string
	Scope      string
	Hash       string
	Prefix     string
	CreatedBy  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// WebhookEvent records an event already processed, so a replay does nothing.
type WebhookEvent struct {
	ID         string `gorm:"primaryKey"`
	Source     string
	Type       string
	Result     string
	ReceivedAt time.Time
}

// ImportRun is one entry of the import history.
type ImportRun struct {
	ID        int64 `gorm:"primaryKey"`
	Kind      string
	Preset    string
	FileName  string
	Encoding  string
	Rows      int
	Written   int
	Errors    int
	DryRun    bool
	Actor     string
	CreatedAt time.Time
	Created   int
	Updated   int
	Unchanged int
	Rejected  int
	Mode      string
	MatchRule string
	UndoneAt  *time.Time
	UndoneBy  string
}

// CRMRef matches an account by CRM source and external id. It repeats the
// unique index's own condition, a non-empty external id, so that the engines
// use that partial index instead of reading every account.
const CRMRef = "crm_source = ? AND external_id = ? AND external_id <> ''"

// ExchangeRate says what one unit of Currency is worth in Home (the home
// currency it was entered for) from Day on, until a later rate.
type ExchangeRate struct {
	ID        int64 `gorm:"primaryKey"`
	Currency  string
	Home      string
	Day       Date
	Rate      float64
	UpdatedAt time.Time
}
