package api

import (
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"

	"churndesk/backend/fault"
	"churndesk/backend/importer"
)

// maxImport is the largest CSV file an import accepts.
const maxImport = 200 << 20

// importRequest documents the multipart body of an import.
type importRequest struct {
	Kind    string         `path:"kind" enum:"usage,nps"`
	File    multipart.File `formData:"file" description:"The CSV file."`
	Options string         `formData:"options" description:"JSON: {\"mapping\": {field: column}, \"account_key\": \"id|external_id|domain|name\", \"dry_run\": true}"`
}

func (h *handlers) importCSV(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImport)
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		h.fail(w, r, bodyError(err, "The request must be multipart/form-data with a file and options."))
		return
	}
	var opt importer.Options
	if err := json.Unmarshal([]byte(r.FormValue("options")), &opt); err != nil {
		h.fail(w, r, fault.Field("options", "must be JSON with mapping, account_key and dry_run"))
		return
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		h.fail(w, r, fault.Field("file", "is required"))
		return
	}
	if opt.FileName == "" {
		opt.FileName = header.Filename
	}
	defer file.Close()
	raw, err := io.ReadAll(file)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rep, err := h.Importer.Import(r.Context(), actor(r.Context()), r.PathValue("kind"), raw, opt)
	status := http.StatusOK
	if err == nil && len(rep.Errors) > 0 && !opt.DryRun && rep.RunID == 0 {
		status = http.StatusUnprocessableEntity
	}
	h.reply(w, r, status, rep, err)
}

// inspectRequest documents the multipart body of a file inspection.
type inspectRequest struct {
	File    multipart.File `formData:"file" description:"The CSV file or its first part."`
	Partial bool           `formData:"partial" description:"The file was cut: its last line may be incomplete."`
}

func (h *handlers) inspectCSV(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImport)
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		h.fail(w, r, bodyError(err, "The request must be multipart/form-data with a file."))
		return
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		h.fail(w, r, fault.Field("file", "is required"))
		return
	}
	defer file.Close()
	raw, err := io.ReadAll(file)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.Importer.Inspect(raw, r.FormValue("partial") == "true")
	h.reply(w, r, http.StatusOK, p, err)
}

// bodyError keeps a too-large body's own error and words the rest for people.
func bodyError(err error, message string) error {
	var tooLarge *http.MaxBytesError
	if ok := asMaxBytes(err, &tooLarge); ok {
		return err
	}
	return fault.BadRequest(message)
}

func (h *handlers) undoImport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.Importer.Undo(r.Context(), actor(r.Context()), id)
	h.reply(w, r, http.StatusOK, res, err)
}
