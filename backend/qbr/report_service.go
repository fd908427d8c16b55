package qbr

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"churndesk/backend/fault"
	"churndesk/backend/health"
	"churndesk/backend/nps"
	"churndesk/backend/store"
)

const brandKey = "brand"

// Database is what the QBR service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service builds and keeps QBR reports.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time
}

// NewService returns a Service on db; now gives the current quarter.
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

// Brand returns the stored brand, or ChurnDesk's own.
func (s *Service) Brand(ctx context.Context) (Brand, error) { return loadBrand(s.db.Read(ctx)) }

func loadBrand(db *gorm.DB) (Brand, error) {
	b := Brand{CompanyName: "", Color: "#0c7a76"}
	_, err := store.LoadSetting(db, brandKey, &b)
	return b, err
}

// SaveBrand stores the team's name, colour and logo.
func (s *Service) SaveBrand(ctx context.Context, b Brand) (Brand, error) {
	if err := s.check.Struct(b); err != nil {
		return Brand{}, err
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error { return store.SaveSetting(tx, brandKey, b, s.now().UTC()) })
	if err != nil {
		return Brand{}, fmt.Errorf("save brand: %w", err)
	}
	return b, nil
}

// Report builds account id's QBR for quarter (e.g. "2026-Q3"): the saved
// edited sections if any, and every computed section fresh from the data.
// A report nobody has saved yet comes as a draft written from the data.
func (s *Service) Report(ctx context.Context, accountID int64, quarter string) (Report, error) {
	return s.ReportIn(ctx, accountID, quarter, "")
}

// ReportIn is Report whose draft, when nothing is saved yet, is written in
// lang (en, ru or pl; empty means English). A saved report keeps its language.
func (s *Service) ReportIn(ctx context.Context, accountID int64, quarter, lang string) (Report, error) {
	q, err := ParseQuarter(quarter)
	if err != nil {
		return Report{}, err
	}
	if lang != "" && lang != "en" && lang != "ru" && lang != "pl" {
		return Report{}, fault.Field("lang", "must be en, ru or pl")
	}
	db := s.db.Read(ctx)
	var acc store.Account
	if err := db.First(&acc, accountID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Report{}, fault.NotFound("Account", accountID)
		}
		return Report{}, err
	}
	r := Report{Account: AccountLine{ID: acc.ID, Name: acc.Name, Segment: acc.Segment, Owner: acc.Owner, Currency: acc.Currency},
		Quarter: q.String(), From: store.NewDate(q.Start()), To: store.NewDate(q.End()), PreviousQuarter: q.Previous().String(),
		Status: "new", Language: "en", Edited: emptyEdited()}
	var saved store.QBRReport
	if err := db.Where("account_id = ? AND quarter = ?", accountID, q.String()).Limit(1).Find(&saved).Error; err != nil {
		return Report{}, err
	}
	if saved.ID != 0 {
		r.Status, r.Language, r.UpdatedBy = saved.Status, saved.Language, saved.UpdatedBy
		at := saved.UpdatedAt
		r.UpdatedAt = &at
		if r.Edited, err = decodeEdited([]byte(saved.Edited)); err != nil {
			return Report{}, fmt.Errorf("read saved QBR: %w", err)
		}
	}
	if r.Computed, err = compute(db, acc, q, s.now()); err != nil {
		return Report{}, err
	}
	if saved.ID == 0 {
		if lang != "" {
			r.Language = lang
		}
		facts, err := loadDraftFacts(db, acc, q)
		if err != nil {
			return Report{}, err
		}
		r.Edited = draft(r, facts)
	}
	r.Value = Evaluate(r.Edited.Value)
	if r.Brand, err = loadBrand(db); err != nil {
		return Report{}, err
	}
	return r, nil
}

func emptyEdited() Edited {
	return normalise(Edited{})
}

// normalise gives every list a value so JSON shows [] rather than null.
func normalise(e Edited) Edited {
	if e.Goals == nil {
		e.Goals = []Goal{}
	}
	if e.Value.KPIs == nil {
		e.Value.KPIs = []KPI{}
	}
	if e.Risks == nil {
		e.Risks = []string{}
	}
	if e.NextGoals == nil {
		e.NextGoals = []string{}
	}
	if e.Drafted == nil {
		e.Drafted = []string{}
	}
	if e.Keep == nil {
		e.Keep = []string{}
	}
	return e
}

// Save stores the edited sections of account id's QBR for quarter.
func (s *Service) Save(ctx context.Context, actor string, accountID int64, quarter string, in SaveInput) (Report, error) {
	q, err := ParseQuarter(quarter)
	if err != nil {
		return Report{}, err
	}
	if err := s.check.Struct(in); err != nil {
		return Report{}, err
	}
	raw, _ := json.Marshal(normalise(in.Edited))
	now := s.now().UTC()
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&store.Account{}).Where("id = ?", accountID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return fault.NotFound("Account", accountID)
		}
		row := store.QBRReport{AccountID: accountID, Quarter: q.String(), Status: in.Status, Language: in.Language, Edited: string(raw),
			UpdatedBy: actor, CreatedAt: now, UpdatedAt: now}
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "account_id"}, {Name: "quarter"}},
			DoUpdates: clause.AssignmentColumns([]string{"status", "language", "edited", "updated_by", "updated_at"}),
		}).Create(&row).Error
	})
	if err != nil {
		if _, ok := fault.As(err); ok {
			return Report{}, err
		}
		return Report{}, fmt.Errorf("save QBR: %w", err)
	}
	return s.Report(ctx, accountID, q.String())
}

// Due lists the quarter's QBRs: mid-market and enterprise accounts that
// were customers on the quarter's as-of day (its last day once it is over),
// plus any account with a saved report, biggest MRR first.
func (s *Service) Due(ctx context.Context, dq DueQuery) (DueList, error) {
	if err := s.check.Struct(dq); err != nil {
		return DueList{}, err
	}
	q := QuarterOf(s.now())
	if dq.Quarter != "" {
		var err error
		if q, err = ParseQuarter(dq.Quarter); err != nil {
			return DueList{}, err
		}
	}
	// Customers on the quarter's as-of day: a current life begun by then
	// (trials are no customers), or a life that ended after it (the
	// account churned later).
	asOf, _ := q.AsOf(s.now())
	status := "COALESCE(r.status, 'new')"
	db := s.db.Read(ctx).Table("accounts").
		Joins("LEFT JOIN qbr_reports r ON r.account_id = accounts.id AND r.quarter = ?", q.String()).
		Where(`(accounts.segment IN ('mid_market', 'enterprise') AND ((accounts.status NOT IN ('churned', 'trial') AND accounts.contract_start <= ?)
			OR EXISTS (SELECT 1 FROM churn_records c WHERE c.account_id = accounts.id AND c.contract_start <= ? AND c.churn_date > ?)))
			OR r.id IS NOT NULL`, asOf, asOf, asOf)
	if dq.Status != "" {
		db = db.Where(status+" = ?", dq.Status)
	}
	var total int64
	if err := db.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return DueList{}, fmt.Errorf("count due QBRs: %w", err)
	}
	limit := dq.Limit
	if limit == 0 {
		limit = 100
	}
	out := DueList{Quarter: q.String(), Items: []DueLine{}, Total: total}
	err := db.Select("accounts.id AS account_id, accounts.name, accounts.owner, accounts.segment, accounts.mrr, accounts.currency, " + status + " AS status").
		Order("accounts.mrr DESC, accounts.id").Limit(limit).Offset(dq.Offset).Scan(&out.Items).Error
	if err != nil {
		return DueList{}, fmt.Errorf("list due QBRs: %w", err)
	}
	return out, nil
}

// compute builds the sections that come from the data, as they stood on
// the quarter's as-of day (see Quarter.AsOf): a past quarter's MRR is
// summed from the MRR movements up to its last day and its tier read from
// the tier moves.
func compute(db *gorm.DB, acc store.Account, q Quarter, now time.Time) (Computed, error) {
	c := Computed{Health: []HealthPoint{}, HealthBreakdown: []HealthPart{}, Verbatims: []Verbatim{}, BenefitsUsed: []BenefitLine{}, Referrals: []ReferralLine{}, Tier: acc.LoyaltyTier}
	from, to := store.NewDate(q.Start()), store.NewDate(q.End())
	prev := q.Previous()
	this, err := usageOf(db, acc, q)
	if err != nil {
		return c, err
	}
	last, err := usageOf(db, acc, prev)
	if err != nil {
		return c, err
	}
	for _, k := range []string{"avg_active_users", "logins", "key_feature_uses", "seat_utilisation_pct"} {
		c.Usage = append(c.Usage, UsageKPI{Key: k, This: this[k], Previous: last[k], ChangePct: pctChange(this[k], last[k])})
	}
	var scores []store.HealthScore
	if err := db.Where("account_id = ? AND week_start BETWEEN ? AND ?", acc.ID, from, to).Order("week_start").Find(&scores).Error; err != nil {
		return c, err
	}
	for _, h := range scores {
		c.Health = append(c.Health, HealthPoint{Week: h.WeekStart, Score: h.Score, Class: h.Class})
	}
	if n := len(scores); n > 0 && scores[n-1].Breakdown != "" {
		var parts []health.Part
		if err := json.Unmarshal([]byte(scores[n-1].Breakdown), &parts); err != nil {
			return c, fmt.Errorf("read health breakdown: %w", err)
		}
		for _, p := range parts {
			c.HealthBreakdown = append(c.HealthBreakdown, HealthPart{Key: p.Key, HasData: p.HasData, Score: p.Score, Share: p.Share, Points: p.Points})
		}
	}
	var answers []store.NPSResponse
	if err := db.Where("account_id = ? AND responded_on BETWEEN ? AND ?", acc.ID, from, to).Order("responded_on, id").Find(&answers).Error; err != nil {
		return c, err
	}
	scoresOnly := make([]int, len(answers))
	for i, a := range answers {
		scoresOnly[i] = a.Score
		if a.Comment != "" {
			c.Verbatims = append(c.Verbatims, Verbatim{Date: a.RespondedOn, Score: a.Score, Comment: a.Comment})
		}
	}
	c.NPS = nps.Compute(scoresOnly)
	var used []store.BenefitUse
	if err := db.Where("account_id = ? AND used_on BETWEEN ? AND ?", acc.ID, from, to).Order("used_on").Find(&used).Error; err != nil {
		return c, err
	}
	for _, u := range used {
		c.BenefitsUsed = append(c.BenefitsUsed, BenefitLine{Kind: u.Kind, Note: u.Note, Date: u.UsedOn})
	}
	var refs []store.Referral
	if err := db.Where("referrer_account_id = ? AND referred_on BETWEEN ? AND ?", acc.ID, from, to).Order("referred_on").Find(&refs).Error; err != nil {
		return c, err
	}
	for _, r := range refs {
		c.Referrals = append(c.Referrals, ReferralLine{Company: r.ReferredCompany, Status: r.Status, Date: r.ReferredOn})
	}
	asOf, past := q.AsOf(now)
	c.Commercial = Commercial{Plan: acc.Plan, Seats: acc.Seats, AsOf: asOf, MRR: acc.MRR, Currency: acc.Currency, RenewalDate: acc.RenewalDate, Movements: []Movement{}}
	if past {
		if c.Commercial.MRR, c.Tier, err = pastCommercial(db, acc, asOf); err != nil {
			return c, err
		}
	}
	var moves []store.MRRMovement
	if err := db.Where("account_id = ? AND date BETWEEN ? AND ?", acc.ID, from, to).Order("date, id").Find(&moves).Error; err != nil {
		return c, err
	}
	for _, m := range moves {
		c.Commercial.Movements = append(c.Commercial.Movements, Movement{Date: m.Date, Kind: m.Kind, Amount: m.Amount})
	}
	return c, nil
}

// pastCommercial reads account acc's MRR on day (the sum of its MRR
// movements up to then) and its loyalty tier that day (the tier its last
// move by then led to; before any move, the tier its first later move
// left; with no moves at all, today's tier).
func pastCommercial(db *gorm.DB, acc store.Account, day store.Date) (int64, string, error) {
	var mrr int64
	if err := db.Model(&store.MRRMovement{}).Where("account_id = ? AND date <= ?", acc.ID, day).
		Select("COALESCE(SUM(amount), 0)").Scan(&mrr).Error; err != nil {
		return 0, "", fmt.Errorf("sum MRR movements: %w", err)
	}
	endOfDay := day.AddDate(0, 0, 1)
	var before, after []store.TierMove
	if err := db.Where("account_id = ? AND at < ?", acc.ID, endOfDay).Order("at DESC, id DESC").Limit(1).Find(&before).Error; err != nil {
		return 0, "", fmt.Errorf("load tier moves: %w", err)
	}
	if len(before) == 1 {
		return mrr, before[0].ToTier, nil
	}
	if err := db.Where("account_id = ? AND at >= ?", acc.ID, endOfDay).Order("at, id").Limit(1).Find(&after).Error; err != nil {
		return 0, "", fmt.Errorf("load tier moves: %w", err)
	}
	if len(after) == 1 {
		return mrr, after[0].FromTier, nil
	}
	return mrr, acc.LoyaltyTier, nil
}

// usageOf sums a quarter's weekly usage: average weekly active users, total
// logins and key-feature uses, and average seat utilisation.
func usageOf(db *gorm.DB, acc store.Account, q Quarter) (map[string]float64, error) {
	var weeks []store.UsageSnapshot
	err := db.Where("account_id = ? AND week_start BETWEEN ? AND ?", acc.ID, store.NewDate(q.Start()), store.NewDate(q.End())).Find(&weeks).Error
	if err != nil {
		return nil, fmt.Errorf("load usage: %w", err)
	}
	out := map[string]float64{}
	if len(weeks) == 0 {
		return out, nil
	}
	var active, logins, uses float64
	for _, w := range weeks {
		active += float64(w.ActiveUsers)
		logins += float64(w.Logins)
		uses += float64(w.KeyFeatureUses)
	}
	n := float64(len(weeks))
	out["avg_active_users"] = math.Round(active/n*10) / 10
	out["logins"], out["key_feature_uses"] = logins, uses
	if acc.Seats > 0 {
		out["seat_utilisation_pct"] = math.Round(active/n/float64(acc.Seats)*1000) / 10
	}
	return out, nil
}
