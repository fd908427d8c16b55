package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"time"

	"churndesk/backend/fault"
	"churndesk/backend/importer"
)

// DefaultMaxImport is the largest CSV file an import takes unless
// configured otherwise (serve --max-import-mb, CHURNDESK_MAX_IMPORT_MB).
const DefaultMaxImport = 100 << 20

// uploadTime is how long reading an upload and answering it may take; it
// replaces the server's shorter deadlines for these two routes only.
const uploadTime = 10 * time.Minute

// importRequest documents the multipart body of an import.
type importRequest struct {
	Kind    string         `path:"kind" enum:"usage,nps"`
	Client  string         `header:"X-ChurnDesk-Client" required:"true" description:"Any value; ChurnDesk's pages send app. A page on another web site cannot send it."`
	File    multipart.File `formData:"file" description:"The CSV file."`
	Options string         `formData:"options" description:"JSON: {\"mapping\": {field: column}, \"account_key\": \"id|external_id|domain|name\", \"dry_run\": true}"`
}

// upload is a multipart body read part by part: the file once into memory,
// the small fields as text.
type upload struct {
	file     []byte
	fileName string
	fields   map[string]string
}

// beginUpload checks that the request may upload now and reads its body.
// The returned release must be called when the upload has been handled.
func (h *handlers) beginUpload(w http.ResponseWriter, r *http.Request) (*upload, func(), error) {
	if !fromApp(r) {
		return nil, nil, &fault.Error{Code: fault.CodeForbidden, Message: "Uploads need the " + ClientHeader + " header, which ChurnDesk's own pages send; scripts add it themselves."}
	}
	select {
	case h.uploads <- struct{}{}:
	default:
		return nil, nil, &fault.Error{Code: fault.CodeBusy, Message: "Another import is running; try again when it has finished."}
	}
	release := func() { <-h.uploads }
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(uploadTime))
	_ = rc.SetWriteDeadline(time.Now().Add(uploadTime))
	up, err := h.readUpload(w, r)
	if err != nil {
		release()
		return nil, nil, err
	}
	return up, release, nil
}

func (h *handlers) readUpload(w http.ResponseWriter, r *http.Request) (*upload, error) {
	if r.ContentLength > h.MaxImport+(64<<10) {
		return nil, tooLargeImport(h.MaxImport)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fault.BadRequest("The request must be multipart/form-data with a file.")
	}
	up := &upload{fields: map[string]string{}}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return up, nil
		}
		if err != nil {
			return nil, fault.BadRequest("The multipart body could not be read: " + err.Error())
		}
		switch name := part.FormName(); name {
		case "file":
			var buf bytes.Buffer
			if r.ContentLength > 0 {
				buf.Grow(int(min(r.ContentLength, h.MaxImport)))
			}
			n, err := buf.ReadFrom(io.LimitReader(part, h.MaxImport+1))
			if err != nil {
				return nil, fault.BadRequest("The file could not be read: " + err.Error())
			}
			if n > h.MaxImport {
				return nil, tooLargeImport(h.MaxImport)
			}
			up.file, up.fileName = buf.Bytes(), part.FileName()
		case "":
		default:
			raw, err := io.ReadAll(io.LimitReader(part, 1<<20+1))
			if err != nil || len(raw) > 1<<20 {
				return nil, fault.Field(name, "is too long or could not be read")
			}
			up.fields[name] = string(raw)
		}
		part.Close()
	}
}

func tooLargeImport(limit int64) error {
	return &fault.Error{Code: fault.CodeTooLarge, Message: fmt.Sprintf("The file is larger than this server's import limit of %d MB (serve --max-import-mb).", limit>>20)}
}

func (h *handlers) importCSV(w http.ResponseWriter, r *http.Request) {
	up, release, err := h.beginUpload(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer release()
	var opt importer.Options
	if err := json.Unmarshal([]byte(up.fields["options"]), &opt); err != nil {
		h.fail(w, r, fault.Field("options", "must be JSON with mapping, account_key and dry_run"))
		return
	}
	if up.file == nil {
		h.fail(w, r, fault.Field("file", "is required"))
		return
	}
	if opt.FileName == "" {
		opt.FileName = up.fileName
	}
	rep, err := h.Importer.Import(r.Context(), actor(r.Context()), r.PathValue("kind"), up.file, opt)
	status := http.StatusOK
	if err == nil && len(rep.Errors) > 0 && !opt.DryRun && rep.RunID == 0 {
		status = http.StatusUnprocessableEntity
	}
	h.reply(w, r, status, rep, err)
}

// inspectRequest documents the multipart body of a file inspection.
type inspectRequest struct {
	Client  string         `header:"X-ChurnDesk-Client" required:"true" description:"Any value; ChurnDesk's pages send app."`
	File    multipart.File `formData:"file" description:"The CSV file or its first part."`
	Partial bool           `formData:"partial" description:"The file was cut: its last line may be incomplete."`
}

func (h *handlers) inspectCSV(w http.ResponseWriter, r *http.Request) {
	up, release, err := h.beginUpload(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer release()
	if up.file == nil {
		h.fail(w, r, fault.Field("file", "is required"))
		return
	}
	p, err := h.Importer.Inspect(up.file, up.fields["partial"] == "true")
	h.reply(w, r, http.StatusOK, p, err)
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
