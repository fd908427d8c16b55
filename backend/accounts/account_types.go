// Package accounts owns customer accounts and their contacts: validation,
// storage, listing with server-side paging, and CSV export.
package accounts

import (
	"time"

	"churndesk/backend/fx"
	"churndesk/backend/store"
)

// The values an account's enumerated fields may take.
const (
	SegmentValues       = "smb mid_market enterprise"
	StatusValues        = "trial onboarding active churned"
	PaymentStatusValues = "ok overdue"
	RoleValues          = "champion decision_maker user billing"
)

// Account is an account as the API shows it.
type Account struct {
	ID              int64       `json:"id"`
	Name            string      `json:"name"`
	Domain          string      `json:"domain"`
	Industry        string      `json:"industry"`
	Segment         string      `json:"segment" enum:"smb,mid_market,enterprise"`
	Plan            string      `json:"plan"`
	MRR             int64       `json:"mrr" description:"Monthly recurring revenue in minor units (cents)."`
	Currency        string      `json:"currency" description:"ISO 4217 code."`
	Seats           int         `json:"seats"`
	ContractStart   store.Date  `json:"contract_start"`
	RenewalDate     *store.Date `json:"renewal_date"`
	TrialEndsOn     *store.Date `json:"trial_ends_on" description:"The day the trial ends, as the billing system says; null when unknown."`
	Owner           string      `json:"owner"`
	Status          string      `json:"status" enum:"trial,onboarding,active,churned"`
	CRMSource       string      `json:"crm_source"`
	ExternalID      string      `json:"external_id"`
	PaymentStatus   string      `json:"payment_status" enum:"ok,overdue"`
	OverdueSince    *store.Date `json:"overdue_since"`
	CardExpiryMonth *int        `json:"card_expiry_month"`
	CardExpiryYear  *int        `json:"card_expiry_year"`
	LoyaltyTier     string      `json:"loyalty_tier"`
	CSMSentiment    *int        `json:"csm_sentiment" description:"The CSM's own read of the relationship, 1 (bad) to 5 (great)."`
	HealthScore     *float64    `json:"health_score" description:"The latest stored health score, 0–100; null until scored."`
	HealthClass     string      `json:"health_class" enum:",good,average,poor,no_data" description:"The latest stored health class; no_data when too little data for a class, empty until scored."`
	EngagementClass string      `json:"engagement_class" enum:",rising,stable,declining,inactive"`
	Risk            *float64    `json:"risk" description:"The latest stored chance of churning within the risk model's horizon, 0–1; null when no model is trained or the account is not scored."`
	ContactsCount   int64       `json:"contacts_count"`
	CreatedAt       time.Time   `json:"created_at"`
	UpdatedAt       time.Time   `json:"updated_at"`
}

// AccountInput is the body of a create or update request.
type AccountInput struct {
	Name            string `json:"name" validate:"required,max=200" maxLength:"200"`
	Domain          string `json:"domain,omitempty" validate:"omitempty,max=253,hostname_rfc1123" maxLength:"253"`
	Industry        string `json:"industry,omitempty" validate:"max=100" maxLength:"100"`
	Segment         string `json:"segment" validate:"required,oneof=smb mid_market enterprise" enum:"smb,mid_market,enterprise"`
	Plan            string `json:"plan,omitempty" validate:"max=100" maxLength:"100"`
	MRR             int64  `json:"mrr" validate:"gte=0,lte=100000000000" minimum:"0" description:"Monthly recurring revenue in minor units (cents)."`
	Currency        string `json:"currency" validate:"required,iso4217" description:"ISO 4217 code."`
	Seats           int    `json:"seats,omitempty" validate:"gte=0,lte=10000000" minimum:"0"`
	ContractStart   string `json:"contract_start" validate:"required,datetime=2006-01-02" format:"date"`
	RenewalDate     string `json:"renewal_date,omitempty" validate:"omitempty,datetime=2006-01-02" format:"date"`
	TrialEndsOn     string `json:"trial_ends_on,omitempty" validate:"omitempty,datetime=2006-01-02" format:"date" description:"The day the trial ends."`
	Owner           string `json:"owner,omitempty" validate:"max=100" maxLength:"100"`
	Status          string `json:"status" validate:"required,oneof=trial onboarding active churned" enum:"trial,onboarding,active,churned" description:"Only logging a churn (POST /accounts/{id}/churn) makes an account churned and only a reactivation makes it a customer again: setting churned here, or another status on a churned account, is refused (422 naming status)."`
	CRMSource       string `json:"crm_source,omitempty" validate:"max=50" maxLength:"50"`
	ExternalID      string `json:"external_id,omitempty" validate:"max=100" maxLength:"100"`
	PaymentStatus   string `json:"payment_status,omitempty" validate:"omitempty,oneof=ok overdue" enum:"ok,overdue"`
	OverdueSince    string `json:"overdue_since,omitempty" validate:"required_if=PaymentStatus overdue,omitempty,datetime=2006-01-02" format:"date"`
	CardExpiryMonth *int   `json:"card_expiry_month,omitempty" validate:"required_with=CardExpiryYear,omitempty,min=1,max=12" minimum:"1" maximum:"12"`
	CardExpiryYear  *int   `json:"card_expiry_year,omitempty" validate:"required_with=CardExpiryMonth,omitempty,min=2000,max=2100" minimum:"2000" maximum:"2100"`
	LoyaltyTier     string `json:"loyalty_tier,omitempty" validate:"max=100" maxLength:"100"`
	CSMSentiment    *int   `json:"csm_sentiment,omitempty" validate:"omitempty,min=1,max=5" minimum:"1" maximum:"5"`
}

// Filter narrows an account list; empty fields do not filter.
type Filter struct {
	Q       string `query:"q" validate:"max=200" description:"Search in name and domain."`
	Status  string `query:"status" validate:"omitempty,oneof=trial onboarding active churned" enum:"trial,onboarding,active,churned"`
	Owner   string `query:"owner" validate:"max=100"`
	Segment string `query:"segment" validate:"omitempty,oneof=smb mid_market enterprise" enum:"smb,mid_market,enterprise"`
	Health  string `query:"health" validate:"omitempty,oneof=good average poor no_data" enum:"good,average,poor,no_data"`
	// CRMSource and ExternalID find the account a CRM record belongs to,
	// e.g. for a CRM sidebar that embeds the account page.
	CRMSource  string `query:"crm_source" validate:"max=50"`
	ExternalID string `query:"external_id" validate:"max=100"`
}

// Page selects a window of a sorted list.
type Page struct {
	Limit  int    `query:"limit" validate:"gte=0,lte=200" minimum:"1" maximum:"200" default:"25"`
	Offset int    `query:"offset" validate:"gte=0" minimum:"0"`
	Sort   string `query:"sort" validate:"max=40" description:"Field to sort by; a leading '-' sorts descending."`
}

// ListQuery is a filtered, sorted page of accounts.
type ListQuery struct {
	Filter
	Page
}

// List is one page of items and the number of items in the whole list.
type List[T any] struct {
	Items []T   `json:"items"`
	Total int64 `json:"total"`
}

// Facets are the distinct values the list filters offer.
type Facets struct {
	Owners   []string `json:"owners"`
	Segments []string `json:"segments"`
	Plans    []string `json:"plans"`
	Statuses []string `json:"statuses"`
}

// Summary counts the portfolio for the dashboard.
type Summary struct {
	Accounts      int64            `json:"accounts"`
	ByStatus      map[string]int64 `json:"by_status"`
	MRRByCurrency map[string]int64 `json:"mrr_by_currency" description:"Sum of MRR of customers (neither churned nor in trial), in minor units, per currency."`
	MRRHome       *int64           `json:"mrr_home" description:"The same MRR converted to the home currency at today's rates, minor units; null when a currency has no rate or no home currency is set (see conversion.warnings)."`
	Conversion    fx.Report        `json:"conversion" description:"The home currency, the rates used and the currencies that could not be converted."`
	Owners        int64            `json:"owners"`
}

// Contact is a contact as the API shows it.
type Contact struct {
	ID        int64     `json:"id"`
	AccountID int64     `json:"account_id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Role      string    `json:"role" enum:"champion,decision_maker,user,billing"`
	Phone     string    `json:"phone"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ContactInput is the body of a contact create or update request.
type ContactInput struct {
	Name  string `json:"name" validate:"required,max=200" maxLength:"200"`
	Email string `json:"email" validate:"required,email,max=254" format:"email"`
	Role  string `json:"role" validate:"required,oneof=champion decision_maker user billing" enum:"champion,decision_maker,user,billing"`
	Phone string `json:"phone,omitempty" validate:"max=50" maxLength:"50"`
}

// ContactQuery is a sorted, searched page of one account's contacts.
type ContactQuery struct {
	Q string `query:"q" validate:"max=200" description:"Search in name and email."`
	Page
}
