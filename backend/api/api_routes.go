package api

import (
	"context"
	"net/http"

	"churndesk/backend/accounts"
	"churndesk/backend/backup"
	"churndesk/backend/calendar"
	"churndesk/backend/churn"
	"churndesk/backend/demo"
	"churndesk/backend/fx"
	"churndesk/backend/health"
	"churndesk/backend/importer"
	"churndesk/backend/loyalty"
	"churndesk/backend/notify"
	"churndesk/backend/nps"
	"churndesk/backend/offboarding"
	"churndesk/backend/playbooks"
	"churndesk/backend/qbr"
	"churndesk/backend/referrals"
	"churndesk/backend/retention"
	"churndesk/backend/risk"
	"churndesk/backend/tokens"
	"churndesk/backend/usage"
	"churndesk/backend/webhooks"
)

// route is one endpoint: how it is documented and how it is served.
type route struct {
	method, path, summary, tag string
	status                     int
	params, body, resp         any // documentation only: path/query parameters, request and success body types
	bind                       func(h *handlers) http.HandlerFunc
}

type idParam struct {
	ID int64 `path:"id" minimum:"1"`
}

type triggerParam struct {
	Trigger string `path:"trigger"`
}

type contactListRequest struct {
	idParam
	accounts.ContactQuery
}

type exportRequest struct {
	Format string `query:"format" enum:"csv,xlsx" default:"csv"`
	accounts.Filter
}

// AsOf optionally names the day a computation is for; empty means today.
type AsOf struct {
	AsOf string `json:"as_of,omitempty" validate:"omitempty,datetime=2006-01-02" format:"date"`
}

// PlaybookList holds every trigger's playbook.
type PlaybookList struct {
	Items []playbooks.Playbook `json:"items"`
}

// BackupResult names the backup file written.
type BackupResult struct {
	File string `json:"file"`
}

// AuditList holds a churn record's audit trail.
type AuditList struct {
	Items []churn.AuditEntry `json:"items"`
}

func routes() []route {
	return []route{
		{"GET", "/api/v1/health", "Backend status (open; engine, version and database only where tokens are not required)", "system", 200, nil, nil, Health{},
			func(h *handlers) http.HandlerFunc { return h.health }},
		{"GET", "/api/v1/system", "Backend status, engine, version and database", "system", 200, nil, nil, System{},
			func(h *handlers) http.HandlerFunc { return h.system }},
		{"POST", "/api/v1/demo", "Load the sample portfolio into an empty database", "system", 201, nil, demo.Options{}, demo.Result{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 201, h.Demo.Load) }},

		{"GET", "/api/v1/summary", "Portfolio counts for the dashboard", "accounts", 200, nil, nil, accounts.Summary{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Accounts.Summary) }},
		{"GET", "/api/v1/accounts", "List accounts (paged, sorted, searched, filtered)", "accounts", 200, accounts.ListQuery{}, nil, accounts.List[accounts.Account]{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Accounts.List) }},
		{"GET", "/api/v1/accounts/facets", "Values offered by the account filters", "accounts", 200, nil, nil, accounts.Facets{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Accounts.Facets) }},
		{"GET", "/api/v1/accounts/export", "Download the filtered accounts as CSV", "accounts", 200, exportRequest{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return h.exportAccounts }},
		{"POST", "/api/v1/accounts", "Create an account", "accounts", 201, nil, accounts.AccountInput{}, accounts.Account{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 201, h.Accounts.Create) }},
		{"GET", "/api/v1/accounts/{id}", "Get an account", "accounts", 200, idParam{}, nil, accounts.Account{},
			func(h *handlers) http.HandlerFunc { return withID(h, h.Accounts.Get) }},
		{"PUT", "/api/v1/accounts/{id}", "Replace an account's fields", "accounts", 200, idParam{}, accounts.AccountInput{}, accounts.Account{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Accounts.Update) }},
		{"DELETE", "/api/v1/accounts/{id}", "Delete an account with its contacts and history", "accounts", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.Accounts.Delete) }},

		{"GET", "/api/v1/accounts/{id}/contacts", "List an account's contacts", "contacts", 200, contactListRequest{}, nil, accounts.List[accounts.Contact]{},
			func(h *handlers) http.HandlerFunc { return withIDQuery(h, h.Accounts.Contacts) }},
		{"POST", "/api/v1/accounts/{id}/contacts", "Add a contact to an account", "contacts", 201, idParam{}, accounts.ContactInput{}, accounts.Contact{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 201, h.Accounts.CreateContact) }},
		{"PUT", "/api/v1/contacts/{id}", "Replace a contact's fields", "contacts", 200, idParam{}, accounts.ContactInput{}, accounts.Contact{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Accounts.UpdateContact) }},
		{"DELETE", "/api/v1/contacts/{id}", "Delete a contact", "contacts", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.Accounts.DeleteContact) }},

		{"GET", "/api/v1/health-model", "The health model and engagement-trend settings", "health", 200, nil, nil, health.Settings{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Scores.Settings) }},
		{"PUT", "/api/v1/health-model", "Replace the health model; every account is rescored for this week", "health", 200, nil, health.Settings{}, health.RecomputeResult{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Scores.SaveSettings) }},
		{"POST", "/api/v1/health/recompute", "Score every live account as of a day and store that week's history", "health", 200, nil, AsOf{}, health.RecomputeResult{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, asOfCall(h, h.Scores.Recompute)) }},
		{"GET", "/api/v1/health/overview", "Health bands, MRR at risk and the at-risk accounts", "health", 200, nil, nil, health.Overview{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Scores.Overview) }},
		{"GET", "/api/v1/accounts/{id}/health", "An account's score with its breakdown, history, usage and NPS", "health", 200, idParam{}, nil, health.AccountHealth{},
			func(h *handlers) http.HandlerFunc { return withID(h, h.Scores.Account) }},
		{"PUT", "/api/v1/usage", "Upsert weekly usage snapshots (idempotent per account and week)", "health", 200, nil, usage.Batch{}, usage.Result{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Usage.Upsert) }},

		{"POST", "/api/v1/import/{kind}", "Import a CSV export of accounts, contacts, usage, NPS answers or churn records (dry_run checks only); every bad row is reported and, if any, nothing is written", "import", 200, importRequest{}, nil, importer.Report{},
			func(h *handlers) http.HandlerFunc { return h.importCSV }},
		{"GET", "/api/v1/imports", "The import history, newest first", "import", 200, nil, nil, importer.History{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Importer.History) }},
		{"POST", "/api/v1/imports/{id}/undo", "Undo an accounts, contacts, NPS or churn import: what it updated gets its previous values back, what it created (accounts, contacts, answers, churn records and drafts) is removed; 409 names what blocks it", "import", 200, idParam{}, nil, importer.UndoResult{},
			func(h *handlers) http.HandlerFunc { return h.undoImport }},
		{"GET", "/api/v1/import-presets", "Each kind's fields and each preset's column mapping", "import", 200, nil, nil, importer.Catalog{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Importer.Catalog) }},
		{"POST", "/api/v1/import-inspect", "Detect a CSV file's encoding, delimiter and header (send the whole file or its start with partial=true)", "import", 200, inspectRequest{}, nil, importer.Preview{},
			func(h *handlers) http.HandlerFunc { return h.inspectCSV }},
		{"GET", "/api/v1/import-mappings", "Saved column mappings for files no preset knows", "import", 200, nil, nil, importer.MappingList{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Importer.Mappings) }},
		{"POST", "/api/v1/import-mappings", "Save a column mapping by name (replacing one of the same name and kind)", "import", 200, nil, importer.MappingInput{}, importer.SavedMapping{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Importer.SaveMapping) }},
		{"DELETE", "/api/v1/import-mappings/{id}", "Forget a saved column mapping", "import", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.Importer.DeleteMapping) }},
		{"GET", "/api/v1/nps", "NPS for a period, overall and per quarter; optionally for one account", "nps", 200, nps.Period{}, nil, nps.Summary{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.NPS.Summarise) }},
		{"POST", "/api/v1/accounts/{id}/nps", "Record an NPS answer", "nps", 201, idParam{}, nps.Input{}, nps.Response{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 201, h.NPS.Create) }},
		{"DELETE", "/api/v1/nps/{id}", "Delete an NPS answer", "nps", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.NPS.Delete) }},

		{"GET", "/api/v1/churn-records", "The churn log: filter by reason, period, preventable, owner", "churn", 200, churn.Query{}, nil, churn.List{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Churn.List) }},
		{"GET", "/api/v1/churn-records/export", "Download the filtered churn log as CSV or XLSX", "churn", 200, churnExportRequest{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return h.exportChurn }},
		{"POST", "/api/v1/accounts/{id}/churn", "Log an account's churn; tenure, engagement and health at churn are computed and frozen", "churn", 201, idParam{}, churn.Input{}, churn.Record{},
			func(h *handlers) http.HandlerFunc {
				return withIDBody(h, 201, func(ctx context.Context, id int64, in churn.Input) (churn.Record, error) {
					return h.Churn.Create(ctx, actor(ctx), id, in)
				})
			}},
		{"POST", "/api/v1/accounts/{id}/reactivate", "Bring a churned account back; its churn records stay", "churn", 204, idParam{}, churn.Reactivation{}, nil,
			func(h *handlers) http.HandlerFunc {
				return withIDBody(h, 204, func(ctx context.Context, id int64, r churn.Reactivation) (any, error) {
					return nil, h.Churn.Reactivate(ctx, id, r)
				})
			}},
		{"GET", "/api/v1/churn-records/{id}", "Get a churn record", "churn", 200, idParam{}, nil, churn.Record{},
			func(h *handlers) http.HandlerFunc { return withID(h, h.Churn.Get) }},
		{"PUT", "/api/v1/churn-records/{id}", "Replace a churn record's fields (audited)", "churn", 200, idParam{}, churn.Input{}, churn.Record{},
			func(h *handlers) http.HandlerFunc {
				return withIDBody(h, 200, func(ctx context.Context, id int64, in churn.Input) (churn.Record, error) {
					return h.Churn.Update(ctx, actor(ctx), id, in)
				})
			}},
		{"DELETE", "/api/v1/churn-records/{id}", "Delete a churn record (audited; the account is a customer again if it was its current churn)", "churn", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc {
				return deleteByID(h, func(ctx context.Context, id int64) error { return h.Churn.Delete(ctx, actor(ctx), id) })
			}},
		{"GET", "/api/v1/churn-records/{id}/audit", "A churn record's audit trail, oldest first", "churn", 200, idParam{}, nil, AuditList{},
			func(h *handlers) http.HandlerFunc {
				return withID(h, func(ctx context.Context, id int64) (AuditList, error) {
					items, err := h.Churn.Audit(ctx, id)
					return AuditList{Items: items}, err
				})
			}},
		{"GET", "/api/v1/churn-settings", "Churn reasons and exit-interview questions", "churn", 200, nil, nil, churn.Settings{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Churn.Settings) }},
		{"PUT", "/api/v1/churn-settings", "Replace churn reasons and exit-interview questions", "churn", 200, nil, churn.Settings{}, churn.Settings{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Churn.SaveSettings) }},
		{"GET", "/api/v1/metrics", "Retention figures for a period, each with formula and inputs", "retention", 200, retention.MetricsQuery{}, nil, retention.Metrics{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Retention.Metrics) }},
		{"GET", "/api/v1/metrics/export", "Download the period's figures as CSV or XLSX", "retention", 200, metricsExportRequest{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return h.exportMetrics }},
		{"GET", "/api/v1/metrics/members", "The customers counted in a figure", "retention", 200, retention.MembersQuery{}, nil, retention.Members{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Retention.Members) }},
		{"GET", "/api/v1/retention/curve", "Kaplan–Meier retention curve with Greenwood 95 % band, optionally per group", "retention", 200, retention.CurveQuery{}, nil, retention.Curves{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Retention.Curve) }},
		{"GET", "/api/v1/retention/cohorts", "Monthly cohort retention table", "retention", 200, retention.CurveQuery{}, nil, retention.CohortTable{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Retention.Cohorts) }},
		{"GET", "/api/v1/offboarding", "The offboarding board: checklists with progress, overdue first", "offboarding", 200, offboarding.BoardQuery{}, nil, offboarding.Board{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Offboarding.Board) }},
		{"POST", "/api/v1/accounts/{id}/offboarding", "Open a checklist because the customer intends to leave", "offboarding", 201, idParam{}, offboarding.IntentInput{}, offboarding.Checklist{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 201, h.Offboarding.CreateForIntent) }},
		{"GET", "/api/v1/offboarding/{id}", "A checklist as JSON, or as a PDF or Markdown download", "offboarding", 200, checklistRequest{}, nil, offboarding.Checklist{},
			func(h *handlers) http.HandlerFunc { return h.getChecklist }},
		{"POST", "/api/v1/offboarding/{id}/items", "Add a step to a checklist", "offboarding", 201, idParam{}, offboarding.ItemInput{}, offboarding.Checklist{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 201, h.Offboarding.AddItem) }},
		{"PATCH", "/api/v1/offboarding/items/{id}", "Tick, untick, reassign, annotate or reschedule a step", "offboarding", 200, idParam{}, offboarding.ItemUpdate{}, offboarding.Checklist{},
			func(h *handlers) http.HandlerFunc {
				return withIDBody(h, 200, func(ctx context.Context, id int64, u offboarding.ItemUpdate) (offboarding.Checklist, error) {
					return h.Offboarding.UpdateItem(ctx, actor(ctx), id, u)
				})
			}},
		{"DELETE", "/api/v1/offboarding/items/{id}", "Remove a step", "offboarding", 200, idParam{}, nil, offboarding.Checklist{},
			func(h *handlers) http.HandlerFunc { return withID(h, h.Offboarding.DeleteItem) }},
		{"GET", "/api/v1/offboarding/{id}/letter", "Draft the farewell letter", "offboarding", 200, letterRequest{}, nil, offboarding.Letter{},
			func(h *handlers) http.HandlerFunc { return h.letter }},
		{"GET", "/api/v1/accounts/{id}/data-export", "ZIP of everything stored about the account (CSV and JSON per record type)", "offboarding", 200, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return h.dataExport }},
		{"GET", "/api/v1/offboarding-settings", "Checklist templates and the farewell letter", "offboarding", 200, nil, nil, offboarding.Settings{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Offboarding.Settings) }},
		{"PUT", "/api/v1/offboarding-settings", "Replace checklist templates and the farewell letter", "offboarding", 200, nil, offboarding.Settings{}, offboarding.Settings{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Offboarding.SaveSettings) }},
		{"GET", "/api/v1/tiers", "Loyalty tiers, best first, with their account counts", "loyalty", 200, nil, nil, loyalty.TierList{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Loyalty.Tiers) }},
		{"POST", "/api/v1/tiers", "Create a tier", "loyalty", 201, nil, loyalty.TierInput{}, loyalty.Tier{},
			func(h *handlers) http.HandlerFunc {
				return withBody(h, 201, func(ctx context.Context, in loyalty.TierInput) (loyalty.Tier, error) {
					return h.Loyalty.SaveTier(ctx, 0, in)
				})
			}},
		{"PUT", "/api/v1/tiers/{id}", "Replace a tier", "loyalty", 200, idParam{}, loyalty.TierInput{}, loyalty.Tier{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Loyalty.SaveTier) }},
		{"DELETE", "/api/v1/tiers/{id}", "Delete a tier", "loyalty", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.Loyalty.DeleteTier) }},
		{"POST", "/api/v1/tiers/preview", "Count where accounts would land under proposed tiers (nothing is saved)", "loyalty", 200, nil, loyalty.PreviewInput{}, loyalty.Preview{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Loyalty.Preview) }},
		{"POST", "/api/v1/tiers/evaluate", "Place every live account in its tier and log the moves", "loyalty", 200, nil, AsOf{}, loyalty.EvalResult{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, asOfCall(h, h.Loyalty.Evaluate)) }},
		{"GET", "/api/v1/tiers/distribution", "Accounts per tier and 12-month retention per tier", "loyalty", 200, nil, nil, loyalty.Distribution{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Loyalty.Distribution) }},
		{"GET", "/api/v1/tiers/moves", "Tier moves of every account with their reasons, newest first", "loyalty", 200, loyalty.MoveQuery{}, nil, loyalty.MoveList{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Loyalty.Moves) }},
		{"GET", "/api/v1/accounts/{id}/loyalty", "An account's tier, benefits, override, moves and benefits used", "loyalty", 200, idParam{}, nil, loyalty.AccountLoyalty{},
			func(h *handlers) http.HandlerFunc { return withID(h, h.Loyalty.Account) }},
		{"PUT", "/api/v1/accounts/{id}/tier-override", "Pin an account to a tier (or none) with a reason and optional expiry", "loyalty", 200, idParam{}, loyalty.OverrideInput{}, loyalty.AccountLoyalty{},
			func(h *handlers) http.HandlerFunc {
				return withIDBody(h, 200, func(ctx context.Context, id int64, in loyalty.OverrideInput) (loyalty.AccountLoyalty, error) {
					return h.Loyalty.SetOverride(ctx, actor(ctx), id, in)
				})
			}},
		{"DELETE", "/api/v1/accounts/{id}/tier-override", "Remove an account's tier override", "loyalty", 200, idParam{}, nil, loyalty.AccountLoyalty{},
			func(h *handlers) http.HandlerFunc { return withID(h, h.Loyalty.ClearOverride) }},
		{"POST", "/api/v1/accounts/{id}/benefits", "Record a benefit granted or used", "loyalty", 201, idParam{}, loyalty.BenefitUseInput{}, loyalty.AccountLoyalty{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 201, h.Loyalty.UseBenefit) }},

		{"GET", "/api/v1/referrals", "Referrals, newest first", "referrals", 200, referrals.Query{}, nil, referrals.List{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Referrals.List) }},
		{"POST", "/api/v1/referrals", "Record a referral", "referrals", 201, nil, referrals.Input{}, referrals.Referral{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 201, h.Referrals.Create) }},
		{"GET", "/api/v1/referrals/figures", "Conversion rate, MRR from referrals, top advocates, rewards outstanding", "referrals", 200, nil, nil, referrals.Figures{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Referrals.Figures) }},
		{"GET", "/api/v1/referrals/suggestions", "Healthy promoters who have not referred yet", "referrals", 200, nil, nil, referrals.SuggestionList{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Referrals.Suggestions) }},
		{"GET", "/api/v1/referrals/{id}", "Get a referral", "referrals", 200, idParam{}, nil, referrals.Referral{},
			func(h *handlers) http.HandlerFunc { return withID(h, h.Referrals.Get) }},
		{"PUT", "/api/v1/referrals/{id}", "Replace a referral's fields", "referrals", 200, idParam{}, referrals.Input{}, referrals.Referral{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Referrals.Update) }},
		{"DELETE", "/api/v1/referrals/{id}", "Delete a referral", "referrals", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.Referrals.Delete) }},
		{"POST", "/api/v1/referrals/{id}/status", "Move a referral along the pipeline", "referrals", 200, idParam{}, referrals.StatusInput{}, referrals.Referral{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Referrals.Move) }},
		{"POST", "/api/v1/referrals/{id}/convert", "Convert a referral: link an existing account or create one (once)", "referrals", 200, idParam{}, referrals.ConvertInput{}, referrals.Referral{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Referrals.Convert) }},
		{"POST", "/api/v1/referrals/{id}/reward", "Advance a reward: pending → approved → issued", "referrals", 200, idParam{}, referrals.RewardInput{}, referrals.Referral{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Referrals.Reward) }},
		{"GET", "/api/v1/qbr", "QBRs of a quarter: live mid-market and enterprise accounts and any saved report", "qbr", 200, qbr.DueQuery{}, nil, qbr.DueList{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.QBR.Due) }},
		{"GET", "/api/v1/qbr/batch", "Every QBR of the quarter as PDF in one ZIP, with results.txt", "qbr", 200, qbrBatchRequest{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return h.batchQBR }},
		{"GET", "/api/v1/accounts/{id}/qbr", "An account's QBR value report for a quarter, as JSON, PDF or Markdown", "qbr", 200, qbrRequest{}, nil, qbr.Report{},
			func(h *handlers) http.HandlerFunc { return h.getQBR }},
		{"PUT", "/api/v1/accounts/{id}/qbr", "Save the edited sections of an account's QBR", "qbr", 200, qbrSaveRequest{}, qbr.SaveInput{}, qbr.Report{},
			func(h *handlers) http.HandlerFunc { return h.saveQBR }},
		{"GET", "/api/v1/settings/brand", "Company name, colour and logo for decks and documents", "qbr", 200, nil, nil, qbr.Brand{},
			func(h *handlers) http.HandlerFunc { return get(h, h.QBR.Brand) }},
		{"PUT", "/api/v1/settings/brand", "Replace the brand", "qbr", 200, nil, qbr.Brand{}, qbr.Brand{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.QBR.SaveBrand) }},
		{"GET", "/api/v1/tokens", "API tokens (never their secrets)", "system", 200, nil, nil, tokens.List{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Tokens.List) }},
		{"POST", "/api/v1/tokens", "Create an API token; its secret is shown once", "system", 201, nil, tokens.Input{}, tokens.Created{},
			func(h *handlers) http.HandlerFunc {
				return withBody(h, 201, func(ctx context.Context, in tokens.Input) (tokens.Created, error) {
					return h.Tokens.Create(ctx, actor(ctx), in)
				})
			}},
		{"DELETE", "/api/v1/tokens/{id}", "Revoke an API token", "system", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.Tokens.Revoke) }},
		{"POST", "/api/v1/webhooks/stripe", "Stripe events (Stripe-Signature): subscription deleted, invoice payment failed, card expiring; each processed once", "webhooks", 200, stripeRequest{}, nil, webhooks.Result{},
			func(h *handlers) http.HandlerFunc { return h.stripeWebhook() }},
		{"POST", "/api/v1/webhooks/generic", "Signed JSON events from CRMs, Zapier, n8n or scripts; each processed once", "webhooks", 200, genericRequest{}, webhooks.Event{}, webhooks.Result{},
			func(h *handlers) http.HandlerFunc { return h.genericWebhook() }},
		{"GET", "/api/v1/settings/webhooks", "Which webhook signing secrets are set", "webhooks", 200, nil, nil, SecretsView{},
			func(h *handlers) http.HandlerFunc { return get(h, h.webhookSecrets) }},
		{"PUT", "/api/v1/settings/webhooks", "Set the webhook signing secrets; an empty generic secret is generated and returned once", "webhooks", 200, nil, webhooks.Secrets{}, webhooks.Secrets{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Webhooks.SaveSecrets) }},
		{"PATCH", "/api/v1/settings/webhooks", "Replace one webhook signing secret, keeping the other; generate_generic makes a new generic secret, returned once", "webhooks", 200, nil, SecretsPatch{}, webhooks.Secrets{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.patchWebhookSecrets) }},
		{"GET", "/api/v1/settings/currency", "The home currency and the exchange rates quoted in it", "system", 200, nil, nil, fx.Table{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Rates.Table) }},
		{"PUT", "/api/v1/settings/currency", "Set the home currency that portfolio figures are converted to", "system", 200, nil, fx.HomeInput{}, fx.Table{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Rates.SaveHome) }},
		{"POST", "/api/v1/exchange-rates", "Store a currency's rate in the home currency from a day on (replaces that day's rate)", "system", 201, nil, fx.RateInput{}, fx.Rate{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 201, h.Rates.SaveRate) }},
		{"DELETE", "/api/v1/exchange-rates/{id}", "Delete an exchange rate", "system", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.Rates.DeleteRate) }},
		{"POST", "/api/v1/exchange-rates/import", "Import rates from CSV (currency,date,rate): every row is checked, all are stored or none", "system", 200, nil, fx.ImportInput{}, fx.ImportResult{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Rates.Import) }},
		{"GET", "/api/v1/settings/time-zone", "The team's time zone, which decides today and the day of a timestamp", "system", 200, nil, nil, calendar.ZoneSettings{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Zones.Settings) }},
		{"PUT", "/api/v1/settings/time-zone", "Choose the team's time zone", "system", 200, nil, calendar.ZoneInput{}, calendar.ZoneSettings{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Zones.Save) }},
		{"GET", "/api/v1/settings/backup", "Automatic daily backup settings", "system", 200, nil, nil, backup.Settings{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Backups.BackupSettings) }},
		{"PUT", "/api/v1/settings/backup", "Change the automatic daily backup settings", "system", 200, nil, backup.Settings{}, backup.Settings{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Backups.SaveBackupSettings) }},
		{"POST", "/api/v1/backup", "Back up the SQLite database now into the backup folder", "system", 200, nil, nil, BackupResult{},
			func(h *handlers) http.HandlerFunc {
				return get(h, func(ctx context.Context) (BackupResult, error) {
					file, err := h.Backups.BackupNow(ctx, h.Now())
					return BackupResult{File: file}, err
				})
			}},
		{"GET", "/api/v1/playbooks", "Every trigger's playbook", "playbooks", 200, nil, nil, PlaybookList{},
			func(h *handlers) http.HandlerFunc {
				return get(h, func(ctx context.Context) (PlaybookList, error) {
					items, err := h.Playbooks.Playbooks(ctx)
					return PlaybookList{Items: items}, err
				})
			}},
		{"PUT", "/api/v1/playbooks/{trigger}", "Replace one trigger's playbook", "playbooks", 200, triggerParam{}, playbooks.Playbook{}, playbooks.Playbook{},
			func(h *handlers) http.HandlerFunc { return h.savePlaybook }},
		{"POST", "/api/v1/triggers/evaluate", "Find trigger occurrences and create their tasks (idempotent)", "playbooks", 200, nil, AsOf{}, playbooks.EvalResult{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, asOfCall(h, h.Playbooks.Evaluate)) }},
		{"GET", "/api/v1/triggers/recent", "The latest trigger occurrences (every account's, or one account's), held celebrations included", "playbooks", 200, playbooks.FiringQuery{}, nil, playbooks.FiringList{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Playbooks.RecentFirings) }},
		{"GET", "/api/v1/tasks", "Tasks, most urgent first (default: open and due again)", "playbooks", 200, playbooks.TaskQuery{}, nil, playbooks.TaskList{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Playbooks.Tasks) }},
		{"PATCH", "/api/v1/tasks/{id}", "Mark a task done or open, snooze it, or reassign it", "playbooks", 200, idParam{}, playbooks.TaskUpdate{}, playbooks.Task{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Playbooks.UpdateTask) }},
		{"GET", "/api/v1/settings/notifications", "Notification language and daily digest hour", "notifications", 200, nil, nil, notify.Settings{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Notify.Settings) }},
		{"PUT", "/api/v1/settings/notifications", "Change the notification language and daily digest hour", "notifications", 200, nil, notify.Settings{}, notify.Settings{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Notify.SaveSettings) }},
		{"GET", "/api/v1/settings/notifications/endpoints", "Endpoints outgoing notifications are sent to (never their secrets)", "notifications", 200, nil, nil, notify.EndpointList{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Notify.Endpoints) }},
		{"POST", "/api/v1/settings/notifications/endpoints", "Add an endpoint; a generated signing secret is returned once", "notifications", 201, nil, notify.EndpointInput{}, notify.EndpointSaved{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 201, h.Notify.CreateEndpoint) }},
		{"PUT", "/api/v1/settings/notifications/endpoints/{id}", "Change an endpoint; rotate_secret returns a new signing secret once", "notifications", 200, idParam{}, notify.EndpointInput{}, notify.EndpointSaved{},
			func(h *handlers) http.HandlerFunc { return withIDBody(h, 200, h.Notify.UpdateEndpoint) }},
		{"DELETE", "/api/v1/settings/notifications/endpoints/{id}", "Remove an endpoint with its delivery log", "notifications", 204, idParam{}, nil, nil,
			func(h *handlers) http.HandlerFunc { return deleteByID(h, h.Notify.DeleteEndpoint) }},
		{"POST", "/api/v1/settings/notifications/endpoints/{id}/test", "Send a signed test message to an endpoint now", "notifications", 200, idParam{}, nil, notify.Delivery{},
			func(h *handlers) http.HandlerFunc { return withID(h, h.Notify.SendTest) }},
		{"GET", "/api/v1/settings/notifications/deliveries", "The delivery log, newest first, with every attempt", "notifications", 200, notify.DeliveryQuery{}, nil, notify.DeliveryList{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Notify.Deliveries) }},
		{"POST", "/api/v1/settings/notifications/digest", "Queue today's digest now, besides the scheduled one", "notifications", 200, nil, nil, notify.DigestData{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Notify.SendDigestNow) }},
		{"GET", "/api/v1/today", "The Today inbox: one page of open tasks overdue, due today or in the next 7 days, with each group's count", "playbooks", 200, playbooks.TodayQuery{}, nil, playbooks.TodayPage{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Playbooks.Today) }},
		{"GET", "/api/v1/owners", "Every known owner: the team's members and the accounts' owners", "playbooks", 200, nil, nil, playbooks.OwnerList{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Playbooks.Owners) }},
		{"GET", "/api/v1/settings/team", "The team's members", "playbooks", 200, nil, nil, playbooks.Team{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Playbooks.Team) }},
		{"PUT", "/api/v1/settings/team", "Replace the team's members", "playbooks", 200, nil, playbooks.Team{}, playbooks.Team{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Playbooks.SaveTeam) }},

		{"GET", "/api/v1/risk/model", "The newest churn-risk model with its hazard ratios and backtest, or why there is none", "risk", 200, nil, nil, risk.ModelStatus{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Risk.Latest) }},
		{"POST", "/api/v1/risk/train", "Train and store a churn-risk model as of a day, with its backtest; 409 says why when there are too few churns", "risk", 201, nil, risk.Query{}, risk.Model{},
			func(h *handlers) http.HandlerFunc {
				return withBody(h, 201, func(ctx context.Context, q risk.Query) (risk.Model, error) { return h.Risk.Train(ctx, actor(ctx), q) })
			}},
		{"GET", "/api/v1/risk/backtest", "Train on data up to as-of − horizon and compare the forecast, and the health score, with who churned", "risk", 200, risk.Query{}, nil, risk.Backtest{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Risk.Backtest) }},
		{"GET", "/api/v1/risk/scores", "Live accounts' churn risk within the horizon, riskiest first, with expected MRR lost and top factors", "risk", 200, risk.ScoreQuery{}, nil, risk.Scores{},
			func(h *handlers) http.HandlerFunc { return withQuery(h, h.Risk.Score) }},
		{"GET", "/api/v1/risk/accounts/{id}", "One live account's churn risk with its factors", "risk", 200, riskAccountRequest{}, nil, risk.AccountRisk{},
			func(h *handlers) http.HandlerFunc { return withIDQuery(h, h.Risk.Account) }},
		{"GET", "/api/v1/risk/settings", "The risk model's horizon and ridge penalty", "risk", 200, nil, nil, risk.Settings{},
			func(h *handlers) http.HandlerFunc { return get(h, h.Risk.Settings) }},
		{"PUT", "/api/v1/risk/settings", "Replace the risk model's horizon and ridge penalty", "risk", 200, nil, risk.Settings{}, risk.Settings{},
			func(h *handlers) http.HandlerFunc { return withBody(h, 200, h.Risk.SaveSettings) }},
	}
}
