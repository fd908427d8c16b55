// Package playbooks watches accounts for the early signs of churn (and the
// moments worth marking), and turns each occurrence into the prepared
// actions of its playbook: tasks with an owner and a due date.
package playbooks

import "churndesk/backend/texts"

// The triggers, from domain.md.
const (
	NoLogin        = "no_login"
	UsageDrop      = "usage_drop"
	NPSDetractor   = "nps_detractor"
	HealthPoor     = "health_poor"
	PaymentOverdue = "payment_overdue"
	CardExpiring   = "card_expiring"
	RenewalDue     = "renewal_due"
	Onboarding     = "onboarding"
	Anniversary    = "anniversary"
	RiskRose       = "risk_rose"
)

// Triggers lists every trigger in display order.
var Triggers = []string{NoLogin, UsageDrop, NPSDetractor, HealthPoor, PaymentOverdue, CardExpiring, RenewalDue, Onboarding, Anniversary, RiskRose}

// Action is one prepared step of a playbook.
type Action struct {
	Kind      string `json:"kind" validate:"required,oneof=call email meeting task" enum:"call,email,meeting,task"`
	Title     string `json:"title" validate:"required,max=300" maxLength:"300" description:"May use {account} and {detail}."`
	DueInDays int    `json:"due_in_days" validate:"gte=0,lte=365" minimum:"0" maximum:"365"`
	Owner     string `json:"owner,omitempty" validate:"max=100" description:"Empty: the account's owner."`
}

// Playbook is what to do when a trigger fires.
type Playbook struct {
	Trigger   string   `json:"trigger" validate:"required,oneof=no_login usage_drop nps_detractor health_poor payment_overdue card_expiring renewal_due onboarding anniversary risk_rose" enum:"no_login,usage_drop,nps_detractor,health_poor,payment_overdue,card_expiring,renewal_due,onboarding,anniversary,risk_rose"`
	Enabled   bool     `json:"enabled"`
	Threshold int      `json:"threshold" validate:"gte=1,lte=3650" minimum:"1" description:"Days without login; % drop in active users; days after an NPS answer; days ahead for card expiry, renewal and anniversary; days of onboarding; churn-risk percentage (1–99) for risk_rose. Unused by health_poor and payment_overdue."`
	Actions   []Action `json:"actions" validate:"max=10,dive"`
}

// Defaults are the playbooks a new database starts with.
func Defaults() []Playbook {
	return []Playbook{
		{NoLogin, true, 21, []Action{
			{"call", "Call {account}: no login for {detail}", 1, ""},
			{"email", "Send {account} a short 'what changed?' note with a booking link", 2, ""},
		}},
		{UsageDrop, true, 30, []Action{
			{"call", "Ask {account} what changed: active users {detail}", 2, ""},
			{"meeting", "Offer {account} a re-onboarding session for the teams that dropped off", 7, ""},
		}},
		{NPSDetractor, true, 30, []Action{
			{"call", "Call {account} about their NPS answer ({detail}) and listen", 2, ""},
			{"task", "Log the detractor's issue for {account} and agree a fix date", 5, ""},
		}},
		{HealthPoor, true, 1, []Action{
			{"task", "Review {account}'s health breakdown ({detail}) and write a save plan", 2, ""},
			{"meeting", "Hold a recovery meeting with {account}'s champion", 7, ""},
		}},
		{PaymentOverdue, true, 1, []Action{
			{"email", "Weekly reminder to {account}: payment due since {detail}", 0, ""},
			{"call", "Ask {account} why the payment is late; offer to reschedule if force majeure", 2, ""},
		}},
		{CardExpiring, true, 60, []Action{
			{"email", "Ask {account} to update the card that expires {detail}", 3, ""},
		}},
		{RenewalDue, true, 90, []Action{
			{"meeting", "Book {account}'s renewal conversation (renews {detail})", 7, ""},
			{"task", "Prepare {account}'s value summary for the renewal", 14, ""},
		}},
		{Onboarding, true, 90, []Action{
			{"call", "Kick-off call with {account}: goals and success criteria", 2, ""},
			{"task", "Check {account} reached its first milestone (first users active)", 14, ""},
			{"meeting", "30-day review with {account}", 30, ""},
			{"meeting", "90-day review with {account}: value delivered so far", 85, ""},
		}},
		{Anniversary, true, 7, []Action{
			{"email", "Thank {account} for {detail} with us", 0, ""},
		}},
		{RiskRose, true, 30, []Action{
			{"call", "Call {account}: churn risk rose ({detail})", 2, ""},
			{"task", "Go through {account}'s risk factors and write a save plan", 5, ""},
		}},
	}
}

// Occurrence is one firing of a trigger for one account.
type Occurrence struct {
	AccountID int64
	Owner     string
	Name      string
	Key       string    // what makes the occurrence unique for this account and trigger
	Detail    texts.Msg // fills {detail} in action titles; the tasks' reason
}

// Task is an action to take, as the API shows it.
type Task struct {
	ID           int64   `json:"id"`
	AccountID    int64   `json:"account_id"`
	AccountName  string  `json:"account_name"`
	Trigger      string  `json:"trigger"`
	Kind         string  `json:"kind" enum:"call,email,meeting,task"`
	Title        string  `json:"title"`
	Reason       string  `json:"reason"`
	Owner        string  `json:"owner"`
	DueOn        string  `json:"due_on" format:"date"`
	Status       string  `json:"status" enum:"open,done,snoozed,held"`
	HeldReason   string  `json:"held_reason,omitempty" enum:"poor_health,risk_task" description:"Why a held celebration waits: the account's health is poor, or it has an open risk task."`
	SnoozedUntil *string `json:"snoozed_until" format:"date"`
	CreatedAt    string  `json:"created_at" format:"date-time"`
}
