package importer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/accounts"
	"churndesk/backend/churn"
	"churndesk/backend/fault"
	"churndesk/backend/nps"
	"churndesk/backend/store"
	"churndesk/backend/texts"
	"churndesk/backend/usage"
)

// Options say how to read a file: a preset (the CRM whose export it is) or
// a mapping (which column holds each field), how rows name their account,
// and whether to only check.
type Options struct {
	Preset     string                       `json:"preset,omitempty" validate:"omitempty,oneof=hubspot salesforce pipedrive stripe generic" enum:"hubspot,salesforce,pipedrive,stripe,generic" description:"Default generic."`
	Mapping    map[string]string            `json:"mapping,omitempty" description:"ChurnDesk field → the file's column header; overrides the preset's."`
	AccountKey string                       `json:"account_key,omitempty" validate:"omitempty,oneof=id external_id domain name" enum:"id,external_id,domain,name" description:"What the account column holds; default the preset's (external_id)."`
	DryRun     bool                         `json:"dry_run"`
	FileName   string                       `json:"file_name,omitempty" validate:"max=255"`
	Mode       string                       `json:"mode,omitempty" validate:"omitempty,oneof=all valid" enum:"all,valid" description:"all: any rejected row stops the import (default); valid: the valid rows are written and the rejected ones come back as a CSV. Accounts, contacts, NPS and churn; usage is all or nothing."`
	Match      string                       `json:"match,omitempty" validate:"omitempty,oneof=external_id domain name" enum:"external_id,domain,name" description:"How an accounts row finds an existing account: the CRM's id (default), email or company domain ↔ account domain, or exact name. Ambiguous matches are rejected, never merged."`
	Currency   string                       `json:"currency,omitempty" validate:"omitempty,iso4217" description:"The currency of amounts when the file has no currency column."`
	Values     map[string]map[string]string `json:"values,omitempty" description:"Value tables: field (industry, status) → the file's code → what ChurnDesk stores; extends the preset's."`
}

// Warning is something about a whole column the user should know before
// importing: no revenue column, a defaulted currency, codes nobody translated.
type Warning struct {
	Code    string   `json:"code" enum:"no_revenue,currency_defaulted,unknown_code,annual_revenue_ignored"`
	Field   string   `json:"field"`
	Column  string   `json:"column"`
	Rows    int      `json:"rows" description:"How many rows it concerns."`
	Values  []string `json:"values" description:"Up to ten of the codes concerned."`
	Message string   `json:"message"`
}

// Outcome is what an accounts import does (or would do) with one row.
type Outcome struct {
	Row       int    `json:"row"`
	Action    string `json:"action" enum:"create,update,unchanged,rejected"`
	Match     string `json:"match" enum:",external_id,domain,name,ambiguous"`
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
	Reason    string `json:"reason"`
}

// RowError is one problem in one row; rows count from 1 at the header.
type RowError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// Report is the outcome of an import or a dry run.
type Report struct {
	Kind        string     `json:"kind" enum:"accounts,contacts,usage,nps,churn"`
	Preset      string     `json:"preset"`
	Encoding    string     `json:"encoding"`
	Delimiter   string     `json:"delimiter"`
	Rows        int        `json:"rows"`
	Errors      []RowError `json:"errors"`
	Written     int        `json:"written" description:"Rows stored (accounts: created, updated or confirmed unchanged); 0 for a dry run or when a bad row stopped an all-or-nothing import."`
	Created     int        `json:"created" description:"Accounts or contacts new to ChurnDesk (for a dry run: that would be); 0 when a bad row stopped an all-or-nothing import."`
	Updated     int        `json:"updated" description:"Existing accounts or contacts that changed (or would)."`
	Unchanged   int        `json:"unchanged" description:"Existing accounts or contacts the file holds as they are."`
	DryRun      bool       `json:"dry_run"`
	Rejected    int        `json:"rejected" description:"Rows left out because of their errors."`
	Matched     int        `json:"matched" description:"Rows that found an existing account."`
	Ambiguous   int        `json:"ambiguous" description:"Rows that match more than one account; rejected, never merged."`
	New         int        `json:"new" description:"Rows that match no account."`
	Warnings    []Warning  `json:"warnings"`
	Outcomes    []Outcome  `json:"outcomes" description:"Row by row, the first 1,000 rows."`
	RejectedCSV string     `json:"rejected_csv" description:"The rejected rows with a Reason column, to fix and import again; empty when none."`
	RunID       int64      `json:"run_id" description:"The import history entry; 0 for a dry run."`
}

// Fields lists each kind's fields; required ones first.
var Fields = map[string]struct{ Required, Optional []string }{
	"accounts": {[]string{"external_id", "name"}, []string{"domain", "email", "industry", "segment", "plan", "mrr", "arr", "currency", "seats",
		"contract_start", "renewal_date", "owner", "status", "interval", "interval_count", "trial_end", "canceled_at",
		"cancellation_feedback", "cancellation_comment"}},
	"contacts": {[]string{"account", "email"}, []string{"name", "first_name", "last_name", "role", "phone"}},
	"usage":    {[]string{"account", "week_start", "active_users"}, []string{"logins", "key_feature_uses", "last_login_at"}},
	"nps":      {[]string{"account", "score", "responded_on"}, []string{"comment"}},
	"churn":    {[]string{"account", "churn_date", "reason"}, []string{"reason_detail", "competitor", "mrr_lost", "lessons"}},
}

// Database is what the importer needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Accounts is what the importer needs to create and update accounts.
type Accounts interface {
	Model(in accounts.AccountInput) (store.Account, error)
}

// Churn is what the importer needs to log churn records.
type Churn interface {
	CreateIn(tx *gorm.DB, actor string, accountID int64, in churn.Input) (int64, error)
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service imports CSV files.
type Service struct {
	db       Database
	check    Validator
	usage    *usage.Service
	nps      *nps.Service
	accounts Accounts
	churn    Churn
	now      func() time.Time
}

// NewService returns a Service writing through the given services.
func NewService(db Database, check Validator, u *usage.Service, n *nps.Service, a Accounts, c Churn, now func() time.Time) *Service {
	return &Service{db: db, check: check, usage: u, nps: n, accounts: a, churn: c, now: now}
}

// Import reads raw as a kind of record. Every bad row is reported with its
// row number and column; if any row is bad, nothing is written.
func (s *Service) Import(ctx context.Context, actor, kind string, raw []byte, opt Options) (Report, error) {
	return s.ImportFrom(ctx, actor, kind, bytes.NewReader(raw), opt)
}

// ImportFrom is Import reading from src, which may be a file on disk: an
// accounts import reads it a chunk of rows at a time and never holds the
// whole file. If ctx ends first, the import stops and nothing is written.
func (s *Service) ImportFrom(ctx context.Context, actor, kind string, src io.ReadSeeker, opt Options) (Report, error) {
	spec, ok := Fields[kind]
	if !ok {
		return Report{}, fault.Field("kind", "must be accounts, contacts, usage, nps or churn")
	}
	if err := s.check.Struct(opt); err != nil {
		return Report{}, err
	}
	if opt.Preset == "" {
		opt.Preset = "generic"
	}
	preset := Presets[opt.Preset]
	mapping := map[string]string{}
	for k, v := range preset.Mappings[kind] {
		mapping[k] = v
	}
	for k, v := range opt.Mapping {
		mapping[k] = v
	}
	if opt.AccountKey == "" {
		opt.AccountKey = preset.AccountKey
	}
	var t *Table
	var st *tableStream
	var err error
	if kind == "accounts" {
		st, err = openStream(src)
		if st != nil {
			t = &st.Table
		}
	} else {
		var raw []byte
		if raw, err = io.ReadAll(src); err != nil {
			return Report{}, fault.BadRequest(fmt.Sprintf("The file could not be read: %v", err))
		}
		t, err = ReadTable(raw)
	}
	if err != nil {
		return Report{}, err
	}
	withAlternates(mapping, t.Header, preset.Alternates[kind], opt.Mapping)
	cols, err := columns(t.Header, mapping, opt.Mapping, spec.Required, spec.Optional)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Kind: kind, Preset: opt.Preset, Encoding: t.Encoding, Delimiter: t.Delimiter, Rows: len(t.Rows), Errors: []RowError{}, DryRun: opt.DryRun,
		Warnings: []Warning{}, Outcomes: []Outcome{}}
	p := &parser{t: t, cols: cols, mapping: mapping, report: &rep, lang: texts.Lang(ctx)}
	var accountIDs map[string]int64
	if _, ok := cols["account"]; ok {
		if accountIDs, err = s.resolveAccounts(ctx, t, cols["account"], opt.AccountKey, preset.Source); err != nil {
			return Report{}, err
		}
	}
	switch kind {
	case "accounts":
		err = s.importAccounts(ctx, p, st, actor, preset, opt)
	case "contacts":
		err = s.importContacts(ctx, p, actor, accountIDs, opt)
	case "usage":
		err = s.importUsage(ctx, p, accountIDs, opt.DryRun)
	case "nps":
		err = s.importNPS(ctx, p, actor, accountIDs, opt)
	case "churn":
		err = s.importChurn(ctx, p, actor, accountIDs, opt)
	}
	if err != nil {
		return Report{}, err
	}
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Row < rep.Errors[j].Row })
	if rep.RunID == 0 {
		s.remember(ctx, actor, opt, rep)
	}
	return rep, nil
}

// columns finds each mapped field's column index. A column the user named
// must exist; a preset's column for an optional field may be absent.
func columns(header []string, mapping, userMapping map[string]string, required, optional []string) (map[string]int, error) {
	index := map[string]int{}
	for i, h := range header {
		index[strings.ToLower(h)] = i
	}
	known := map[string]bool{}
	cols := map[string]int{}
	fields := map[string]string{}
	for _, f := range append(append([]string{}, required...), optional...) {
		known[f] = true
		name, mapped := mapping[f]
		if !mapped || name == "" {
			if contains(required, f) {
				fields["mapping."+f] = "is required: name the column that holds it"
			}
			continue
		}
		i, ok := index[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			if _, named := userMapping[f]; named || contains(required, f) {
				fields["mapping."+f] = fmt.Sprintf("column %q is not in the file's header", name)
			}
			continue
		}
		cols[f] = i
	}
	for f := range mapping {
		if !known[f] {
			fields["mapping."+f] = "is not a field of this kind of import"
		}
	}
	if len(fields) > 0 {
		return nil, fault.Validation(fields)
	}
	return cols, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// resolveAccounts maps every distinct account cell to an account id.
// resolveAccounts maps every distinct account cell to an account id; ids
// from a CRM are looked up among that CRM's accounts.
func (s *Service) resolveAccounts(ctx context.Context, t *Table, col int, key, source string) (map[string]int64, error) {
	cells := map[string]bool{}
	for _, row := range t.Rows {
		if col < len(row) {
			cells[strings.TrimSpace(row[col])] = true
		}
	}
	values := make([]string, 0, len(cells))
	for c := range cells {
		values = append(values, c)
	}
	out := map[string]int64{}
	for start := 0; start < len(values); start += 5000 {
		part := values[start:min(start+5000, len(values))]
		var found []struct {
			ID  int64
			Key string
		}
		column := key
		if key == "id" {
			column = "CAST(id AS VARCHAR(20))"
		}
		q := s.db.Read(ctx).Model(&store.Account{}).Select("id, "+column+" AS key").Where(column+" IN ?", part)
		if key == "external_id" {
			// The partial CRM index covers non-empty external ids only.
			q = q.Where("external_id <> ''")
			if source != "csv" {
				q = q.Where("crm_source = ?", source)
			}
		}
		err := q.Scan(&found).Error
		if err != nil {
			return nil, fmt.Errorf("find accounts: %w", err)
		}
		for _, f := range found {
			out[f.Key] = f.ID
		}
	}
	return out, nil
}

// parser reads typed cells and records what is wrong with them.
type parser struct {
	t       *Table
	cols    map[string]int
	mapping map[string]string
	report  *Report
	lang    string // the reader's language, for the reasons rows are rejected
}

func (p *parser) cell(row []string, field string) (string, bool) {
	i, ok := p.cols[field]
	if !ok || i >= len(row) {
		return "", false
	}
	return strings.TrimSpace(row[i]), true
}

// fail rejects a row for a reason about one of its fields, written in the
// reader's language.
func (p *parser) fail(rowIndex int, field string, reason texts.Msg) {
	p.failText(rowIndex, field, reason.Render(p.lang))
}

// failText is fail with a reason already written out.
func (p *parser) failText(rowIndex int, field, msg string) {
	p.report.Errors = append(p.report.Errors, RowError{Row: rowIndex + 2, Column: p.mapping[field], Message: msg})
}

func (p *parser) int(rowIndex int, row []string, field string, required bool) int {
	v, ok := p.cell(row, field)
	if !ok || v == "" {
		if required {
			p.fail(rowIndex, field, texts.New("import.empty"))
		}
		return 0
	}
	n, err := strconv.Atoi(strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), "\u00a0", ""))
	if err != nil {
		p.fail(rowIndex, field, texts.New("import.not_whole", texts.Str(v)))
	}
	return n
}

var dottedDate = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)

// date reads YYYY-MM-DD (optionally followed by a time) or DD.MM.YYYY.
func (p *parser) date(rowIndex int, row []string, field string) string {
	v, ok := p.cell(row, field)
	if !ok || v == "" {
		p.fail(rowIndex, field, texts.New("import.empty"))
		return ""
	}
	if strings.IndexByte(v, '.') >= 0 {
		if m := dottedDate.FindStringSubmatch(v); m != nil {
			v = fmt.Sprintf("%s-%02s-%02s", m[3], m[2], m[1])
		}
	}
	if len(v) > 10 {
		v = v[:10]
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		p.fail(rowIndex, field, texts.New("import.not_date", texts.Str(v)))
		return ""
	}
	return v
}

func (p *parser) account(rowIndex int, row []string, accounts map[string]int64) int64 {
	v, _ := p.cell(row, "account")
	id, ok := accounts[v]
	if !ok {
		p.fail(rowIndex, "account", texts.New("import.no_account", texts.Str(v)))
	}
	return id
}

// fieldErrors moves a batch's "items[i].field" errors onto rows and columns.
func (p *parser) fieldErrors(err error, rowOf []int) error {
	fe, ok := fault.As(err)
	if !ok || fe.Code != fault.CodeValidation {
		return err
	}
	item := regexp.MustCompile(`^items\[(\d+)\]\.(\w+)$`)
	_, fields := fe.Localized(p.lang)
	for key, msg := range fields {
		m := item.FindStringSubmatch(key)
		if m == nil {
			p.report.Errors = append(p.report.Errors, RowError{Column: key, Message: msg})
			continue
		}
		i, _ := strconv.Atoi(m[1])
		field := m[2]
		if field == "account_id" {
			field = "account"
		}
		p.failText(rowOf[i], field, msg)
	}
	return nil
}
