package retention

import (
	"context"
	"fmt"
	"sort"

	"churndesk/backend/export"
	"churndesk/backend/store"
)

// MembersQuery names a period and one of its customer sets.
type MembersQuery struct {
	MetricsQuery
	Set   string `query:"set" validate:"required,oneof=start end new lost preventable unavoidable" enum:"start,end,new,lost,preventable,unavoidable"`
	Limit int    `query:"limit" validate:"gte=0,lte=500" minimum:"1" maximum:"500" default:"100"`
}

// Member is one customer counted in a figure.
type Member struct {
	AccountID int64   `json:"account_id"`
	Name      string  `json:"name"`
	From      string  `json:"from" format:"date"`
	To        *string `json:"to" format:"date"`
	Reason    string  `json:"reason"`
}

// Members lists the customers behind a figure, e.g. those lost in the period.
type Members struct {
	Set   string   `json:"set"`
	Total int      `json:"total"`
	Items []Member `json:"items"`
}

// Members returns the customers in q.Set for the period, by name.
func (s *Service) Members(ctx context.Context, q MembersQuery) (Members, error) {
	if err := s.check.Struct(q); err != nil {
		return Members{}, err
	}
	p, err := s.period(q.MetricsQuery)
	if err != nil {
		return Members{}, err
	}
	db := s.db.Read(ctx)
	lives, err := loadLives(db, p.AsOf, true)
	if err != nil {
		return Members{}, err
	}
	in := func(l Life) bool {
		lost := l.To != nil && l.To.After(p.From) && !l.To.After(p.To)
		switch q.Set {
		case "start":
			return l.customerOn(p.From)
		case "end":
			return l.customerOn(p.To)
		case "new":
			return l.From.After(p.From) && !l.From.After(p.To)
		case "lost":
			return lost
		case "preventable":
			return lost && l.Preventable
		default:
			return lost && !l.Preventable
		}
	}
	var picked []Life
	for _, l := range lives {
		if in(l) {
			picked = append(picked, l)
		}
	}
	ids := make([]int64, 0, len(picked))
	for _, l := range picked {
		ids = append(ids, l.AccountID)
	}
	names := map[int64]string{}
	for start := 0; start < len(ids); start += 5000 {
		var rows []store.Account
		if err := db.Select("id, name").Where("id IN ?", ids[start:min(start+5000, len(ids))]).Find(&rows).Error; err != nil {
			return Members{}, fmt.Errorf("load account names: %w", err)
		}
		for _, r := range rows {
			names[r.ID] = r.Name
		}
	}
	out := Members{Set: q.Set, Total: len(picked), Items: []Member{}}
	for _, l := range picked {
		m := Member{AccountID: l.AccountID, Name: names[l.AccountID], From: day(l.From), Reason: l.Reason}
		if l.To != nil {
			to := day(*l.To)
			m.To = &to
		}
		out.Items = append(out.Items, m)
	}
	sort.Slice(out.Items, func(i, j int) bool {
		a, b := out.Items[i], out.Items[j]
		return a.Name < b.Name || (a.Name == b.Name && a.AccountID < b.AccountID)
	})
	limit := q.Limit
	if limit == 0 {
		limit = 100
	}
	if len(out.Items) > limit {
		out.Items = out.Items[:limit]
	}
	return out, nil
}

// Table lists the period's figures, one per row, for CSV or XLSX.
func (s *Service) Table(ctx context.Context, q MetricsQuery) (export.Table, error) {
	m, err := s.Metrics(ctx, q)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Name: "Figures", Header: []string{"figure", "currency", "value", "unit", "formula", "from", "to", "as_of"}}
	add := func(f Figure, currency string) {
		var v any
		if f.Value != nil {
			v = *f.Value
		}
		t.Rows = append(t.Rows, []any{f.Key, currency, v, f.Unit, f.Formula, m.From, m.To, m.AsOf})
	}
	for _, f := range m.Figures {
		add(f, "")
	}
	for _, rev := range m.Revenue {
		for _, f := range rev.Figures {
			add(f, rev.Currency)
		}
	}
	nps := m.NPS.NPS
	add(Figure{Key: "nps", Value: &nps, Unit: "score", Formula: m.NPS.Formula}, "")
	return t, nil
}
