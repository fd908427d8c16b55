// Package loyalty places accounts in loyalty tiers by ordered rules —
// minimum tenure, MRR or lifetime revenue, health — with manual overrides,
// logs every move up or down with its reason, and records benefits used.
package loyalty

import (
	"time"

	"churndesk/backend/fx"
	"churndesk/backend/store"
)

// BenefitKinds are the kinds of benefit a tier can bring (domain.md).
const BenefitKinds = "priority_service personalised_offers early_access recognition exclusive_content exclusive_events"

// Benefit is one thing a tier brings.
type Benefit struct {
	Kind        string `json:"kind" validate:"required,oneof=priority_service personalised_offers early_access recognition exclusive_content exclusive_events" enum:"priority_service,personalised_offers,early_access,recognition,exclusive_content,exclusive_events"`
	Description string `json:"description" validate:"max=500"`
}

// TierInput defines a tier and the rules that earn it; every rule must hold.
type TierInput struct {
	Name               string    `json:"name" validate:"required,max=100"`
	Rank               int       `json:"rank" validate:"gte=1,lte=100" description:"Higher ranks are better tiers and are tried first."`
	Color              string    `json:"color,omitempty" validate:"max=20"`
	MinTenureMonths    int       `json:"min_tenure_months" validate:"gte=0,lte=600"`
	MinMRR             int64     `json:"min_mrr" validate:"gte=0" description:"Minor units of the home currency; an account's MRR is converted at the rate of the evaluation day first (compared as it is only while no home currency is set)."`
	MinLifetimeRevenue int64     `json:"min_lifetime_revenue" validate:"gte=0" description:"Minor units of the home currency; lifetime revenue sums MRR × months since each MRR movement, converted like MRR."`
	MinHealth          string    `json:"min_health,omitempty" validate:"omitempty,oneof=poor average good" enum:"poor,average,good"`
	Benefits           []Benefit `json:"benefits" validate:"max=20,dive"`
}

// Tier is a stored tier with how many accounts it holds.
type Tier struct {
	ID int64 `json:"id"`
	TierInput
	Accounts int64 `json:"accounts"`
}

// TierList holds every tier, best first.
type TierList struct {
	Items []Tier `json:"items"`
}

// Subject is what the rules look at for one account.
type Subject struct {
	AccountID       int64
	TenureMonths    int
	MRR             int64
	LifetimeRevenue int64
	Health          string
	// Currency is what MRR and LifetimeRevenue are in: the home currency
	// once converted. NoRate names the account's currency when it could
	// not be converted; then no money rule can hold.
	Currency string
	NoRate   string
}

// healthRank orders the health classes; unscored counts as below poor.
var healthRank = map[string]int{"": 0, "poor": 1, "average": 2, "good": 3}

// EvalResult counts an evaluation's moves.
type EvalResult struct {
	AsOf     string           `json:"as_of" format:"date"`
	Accounts int              `json:"accounts"`
	Up       int              `json:"up"`
	Down     int              `json:"down"`
	ByTier   map[string]int64 `json:"by_tier" description:"Accounts per tier after the evaluation; \"\" is no tier."`
	// Conversion names the rates the money rules were compared with.
	Conversion fx.Report `json:"conversion" description:"The home currency the money rules are in, the rates used, and the currencies without a rate (their accounts meet no money rule)."`
}

// OverrideInput pins an account to a tier (or to none when tier_id is null).
type OverrideInput struct {
	TierID    *int64 `json:"tier_id" validate:"omitempty,gt=0"`
	Reason    string `json:"reason" validate:"required,max=500"`
	ExpiresOn string `json:"expires_on,omitempty" validate:"omitempty,datetime=2006-01-02" format:"date"`
}

// Move is a logged change of tier.
type Move struct {
	From      string    `json:"from"`
	To        string    `json:"to"`
	Direction string    `json:"direction" enum:"up,down"`
	Reason    string    `json:"reason"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// BenefitUseInput records a benefit granted or used.
type BenefitUseInput struct {
	Kind   string `json:"kind" validate:"required,oneof=priority_service personalised_offers early_access recognition exclusive_content exclusive_events"`
	Note   string `json:"note,omitempty" validate:"max=1000"`
	UsedOn string `json:"used_on" validate:"required,datetime=2006-01-02" format:"date"`
}

// BenefitUse is a recorded benefit.
type BenefitUse struct {
	ID     int64      `json:"id"`
	Tier   string     `json:"tier"`
	Kind   string     `json:"kind"`
	Note   string     `json:"note"`
	UsedOn store.Date `json:"used_on"`
}

// Override is an account's active manual placement.
type Override struct {
	TierName  string      `json:"tier_name"`
	Reason    string      `json:"reason"`
	ExpiresOn *store.Date `json:"expires_on"`
	CreatedBy string      `json:"created_by"`
}

// AccountLoyalty is the account page's loyalty panel.
type AccountLoyalty struct {
	Tier     string       `json:"tier"`
	Benefits []Benefit    `json:"benefits"`
	Override *Override    `json:"override"`
	Moves    []Move       `json:"moves"`
	Used     []BenefitUse `json:"used"`
}

// DistributionRow is one tier's share and retention.
type DistributionRow struct {
	Tier        string           `json:"tier"`
	Accounts    int64            `json:"accounts"`
	Churned12m  int64            `json:"churned_12m" description:"Accounts on this tier that churned in the last 12 months."`
	RetentionPc *float64         `json:"retention_pct" description:"accounts ÷ (accounts + churned in 12 months) × 100."`
	MRR         map[string]int64 `json:"mrr" description:"Current MRR of the tier's live accounts, minor units per currency."`
}

// Distribution is how accounts spread over tiers.
type Distribution struct {
	Items []DistributionRow `json:"items"`
}

// Preview counts how many live accounts each proposed tier would hold.
type Preview struct {
	Counts     map[string]int `json:"counts" description:"Tier name → accounts; \"\" is no tier."`
	Conversion fx.Report      `json:"conversion" description:"The rates the money rules were compared with and the currencies without one."`
}

// PreviewInput is a set of tiers to try without saving them.
type PreviewInput struct {
	Tiers []TierInput `json:"tiers" validate:"max=20,dive"`
}

// MoveQuery pages the log of tier moves.
type MoveQuery struct {
	Limit  int `query:"limit" validate:"gte=0,lte=200" minimum:"1" maximum:"200" default:"20"`
	Offset int `query:"offset" validate:"gte=0"`
}

// AccountMove is a logged tier move with the account it concerns.
type AccountMove struct {
	AccountID   int64  `json:"account_id"`
	AccountName string `json:"account_name"`
	Move
}

// MoveList is one page of tier moves, newest first.
type MoveList struct {
	Items []AccountMove `json:"items"`
	Total int64         `json:"total"`
}
