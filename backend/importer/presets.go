package importer

import "strings"

// Preset is how one CRM's export is read: its source name (stored as the
// accounts' CRM source) and, per kind, the column holding each field.
// Exports differ in which columns people include, so an optional field
// whose preset column is absent is simply not imported.
type Preset struct {
	Source     string
	AccountKey string
	Mappings   map[string]map[string]string
	// Values are the preset's value tables: field → code → stored value.
	Values map[string]map[string]string
	// AmountPerUnit says the amount column is a price per seat (Stripe's
	// subscription items): MRR is amount × quantity.
	AmountPerUnit bool
	// Ignored names columns that look like revenue but are not what the
	// customer pays (HubSpot's "Annual Revenue" is the company's turnover).
	Ignored []string
	// Alternates are other headers the same export tool writes for a field,
	// per kind, tried in order when the mapped header is absent (a
	// Salesforce report says "Account ID", a Data Loader extract "Id").
	Alternates map[string]map[string][]string
}

// withAlternates replaces each preset column the header lacks by the first
// alternate it has; columns the user named stay as named.
func withAlternates(mapping map[string]string, header []string, alternates map[string][]string, user map[string]string) {
	if len(alternates) == 0 {
		return
	}
	has := make(map[string]bool, len(header))
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(h))] = true
	}
	for field, alts := range alternates {
		if _, named := user[field]; named || has[strings.ToLower(mapping[field])] {
			continue
		}
		for _, a := range alts {
			if has[strings.ToLower(a)] {
				mapping[field] = a
				break
			}
		}
	}
}

// Presets are the exports of the tools teams use, by the column headers
// those tools write. "generic" has no mapping: the user supplies one.
var Presets = map[string]Preset{
	"hubspot": {Source: "hubspot", AccountKey: "external_id", Mappings: map[string]map[string]string{
		// HubSpot has no standard property for what a company pays; teams
		// add an MRR or ARR property. "Annual Revenue" is the company's
		// own turnover and is never read as MRR.
		"accounts": {"external_id": "Record ID", "name": "Company name", "domain": "Company Domain Name", "industry": "Industry",
			"owner": "Company owner", "contract_start": "Create Date", "status": "Lifecycle Stage", "mrr": "MRR", "arr": "ARR",
			"currency": "Currency"},
		"contacts": {"account": "Associated Company IDs", "first_name": "First Name", "last_name": "Last Name", "email": "Email",
			"phone": "Phone Number", "role": "Job Title"},
	}, Values: map[string]map[string]string{"industry": hubspotIndustries}, Ignored: []string{"Annual Revenue"}},
	"salesforce": {Source: "salesforce", AccountKey: "external_id", Mappings: map[string]map[string]string{
		"accounts": {"external_id": "Account ID", "name": "Account Name", "domain": "Website", "industry": "Industry",
			"owner": "Account Owner", "contract_start": "Created Date", "status": "Type", "mrr": "MRR", "arr": "ARR",
			"currency": "Account Currency"},
		"contacts": {"account": "Account ID", "first_name": "First Name", "last_name": "Last Name", "email": "Email",
			"phone": "Phone", "role": "Title"},
	}, Ignored: []string{"Annual Revenue"}, Alternates: map[string]map[string][]string{
		// A Data Loader extract names columns by their API names.
		"accounts": {"external_id": {"Id"}, "name": {"Name"}, "owner": {"Owner.Name"}, "contract_start": {"CreatedDate"},
			"mrr": {"MRR__c"}, "arr": {"ARR__c"}, "currency": {"CurrencyIsoCode"}, "domain": {"Website"}, "industry": {"Industry"}, "status": {"Type"}},
		"contacts": {"account": {"AccountId"}, "first_name": {"FirstName"}, "last_name": {"LastName"}, "role": {"Title"}},
	}},
	"pipedrive": {Source: "pipedrive", AccountKey: "external_id", Mappings: map[string]map[string]string{
		"accounts": {"external_id": "Organization - ID", "name": "Organization - Name", "owner": "Organization - Owner",
			"contract_start": "Organization - Organization created", "domain": "Organization - Website", "mrr": "Organization - MRR",
			"arr": "Organization - ARR", "currency": "Organization - Currency", "industry": "Organization - Industry"},
		"contacts": {"account": "Person - Organization ID", "name": "Person - Name", "email": "Person - Email", "phone": "Person - Phone",
			"role": "Person - Job title"},
	}},
	"stripe": {Source: "stripe", AccountKey: "external_id", Mappings: map[string]map[string]string{
		// Stripe's subscriptions export: one row per subscription, keyed by customer.
		// Amount is the price per unit; MRR is amount × quantity per interval.
		"accounts": {"external_id": "Customer ID", "name": "Customer Description", "email": "Customer Email", "plan": "Plan", "mrr": "Amount",
			"currency": "Currency", "seats": "Quantity", "contract_start": "Start (UTC)", "renewal_date": "Current Period End (UTC)",
			"status": "Status", "interval": "Interval", "interval_count": "Interval Count", "trial_end": "Trial End (UTC)",
			"canceled_at": "Canceled At (UTC)", "cancellation_feedback": "Cancellation Feedback", "cancellation_comment": "Cancellation Comment"},
		"contacts": {"account": "Customer ID", "email": "Customer Email", "name": "Customer Name"},
	}, AmountPerUnit: true},
	"generic": {Source: "csv", AccountKey: "external_id", Mappings: map[string]map[string]string{}},
}

// statusWords map CRM lifecycle words to ChurnDesk statuses.
var statusWords = map[string]string{
	// HubSpot lifecycle stages
	"customer": "active", "evangelist": "active", "opportunity": "trial", "salesqualifiedlead": "trial", "lead": "trial",
	"marketingqualifiedlead": "trial", "subscriber": "trial", "other": "active",
	// … and as its exports label them
	"marketing qualified lead": "trial", "sales qualified lead": "trial",
	// Salesforce account types
	"customer - direct": "active", "customer - channel": "active", "prospect": "trial", "former customer": "churned",
	// Stripe subscription statuses
	"active": "active", "trialing": "trial", "past_due": "active", "unpaid": "active", "canceled": "churned", "incomplete": "onboarding",
	// ChurnDesk's own
	"trial": "trial", "onboarding": "onboarding", "churned": "churned",
}
