package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"churndesk/backend/fault"
)

// ErrorBody is the one shape of every failed API response.
type ErrorBody struct {
	Code    string            `json:"code" enum:"validation_failed,bad_request,not_found,conflict,payload_too_large,unsupported_media_type,too_many_requests,misdirected_request,unauthorized,forbidden,internal"`
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
	fault.CodeForbidden:  http.StatusForbidden,
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
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		fe = &fault.Error{Code: fault.CodeInternal, Message: "Something went wrong on our side; the details are in the log."}
	}
	status, known := statusOf[fe.Code]
	if !known {
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, ErrorBody{Code: string(fe.Code), Message: fe.Message, Fields: fe.Fields})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}
