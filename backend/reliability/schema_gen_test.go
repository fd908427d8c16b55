package reliability

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// apiDoc is the OpenAPI document read as plain JSON.
type apiDoc struct {
	schemas map[string]any
	ops     []apiOp
}

// apiOp is one operation: method, path template, parameters, body schema
// and the statuses the document lists for it.
type apiOp struct {
	method, path string
	params       []apiParam
	body         map[string]any // JSON body schema, or nil
	multipart    bool
	statuses     map[int]bool
}

type apiParam struct {
	name, in string
	required bool
	schema   map[string]any
}

func (o apiOp) String() string { return o.method + " " + o.path }

func (o apiOp) writes() bool { return o.method != "GET" }

func parseDoc(raw []byte) (apiDoc, error) {
	var d struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return apiDoc{}, fmt.Errorf("read OpenAPI document: %w", err)
	}
	doc := apiDoc{schemas: d.Components.Schemas}
	for path, methods := range d.Paths {
		for method, rawOp := range methods {
			var o struct {
				Parameters []struct {
					Name     string         `json:"name"`
					In       string         `json:"in"`
					Required bool           `json:"required"`
					Schema   map[string]any `json:"schema"`
				} `json:"parameters"`
				RequestBody struct {
					Content map[string]struct {
						Schema map[string]any `json:"schema"`
					} `json:"content"`
				} `json:"requestBody"`
				Responses map[string]any `json:"responses"`
			}
			if err := json.Unmarshal(rawOp, &o); err != nil {
				continue // "parameters" shared by a path, not an operation
			}
			op := apiOp{method: strings.ToUpper(method), path: path, statuses: map[int]bool{}}
			for _, p := range o.Parameters {
				op.params = append(op.params, apiParam{p.Name, p.In, p.Required, p.Schema})
			}
			if c, ok := o.RequestBody.Content["application/json"]; ok {
				op.body = doc.resolve(c.Schema)
			}
			if _, ok := o.RequestBody.Content["multipart/form-data"]; ok {
				op.multipart = true
			}
			for code := range o.Responses {
				n, _ := strconv.Atoi(code)
				op.statuses[n] = true
			}
			doc.ops = append(doc.ops, op)
		}
	}
	sort.Slice(doc.ops, func(i, j int) bool { return doc.ops[i].String() < doc.ops[j].String() })
	return doc, nil
}

// resolve follows a $ref to its schema.
func (d apiDoc) resolve(s map[string]any) map[string]any {
	for range 10 {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		next, _ := d.schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
		if next == nil {
			return s
		}
		s = next
	}
	return s
}

// schemaType is the schema's one non-null type.
func schemaType(s map[string]any) string {
	switch t := s["type"].(type) {
	case string:
		return t
	case []any:
		for _, x := range t {
			if x != "null" {
				return x.(string)
			}
		}
	}
	if _, ok := s["properties"]; ok {
		return "object"
	}
	return ""
}

func num(s map[string]any, key string) (float64, bool) {
	v, ok := s[key].(float64)
	return v, ok
}

// ids holds real record ids of the demo portfolio by kind.
type ids map[string][]int64

// idFor picks a real id for a parameter or field name in a path context.
func (g *gen) idFor(name, path string) int64 {
	kind := strings.TrimSuffix(name, "_id")
	switch {
	case name == "id":
		seg := strings.Split(strings.TrimPrefix(path, "/api/v1/"), "/")
		kind = seg[0]
		if kind == "offboarding" && len(seg) > 2 && seg[1] == "items" {
			kind = "offboarding-items"
		}
	case strings.HasSuffix(kind, "account"):
		kind = "accounts"
	case kind == "contact":
		kind = "contacts"
	case kind == "tier":
		kind = "tiers"
	}
	list := g.ids[kind]
	if len(list) == 0 {
		return 1
	}
	return list[g.r.IntN(len(list))]
}

// gen builds valid-shaped values from schemas.
type gen struct {
	doc apiDoc
	r   *rand.Rand
	ids ids
}

// stringFor is a valid string for a field: by format, enum or name.
func (g *gen) stringFor(name string, s map[string]any) string {
	if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
		return fmt.Sprint(enum[g.r.IntN(len(enum))])
	}
	switch s["format"] {
	case "date":
		return []string{"2026-01-05", "2025-11-03", "2026-02-28"}[g.r.IntN(3)]
	case "date-time":
		return "2026-01-05T10:00:00Z"
	case "email":
		return "fuzz@example.com"
	}
	n := strings.ToLower(name)
	var v string
	switch {
	case strings.Contains(n, "currency") || n == "home":
		v = "EUR"
	case strings.Contains(n, "email"):
		v = "fuzz@example.com"
	case strings.Contains(n, "domain"):
		v = "fuzz.example.com"
	case n == "quarter":
		v = "2026-Q1"
	case n == "lang" || n == "language":
		v = "en"
	case strings.Contains(n, "zone"):
		v = "Europe/Warsaw"
	case strings.Contains(n, "url") || strings.Contains(n, "link"):
		v = "https://example.com/x"
	case strings.Contains(n, "color") || strings.Contains(n, "colour"):
		v = "#336699"
	case n == "reason":
		v = "other"
	case n == "sort":
		v = "name"
	case strings.HasSuffix(n, "date") || strings.HasSuffix(n, "_on") || n == "from" || n == "to" || n == "as_of" || n == "due_by":
		v = "2026-01-05"
	default:
		v = "Fuzz " + strconv.Itoa(g.r.IntN(1000))
	}
	if max, ok := num(s, "maxLength"); ok && len(v) > int(max) {
		v = v[:int(max)]
	}
	if min, ok := num(s, "minLength"); ok && len(v) < int(min) {
		v += strings.Repeat("x", int(min)-len(v))
	}
	return v
}

// value is a valid-shaped value of schema s for a field named name.
func (g *gen) value(name, path string, s map[string]any, depth int) any {
	s = g.doc.resolve(s)
	if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
		return enum[g.r.IntN(len(enum))]
	}
	switch schemaType(s) {
	case "integer", "number":
		if name == "id" || strings.HasSuffix(name, "_id") {
			return g.idFor(name, path)
		}
		lo, hasLo := num(s, "minimum")
		hi, hasHi := num(s, "maximum")
		v := 1.0
		if hasLo {
			v = lo
		}
		if hasHi && v > hi {
			v = hi
		}
		if hasLo && hasHi && hi > lo {
			v = lo + float64(g.r.IntN(int(min(hi-lo, 1000))+1))
		}
		if schemaType(s) == "integer" {
			return int64(v)
		}
		return v
	case "boolean":
		return g.r.IntN(2) == 0
	case "string":
		return g.stringFor(name, s)
	case "array":
		if depth > 4 {
			return []any{}
		}
		items, _ := s["items"].(map[string]any)
		n := 1
		if lo, ok := num(s, "minItems"); ok && int(lo) > n {
			n = int(lo)
		}
		out := make([]any, n)
		for i := range out {
			out[i] = g.value(strings.TrimSuffix(name, "s"), path, items, depth+1)
		}
		return out
	case "object":
		if depth > 5 {
			return map[string]any{}
		}
		return g.object(path, s, depth, true)
	}
	return "x"
}

// object fills every required property and, when optional is set, about
// half of the others.
func (g *gen) object(path string, s map[string]any, depth int, optional bool) map[string]any {
	out := map[string]any{}
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	for _, r := range asList(s["required"]) {
		required[r] = true
	}
	for _, name := range sortedKeys(props) {
		if required[name] || (optional && g.r.IntN(2) == 0) {
			ps, _ := props[name].(map[string]any)
			out[name] = g.value(name, path, ps, depth+1)
		}
	}
	if addl, ok := s["additionalProperties"].(map[string]any); ok && len(props) == 0 {
		out["fuzz"] = g.value("fuzz", path, addl, depth+1)
	}
	return out
}

func asList(v any) []string {
	var out []string
	for _, x := range asAnyList(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asAnyList(v any) []any { l, _ := v.([]any); return l }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fuzzReq is one request to send: what it is and which field, if any, it
// spoils.
type fuzzReq struct {
	op          *apiOp
	label       string
	field       string // the field or parameter at fault, "" for none
	utf8        bool   // the body is not UTF-8 as a whole
	path        string
	query       url.Values
	contentType string
	body        []byte
}

// request builds op's valid-shaped request: real ids in the path, the
// required and some optional query parameters, a body from the schema.
func (g *gen) request(op *apiOp) fuzzReq {
	req := fuzzReq{op: op, label: "valid", query: url.Values{}, contentType: "application/json"}
	path := op.path
	for _, p := range op.params {
		switch p.in {
		case "path":
			v := fmt.Sprint(g.value(p.name, op.path, p.schema, 0))
			path = strings.ReplaceAll(path, "{"+p.name+"}", url.PathEscape(v))
		case "query":
			if p.required || g.r.IntN(2) == 0 {
				req.query.Set(p.name, fmt.Sprint(g.value(p.name, op.path, p.schema, 0)))
			}
		}
	}
	req.path = path
	if op.body != nil {
		req.body, _ = json.Marshal(g.value("", op.path, op.body, 0))
	}
	if op.multipart {
		req.contentType, req.body = multipartCSV("Account;Week;Active users;Logins\n1;2026-01-05;3;10\n", `{"mapping":{"account":"Account","week_start":"Week","active_users":"Active users","logins":"Logins"},"account_key":"id","dry_run":true}`)
	}
	return req
}

func multipartCSV(csv, options string) (string, []byte) {
	const boundary = "fuzzboundary7"
	var b strings.Builder
	fmt.Fprintf(&b, "--%s\r\nContent-Disposition: form-data; name=\"options\"\r\n\r\n%s\r\n", boundary, options)
	fmt.Fprintf(&b, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n--%s--\r\n", boundary, csv, boundary)
	return "multipart/form-data; boundary=" + boundary, []byte(b.String())
}
