package importer

import (
	"math"
	"sort"
	"strings"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// What a row sets on an account it updates: only the columns the file has,
// with a value; everything else keeps the account's own value.
const (
	setName uint32 = 1 << iota
	setDomain
	setIndustry
	setSegment
	setPlan
	setMoney // MRR and currency
	setSeats
	setStart
	setRenewal
	setOwner
	setStatus
	setTrialEnd
)

// parsedAccount is one accounts row read and checked.
type parsedAccount struct {
	index   int
	acc     store.Account
	set     uint32
	emailDm string
	cancel  *cancellation
}

// cancellation is a canceled subscription: the churn draft it becomes.
type cancellation struct {
	day      string
	feedback string
	comment  string
}

// columnNotes gathers what becomes a column warning.
type columnNotes struct {
	defaulted int
	unknown   map[string]map[string]int // field → code → rows
}

func (n *columnNotes) unknownCode(field, code string) {
	if n.unknown[field] == nil {
		n.unknown[field] = map[string]int{}
	}
	n.unknown[field][code]++
}

// readAccount parses and checks row i; false when it was rejected (its
// errors are in the report).
func (s *Service) readAccount(p *parser, i int, row []string, preset Preset, opt Options, vt ValueTables, notes *columnNotes) (parsedAccount, bool) {
	before := len(p.report.Errors)
	pa, in := p.accountRow(i, row, preset, opt, vt, notes)
	if len(p.report.Errors) != before {
		return pa, false
	}
	acc, err := s.accounts.Model(in)
	if err != nil {
		if fe, ok := fault.As(err); ok {
			p.rowFault(i, fe)
			return pa, false
		}
		p.failText(i, "name", err.Error())
		return pa, false
	}
	pa.acc = acc
	return pa, true
}

// accountRow reads one accounts row into an AccountInput and what it sets.
func (p *parser) accountRow(i int, row []string, preset Preset, opt Options, vt ValueTables, notes *columnNotes) (parsedAccount, accounts.AccountInput) {
	pa := parsedAccount{index: i}
	text := func(f string) string { v, _ := p.cell(row, f); return v }
	has := func(f string, bit uint32) {
		if text(f) != "" {
			pa.set |= bit
		}
	}
	in := accounts.AccountInput{
		CRMSource: preset.Source, ExternalID: text("external_id"), Name: text("name"), Domain: domainOf(text("domain")),
		Plan: text("plan"), Owner: text("owner"), Segment: segmentOf(text("segment")), Status: "active",
	}
	if v := text("domain"); v != "" && in.Domain == "" {
		p.fail(i, "domain", texts.New("import.not_domain", texts.Str(v)))
	}
	pa.emailDm = emailDomain(text("email"))
	if in.Domain == "" && pa.emailDm != "" {
		in.Domain = pa.emailDm
	}
	has("name", setName)
	if in.Domain != "" {
		pa.set |= setDomain
	}
	has("segment", setSegment)
	has("plan", setPlan)
	has("owner", setOwner)
	if v := text("industry"); v != "" {
		pa.set |= setIndustry
		t, ok := vt.lookup("industry", v)
		if !ok {
			notes.unknownCode("industry", v)
			t = v
		}
		in.Industry = t
	}
	if v := text("status"); v != "" {
		pa.set |= setStatus
		st, ok := vt.lookup("status", v)
		if !ok {
			notes.unknownCode("status", v)
			p.fail(i, "status", texts.New("import.unknown_status", texts.Str(v)))
		}
		in.Status = st
	}
	in.MRR = p.money(i, row, preset, &pa)
	switch cur := strings.ToUpper(text("currency")); {
	case cur != "":
		in.Currency = cur
	case opt.Currency != "":
		in.Currency = opt.Currency
	default:
		in.Currency = "EUR"
		notes.defaulted++
	}
	if v := text("seats"); v != "" {
		in.Seats = p.int(i, row, "seats", false)
		pa.set |= setSeats
	}
	in.ContractStart = p.optionalDate(i, row, "contract_start")
	if in.ContractStart == "" {
		in.ContractStart = time.Now().UTC().Format(time.DateOnly)
	} else {
		pa.set |= setStart
	}
	in.RenewalDate = p.optionalDate(i, row, "renewal_date")
	if in.RenewalDate != "" {
		pa.set |= setRenewal
	}
	in.TrialEndsOn = p.optionalDate(i, row, "trial_end")
	if in.TrialEndsOn != "" {
		pa.set |= setTrialEnd
	}
	if in.Status == "churned" {
		// The account stays a customer until the churn draft churns it:
		// only a churn record makes an account churned. Without a
		// cancellation date the draft is dated the import day.
		in.Status = "active"
		pa.cancel = &cancellation{day: p.optionalDate(i, row, "canceled_at"), feedback: strings.ToLower(text("cancellation_feedback")),
			comment: text("cancellation_comment")}
	}
	return pa, in
}

// money reads what the customer pays a month, in minor units: the MRR
// column, or the ARR column ÷ 12; for a price per seat, × the quantity;
// per billing interval (and interval count), normalised to a month.
func (p *parser) money(i int, row []string, preset Preset, pa *parsedAccount) int64 {
	text := func(f string) string { v, _ := p.cell(row, f); return v }
	field, months := "mrr", 1.0
	if text("mrr") == "" && text("arr") != "" {
		field, months = "arr", 12
	}
	v := text(field)
	if v == "" {
		return 0
	}
	pa.set |= setMoney
	major, err := parseDecimal(v)
	if err != nil {
		p.fail(i, field, texts.New("import.not_amount", texts.Str(v)))
		return 0
	}
	if major < 0 {
		p.fail(i, field, texts.New("check.min_number", texts.Str("0")))
		return 0
	}
	if preset.AmountPerUnit && text("seats") != "" {
		major *= float64(p.int(i, row, "seats", false))
	}
	count := 1.0
	if c := text("interval_count"); c != "" {
		if n := p.int(i, row, "interval_count", false); n > 0 {
			count = float64(n)
		}
	}
	switch strings.ToLower(text("interval")) {
	case "year", "annual", "yearly", "annually":
		months *= 12
	case "week", "weekly":
		months *= 12.0 / 52
	case "day", "daily":
		months *= 12.0 / 365
	case "quarter", "quarterly":
		months *= 3
	}
	return int64(math.Round(major * 100 / (months * count)))
}

// warnings turns the column notes into warnings.
func (p *parser) warnings(preset Preset, notes *columnNotes) {
	rep := p.report
	if _, ok := p.cols["mrr"]; !ok {
		if _, ok := p.cols["arr"]; !ok {
			rep.Warnings = append(rep.Warnings, Warning{Code: "no_revenue", Field: "mrr", Rows: rep.Rows, Values: []string{},
				Message: texts.Text(p.lang, "import.warn.no_mrr")})
		}
	}
	if notes.defaulted > 0 {
		rep.Warnings = append(rep.Warnings, Warning{Code: "currency_defaulted", Field: "currency", Rows: notes.defaulted, Values: []string{"EUR"},
			Message: texts.Text(p.lang, "import.warn.currency")})
	}
	for _, col := range preset.Ignored {
		for _, h := range p.t.Header {
			if strings.EqualFold(h, col) && !mapsTo(p.mapping, h) {
				rep.Warnings = append(rep.Warnings, Warning{Code: "annual_revenue_ignored", Column: h, Values: []string{},
					Message: texts.Text(p.lang, "import.warn.turnover", h)})
			}
		}
	}
	fields := make([]string, 0, len(notes.unknown))
	for f := range notes.unknown {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		codes := make([]string, 0, len(notes.unknown[f]))
		rows := 0
		for c, n := range notes.unknown[f] {
			codes = append(codes, c)
			rows += n
		}
		sort.Strings(codes)
		msg := texts.Text(p.lang, "import.warn.codes", len(codes), f)
		if f == "status" {
			msg = texts.Text(p.lang, "import.warn.statuses", len(codes))
		}
		rep.Warnings = append(rep.Warnings, Warning{Code: "unknown_code", Field: f, Column: p.mapping[f], Rows: rows,
			Values: codes[:min(10, len(codes))], Message: msg})
	}
}

func mapsTo(mapping map[string]string, column string) bool {
	for _, c := range mapping {
		if strings.EqualFold(c, column) {
			return true
		}
	}
	return false
}
