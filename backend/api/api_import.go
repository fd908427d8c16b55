package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"time"

	"churndesk/backend/fault"
	"churndesk/backend/importer"
	"churndesk/backend/texts"
)

// DefaultMaxImport is the largest CSV file an import takes unless
// configured otherwise (serve --max-import-mb, CHURNDESK_MAX_IMPORT_MB).
const DefaultMaxImport = 100 << 20

// uploadTime is how long reading an upload and handling it may take; it
// replaces the server's shorter deadlines for these two routes only. An
// import still running then is stopped and rolled back, and the answer
// (written within answerTime more) says so.
const uploadTime = 10 * time.Minute

// answerTime is what is left after uploadTime to write the answer.
const answerTime = 30 * time.Second

// importRequest documents the multipart body of an import.
type importRequest struct {
	Kind    string         `path:"kind" enum:"usage,nps"`
	Client  string         `header:"X-ChurnDesk-Client" required:"true" description:"Any value; ChurnDesk's pages send app. A page on another web site cannot send it."`
	File    multipart.File `formData:"file" description:"The CSV file."`
	Options string         `formData:"options" description:"JSON: {\"mapping\": {field: column}, \"account_key\": \"id|external_id|domain|name\", \"dry_run\": true}"`
}

// upload is a multipart body read part by part: the file into a temporary
// file (an import reads it a chunk at a time), the small fields as text.
type upload struct {
	file     *os.File
	fileName string
	fields   map[string]string
	deadline time.Time
}

// beginUpload checks that the request may upload now and reads its body.
// The returned release must be called when the upload has been handled:
// it removes the temporary file and lets the next upload in.
func (h *handlers) beginUpload(w http.ResponseWriter, r *http.Request) (*upload, func(), error) {
	if !fromApp(r) {
		return nil, nil, &fault.Error{Code: fault.CodeForbidden, Message: "Uploads need the " + ClientHeader + " header, which ChurnDesk's own pages send; scripts add it themselves."}
	}
	select {
	case h.uploads <- struct{}{}:
	default:
		return nil, nil, &fault.Error{Code: fault.CodeBusy, Message: "Another import is running; try again when it has finished."}
	}
	deadline := time.Now().Add(uploadTime)
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(deadline)
	_ = rc.SetWriteDeadline(deadline.Add(answerTime))
	up := &upload{fields: map[string]string{}, deadline: deadline}
	release := func() {
		if up.file != nil {
			up.file.Close()
			os.Remove(up.file.Name())
		}
		<-h.uploads
	}
	if err := h.readUpload(r, up); err != nil {
		release()
		return nil, nil, err
	}
	return up, release, nil
}

func (h *handlers) readUpload(r *http.Request, up *upload) error {
	if r.ContentLength > h.MaxImport+(64<<10) {
		return tooLargeImport(h.MaxImport)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return fault.BadRequest("The request must be multipart/form-data with a file.")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fault.BadRequest("The multipart body could not be read: " + err.Error())
		}
		switch name := part.FormName(); name {
		case "file":
			if up.file != nil {
				return fault.Field("file", "must be sent once")
			}
			if up.file, err = os.CreateTemp("", "churndesk-upload-*.csv"); err != nil {
				return fmt.Errorf("spool the upload: %w", err)
			}
			n, err := io.Copy(up.file, io.LimitReader(part, h.MaxImport+1))
			if err != nil {
				return fault.BadRequest("The file could not be read: " + err.Error())
			}
			if n > h.MaxImport {
				return tooLargeImport(h.MaxImport)
			}
			if _, err := up.file.Seek(0, io.SeekStart); err != nil {
				return fmt.Errorf("rewind the upload: %w", err)
			}
			up.fileName = part.FileName()
		case "":
		default:
			raw, err := io.ReadAll(io.LimitReader(part, 1<<20+1))
			if err != nil || len(raw) > 1<<20 {
				return fault.Field(name, "is too long or could not be read")
			}
			up.fields[name] = string(raw)
		}
		part.Close()
	}
}

func tooLargeImport(limit int64) error {
	return fault.Text(fault.CodeTooLarge, texts.New("error.import_limit", texts.Num(limit>>20)))
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
	ctx, cancel := context.WithDeadline(r.Context(), up.deadline)
	defer cancel()
	rep, err := h.Importer.ImportFrom(ctx, actor(r.Context()), r.PathValue("kind"), up.file, opt)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		// Whatever failed first, the deadline ended the import and its
		// transaction was rolled back.
		err = fault.Text(fault.CodeTooLarge, texts.New("error.import_timeout", texts.Num(int64(uploadTime.Minutes()))))
	}
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
	raw, err := io.ReadAll(up.file)
	if err != nil {
		h.fail(w, r, fmt.Errorf("read the upload: %w", err))
		return
	}
	p, err := h.Importer.Inspect(raw, up.fields["partial"] == "true")
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
