package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// ErrorBody is the one shape of every failed API response.
type ErrorBody struct {
	Code    string            `json:"code" enum:"validation_failed,bad_request,not_found,conflict,payload_too_large,unsupported_media_type,too_many_requests,request_timeout,misdirected_request,unauthorized,forbidden,internal,database_busy,database_read_only,database_unavailable,disk_full"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty" description:"Per-field messages, keyed by the input field's JSON name."`
}

var statusOf = map[fault.Code]int{
	fault.CodeValidation: http.StatusUnprocessableEntity,
	fault.CodeBadRequest: http.StatusBadRequest,
	fault.CodeNotFound:   http.StatusNotFound,
	fault.CodeConflict:   http.StatusConflict,
	fault.CodeTooLarge:   http.StatusRequestEntityTooLarge,
	fault.CodeMediaType:  http.StatusUnsupportedMediaType,
	fault.CodeBusy:       http.StatusTooManyRequests,
	fault.CodeTimeout:    http.StatusRequestTimeout,
	fault.CodeForbidden:  http.StatusForbidden,

	fault.CodeDBBusy:        http.StatusServiceUnavailable,
	fault.CodeDBReadOnly:    http.StatusServiceUnavailable,
	fault.CodeDBUnavailable: http.StatusServiceUnavailable,
	fault.CodeDiskFull:      http.StatusServiceUnavailable,
}

// retryAfter is how many seconds a 503 asks the client to wait.
const retryAfter = "2"

// storageFault turns a database failure the user can act on (busy, read
// only, connection lost) into its error; nil for any other error.
func storageFault(err error) *fault.Error {
	switch {
	case store.IsBusy(err):
		return &fault.Error{Code: fault.CodeDBBusy, Message: "The database is busy: another program or ChurnDesk window is writing to it. Nothing was saved; try again in a moment."}
	case store.IsFull(err):
		return &fault.Error{Code: fault.CodeDiskFull, Message: "The disk is full (or the file size limit is reached), so nothing was saved. Free some space and try again."}
	case errors.Is(err, store.ErrReadOnlyFS):
		return &fault.Error{Code: fault.CodeDBReadOnly, Message: "The disk holding the database turned read-only while ChurnDesk was running, so nothing was saved; everything saved before is kept and can still be read. Quit ChurnDesk, check the disk, and start it again to save changes."}
	case store.IsReadOnly(err):
		return &fault.Error{Code: fault.CodeDBReadOnly, Message: "The database file or its folder is read-only, so nothing was saved. Make them writable again and retry."}
	case store.IsUnavailable(err):
		return &fault.Error{Code: fault.CodeDBUnavailable, Message: "The connection to the database server was lost; the change was rolled back and nothing was saved. Try again: ChurnDesk reconnects by itself."}
	}
	return nil
}

// writeError answers with the error shape; unexpected errors are logged and
// reported without their details.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		err = &fault.Error{Code: fault.CodeTooLarge, Message: "The request body is larger than this endpoint accepts."}
	}
	fe, ok := fault.As(err)
	if !ok {
		fe = storageFault(err)
		ok = fe != nil
	}
	if ok && statusOf[fe.Code] == http.StatusServiceUnavailable {
		log.Warn("database not available", "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", retryAfter)
	}
	if !ok {
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		fe = &fault.Error{Code: fault.CodeInternal, Message: "Something went wrong on our side; the details are in the log."}
	}
	status, known := statusOf[fe.Code]
	if !known {
		status = http.StatusInternalServerError
	}
	message, fields := fe.Localized(texts.Lang(r.Context()))
	writeJSON(w, status, ErrorBody{Code: string(fe.Code), Message: message, Fields: fields})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}
