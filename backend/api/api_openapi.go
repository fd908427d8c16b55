package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/swaggest/jsonschema-go"
	"github.com/swaggest/openapi-go"
	"github.com/swaggest/openapi-go/openapi31"

	"churndesk/backend/store"
)

// Version is the API's version in the OpenAPI document.
const Version = "1.0.0"

// Spec returns the OpenAPI 3.1 document of the API, indented JSON.
func Spec() ([]byte, error) {
	return spec(routes())
}

func mustSpec(routes []route) []byte {
	b, err := spec(routes)
	if err != nil {
		panic(fmt.Sprintf("build OpenAPI document: %v", err))
	}
	return b
}

func spec(routes []route) ([]byte, error) {
	r := openapi31.NewReflector()
	r.Spec.Info.WithTitle("ChurnDesk API").WithVersion(Version).
		WithDescription("The one API of ChurnDesk: the desktop window, `churndesk serve`, CRMs and scripts all use it. Money is in minor units with an ISO 4217 currency; dates are YYYY-MM-DD. " +
			"On 127.0.0.1 no token is needed; on a team server every call but the health check and webhooks sends `Authorization: Bearer <token>`. " +
			"Token scopes: read (GET only), write (change data), admin (also tokens, webhook secrets, backups and settings).").
		WithLicense(openapi31.License{Name: "Proprietary"})
	r.Spec.WithServers(
		openapi31.Server{URL: "http://127.0.0.1:8765", Description: ptr("churndesk serve on this computer (the default address)")},
	)
	r.Spec.SetHTTPBearerTokenSecurity(securityName, "churndesk token", "An API token made with `churndesk token create` or in Settings; its scope decides what it may do.")
	r.Spec.Security = []map[string][]string{{securityName: {}}}
	jr := r.JSONSchemaReflector()
	jr.DefaultOptions = append(jr.DefaultOptions,
		jsonschema.InterceptProp(dateProperty),
		jsonschema.InterceptProp(requiredUnlessOmitempty),
		jsonschema.InterceptNullability(nonNullCollections),
		jsonschema.InterceptDefName(defName),
	)
	for _, rt := range routes {
		if err := addOperation(r, rt); err != nil {
			return nil, fmt.Errorf("%s %s: %w", rt.method, rt.path, err)
		}
	}
	return openOperations(r.Spec, routes)
}

const securityName = "bearerToken"

func ptr[T any](v T) *T { return &v }

// openOperations writes the document with an empty security list on the
// operations that need no token (the health check and the signed webhooks),
// which the library would leave out as empty.
func openOperations(doc any, routes []route) ([]byte, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	for _, rt := range routes {
		if open(rt.path) {
			id := fmt.Sprintf(`"operationId":%q`, operationID(rt))
			raw = bytes.Replace(raw, []byte(id), []byte(`"security":[],`+id), 1)
		}
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func addOperation(r *openapi31.Reflector, rt route) error {
	oc, err := r.NewOperationContext(rt.method, rt.path)
	if err != nil {
		return err
	}
	oc.SetSummary(rt.summary)
	oc.SetTags(rt.tag)
	oc.SetID(operationID(rt))
	if rt.params != nil {
		oc.AddReqStructure(rt.params)
	}
	if rt.body != nil {
		oc.AddReqStructure(rt.body)
	}
	switch {
	case rt.resp != nil:
		oc.AddRespStructure(rt.resp, openapi.WithHTTPStatus(rt.status))
	case strings.HasSuffix(rt.path, "/data-export") || strings.HasSuffix(rt.path, "/batch"):
		oc.AddRespStructure(new(string), openapi.WithHTTPStatus(rt.status), openapi.WithContentType("application/zip"))
	case rt.status == http.StatusOK:
		oc.AddRespStructure(new(string), openapi.WithHTTPStatus(rt.status), openapi.WithContentType("text/csv"))
		if strings.HasSuffix(rt.path, "/export") {
			oc.AddRespStructure(new(string), openapi.WithHTTPStatus(rt.status), openapi.WithContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
		}
	default:
		oc.AddRespStructure(nil, openapi.WithHTTPStatus(rt.status))
	}
	errs := []int{http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusInternalServerError, http.StatusServiceUnavailable}
	if strings.Contains(rt.path, "{id}") {
		errs = append(errs, http.StatusNotFound)
	}
	if rt.method == http.MethodPost || rt.method == http.MethodPut {
		errs = append(errs, http.StatusConflict, http.StatusRequestEntityTooLarge)
	}
	if !open(rt.path) {
		errs = append(errs, http.StatusUnauthorized, http.StatusForbidden)
	} else if strings.HasPrefix(rt.path, "/api/v1/webhooks/") {
		// A missing, wrong or stale signature.
		errs = append(errs, http.StatusUnauthorized)
	}
	if rt.body != nil {
		errs = append(errs, http.StatusUnsupportedMediaType)
	}
	// Forecasts need a trained model, and training needs enough churns.
	if rt.method == http.MethodGet && needsRiskModel(rt.path) {
		errs = append(errs, http.StatusConflict)
	}
	if strings.HasPrefix(rt.path, "/api/v1/import") && rt.method == http.MethodPost {
		errs = append(errs, http.StatusTooManyRequests)
	}
	if adminOnly(rt.method, rt.path) {
		oc.SetDescription("Needs an admin token on a team server.")
	}
	for _, status := range errs {
		oc.AddRespStructure(ErrorBody{}, openapi.WithHTTPStatus(status))
	}
	return r.AddOperation(oc)
}

// operationID names an operation from its method and path, e.g. getAccountsId.
func operationID(rt route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.method))
	for part := range strings.SplitSeq(strings.TrimPrefix(rt.path, "/api/v1/"), "/") {
		part = strings.Trim(part, "{}")
		for word := range strings.SplitSeq(part, "_") {
			if word != "" {
				b.WriteString(strings.ToUpper(word[:1]) + word[1:])
			}
		}
	}
	return strings.ReplaceAll(b.String(), ".", "")
}

var dateType = reflect.TypeOf(store.Date{})

// dateProperty documents a store.Date field as a YYYY-MM-DD string, and a
// *store.Date field as such a string or null.
func dateProperty(p jsonschema.InterceptPropParams) error {
	if !p.Processed {
		return nil
	}
	t := p.Field.Type
	nullable := t.Kind() == reflect.Pointer
	if nullable {
		t = t.Elem()
	}
	if t != dateType {
		return nil
	}
	s := jsonschema.Schema{}
	s.WithFormat("date").WithDescription("A calendar day, YYYY-MM-DD.")
	if nullable {
		s.WithType(jsonschema.Type{SliceOfSimpleTypeValues: []jsonschema.SimpleType{jsonschema.Null, jsonschema.String}})
	} else {
		s.WithType(jsonschema.String.Type())
	}
	*p.PropertySchema = s
	return nil
}

// requiredUnlessOmitempty marks every JSON property required unless its tag
// says omitempty: responses always carry such fields, and inputs leave out
// only the optional ones.
func requiredUnlessOmitempty(p jsonschema.InterceptPropParams) error {
	if !p.Processed || p.ParentSchema == nil {
		return nil
	}
	tag, ok := p.Field.Tag.Lookup("json")
	if !ok || strings.Contains(tag, ",omitempty") || tag == "-" {
		return nil
	}
	if !slices.Contains(p.ParentSchema.Required, p.Name) {
		p.ParentSchema.Required = append(p.ParentSchema.Required, p.Name)
	}
	return nil
}

// nonNullCollections keeps slices and maps non-null: the API always sends them.
func nonNullCollections(p jsonschema.InterceptNullabilityParams) {
	k := p.Type.Kind()
	if (k == reflect.Slice || k == reflect.Map) && p.Schema.Type != nil && p.Schema.HasType(jsonschema.Null) {
		if k == reflect.Slice {
			*p.Schema.Type = jsonschema.Array.Type()
		} else {
			*p.Schema.Type = jsonschema.Object.Type()
		}
	}
}

// defName gives schemas short names: Account, AccountInput, AccountList.
func defName(t reflect.Type, name string) string {
	if inner, ok := strings.CutPrefix(t.Name(), "List["); ok {
		inner = strings.TrimSuffix(inner, "]")
		inner = inner[strings.LastIndex(inner, ".")+1:]
		return inner + "List"
	}
	for _, prefix := range []string{"Accounts", "Api", "API", "Store"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" {
			return rest
		}
	}
	return name
}

// needsRiskModel says whether a risk route answers 409 when no model can be
// trained or none is stored yet.
func needsRiskModel(path string) bool {
	switch path {
	case "/api/v1/risk/backtest", "/api/v1/risk/scores", "/api/v1/risk/accounts/{id}":
		return true
	}
	return false
}
