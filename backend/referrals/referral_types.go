// Package referrals tracks referrals from the first introduction to the
// rewards issued on both sides, converts them into accounts, and suggests
// whom to ask next.
package referrals

import (
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/store"
)

// Input is a referral as typed in the referral form.
type Input struct {
	ReferrerAccountID int64  `json:"referrer_account_id" validate:"required,gt=0"`
	ReferrerContactID *int64 `json:"referrer_contact_id,omitempty" validate:"omitempty,gt=0"`
	ReferredCompany   string `json:"referred_company" validate:"required,max=200"`
	ReferredContact   string `json:"referred_contact,omitempty" validate:"max=200"`
	ReferredEmail     string `json:"referred_email,omitempty" validate:"omitempty,email,max=254"`
	ReferredOn        string `json:"referred_on" validate:"required,datetime=2006-01-02" format:"date"`
	Channel           string `json:"channel" validate:"required,oneof=email call event partner website other" enum:"email,call,event,partner,website,other"`
	ReferrerReward    string `json:"referrer_reward,omitempty" validate:"max=200" description:"e.g. one free month."`
	NewcomerReward    string `json:"newcomer_reward,omitempty" validate:"max=200" description:"e.g. 10 % off the first year."`
	Notes             string `json:"notes,omitempty" validate:"max=4000"`
}

// Referral is a referral as the API shows it.
type Referral struct {
	ID                   int64      `json:"id"`
	ReferrerAccountID    int64      `json:"referrer_account_id"`
	ReferrerName         string     `json:"referrer_name"`
	ReferrerContactID    *int64     `json:"referrer_contact_id"`
	ReferredCompany      string     `json:"referred_company"`
	ReferredContact      string     `json:"referred_contact"`
	ReferredEmail        string     `json:"referred_email"`
	ReferredOn           store.Date `json:"referred_on"`
	Channel              string     `json:"channel"`
	Status               string     `json:"status" enum:"invited,lead,trial,converted,declined,expired"`
	ReferrerReward       string     `json:"referrer_reward"`
	ReferrerRewardStatus string     `json:"referrer_reward_status" enum:"pending,approved,issued"`
	NewcomerReward       string     `json:"newcomer_reward"`
	NewcomerRewardStatus string     `json:"newcomer_reward_status" enum:"pending,approved,issued"`
	ConvertedAccountID   *int64     `json:"converted_account_id"`
	Notes                string     `json:"notes"`
	CreatedAt            time.Time  `json:"created_at"`
	UpdatedAt            time.Time  `json:"updated_at"`
}

// Query filters the referral list.
type Query struct {
	Status            string `query:"status" validate:"omitempty,oneof=invited lead trial converted declined expired" enum:"invited,lead,trial,converted,declined,expired"`
	ReferrerAccountID int64  `query:"referrer_account_id" validate:"gte=0"`
	Q                 string `query:"q" validate:"max=200" description:"Search the referred company and contact."`
	Limit             int    `query:"limit" validate:"gte=0,lte=500" minimum:"1" maximum:"500" default:"100"`
	Offset            int    `query:"offset" validate:"gte=0"`
}

// List is one page of referrals, newest first.
type List struct {
	Items []Referral `json:"items"`
	Total int64      `json:"total"`
}

// StatusInput moves a referral along the pipeline (not to converted: use Convert).
type StatusInput struct {
	Status string `json:"status" validate:"required,oneof=invited lead trial declined expired" enum:"invited,lead,trial,declined,expired"`
}

// ConvertInput links the referral to an existing account or creates one.
type ConvertInput struct {
	AccountID  *int64                 `json:"account_id,omitempty" validate:"omitempty,gt=0"`
	NewAccount *accounts.AccountInput `json:"new_account,omitempty"`
}

// RewardInput advances one side's reward: pending → approved → issued.
type RewardInput struct {
	Side   string `json:"side" validate:"required,oneof=referrer newcomer" enum:"referrer,newcomer"`
	Status string `json:"status" validate:"required,oneof=approved issued" enum:"approved,issued"`
}

// Advocate is a customer ranked by the referrals they made.
type Advocate struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
	Referrals int    `json:"referrals"`
	Converted int    `json:"converted"`
}

// Outstanding is a reward not yet issued.
type Outstanding struct {
	ReferralID      int64  `json:"referral_id"`
	Side            string `json:"side" enum:"referrer,newcomer"`
	Reward          string `json:"reward"`
	Status          string `json:"status" enum:"pending,approved"`
	ReferrerName    string `json:"referrer_name"`
	ReferredCompany string `json:"referred_company"`
}

// Figures summarise the programme.
type Figures struct {
	Referrals          int              `json:"referrals"`
	Converted          int              `json:"converted"`
	ConversionRate     *float64         `json:"conversion_rate" description:"converted ÷ referrals × 100"`
	Formula            string           `json:"formula"`
	MRRFromReferrals   map[string]int64 `json:"mrr_from_referrals" description:"Current MRR of live converted accounts, minor units per currency."`
	TopAdvocates       []Advocate       `json:"top_advocates"`
	RewardsOutstanding []Outstanding    `json:"rewards_outstanding"`
}

// Suggestion is a healthy promoter who has not referred anyone yet.
type Suggestion struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
	Owner     string `json:"owner"`
	MRR       int64  `json:"mrr"`
	Currency  string `json:"currency"`
	LatestNPS int    `json:"latest_nps"`
}

// SuggestionList holds the suggestions, most MRR first.
type SuggestionList struct {
	Items []Suggestion `json:"items"`
}
