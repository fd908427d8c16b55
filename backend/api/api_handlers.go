package api

import (
	"bytes"
	"net/http"

	"churndesk/backend/fault"
)

func (h *handlers) health(w http.ResponseWriter, r *http.Request) {
	if restricted(r.Context()) {
		writeJSON(w, http.StatusOK, Health{Status: h.Health.Status})
		return
	}
	writeJSON(w, http.StatusOK, h.Health)
}

func (h *handlers) system(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, System(h.Health))
}

func (h *handlers) exportAccounts(w http.ResponseWriter, r *http.Request) {
	longWrite(w) // a generated file may take longer than an ordinary answer
	var q exportRequest
	if err := decodeQuery(r, &q); err != nil {
		h.fail(w, r, err)
		return
	}
	if q.Format == "xlsx" {
		t, err := h.Accounts.Table(r.Context(), q.Filter)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		writeTable(w, r, h, "xlsx", "accounts", t)
		return
	}
	if q.Format != "" && q.Format != "csv" {
		h.fail(w, r, fault.Field("format", "must be csv or xlsx"))
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
