package churn

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// recordRow is a churn record with its account's descriptive fields.
type recordRow struct {
	store.ChurnRecord
	AccountName string
	Owner       string
	Segment     string
	Plan        string
}

var sorts = map[string]string{
	"churn_date": "churn_records.churn_date", "mrr_lost": "churn_records.mrr_lost", "tenure_days": "churn_records.tenure_days",
	"account_name": "accounts.search_text", "reason": "churn_records.reason",
}

func (s *Service) joined(ctx context.Context) *gorm.DB {
	return s.db.Read(ctx).Table("churn_records").Joins("JOIN accounts ON accounts.id = churn_records.account_id").
		Select("churn_records.*, accounts.name AS account_name, accounts.owner, accounts.segment, accounts.plan")
}

// List returns one page of the churn log, newest first unless sorted otherwise.
func (s *Service) List(ctx context.Context, q Query) (List, error) {
	if err := s.check.Struct(q); err != nil {
		return List{}, err
	}
	param := q.Sort
	if param == "" {
		param = "-churn_date"
	}
	col, ok := sorts[strings.TrimPrefix(param, "-")]
	if !ok {
		keys := make([]string, 0, len(sorts))
		for k := range sorts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return List{}, fault.Field("sort", "must be one of: "+strings.Join(keys, ", ")+" (prefix - for descending)")
	}
	order := col + " ASC, churn_records.id ASC"
	if strings.HasPrefix(param, "-") {
		order = col + " DESC, churn_records.id DESC"
	}
	db := s.joined(ctx)
	if term := strings.TrimSpace(q.Q); term != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(term)) + "%"
		db = db.Where("(accounts.search_text LIKE ? ESCAPE '\\' OR LOWER(churn_records.competitor) LIKE ? ESCAPE '\\' OR LOWER(churn_records.reason_detail) LIKE ? ESCAPE '\\')", like, like, like)
	}
	if q.Reason != "" {
		db = db.Where("churn_records.reason = ?", q.Reason)
	}
	if q.From != "" {
		db = db.Where("churn_records.churn_date >= ?", q.From)
	}
	if q.To != "" {
		db = db.Where("churn_records.churn_date <= ?", q.To)
	}
	if q.Preventable != "" {
		db = db.Where("churn_records.preventable = ?", q.Preventable == "true")
	}
	if q.Owner != "" {
		db = db.Where("accounts.owner = ?", q.Owner)
	}
	set, err := loadSettings(s.db.Read(ctx))
	if err != nil {
		return List{}, err
	}
	differ, args := differsSQL(set)
	switch q.FlagsDiffer {
	case "true":
		db = db.Where(differ, args...)
	case "false":
		db = db.Where("NOT "+differ, args...)
	}
	if q.AccountID > 0 {
		db = db.Where("churn_records.account_id = ?", q.AccountID)
	}
	var total int64
	if err := db.Session(&gorm.Session{}).Select("count(*)").Count(&total).Error; err != nil {
		return List{}, fmt.Errorf("count churn records: %w", err)
	}
	limit := q.Limit
	if limit == 0 {
		limit = 25
	}
	var differing int64
	if err := db.Session(&gorm.Session{}).Where(differ, args...).Select("count(*)").Count(&differing).Error; err != nil {
		return List{}, fmt.Errorf("count churn records that differ from their reason: %w", err)
	}
	var rows []recordRow
	if err := db.Order(order).Limit(limit).Offset(q.Offset).Scan(&rows).Error; err != nil {
		return List{}, fmt.Errorf("list churn records: %w", err)
	}
	out := List{Items: make([]Record, len(rows)), Total: total, FlagsDiffer: differing}
	defaults := reasonDefaults(set)
	for i, r := range rows {
		out.Items[i] = r.view()
		out.Items[i].FlagsDiffer = defaults.differs(r.Reason, r.Preventable, r.Voluntary)
	}
	return out, nil
}

// reasonFlags maps a reason key to its default preventable and voluntary flags.
type reasonFlags map[string][2]bool

func reasonDefaults(set Settings) reasonFlags {
	out := make(reasonFlags, len(set.Reasons))
	for _, r := range set.Reasons {
		out[r.Key] = [2]bool{r.Preventable, r.Voluntary}
	}
	return out
}

// differs reports whether flags differ from reason's default; a reason no
// longer in the list has no default to differ from.
func (f reasonFlags) differs(reason string, preventable, voluntary bool) bool {
	d, ok := f[reason]
	return ok && (d[0] != preventable || d[1] != voluntary)
}

// differsSQL is the condition "the record's flags differ from its reason's
// default" over the current reason list, with its arguments. Past records
// are never rewritten when a default changes; this finds them instead.
func differsSQL(set Settings) (string, []any) {
	parts := make([]string, 0, len(set.Reasons))
	args := make([]any, 0, 3*len(set.Reasons))
	for _, r := range set.Reasons {
		parts = append(parts, "(churn_records.reason = ? AND (churn_records.preventable <> ? OR churn_records.voluntary <> ?))")
		args = append(args, r.Key, r.Preventable, r.Voluntary)
	}
	if len(parts) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// Get returns record id.
func (s *Service) Get(ctx context.Context, id int64) (Record, error) {
	var rows []recordRow
	if err := s.joined(ctx).Where("churn_records.id = ?", id).Scan(&rows).Error; err != nil {
		return Record{}, fmt.Errorf("load churn record %d: %w", id, err)
	}
	if len(rows) == 0 {
		return Record{}, fault.NotFound("Churn record", id)
	}
	rec := rows[0].view()
	set, err := loadSettings(s.db.Read(ctx))
	if err != nil {
		return Record{}, err
	}
	rec.FlagsDiffer = reasonDefaults(set).differs(rec.Reason, rec.Preventable, rec.Voluntary)
	return rec, nil
}

func (r recordRow) view() Record {
	out := Record{
		ID: r.ID, AccountID: r.AccountID, AccountName: r.AccountName, Owner: r.Owner, Segment: r.Segment, Plan: r.Plan,
		ChurnDate: r.ChurnDate, Reason: r.Reason, ReasonDetail: r.ReasonDetail, Competitor: r.Competitor,
		Preventable: r.Preventable, Voluntary: r.Voluntary, TenureDays: r.TenureDays, ContractStart: r.ContractStart,
		EngagementClass: r.EngagementClass, HealthScore: r.HealthScore, HealthClass: r.HealthClass,
		MRRLost: r.MRRLost, Currency: r.Currency, ExitInterviewDate: r.ExitInterviewDate, Interviewer: r.Interviewer,
		Lessons: r.Lessons, WouldReturn: r.WouldReturn, FollowUpOn: r.FollowUpOn, OfferMade: r.OfferMade,
		CreatedBy: r.CreatedBy, UpdatedBy: r.UpdatedBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		EngagementWeeks: []int{}, Answers: map[string]string{}, Quotes: []string{},
	}
	_ = json.Unmarshal([]byte(r.EngagementWeeks), &out.EngagementWeeks)
	_ = json.Unmarshal([]byte(r.Answers), &out.Answers)
	_ = json.Unmarshal([]byte(r.Quotes), &out.Quotes)
	return out
}
