package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"churndesk/backend/fault"
	"churndesk/backend/texts"
)

// maxBody is the largest JSON body an ordinary endpoint reads.
const maxBody = 1 << 20

// readBody reads a request body of at most maxBody bytes. A body that
// stops arriving before the server's read deadline is answered 408.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return nil, &fault.Error{Code: fault.CodeTimeout, Message: "The request body did not arrive in time, so nothing was saved. Send it again."}
	}
	return body, err
}

// decodeJSON reads one JSON object into dst. Unknown fields, wrong types and
// trailing data are reported against the field they concern.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if !requireJSON(r) {
		return &fault.Error{Code: fault.CodeMediaType, Message: "The request body must be JSON sent with Content-Type: application/json."}
	}
	body, err := readBody(w, r)
	if err != nil {
		return err
	}
	if !utf8.Valid(body) {
		return fault.BadRequest("The request body is not valid UTF-8.")
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return fault.BadRequest("The request body holds more than one JSON value.")
	}
	if strings.Contains(string(body), `\u0000`) || strings.Contains(string(body), "\x00") {
		// PostgreSQL cannot store the NUL character in text; SQLite would.
		// Refuse it on both, naming the field that holds it.
		if name := nulField(reflect.ValueOf(dst), ""); name != "" {
			return fault.Field(name, "must not contain the NUL character")
		}
	}
	return nil
}

// nulField is the JSON path of the first string in v holding a NUL
// character, or "".
func nulField(v reflect.Value, path string) string {
	join := func(name string) string {
		if path == "" {
			return name
		}
		return path + "." + name
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ""
		}
		return nulField(v.Elem(), path)
	case reflect.String:
		if strings.ContainsRune(v.String(), 0) {
			return path
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			sub := path
			if !f.Anonymous {
				if name == "" {
					name = f.Name
				}
				sub = join(name)
			}
			if got := nulField(v.Field(i), sub); got != "" {
				return got
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if got := nulField(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); got != "" {
				return got
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			key := fmt.Sprint(iter.Key().Interface())
			if strings.ContainsRune(key, 0) {
				return path
			}
			if got := nulField(iter.Value(), join(key)); got != "" {
				return got
			}
		}
	}
	return ""
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fault.Field(typeErr.Field, "must be "+jsonKind(typeErr.Type))
	case errors.As(err, &syntaxErr):
		return fault.Text(fault.CodeBadRequest, texts.New("error.not_json", texts.Num(syntaxErr.Offset)))
	case errors.Is(err, io.EOF):
		return fault.BadRequest("The request body is empty; a JSON object is expected.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return fault.Field(name, "is not a field of this request")
	default:
		return fault.Text(fault.CodeBadRequest, texts.New("error.unreadable", texts.Str(err.Error())))
	}
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	default:
		return "an object"
	}
}

// decodeQuery fills the `query`-tagged string, int and bool fields of dst (and of
// its embedded structs) from the URL's query string.
func decodeQuery(r *http.Request, dst any) error {
	values := r.URL.Query()
	fields := map[string]string{}
	fillQuery(reflect.ValueOf(dst).Elem(), values, fields)
	if len(fields) > 0 {
		return fault.Validation(fields)
	}
	return nil
}

func fillQuery(v reflect.Value, values map[string][]string, bad map[string]string) {
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			fillQuery(fv, values, bad)
			continue
		}
		name := f.Tag.Get("query")
		raw, ok := values[name]
		if name == "" || !ok || len(raw) == 0 {
			continue
		}
		if !utf8.ValidString(raw[0]) || strings.ContainsRune(raw[0], 0) {
			bad[name] = "must be UTF-8 text without NUL characters"
			continue
		}
		switch fv.Kind() {
		case reflect.String:
			fv.SetString(raw[0])
		case reflect.Int, reflect.Int64:
			n, err := strconv.ParseInt(raw[0], 10, 64)
			if err != nil {
				bad[name] = "must be a whole number"
				continue
			}
			fv.SetInt(n)
		case reflect.Bool:
			b, err := strconv.ParseBool(raw[0])
			if err != nil {
				bad[name] = "must be true or false"
				continue
			}
			fv.SetBool(b)
		}
	}
}

// pathID reads a positive integer path parameter.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.Field(name, "must be a positive whole number")
	}
	return id, nil
}
