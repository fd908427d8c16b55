// Package fault defines the one error type that domain packages return for
// failures a user can act on. The API turns it into the shared error shape
// {"code", "message", "fields"}.
package fault

import (
	"errors"
	"fmt"

	"churndesk/backend/texts"
)

// Code names a class of failure; the API maps each code to an HTTP status.
type Code string

// The codes every API failure uses.
const (
	CodeValidation Code = "validation_failed"
	CodeBadRequest Code = "bad_request"
	CodeNotFound   Code = "not_found"
	CodeConflict   Code = "conflict"
	CodeTooLarge   Code = "payload_too_large"
	CodeMediaType  Code = "unsupported_media_type"
	CodeBusy       Code = "too_many_requests"
	// CodeTimeout: the request body stopped arriving before the read deadline.
	CodeTimeout   Code = "request_timeout"
	CodeForbidden Code = "forbidden"
	CodeInternal  Code = "internal"
	// CodeDBBusy: another writer held the database past the busy timeout.
	CodeDBBusy Code = "database_busy"
	// CodeDBReadOnly: the database file or its folder cannot be written.
	CodeDBReadOnly Code = "database_read_only"
	// CodeDiskFull: the database could not grow (full disk, size limit).
	CodeDiskFull Code = "disk_full"
	// CodeDBUnavailable: the connection to the database server was lost.
	CodeDBUnavailable Code = "database_unavailable"
)

// Error is a failure with a code, a sentence for the user and, for
// validation failures, a message per input field.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
	// MessageText and FieldTexts, when set, are Message and Fields as
	// catalogue messages; otherwise the English sentences are looked up
	// in the catalogue as they are.
	MessageText texts.Msg
	FieldTexts  map[string]texts.Msg
}

// Localized returns the message and field messages written in lang.
func (e *Error) Localized(lang string) (string, map[string]string) {
	message := texts.Sentence(lang, e.Message)
	if !e.MessageText.IsZero() {
		message = e.MessageText.Render(lang)
	}
	if len(e.Fields) == 0 {
		return message, e.Fields
	}
	fields := make(map[string]string, len(e.Fields))
	for name, m := range e.Fields {
		if t, ok := e.FieldTexts[name]; ok {
			fields[name] = t.Render(lang)
		} else {
			fields[name] = texts.Sentence(lang, m)
		}
	}
	return message, fields
}

// Error implements the error interface.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
}

// Text is a failure whose sentence is a catalogue message, written in the
// reader's language by the API (Message keeps it in English).
func Text(code Code, m texts.Msg) *Error {
	return &Error{Code: code, Message: m.Render("en"), MessageText: m}
}

// Validation reports invalid input, one message per field.
func Validation(fields map[string]string) *Error {
	return &Error{Code: CodeValidation, Message: "Some fields are not valid.", Fields: fields}
}

// FieldText reports one invalid field whose message is a catalogue
// message, written in the reader's language by the API.
func FieldText(name string, m texts.Msg) *Error {
	e := Field(name, m.Render("en"))
	e.FieldTexts = map[string]texts.Msg{name: m}
	return e
}

// Field reports one invalid field.
func Field(name, message string) *Error {
	return Validation(map[string]string{name: message})
}

// NotFound reports that the named record does not exist.
func NotFound(what string, id int64) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf("%s %d was not found.", what, id)}
}

// Conflict reports that the request clashes with what is stored.
func Conflict(message string) *Error {
	return &Error{Code: CodeConflict, Message: message}
}

// BadRequest reports a request that could not be read at all.
func BadRequest(message string) *Error {
	return &Error{Code: CodeBadRequest, Message: message}
}

// As returns the *Error inside err, if there is one.
func As(err error) (*Error, bool) {
	var fe *Error
	if errors.As(err, &fe) {
		return fe, true
	}
	return nil, false
}
