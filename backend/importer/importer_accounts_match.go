package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"churndesk/backend/accounts"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// accountIndex finds stored accounts by CRM id and by the match rule's key.
type accountIndex struct {
	byID  map[int64]*store.Account
	byExt map[string]int64
	byKey map[string][]int64
}

// matchKey is what the rule compares: a domain, or a lower-case name.
func matchKey(rule string, a store.Account) string {
	switch rule {
	case "domain":
		return a.Domain
	case "name":
		return strings.ToLower(strings.TrimSpace(a.Name))
	}
	return ""
}

// loadIndex reads the accounts a file's rows may match: the source's own
// for CRM ids, every account for the domain and name rules.
func (s *Service) loadIndex(ctx context.Context, source, rule string) (*accountIndex, error) {
	where, args := "", []any{}
	if rule == "external_id" {
		where, args = "crm_source = ? AND external_id <> ''", []any{source}
	}
	rows, err := accounts.LoadAll(s.db.Read(ctx), where, args...)
	if err != nil {
		return nil, fmt.Errorf("load accounts to match: %w", err)
	}
	idx := &accountIndex{byID: make(map[int64]*store.Account, len(rows)), byExt: make(map[string]int64, len(rows)), byKey: map[string][]int64{}}
	for i := range rows {
		a := &rows[i]
		idx.byID[a.ID] = a
		if a.CRMSource == source && a.ExternalID != "" {
			idx.byExt[a.ExternalID] = a.ID
		}
		if k := matchKey(rule, *a); k != "" {
			idx.byKey[k] = append(idx.byKey[k], a.ID)
		}
	}
	return idx, nil
}

// planned is what an accounts import does with one valid row.
type planned struct {
	pa      parsedAccount
	action  string // create, update, unchanged
	match   string
	old     store.Account
	new     store.Account
	changes map[string][2]any
}

// matcher decides what each parsed row does, remembering which accounts
// earlier rows of the file claimed: a row that matches ambiguously or
// repeats another row's account is rejected.
type matcher struct {
	idx     *accountIndex
	rule    string
	claimed map[int64]int
	newIDs  map[string]int
}

func newMatcher(idx *accountIndex, rule string) *matcher {
	return &matcher{idx: idx, rule: rule, claimed: map[int64]int{}, newIDs: map[string]int{}}
}

// classify matches one parsed row; false when it was rejected (its error
// is in the report).
func (m *matcher) classify(p *parser, pa parsedAccount) (planned, bool) {
	idx, rule := m.idx, m.rule
	pl := planned{pa: pa}
	id := idx.byExt[pa.acc.ExternalID]
	if id != 0 {
		pl.match = "external_id"
	} else if key := matchKey(rule, pa.acc); key != "" {
		switch ids := idx.byKey[key]; {
		case len(ids) == 1:
			id, pl.match = ids[0], rule
		case len(ids) > 1:
			names := make([]string, 0, 3)
			for _, c := range ids[:min(3, len(ids))] {
				names = append(names, fmt.Sprintf("%s (#%d)", idx.byID[c].Name, c))
			}
			p.report.Ambiguous++
			p.fail(pa.index, rule, texts.New("import.ambiguous", texts.Num(int64(len(ids))), texts.Str(rule), texts.Str(strings.Join(names, ", "))))
			return pl, false
		}
	}
	if id != 0 {
		if first, dup := m.claimed[id]; dup {
			p.fail(pa.index, "external_id", texts.New("import.same_account", texts.Num(int64(first+2))))
			return pl, false
		}
		m.claimed[id] = pa.index
		pl.old = *idx.byID[id]
		pl.new = merge(pl.old, pa, pl.match == "external_id")
		pl.changes = diffAccounts(pl.old, pl.new)
		pl.action = "update"
		if len(pl.changes) == 0 {
			pl.action = "unchanged"
		}
		p.report.Matched++
		return pl, true
	}
	if first, dup := m.newIDs[pa.acc.ExternalID]; dup {
		p.fail(pa.index, "external_id", texts.New("import.same_external", texts.Num(int64(first+2))))
		return pl, false
	}
	// The key outlives the row: a copy keeps the row's text collectable.
	m.newIDs[strings.Clone(pa.acc.ExternalID)] = pa.index
	pl.action, pl.new = "create", pa.acc
	p.report.New++
	return pl, true
}

// merge applies a row to a stored account: only what the file sets. A match
// by CRM id may rename the account; a match by domain or name keeps the
// account's identity (name, domain, CRM source and id) and only fills an
// empty domain.
func merge(old store.Account, pa parsedAccount, identity bool) store.Account {
	n, r := old, pa.acc
	if identity {
		if pa.set&setName != 0 {
			n.Name = r.Name
		}
		if pa.set&setDomain != 0 {
			n.Domain = r.Domain
		}
	} else if n.Domain == "" && pa.set&setDomain != 0 {
		n.Domain = r.Domain
	}
	if pa.set&setIndustry != 0 {
		n.Industry = r.Industry
	}
	if pa.set&setSegment != 0 {
		n.Segment = r.Segment
	}
	if pa.set&setPlan != 0 {
		n.Plan = r.Plan
	}
	if pa.set&setMoney != 0 {
		n.MRR, n.Currency = r.MRR, r.Currency
	}
	if pa.set&setSeats != 0 {
		n.Seats = r.Seats
	}
	if pa.set&setStart != 0 {
		n.ContractStart = r.ContractStart
	}
	if pa.set&setRenewal != 0 {
		n.RenewalDate = r.RenewalDate
	}
	if pa.set&setTrialEnd != 0 {
		n.TrialEndsOn = r.TrialEndsOn
	}
	if pa.set&setOwner != 0 {
		n.Owner = r.Owner
	}
	// A churned account stays churned: it comes back only through a
	// reactivation, which keeps its churn history.
	if pa.set&setStatus != 0 && old.Status != "churned" {
		n.Status = r.Status
	}
	n.SearchText = accounts.SearchText(n.Name, n.Domain)
	return n
}

// diffAccounts lists the fields an import changes: field → [old, new];
// nil when nothing changes (the common case of a re-import, so it
// allocates nothing then).
func diffAccounts(a, b store.Account) map[string][2]any {
	var out map[string][2]any
	add := func(field string, x, y any) {
		if out == nil {
			out = map[string][2]any{}
		}
		out[field] = [2]any{x, y}
	}
	str := func(field, x, y string) {
		if x != y {
			add(field, x, y)
		}
	}
	str("name", a.Name, b.Name)
	str("domain", a.Domain, b.Domain)
	str("industry", a.Industry, b.Industry)
	str("segment", a.Segment, b.Segment)
	str("plan", a.Plan, b.Plan)
	if a.MRR != b.MRR {
		add("mrr", a.MRR, b.MRR)
	}
	str("currency", a.Currency, b.Currency)
	if a.Seats != b.Seats {
		add("seats", a.Seats, b.Seats)
	}
	if !a.ContractStart.Equal(b.ContractStart.Time) {
		add("contract_start", a.ContractStart.String(), b.ContractStart.String())
	}
	if (a.RenewalDate == nil) != (b.RenewalDate == nil) || a.RenewalDate != nil && !a.RenewalDate.Equal(b.RenewalDate.Time) {
		add("renewal_date", dateText(a.RenewalDate), dateText(b.RenewalDate))
	}
	if (a.TrialEndsOn == nil) != (b.TrialEndsOn == nil) || a.TrialEndsOn != nil && !a.TrialEndsOn.Equal(b.TrialEndsOn.Time) {
		add("trial_ends_on", dateText(a.TrialEndsOn), dateText(b.TrialEndsOn))
	}
	str("owner", a.Owner, b.Owner)
	str("status", a.Status, b.Status)
	return out
}

func dateText(d *store.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}
