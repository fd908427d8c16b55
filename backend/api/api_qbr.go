package api

import (
	"net/http"

	"churndesk/backend/fault"
	"churndesk/backend/qbr"
)

// qbrRequest documents the report endpoint.
type qbrRequest struct {
	idParam
	Quarter  string `query:"quarter" required:"true" description:"e.g. 2026-Q3"`
	Format   string `query:"format" enum:"json,pdf,md" default:"json"`
	Lang     string `query:"lang" enum:"en,ru,pl" description:"Language of the draft written from the data when nothing is saved yet; a saved report keeps its own."`
	Internal bool   `query:"internal" description:"pdf and md: add the sections for the team only (health breakdown, loyalty tier); off for customer-facing documents."`
}

// qbrSaveRequest documents saving a report.
type qbrSaveRequest struct {
	idParam
	Quarter string `query:"quarter" required:"true"`
}

// qbrBatchRequest documents the batch export.
type qbrBatchRequest struct {
	Quarter string `query:"quarter" description:"Default: the current quarter."`
}

func (h *handlers) getQBR(w http.ResponseWriter, r *http.Request) {
	longWrite(w) // a generated file may take longer than an ordinary answer
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	quarter := r.URL.Query().Get("quarter")
	switch format := r.URL.Query().Get("format"); format {
	case "", "json":
		rep, err := h.QBR.ReportIn(r.Context(), id, quarter, r.URL.Query().Get("lang"))
		h.reply(w, r, http.StatusOK, rep, err)
	case "pdf", "md":
		internal := r.URL.Query().Get("internal") == "true"
		name, raw, err := h.QBR.Document(r.Context(), id, quarter, format, qbr.Options{Internal: internal})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		kind := map[string]string{"pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}[format]
		attach(w, kind, name, raw)
	default:
		h.fail(w, r, fault.Field("format", "must be json, pdf or md"))
	}
}

func (h *handlers) saveQBR(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in qbr.SaveInput
	if err := decodeJSON(w, r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	rep, err := h.QBR.Save(r.Context(), actor(r.Context()), id, r.URL.Query().Get("quarter"), in)
	h.reply(w, r, http.StatusOK, rep, err)
}

func (h *handlers) batchQBR(w http.ResponseWriter, r *http.Request) {
	longWrite(w) // a generated file may take longer than an ordinary answer
	raw, _, err := h.QBR.Batch(r.Context(), r.URL.Query().Get("quarter"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	attach(w, "application/zip", "qbr-batch.zip", raw)
}
