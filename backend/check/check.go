// Package check validates input structs with validator/v10 and turns its
// errors into per-field messages named by the fields' JSON names.
package check

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/go-playground/validator/v10"

	"churndesk/backend/fault"
	"churndesk/backend/texts"
)

// Checker validates structs; it is safe for concurrent use.
type Checker struct {
	v *validator.Validate
}

// New returns a Checker that names fields by their json tags.
func New() *Checker {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Tag.Get("query")
		}
		switch name {
		case "-":
			return ""
		case "":
			return f.Name
		}
		return name
	})
	// A date such as 0000-01-01 parses, but PostgreSQL has no year zero
	// and no customer record is that old: years before 1000 are refused.
	_ = v.RegisterValidation("datetime", func(fl validator.FieldLevel) bool {
		t, err := time.Parse(fl.Param(), fl.Field().String())
		return err == nil && (!strings.Contains(fl.Param(), "2006") || t.Year() >= 1000)
	})
	return &Checker{v: v}
}

// Struct validates s and returns a *fault.Error with one message per bad
// field, or nil.
func (c *Checker) Struct(s any) error {
	err := c.v.Struct(s)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return fmt.Errorf("validate: %w", err)
	}
	fields := make(map[string]string, len(verrs))
	localized := make(map[string]texts.Msg, len(verrs))
	for _, fe := range verrs {
		name := fieldPath(fe)
		if _, seen := fields[name]; !seen {
			localized[name] = MessageText(fe.Tag(), fe.Param(), fe.Kind())
			fields[name] = localized[name].Render("en")
		}
	}
	out := fault.Validation(fields)
	out.FieldTexts = localized
	return out
}

// fieldPath is the field's JSON path, e.g. "mrr" or "items[2].score",
// without the top-level struct's name or embedded structs' Go names (JSON
// names are lower-case, Go type names are not).
func fieldPath(fe validator.FieldError) string {
	parts := strings.Split(fe.Namespace(), ".")[1:]
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && !unicode.IsUpper(rune(p[0])) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return fe.Field()
	}
	return strings.Join(kept, ".")
}

// Message is the English sentence shown under an input for a failed
// validation tag.
func Message(tag, param string, kind reflect.Kind) string {
	return MessageText(tag, param, kind).Render("en")
}

// MessageText is that sentence as a catalogue message, to be written in
// the reader's language.
func MessageText(tag, param string, kind reflect.Kind) texts.Msg {
	numeric := kind >= reflect.Int && kind <= reflect.Float64
	with := func(key string) texts.Msg { return texts.New(key, texts.Str(param)) }
	switch tag {
	case "required", "required_if", "required_with":
		return texts.New("check.required")
	case "gte", "min":
		if numeric {
			return with("check.min_number")
		}
		return with("check.min_text")
	case "lte", "max":
		if numeric {
			return with("check.max_number")
		}
		return with("check.max_text")
	case "gt":
		return with("check.greater")
	case "email":
		return texts.New("check.email")
	case "oneof":
		return texts.New("check.oneof", texts.Str(strings.ReplaceAll(param, " ", ", ")))
	case "iso4217":
		return texts.New("check.currency")
	case "datetime":
		return texts.New("check.date")
	case "hostname_rfc1123", "fqdn", "hostname":
		return texts.New("check.domain")
	case "excluded_unless", "excluded_if":
		return texts.New("check.empty")
	default:
		return texts.New("check.invalid", texts.Str(tag))
	}
}
