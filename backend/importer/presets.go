package importer

// Preset is how one CRM's export is read: its source name (stored as the
// accounts' CRM source) and, per kind, the column holding each field.
// Exports differ in which columns people include, so an optional field
// whose preset column is absent is simply not imported.
type Preset struct {
	Source     string
	AccountKey string
	Mappings   map[string]map[string]string
}

// Presets are the exports of the tools teams use, by the column headers
// those tools write. "generic" has no mapping: the user supplies one.
var Presets = map[string]Preset{
	"hubspot": {Source: "hubspot", AccountKey: "external_id", Mappings: map[string]map[string]string{
		"accounts": {"external_id": "Record ID", "name": "Company name", "domain": "Company Domain Name", "industry": "Industry",
			"owner": "Company owner", "contract_start": "Create Date", "status": "Lifecycle Stage"},
		"contacts": {"account": "Associated Company IDs", "first_name": "First Name", "last_name": "Last Name", "email": "Email",
			"phone": "Phone Number", "role": "Job Title"},
	}},
	"salesforce": {Source: "salesforce", AccountKey: "external_id", Mappings: map[string]map[string]string{
		"accounts": {"external_id": "Account ID", "name": "Account Name", "domain": "Website", "industry": "Industry",
			"owner": "Account Owner", "contract_start": "Created Date", "status": "Type"},
		"contacts": {"account": "Account ID", "first_name": "First Name", "last_name": "Last Name", "email": "Email",
			"phone": "Phone", "role": "Title"},
	}},
	"pipedrive": {Source: "pipedrive", AccountKey: "external_id", Mappings: map[string]map[string]string{
		"accounts": {"external_id": "Organization - ID", "name": "Organization - Name", "owner": "Organization - Owner",
			"contract_start": "Organization - Organization created", "domain": "Organization - Website"},
		"contacts": {"account": "Person - Organization ID", "name": "Person - Name", "email": "Person - Email", "phone": "Person - Phone",
			"role": "Person - Job title"},
	}},
	"stripe": {Source: "stripe", AccountKey: "external_id", Mappings: map[string]map[string]string{
		// Stripe's subscriptions export: one row per subscription, keyed by customer.
		"accounts": {"external_id": "Customer ID", "name": "Customer Description", "plan": "Plan", "mrr": "Amount",
			"currency": "Currency", "seats": "Quantity", "contract_start": "Start (UTC)", "renewal_date": "Current Period End (UTC)",
			"status": "Status", "interval": "Interval"},
		"contacts": {"account": "Customer ID", "email": "Customer Email", "name": "Customer Name"},
	}},
	"generic": {Source: "csv", AccountKey: "external_id", Mappings: map[string]map[string]string{}},
}

// statusWords map CRM lifecycle words to ChurnDesk statuses.
var statusWords = map[string]string{
	// HubSpot lifecycle stages
	"customer": "active", "evangelist": "active", "opportunity": "trial", "salesqualifiedlead": "trial", "lead": "trial",
	"marketingqualifiedlead": "trial", "subscriber": "trial", "other": "active",
	// Salesforce account types
	"customer - direct": "active", "customer - channel": "active", "prospect": "trial", "former customer": "churned",
	// Stripe subscription statuses
	"active": "active", "trialing": "trial", "past_due": "active", "unpaid": "active", "canceled": "churned", "incomplete": "onboarding",
	// ChurnDesk's own
	"trial": "trial", "onboarding": "onboarding", "churned": "churned",
}
