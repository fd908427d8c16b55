package api

import (
	"bytes"
	"net/http"

	"churndesk/backend/accounts"
	"churndesk/backend/demo"
	"churndesk/backend/fault"
)

func (h *handlers) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.Health)
}

func (h *handlers) summary(w http.ResponseWriter, r *http.Request) {
	sum, err := h.Accounts.Summary(r.Context())
	h.reply(w, r, http.StatusOK, sum, err)
}

func (h *handlers) listAccounts(w http.ResponseWriter, r *http.Request) {
	var q accounts.ListQuery
	if err := decodeQuery(r, &q); err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.Accounts.List(r.Context(), q)
	h.reply(w, r, http.StatusOK, list, err)
}

func (h *handlers) facets(w http.ResponseWriter, r *http.Request) {
	f, err := h.Accounts.Facets(r.Context())
	h.reply(w, r, http.StatusOK, f, err)
}

func (h *handlers) exportAccounts(w http.ResponseWriter, r *http.Request) {
	var q exportRequest
	if err := decodeQuery(r, &q); err != nil {
		h.fail(w, r, err)
		return
	}
	if q.Format != "" && q.Format != "csv" {
		h.fail(w, r, fault.Field("format", "must be csv"))
		return
	}
	var buf bytes.Buffer
	if err := h.Accounts.WriteCSV(r.Context(), &buf, q.Filter); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="accounts.csv"`)
	_, _ = w.Write(buf.Bytes())
}

func (h *handlers) createAccount(w http.ResponseWriter, r *http.Request) {
	var in accounts.AccountInput
	if err := decodeJSON(w, r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.Accounts.Create(r.Context(), in)
	h.reply(w, r, http.StatusCreated, a, err)
}

func (h *handlers) getAccount(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.Accounts.Get(r.Context(), id)
	h.reply(w, r, http.StatusOK, a, err)
}

func (h *handlers) updateAccount(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in accounts.AccountInput
	if err := decodeJSON(w, r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.Accounts.Update(r.Context(), id, in)
	h.reply(w, r, http.StatusOK, a, err)
}

func (h *handlers) deleteAccount(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = h.Accounts.Delete(r.Context(), id)
	}
	h.reply(w, r, http.StatusNoContent, nil, err)
}

func (h *handlers) listContacts(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var q accounts.ContactQuery
	if err := decodeQuery(r, &q); err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.Accounts.Contacts(r.Context(), id, q)
	h.reply(w, r, http.StatusOK, list, err)
}

func (h *handlers) createContact(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in accounts.ContactInput
	if err := decodeJSON(w, r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.Accounts.CreateContact(r.Context(), id, in)
	h.reply(w, r, http.StatusCreated, c, err)
}

func (h *handlers) updateContact(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in accounts.ContactInput
	if err := decodeJSON(w, r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.Accounts.UpdateContact(r.Context(), id, in)
	h.reply(w, r, http.StatusOK, c, err)
}

func (h *handlers) deleteContact(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = h.Accounts.DeleteContact(r.Context(), id)
	}
	h.reply(w, r, http.StatusNoContent, nil, err)
}

func (h *handlers) loadDemo(w http.ResponseWriter, r *http.Request) {
	var opt demo.Options
	if err := decodeJSON(w, r, &opt); err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.Demo.Load(r.Context(), opt)
	h.reply(w, r, http.StatusCreated, res, err)
}

// reply writes v with status, or the error shape when err is set.
func (h *handlers) reply(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, v)
}

func (h *handlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	writeError(w, r, h.Log, err)
}
