package reliability

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// badValue is one spoiled value for a field of schema s.
type badValue struct {
	label string
	value any // a json.RawMessage is sent as is
}

// badValues lists spoiled values for a field: wrong types, boundary and
// huge numbers, empty, huge and invalid text, impossible dates, unknown
// options.
func badValues(name string, s map[string]any) []badValue {
	out := []badValue{{"null", nil}}
	huge := strings.Repeat("x", 100_000)
	switch schemaType(s) {
	case "integer", "number":
		out = append(out, badValue{"string for number", "12"}, badValue{"bool for number", true},
			badValue{"negative", -1}, badValue{"beyond int64", json.RawMessage("99999999999999999999")},
			badValue{"huge negative", json.RawMessage("-9223372036854775809")}, badValue{"exponent", json.RawMessage("1e300")})
		if schemaType(s) == "integer" {
			out = append(out, badValue{"fraction", 1.5})
		}
		if lo, ok := num(s, "minimum"); ok {
			out = append(out, badValue{"below minimum", lo - 1})
		}
		if hi, ok := num(s, "maximum"); ok {
			out = append(out, badValue{"above maximum", hi + 1})
		}
	case "boolean":
		out = append(out, badValue{"string for bool", "yes"}, badValue{"number for bool", 1})
	case "string":
		out = append(out, badValue{"number for string", 12345}, badValue{"object for string", map[string]any{"a": 1}},
			badValue{"empty", ""}, badValue{"huge", huge}, badValue{"control chars", "a\x00b\x07"},
			badValue{"invalid utf-8", json.RawMessage("\"\xff\xfe\xc3\x28\"")})
		if s["format"] == "date" || strings.HasSuffix(name, "date") || strings.HasSuffix(name, "_on") {
			out = append(out, badValue{"30 February", "2026-02-30"}, badValue{"month 13", "2026-13-01"}, badValue{"date and time", "2026-01-05T10:00:00Z"}, badValue{"year zero", "0000-01-01"})
		}
		if _, ok := s["enum"]; ok {
			out = append(out, badValue{"unknown option", "not-an-option"})
		}
		if max, ok := num(s, "maxLength"); ok && max < 100_000 {
			out = append(out, badValue{"one over maxLength", strings.Repeat("y", int(max)+1)})
		}
	case "array":
		out = append(out, badValue{"object for list", map[string]any{}}, badValue{"string for list", "a,b"}, badValue{"list of nulls", []any{nil, nil}})
	case "object":
		out = append(out, badValue{"list for object", []any{1}}, badValue{"string for object", "{}"})
	}
	return out
}

// rawJSON marshals v, keeping json.RawMessage values as they are.
func rawJSON(m map[string]any) []byte {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		b.Write(key)
		b.WriteByte(':')
		if raw, ok := m[k].(json.RawMessage); ok {
			b.Write(raw)
		} else {
			v, _ := json.Marshal(m[k])
			b.Write(v)
		}
	}
	b.WriteByte('}')
	return []byte(b.String())
}

// mutations spoils base one thing at a time: each path id, each query
// parameter, each top-level body field, the required fields, unknown
// fields and the body as a whole.
func (g *gen) mutations(base fuzzReq) []fuzzReq {
	op := base.op
	var out []fuzzReq
	add := func(label, field string, edit func(*fuzzReq)) {
		r := base
		r.label, r.field = label, field
		r.query = url.Values{}
		for k, v := range base.query {
			r.query[k] = append([]string(nil), v...)
		}
		edit(&r)
		out = append(out, r)
	}
	for _, p := range op.params {
		p := p
		switch p.in {
		case "path":
			if schemaType(g.doc.resolve(p.schema)) != "integer" {
				add("path "+p.name+" unknown", p.name, func(r *fuzzReq) { r.path = g.withPath(op, p.name, "no-such-thing") })
				continue
			}
			for _, v := range []string{"0", "-1", "abc", "1.5", "999999999", "9223372036854775808", "%FF"} {
				add("path "+p.name+"="+v, p.name, func(r *fuzzReq) { r.path = g.withPath(op, p.name, v) })
			}
		case "query":
			s := g.doc.resolve(p.schema)
			vals := []string{"", strings.Repeat("q", 5000), "\xff\xfe", "not-a-value", "a\x00b"}
			switch schemaType(s) {
			case "integer", "number":
				vals = append(vals, "-1", "1.5", "99999999999999999999", "1e3")
				if lo, ok := num(s, "minimum"); ok {
					vals = append(vals, strconv.FormatFloat(lo-1, 'f', -1, 64))
				}
				if hi, ok := num(s, "maximum"); ok {
					vals = append(vals, strconv.FormatFloat(hi+1, 'f', -1, 64))
				}
			case "string":
				if s["format"] == "date" || p.name == "from" || p.name == "to" || p.name == "as_of" || p.name == "due_by" {
					vals = append(vals, "2026-02-30", "2026-13-01", "01/05/2026")
				}
			}
			for _, v := range vals {
				add("query "+p.name+" "+strconv.Quote(short(v)), p.name, func(r *fuzzReq) { r.query.Set(p.name, v) })
			}
		}
	}
	if op.body == nil {
		return out
	}
	var obj map[string]any
	if json.Unmarshal(base.body, &obj) != nil {
		return out
	}
	props, _ := op.body["properties"].(map[string]any)
	for _, name := range sortedKeys(props) {
		ps := g.doc.resolve(props[name].(map[string]any))
		for _, bv := range badValues(name, ps) {
			add("body "+name+" "+bv.label, name, func(r *fuzzReq) {
				m := clone(obj)
				m[name] = bv.value
				r.body = rawJSON(m)
				r.utf8 = bv.label == "invalid utf-8"
			})
		}
		// One level down: the first element of a list of objects and the
		// fields of an object.
		// Only where the valid request has the field, so that the spoiled
		// request differs from it in that field alone.
		if _, present := obj[name]; !present {
			continue
		}
		if sub := g.nested(ps); sub != nil {
			subProps, _ := sub["properties"].(map[string]any)
			for _, sn := range sortedKeys(subProps) {
				sps := g.doc.resolve(subProps[sn].(map[string]any))
				for _, bv := range badValues(sn, sps)[:min(4, len(badValues(sn, sps)))] {
					add("body "+name+"."+sn+" "+bv.label, name, func(r *fuzzReq) {
						m := clone(obj)
						inner := g.object(op.path, sub, 1, false)
						inner[sn] = bv.value
						if schemaType(ps) == "array" {
							m[name] = []any{json.RawMessage(rawJSON(inner))}
						} else {
							m[name] = json.RawMessage(rawJSON(inner))
						}
						r.body = rawJSON(m)
					})
				}
			}
		}
	}
	for _, req := range asList(op.body["required"]) {
		add("body missing "+req, req, func(r *fuzzReq) {
			m := clone(obj)
			delete(m, req)
			r.body = rawJSON(m)
		})
	}
	add("body unknown field", "zz_unknown", func(r *fuzzReq) {
		m := clone(obj)
		m["zz_unknown"] = 1
		r.body = rawJSON(m)
	})
	for label, body := range map[string]string{"empty body": "", "null body": "null", "list body": "[1]", "broken JSON": `{"a":`, "two values": "{} {}", "not UTF-8": "{\"\xff\":1}", "number body": "42"} {
		add(label, "", func(r *fuzzReq) { r.body = []byte(body); r.utf8 = label == "not UTF-8" })
	}
	add("text/plain body", "", func(r *fuzzReq) { r.contentType = "text/plain" })
	return out
}

// nested is the object schema inside a list-of-objects or object field.
func (g *gen) nested(s map[string]any) map[string]any {
	switch schemaType(s) {
	case "array":
		items, _ := s["items"].(map[string]any)
		if items != nil {
			if it := g.doc.resolve(items); schemaType(it) == "object" {
				return it
			}
		}
	case "object":
		if _, ok := s["properties"]; ok {
			return s
		}
	}
	return nil
}

func (g *gen) withPath(op *apiOp, name, v string) string {
	path := op.path
	for _, p := range op.params {
		if p.in != "path" {
			continue
		}
		val := v
		if p.name != name {
			val = fmt.Sprint(g.value(p.name, op.path, p.schema, 0))
		}
		path = strings.ReplaceAll(path, "{"+p.name+"}", val)
	}
	return path
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func short(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
