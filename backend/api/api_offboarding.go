package api

import (
	"fmt"
	"net/http"
	"strconv"

	"churndesk/backend/export"
	"churndesk/backend/fault"
)

// checklistRequest documents the checklist download.
type checklistRequest struct {
	idParam
	Format string `query:"format" enum:"json,pdf,md" default:"json"`
}

// letterRequest documents the farewell letter draft.
type letterRequest struct {
	idParam
	Lang       string `query:"lang" enum:"en,ru,pl" description:"Default: the checklist's language."`
	ExportLink string `query:"export_link" description:"Where the customer finds their data export."`
}

func (h *handlers) getChecklist(w http.ResponseWriter, r *http.Request) {
	longWrite(w) // a generated file may take longer than an ordinary answer
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	switch format := r.URL.Query().Get("format"); format {
	case "", "json":
		c, err := h.Offboarding.Get(r.Context(), id)
		h.reply(w, r, http.StatusOK, c, err)
	case "md":
		md, err := h.Offboarding.Markdown(r.Context(), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		attach(w, "text/markdown; charset=utf-8", fmt.Sprintf("offboarding-%d.md", id), []byte(md))
	case "pdf":
		raw, err := h.Offboarding.PDF(r.Context(), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		attach(w, "application/pdf", fmt.Sprintf("offboarding-%d.pdf", id), raw)
	default:
		h.fail(w, r, fault.Field("format", "must be json, pdf or md"))
	}
}

func (h *handlers) dataExport(w http.ResponseWriter, r *http.Request) {
	longWrite(w) // a generated file may take longer than an ordinary answer
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	raw, name, err := h.Offboarding.DataExport(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	attach(w, "application/zip", name, raw)
}

func (h *handlers) letter(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	l, err := h.Offboarding.Letter(r.Context(), id, q.Get("lang"), q.Get("export_link"))
	h.reply(w, r, http.StatusOK, l, err)
}

// attach sends body as a download named name, reduced to letters, digits,
// '-' and '_' so no quote, line break, path or direction character reaches
// the header or the saved file.
func attach(w http.ResponseWriter, contentType, name string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, export.SafeFileName(name, "download")))
	// The length lets a browser show how much of a large export has arrived.
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}
