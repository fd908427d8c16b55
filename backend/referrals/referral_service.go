package referrals

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/accounts"
	"churndesk/backend/fault"
	"churndesk/backend/notify"
	"churndesk/backend/store"
)

// Database is what the referrals service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// AccountCreator makes the account a converted referral becomes.
type AccountCreator interface {
	CreateIn(tx *gorm.DB, in accounts.AccountInput) (accounts.Account, error)
}

// Service keeps referrals.
type Service struct {
	db       Database
	check    Validator
	accounts AccountCreator
	now      func() time.Time
}

// NewService returns a Service on db.
func NewService(db Database, check Validator, a AccountCreator, now func() time.Time) *Service {
	return &Service{db: db, check: check, accounts: a, now: now}
}

// Create stores a new referral, status invited, rewards pending.
func (s *Service) Create(ctx context.Context, in Input) (Referral, error) {
	row, err := s.model(in)
	if err != nil {
		return Referral{}, err
	}
	now := s.now().UTC()
	row.Status, row.ReferrerRewardStatus, row.NewcomerRewardStatus, row.CreatedAt, row.UpdatedAt = "invited", "pending", "pending", now, now
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkReferrer(tx, in); err != nil {
			return err
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		return Referral{}, wrap("create referral", err)
	}
	return s.Get(ctx, row.ID)
}

// Update replaces the typed fields of referral id, keeping its status and rewards' states.
func (s *Service) Update(ctx context.Context, id int64, in Input) (Referral, error) {
	row, err := s.model(in)
	if err != nil {
		return Referral{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		old, err := load(tx, id)
		if err != nil {
			return err
		}
		if err := checkReferrer(tx, in); err != nil {
			return err
		}
		row.ID, row.Status, row.ConvertedAccountID, row.CreatedAt = id, old.Status, old.ConvertedAccountID, old.CreatedAt
		row.ReferrerRewardStatus, row.NewcomerRewardStatus, row.UpdatedAt = old.ReferrerRewardStatus, old.NewcomerRewardStatus, s.now().UTC()
		return tx.Save(&row).Error
	})
	if err != nil {
		return Referral{}, wrap("update referral", err)
	}
	return s.Get(ctx, id)
}

func (s *Service) model(in Input) (store.Referral, error) {
	in.ReferredCompany = strings.TrimSpace(in.ReferredCompany)
	if err := s.check.Struct(in); err != nil {
		return store.Referral{}, err
	}
	day, _ := store.ParseDate(in.ReferredOn)
	return store.Referral{ReferrerAccountID: in.ReferrerAccountID, ReferrerContactID: in.ReferrerContactID, ReferredCompany: in.ReferredCompany,
		ReferredContact: in.ReferredContact, ReferredEmail: in.ReferredEmail, ReferredOn: day, Channel: in.Channel,
		ReferrerReward: in.ReferrerReward, NewcomerReward: in.NewcomerReward, Notes: in.Notes}, nil
}

func checkReferrer(tx *gorm.DB, in Input) error {
	var n int64
	if err := tx.Model(&store.Account{}).Where("id = ?", in.ReferrerAccountID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return fault.Field("referrer_account_id", "is not an account")
	}
	if in.ReferrerContactID != nil {
		if err := tx.Model(&store.Contact{}).Where("id = ? AND account_id = ?", *in.ReferrerContactID, in.ReferrerAccountID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return fault.Field("referrer_contact_id", "is not a contact of the referring account")
		}
	}
	return nil
}

// Move changes referral id's status. Converted referrals stay converted;
// converting goes through Convert, which links or creates the account.
func (s *Service) Move(ctx context.Context, id int64, in StatusInput) (Referral, error) {
	if err := s.check.Struct(in); err != nil {
		return Referral{}, err
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		r, err := load(tx, id)
		if err != nil {
			return err
		}
		if r.Status == "converted" {
			return fault.Conflict("This referral is converted; its status no longer changes.")
		}
		return tx.Model(&r).Updates(map[string]any{"status": in.Status, "updated_at": s.now().UTC()}).Error
	})
	if err != nil {
		return Referral{}, wrap("move referral", err)
	}
	return s.Get(ctx, id)
}

// Convert marks referral id converted, linking an existing account or
// creating a new one in the same transaction. Converting twice is refused,
// so a referral never makes two accounts.
func (s *Service) Convert(ctx context.Context, id int64, in ConvertInput) (Referral, error) {
	if (in.AccountID == nil) == (in.NewAccount == nil) {
		return Referral{}, fault.Field("account_id", "give either account_id (an existing account) or new_account")
	}
	if err := s.check.Struct(in); err != nil {
		return Referral{}, err
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		r, err := load(tx, id)
		if err != nil {
			return err
		}
		if r.Status == "converted" {
			return fault.Conflict(fmt.Sprintf("This referral was already converted (account %d).", *r.ConvertedAccountID))
		}
		accountID := int64(0)
		if in.AccountID != nil {
			var n int64
			if err := tx.Model(&store.Account{}).Where("id = ?", *in.AccountID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return fault.Field("account_id", "is not an account")
			}
			accountID = *in.AccountID
		} else {
			acc, err := s.accounts.CreateIn(tx, *in.NewAccount)
			if err != nil {
				if fe, ok := fault.As(err); ok && len(fe.Fields) > 0 {
					prefixed := map[string]string{}
					for k, v := range fe.Fields {
						prefixed["new_account."+k] = v
					}
					fe.Fields = prefixed
				}
				return err
			}
			accountID = acc.ID
		}
		if accountID == r.ReferrerAccountID {
			return fault.Field("account_id", "cannot be the referring account itself")
		}
		if err := tx.Model(&r).Updates(map[string]any{"status": "converted", "converted_account_id": accountID, "updated_at": s.now().UTC()}).Error; err != nil {
			return err
		}
		return notify.ReferralConverted(tx, r.ID)
	})
	if err != nil {
		return Referral{}, wrap("convert referral", err)
	}
	return s.Get(ctx, id)
}

// Reward advances one side's reward by one step: pending → approved →
// issued. Rewards are earned by converted referrals only.
func (s *Service) Reward(ctx context.Context, id int64, in RewardInput) (Referral, error) {
	if err := s.check.Struct(in); err != nil {
		return Referral{}, err
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		r, err := load(tx, id)
		if err != nil {
			return err
		}
		if r.Status != "converted" {
			return fault.Field("status", "rewards are earned when the referral converts")
		}
		column, current := "referrer_reward_status", r.ReferrerRewardStatus
		if in.Side == "newcomer" {
			column, current = "newcomer_reward_status", r.NewcomerRewardStatus
		}
		next := map[string]string{"pending": "approved", "approved": "issued"}[current]
		if next != in.Status {
			return fault.Field("status", fmt.Sprintf("the %s reward is %s; it can only become %s next", in.Side, current, orNothing(next)))
		}
		return tx.Model(&r).Updates(map[string]any{column: in.Status, "updated_at": s.now().UTC()}).Error
	})
	if err != nil {
		return Referral{}, wrap("update reward", err)
	}
	return s.Get(ctx, id)
}

func orNothing(s string) string {
	if s == "" {
		return "nothing (it is issued)"
	}
	return s
}

// Delete removes referral id.
func (s *Service) Delete(ctx context.Context, id int64) error {
	res := s.db.Tx(ctx, func(tx *gorm.DB) error {
		r := tx.Delete(&store.Referral{}, id)
		if r.Error != nil {
			return r.Error
		}
		if r.RowsAffected == 0 {
			return fault.NotFound("Referral", id)
		}
		return nil
	})
	return wrap("delete referral", res)
}

type row struct {
	store.Referral
	ReferrerName string
}

func (s *Service) joined(db *gorm.DB) *gorm.DB {
	return db.Table("referrals").Joins("JOIN accounts ON accounts.id = referrals.referrer_account_id").
		Select("referrals.*, accounts.name AS referrer_name")
}

// Get returns referral id.
func (s *Service) Get(ctx context.Context, id int64) (Referral, error) {
	var rows []row
	if err := s.joined(s.db.Read(ctx)).Where("referrals.id = ?", id).Scan(&rows).Error; err != nil {
		return Referral{}, fmt.Errorf("load referral: %w", err)
	}
	if len(rows) == 0 {
		return Referral{}, fault.NotFound("Referral", id)
	}
	return rows[0].view(), nil
}

// List returns referrals matching q, newest first.
func (s *Service) List(ctx context.Context, q Query) (List, error) {
	if err := s.check.Struct(q); err != nil {
		return List{}, err
	}
	db := s.joined(s.db.Read(ctx))
	if q.Status != "" {
		db = db.Where("referrals.status = ?", q.Status)
	}
	if q.ReferrerAccountID > 0 {
		db = db.Where("referrals.referrer_account_id = ?", q.ReferrerAccountID)
	}
	if t := strings.TrimSpace(q.Q); t != "" {
		like := "%" + strings.ToLower(t) + "%"
		db = db.Where("(LOWER(referrals.referred_company) LIKE ? OR LOWER(referrals.referred_contact) LIKE ?)", like, like)
	}
	var total int64
	if err := db.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return List{}, fmt.Errorf("count referrals: %w", err)
	}
	limit := q.Limit
	if limit == 0 {
		limit = 100
	}
	var rows []row
	if err := db.Order("referrals.referred_on DESC, referrals.id DESC").Limit(limit).Offset(q.Offset).Scan(&rows).Error; err != nil {
		return List{}, fmt.Errorf("list referrals: %w", err)
	}
	out := List{Items: make([]Referral, len(rows)), Total: total}
	for i, r := range rows {
		out.Items[i] = r.view()
	}
	return out, nil
}

func (r row) view() Referral {
	return Referral{ID: r.ID, ReferrerAccountID: r.ReferrerAccountID, ReferrerName: r.ReferrerName, ReferrerContactID: r.ReferrerContactID,
		ReferredCompany: r.ReferredCompany, ReferredContact: r.ReferredContact, ReferredEmail: r.ReferredEmail, ReferredOn: r.ReferredOn,
		Channel: r.Channel, Status: r.Status, ReferrerReward: r.ReferrerReward, ReferrerRewardStatus: r.ReferrerRewardStatus,
		NewcomerReward: r.NewcomerReward, NewcomerRewardStatus: r.NewcomerRewardStatus, ConvertedAccountID: r.ConvertedAccountID,
		Notes: r.Notes, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// Figures computes conversion, MRR from referrals, top advocates and the
// rewards still to issue.
func (s *Service) Figures(ctx context.Context) (Figures, error) {
	db := s.db.Read(ctx)
	var rows []row
	if err := s.joined(db).Scan(&rows).Error; err != nil {
		return Figures{}, fmt.Errorf("load referrals: %w", err)
	}
	f := Figures{Referrals: len(rows), MRRFromReferrals: map[string]int64{}, TopAdvocates: []Advocate{}, RewardsOutstanding: []Outstanding{}}
	advocates := map[int64]*Advocate{}
	var converted []int64
	for _, r := range rows {
		a := advocates[r.ReferrerAccountID]
		if a == nil {
			a = &Advocate{AccountID: r.ReferrerAccountID, Name: r.ReferrerName}
			advocates[r.ReferrerAccountID] = a
		}
		a.Referrals++
		if r.Status != "converted" {
			continue
		}
		a.Converted++
		f.Converted++
		converted = append(converted, *r.ConvertedAccountID)
		for _, side := range []struct{ name, reward, status string }{{"referrer", r.ReferrerReward, r.ReferrerRewardStatus}, {"newcomer", r.NewcomerReward, r.NewcomerRewardStatus}} {
			if side.reward != "" && side.status != "issued" {
				f.RewardsOutstanding = append(f.RewardsOutstanding, Outstanding{ReferralID: r.ID, Side: side.name, Reward: side.reward,
					Status: side.status, ReferrerName: r.ReferrerName, ReferredCompany: r.ReferredCompany})
			}
		}
	}
	if f.Referrals > 0 {
		v := math.Round(float64(f.Converted)/float64(f.Referrals)*1000) / 10
		f.ConversionRate = &v
	}
	f.Formula = fmt.Sprintf("Conversion rate = %d converted ÷ %d referrals × 100", f.Converted, f.Referrals)
	if len(converted) > 0 {
		var mrr []struct {
			Currency string
			Total    int64
		}
		if err := db.Model(&store.Account{}).Select("currency, sum(mrr) AS total").Where("id IN ? AND status <> ?", converted, "churned").Group("currency").Scan(&mrr).Error; err != nil {
			return Figures{}, err
		}
		for _, m := range mrr {
			f.MRRFromReferrals[m.Currency] = m.Total
		}
	}
	for _, a := range advocates {
		f.TopAdvocates = append(f.TopAdvocates, *a)
	}
	sort.Slice(f.TopAdvocates, func(i, j int) bool {
		a, b := f.TopAdvocates[i], f.TopAdvocates[j]
		if a.Converted != b.Converted {
			return a.Converted > b.Converted
		}
		if a.Referrals != b.Referrals {
			return a.Referrals > b.Referrals
		}
		return a.Name < b.Name
	})
	f.TopAdvocates = f.TopAdvocates[:min(10, len(f.TopAdvocates))]
	return f, nil
}

// Suggestions lists healthy promoters — good health, latest NPS 9 or 10 —
// who have not referred anyone yet, most MRR first.
func (s *Service) Suggestions(ctx context.Context) (SuggestionList, error) {
	db := s.db.Read(ctx)
	var rows []Suggestion
	err := db.Table("accounts").
		Select("accounts.id AS account_id, accounts.name, accounts.owner, accounts.mrr, accounts.currency, n.score AS latest_nps").
		Joins(`JOIN nps_responses n ON n.account_id = accounts.id AND n.id = (SELECT n2.id FROM nps_responses n2 WHERE n2.account_id = accounts.id ORDER BY n2.responded_on DESC, n2.id DESC LIMIT 1)`).
		Where("accounts.status <> ? AND accounts.health_class = ? AND n.score >= 9", "churned", "good").
		Where("NOT EXISTS (SELECT 1 FROM referrals r WHERE r.referrer_account_id = accounts.id)").
		Order("accounts.mrr DESC, accounts.id").Limit(20).Scan(&rows).Error
	if err != nil {
		return SuggestionList{}, fmt.Errorf("suggest advocates: %w", err)
	}
	if rows == nil {
		rows = []Suggestion{}
	}
	return SuggestionList{Items: rows}, nil
}

func load(tx *gorm.DB, id int64) (store.Referral, error) {
	var r store.Referral
	err := tx.First(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, fault.NotFound("Referral", id)
	}
	return r, err
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := fault.As(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}
