package api

import (
	"net/http"

	"churndesk/backend/accounts"
	"churndesk/backend/demo"
)

// route is one endpoint: how it is served and how it is documented.
type route struct {
	method, path, summary, tag string
	status                     int
	params, body, resp         any // documentation only: path/query parameters, request and success body types
	handle                     http.HandlerFunc
}

type idParam struct {
	ID int64 `path:"id" minimum:"1"`
}

type contactListRequest struct {
	idParam
	accounts.ContactQuery
}

type exportRequest struct {
	Format string `query:"format" enum:"csv" default:"csv"`
	accounts.Filter
}

func (h *handlers) routes() []route {
	return []route{
		{"GET", "/api/v1/health", "Backend status, engine and version", "system", 200, nil, nil, Health{}, h.health},
		{"GET", "/api/v1/summary", "Portfolio counts for the dashboard", "accounts", 200, nil, nil, accounts.Summary{}, h.summary},
		{"GET", "/api/v1/accounts", "List accounts (paged, sorted, searched, filtered)", "accounts", 200, accounts.ListQuery{}, nil, accounts.List[accounts.Account]{}, h.listAccounts},
		{"GET", "/api/v1/accounts/facets", "Values offered by the account filters", "accounts", 200, nil, nil, accounts.Facets{}, h.facets},
		{"GET", "/api/v1/accounts/export", "Download the filtered accounts as CSV", "accounts", 200, exportRequest{}, nil, nil, h.exportAccounts},
		{"POST", "/api/v1/accounts", "Create an account", "accounts", 201, nil, accounts.AccountInput{}, accounts.Account{}, h.createAccount},
		{"GET", "/api/v1/accounts/{id}", "Get an account", "accounts", 200, idParam{}, nil, accounts.Account{}, h.getAccount},
		{"PUT", "/api/v1/accounts/{id}", "Replace an account's fields", "accounts", 200, idParam{}, accounts.AccountInput{}, accounts.Account{}, h.updateAccount},
		{"DELETE", "/api/v1/accounts/{id}", "Delete an account with its contacts and history", "accounts", 204, idParam{}, nil, nil, h.deleteAccount},
		{"GET", "/api/v1/accounts/{id}/contacts", "List an account's contacts", "contacts", 200, contactListRequest{}, nil, accounts.List[accounts.Contact]{}, h.listContacts},
		{"POST", "/api/v1/accounts/{id}/contacts", "Add a contact to an account", "contacts", 201, idParam{}, accounts.ContactInput{}, accounts.Contact{}, h.createContact},
		{"PUT", "/api/v1/contacts/{id}", "Replace a contact's fields", "contacts", 200, idParam{}, accounts.ContactInput{}, accounts.Contact{}, h.updateContact},
		{"DELETE", "/api/v1/contacts/{id}", "Delete a contact", "contacts", 204, idParam{}, nil, nil, h.deleteContact},
		{"POST", "/api/v1/demo", "Load the sample portfolio into an empty database", "system", 201, nil, demo.Options{}, demo.Result{}, h.loadDemo},
	}
}
