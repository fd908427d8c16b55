package churn

import (
	"time"

	"churndesk/backend/store"
)

// Input is what a person types when logging or editing a churn record.
type Input struct {
	ChurnDate         string            `json:"churn_date" validate:"required,datetime=2006-01-02" format:"date"`
	Reason            string            `json:"reason" validate:"required,max=60"`
	ReasonDetail      string            `json:"reason_detail,omitempty" validate:"max=2000" maxLength:"2000"`
	Competitor        string            `json:"competitor,omitempty" validate:"max=200" maxLength:"200"`
	Preventable       *bool             `json:"preventable,omitempty" description:"Default: the reason's default."`
	Voluntary         *bool             `json:"voluntary,omitempty" description:"Default: the reason's default."`
	MRRLost           *int64            `json:"mrr_lost,omitempty" validate:"omitempty,gte=0" minimum:"0" description:"Default: the account's MRR, minor units."`
	ExitInterviewDate string            `json:"exit_interview_date,omitempty" validate:"omitempty,datetime=2006-01-02" format:"date"`
	Interviewer       string            `json:"interviewer,omitempty" validate:"max=100" maxLength:"100"`
	Answers           map[string]string `json:"answers,omitempty" validate:"max=30,dive,keys,max=60,endkeys,max=4000" description:"Question key → answer."`
	Quotes            []string          `json:"quotes,omitempty" validate:"max=20,dive,max=2000" description:"The customer's own words."`
	Lessons           string            `json:"lessons,omitempty" validate:"max=8000" maxLength:"8000" description:"What we would do differently."`
	WouldReturn       string            `json:"would_return,omitempty" validate:"omitempty,oneof=yes no maybe" enum:"yes,no,maybe"`
	FollowUpOn        string            `json:"follow_up_on,omitempty" validate:"omitempty,datetime=2006-01-02" format:"date" description:"Win-back follow-up date."`
	OfferMade         string            `json:"offer_made,omitempty" validate:"max=500" maxLength:"500"`
	Language          string            `json:"language,omitempty" validate:"omitempty,oneof=en ru pl" enum:"en,ru,pl" description:"The customer's language, for the offboarding checklist and letter. Default en."`
}

// Record is a churn record as the API shows it.
type Record struct {
	ID                int64             `json:"id"`
	AccountID         int64             `json:"account_id"`
	AccountName       string            `json:"account_name"`
	Owner             string            `json:"owner"`
	Segment           string            `json:"segment"`
	Plan              string            `json:"plan"`
	ChurnDate         store.Date        `json:"churn_date"`
	Reason            string            `json:"reason"`
	ReasonDetail      string            `json:"reason_detail"`
	Competitor        string            `json:"competitor"`
	Preventable       bool              `json:"preventable"`
	Voluntary         bool              `json:"voluntary"`
	FlagsDiffer       bool              `json:"flags_differ" description:"The preventable or voluntary flag differs from the reason's current default."`
	TenureDays        int               `json:"tenure_days" description:"Contract start → churn date, computed."`
	ContractStart     store.Date        `json:"contract_start"`
	EngagementClass   string            `json:"engagement_class" description:"Engagement trend at churn, frozen."`
	EngagementWeeks   []int             `json:"engagement_weeks" description:"Weekly active users in the 12 weeks before churn, oldest first."`
	HealthScore       *float64          `json:"health_score" description:"Health at churn, frozen."`
	HealthClass       string            `json:"health_class"`
	MRRLost           int64             `json:"mrr_lost"`
	Currency          string            `json:"currency"`
	ExitInterviewDate *store.Date       `json:"exit_interview_date"`
	Interviewer       string            `json:"interviewer"`
	Answers           map[string]string `json:"answers"`
	Quotes            []string          `json:"quotes"`
	Lessons           string            `json:"lessons"`
	WouldReturn       string            `json:"would_return"`
	FollowUpOn        *store.Date       `json:"follow_up_on"`
	OfferMade         string            `json:"offer_made"`
	CreatedBy         string            `json:"created_by"`
	UpdatedBy         string            `json:"updated_by"`
	CreatedAt         time.Time         `json:"created_at"`
	UpdatedAt         time.Time         `json:"updated_at"`
}

// Change is one field's old and new value in the audit trail.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// AuditEntry is one create, update or delete of a churn record.
type AuditEntry struct {
	ID      int64             `json:"id"`
	Action  string            `json:"action" enum:"create,update,delete"`
	Actor   string            `json:"actor"`
	At      time.Time         `json:"at"`
	Changes map[string]Change `json:"changes"`
}

// Query filters the churn log.
type Query struct {
	Q           string `query:"q" validate:"max=200" description:"Search in account name, competitor and detail."`
	Reason      string `query:"reason" validate:"max=60"`
	From        string `query:"from" validate:"omitempty,datetime=2006-01-02" format:"date"`
	To          string `query:"to" validate:"omitempty,datetime=2006-01-02" format:"date"`
	Preventable string `query:"preventable" validate:"omitempty,oneof=true false" enum:"true,false"`
	FlagsDiffer string `query:"flags_differ" validate:"omitempty,oneof=true false" enum:"true,false" description:"true: only records whose preventable or voluntary flag differs from their reason's default; false: only those that follow it."`
	Owner       string `query:"owner" validate:"max=100"`
	AccountID   int64  `query:"account_id" validate:"gte=0"`
	Limit       int    `query:"limit" validate:"gte=0,lte=200" minimum:"1" maximum:"200" default:"25"`
	Offset      int    `query:"offset" validate:"gte=0" minimum:"0"`
	Sort        string `query:"sort" validate:"max=40" description:"churn_date, mrr_lost, tenure_days, account_name, reason; '-' for descending. Default -churn_date."`
}

// List is one page of churn records.
type List struct {
	Items       []Record `json:"items"`
	Total       int64    `json:"total"`
	FlagsDiffer int64    `json:"flags_differ" description:"How many of the filtered records have a preventable or voluntary flag that differs from their reason's default."`
}

// Reactivation brings a churned account back as a customer.
type Reactivation struct {
	Date string `json:"date" validate:"required,datetime=2006-01-02" format:"date" description:"The new contract start."`
	MRR  int64  `json:"mrr" validate:"gte=0" minimum:"0"`
}
