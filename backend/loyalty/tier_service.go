package loyalty

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"churndesk/backend/calendar"
	"churndesk/backend/fault"
	"churndesk/backend/fx"
	"churndesk/backend/playbooks"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// Database is what the loyalty service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service keeps tiers and places accounts in them.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time
}

// NewService returns a Service on db; now is the clock for "today".
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

func tierView(t store.Tier) Tier {
	out := Tier{ID: t.ID, TierInput: TierInput{Name: t.Name, Rank: t.Rank, Color: t.Color, MinTenureMonths: t.MinTenureMonths,
		MinMRR: t.MinMRR, MinLifetimeRevenue: t.MinLifetimeRevenue, MinHealth: t.MinHealth, Benefits: []Benefit{}}}
	_ = json.Unmarshal([]byte(t.Benefits), &out.Benefits)
	return out
}

func loadTiers(db *gorm.DB) ([]Tier, error) {
	var rows []store.Tier
	if err := db.Order("rank DESC, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load tiers: %w", err)
	}
	out := make([]Tier, len(rows))
	for i, r := range rows {
		out[i] = tierView(r)
	}
	return out, nil
}

// Tiers lists every tier, best first, with how many accounts each holds.
func (s *Service) Tiers(ctx context.Context) (TierList, error) {
	db := s.db.Read(ctx)
	tiers, err := loadTiers(db)
	if err != nil {
		return TierList{}, err
	}
	var counts []struct {
		LoyaltyTier string
		N           int64
	}
	if err := db.Model(&store.Account{}).Select("loyalty_tier, count(*) AS n").Where("status <> ?", "churned").Group("loyalty_tier").Scan(&counts).Error; err != nil {
		return TierList{}, fmt.Errorf("count tier members: %w", err)
	}
	for i := range tiers {
		for _, c := range counts {
			if c.LoyaltyTier == tiers[i].Name {
				tiers[i].Accounts = c.N
			}
		}
	}
	return TierList{Items: tiers}, nil
}

// SaveTier creates (id 0) or replaces tier id.
func (s *Service) SaveTier(ctx context.Context, id int64, in TierInput) (Tier, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.check.Struct(in); err != nil {
		return Tier{}, err
	}
	if in.Benefits == nil {
		in.Benefits = []Benefit{}
	}
	benefits, _ := json.Marshal(in.Benefits)
	now := s.now().UTC()
	row := store.Tier{ID: id, Name: in.Name, Rank: in.Rank, Color: in.Color, MinTenureMonths: in.MinTenureMonths, MinMRR: in.MinMRR,
		MinLifetimeRevenue: in.MinLifetimeRevenue, MinHealth: in.MinHealth, Benefits: string(benefits), CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var clash int64
		if err := tx.Model(&store.Tier{}).Where("id <> ? AND (name = ? OR rank = ?)", id, in.Name, in.Rank).Count(&clash).Error; err != nil {
			return err
		}
		var old store.Tier
		if id != 0 {
			if err := tx.First(&old, id).Error; err != nil {
				if errors.Is(err, gorm.ErrRecordNotFound) {
					return fault.NotFound("Tier", id)
				}
				return err
			}
		}
		if clash > 0 {
			return fault.Validation(map[string]string{"name": "another tier has this name or rank", "rank": "another tier has this name or rank"})
		}
		if id == 0 {
			return tx.Create(&row).Error
		}
		row.CreatedAt = old.CreatedAt
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		if old.Name != row.Name {
			return tx.Model(&store.Account{}).Where("loyalty_tier = ?", old.Name).Update("loyalty_tier", row.Name).Error
		}
		return nil
	})
	if err != nil {
		return Tier{}, wrap("save tier", err)
	}
	return tierView(row), nil
}

// DeleteTier removes tier id; its accounts keep its name until the next evaluation.
func (s *Service) DeleteTier(ctx context.Context, id int64) error {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Delete(&store.Tier{}, id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fault.NotFound("Tier", id)
		}
		return tx.Model(&store.TierOverride{}).Where("tier_id = ?", id).Delete(&store.TierOverride{}).Error
	})
	return wrap("delete tier", err)
}

// subjects reads what the rules need for every live account.
// Money rules are in the home currency: MRR and lifetime revenue are
// converted at the latest rate on or before asOf. While no home currency is
// set they are compared as they are.
func subjects(db *gorm.DB, asOf time.Time) ([]store.Account, map[int64]Subject, fx.Report, error) {
	accounts, err := liveAccounts(db)
	if err != nil {
		return nil, nil, fx.Report{}, err
	}
	byAccount, err := movementsUpTo(db, asOf, len(accounts))
	if err != nil {
		return nil, nil, fx.Report{}, err
	}
	conv, err := fx.Load(db)
	if err != nil {
		return nil, nil, fx.Report{}, err
	}
	out := make(map[int64]Subject, len(accounts))
	for _, a := range accounts {
		sub := Subject{AccountID: a.ID, TenureMonths: TenureMonths(a.ContractStart.Time, asOf), MRR: a.MRR,
			LifetimeRevenue: LifetimeRevenue(byAccount[a.ID], asOf), Health: a.HealthClass}
		if conv.Home() != "" {
			sub = inHome(conv, sub, a.Currency, asOf)
		}
		out[a.ID] = sub
	}
	return accounts, out, conv.Report(), nil
}

// liveAccounts reads the live accounts with the fields placing needs,
// straight from the driver: at 100,000 accounts full models, or even
// database/sql's conversion of every value, cost most of the time.
func liveAccounts(db *gorm.DB) ([]store.Account, error) {
	var accounts []store.Account
	err := store.EachRow(db, `SELECT id, name, owner, loyalty_tier, CAST(contract_start AS TEXT), mrr, currency, health_class
		FROM accounts WHERE status <> ? ORDER BY id`, []any{"churned"}, func(row []driver.Value) error {
		a := store.Account{ID: store.RowInt(row[0]), Name: store.RowText(row[1]), Owner: store.RowText(row[2]),
			LoyaltyTier: store.RowText(row[3]), MRR: store.RowInt(row[5]), Currency: store.RowText(row[6]), HealthClass: store.RowText(row[7])}
		if err := a.ContractStart.Scan(row[4]); err != nil {
			return fmt.Errorf("account %d: %w", a.ID, err)
		}
		accounts = append(accounts, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	return accounts, nil
}

// movementsUpTo reads every MRR movement dated on or before asOf, by account.
func movementsUpTo(db *gorm.DB, asOf time.Time, accounts int) (map[int64][]Movement, error) {
	byAccount := make(map[int64][]Movement, accounts)
	err := store.EachRow(db, `SELECT account_id, CAST(date AS TEXT), amount FROM mrr_movements WHERE date <= ?`, []any{store.NewDate(asOf)},
		func(row []driver.Value) error {
			var day store.Date
			if err := day.Scan(row[1]); err != nil {
				return err
			}
			id := store.RowInt(row[0])
			byAccount[id] = append(byAccount[id], Movement{Date: day.Time, Amount: store.RowInt(row[2])})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load MRR movements: %w", err)
	}
	return byAccount, nil
}

// inHome converts a subject's money to the home currency, or marks it as
// having no rate.
func inHome(conv *fx.Converter, sub Subject, currency string, asOf time.Time) Subject {
	mrr, ok := conv.Convert(sub.MRR, currency, asOf)
	life, ok2 := conv.Convert(sub.LifetimeRevenue, currency, asOf)
	if !ok || !ok2 {
		sub.NoRate = currency
		return sub
	}
	sub.MRR, sub.LifetimeRevenue, sub.Currency = mrr, life, conv.Home()
	return sub
}

func inputs(tiers []Tier) []TierInput {
	out := make([]TierInput, len(tiers))
	for i, t := range tiers {
		out[i] = t.TierInput
	}
	return out
}

// Preview counts where live accounts would land under proposed tiers.
func (s *Service) Preview(ctx context.Context, in PreviewInput) (Preview, error) {
	if err := s.check.Struct(in); err != nil {
		return Preview{}, err
	}
	_, subs, conv, err := subjects(s.db.Read(ctx), s.now())
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Counts: map[string]int{}, Conversion: conv}
	for _, t := range in.Tiers {
		p.Counts[t.Name] = 0
	}
	for _, sub := range subs {
		name, _ := Place(in.Tiers, sub)
		p.Counts[name]++
	}
	return p, nil
}

// Evaluate places every live account as of asOf in one transaction: an
// active override wins, else the best tier whose rules hold. Each move is
// logged with its reason; an upgrade also creates a recognition task.
func (s *Service) Evaluate(ctx context.Context, asOf time.Time) (EvalResult, error) {
	res := EvalResult{AsOf: store.NewDate(asOf).String(), ByTier: map[string]int64{}}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		tiers, err := loadTiers(tx)
		if err != nil {
			return err
		}
		rank := map[string]int{"": 0}
		names := map[int64]string{}
		for _, t := range tiers {
			rank[t.Name], names[t.ID] = t.Rank, t.Name
		}
		var overrides []store.TierOverride
		if err := tx.Where("expires_on IS NULL OR expires_on >= ?", store.NewDate(asOf)).Find(&overrides).Error; err != nil {
			return err
		}
		pinned := map[int64]store.TierOverride{}
		for _, o := range overrides {
			pinned[o.AccountID] = o
		}
		accounts, subs, conv, err := subjects(tx, asOf)
		if err != nil {
			return err
		}
		res.Conversion = conv
		rules := inputs(tiers)
		sorted := bestFirst(rules)
		for _, a := range accounts {
			// The reason is written only for an account that moves.
			target, reason, by := placeName(sorted, subs[a.ID]), texts.Msg{}, "rules"
			o, pin := pinned[a.ID]
			if pin {
				target, reason, by = "", texts.New("tier.override", texts.Str(o.Reason)), "override by "+o.CreatedBy
				if o.TierID != nil {
					target = names[*o.TierID]
				}
			}
			res.Accounts++
			res.ByTier[target]++
			if target == a.LoyaltyTier {
				continue
			}
			if !pin {
				target, reason = Place(rules, subs[a.ID])
			}
			dir := "up"
			if rank[target] < rank[a.LoyaltyTier] {
				dir = "down"
				res.Down++
			} else {
				res.Up++
			}
			if err := move(tx, a, target, dir, reason, by, s.now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return EvalResult{}, wrap("evaluate tiers", err)
	}
	return res, nil
}

// move sets the account's tier, logs the move and, for an upgrade, asks for
// recognition through a task.
func move(tx *gorm.DB, a store.Account, target, dir string, reason texts.Msg, by string, now time.Time) error {
	today := store.NewDate(now) // in the team's time zone (now's location)
	zoned := now
	now = now.UTC()
	if err := tx.Model(&store.Account{}).Where("id = ?", a.ID).Update("loyalty_tier", target).Error; err != nil {
		return err
	}
	m := store.TierMove{AccountID: a.ID, FromTier: a.LoyaltyTier, ToTier: target, Direction: dir, Reason: reason.Render("en"), ReasonMsg: reason, By: by, At: now}
	if err := tx.Create(&m).Error; err != nil {
		return err
	}
	if dir != "up" || target == "" {
		return nil
	}
	title := texts.New("task.tier_up", texts.Str(a.Name), texts.Str(target))
	task := store.Task{AccountID: a.ID, Trigger: playbooks.TierUpgrade, Occurrence: target + "/" + today.String(), Kind: "email",
		TitleMsg: title, Title: title.Render("en"), ReasonMsg: reason, Reason: reason.Render("en"),
		Owner: a.Owner, DueOn: store.NewDate(today.AddDate(0, 0, 3)), Status: "open", CreatedAt: now, UpdatedAt: now}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&task).Error; err != nil {
		return err
	}
	// No congratulations while the account is poor or at risk: held, with the reason.
	return playbooks.HoldCelebrations(tx, zoned, a.ID)
}

// SetOverride pins account id to a tier (or none) and applies it at once.
func (s *Service) SetOverride(ctx context.Context, actor string, accountID int64, in OverrideInput) (AccountLoyalty, error) {
	if err := s.check.Struct(in); err != nil {
		return AccountLoyalty{}, err
	}
	expires, _ := store.ParseDatePtr(in.ExpiresOn)
	now := s.now().UTC()
	if expires != nil && expires.Before(store.NewDate(s.now()).Time) { // today in the team's time zone
		return AccountLoyalty{}, fault.Field("expires_on", "must not be in the past")
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var a store.Account
		if err := tx.Select("id, name, owner, loyalty_tier").First(&a, accountID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.NotFound("Account", accountID)
			}
			return err
		}
		target := ""
		if in.TierID != nil {
			var t store.Tier
			if err := tx.First(&t, *in.TierID).Error; err != nil {
				return fault.Field("tier_id", "is not a tier")
			}
			target = t.Name
		}
		o := store.TierOverride{AccountID: accountID, TierID: in.TierID, Reason: strings.TrimSpace(in.Reason), ExpiresOn: expires, CreatedBy: actor, CreatedAt: now}
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&o).Error; err != nil {
			return err
		}
		if target == a.LoyaltyTier {
			return nil
		}
		var ranks []store.Tier
		tx.Select("name, rank").Where("name IN ?", []string{target, a.LoyaltyTier}).Find(&ranks)
		rank := map[string]int{}
		for _, r := range ranks {
			rank[r.Name] = r.Rank
		}
		dir := "up"
		if rank[target] < rank[a.LoyaltyTier] {
			dir = "down"
		}
		return move(tx, a, target, dir, texts.New("tier.override", texts.Str(o.Reason)), "override by "+actor, s.now())
	})
	if err != nil {
		return AccountLoyalty{}, wrap("set tier override", err)
	}
	return s.Account(ctx, accountID)
}

// ClearOverride removes account id's override; the next evaluation applies the rules.
func (s *Service) ClearOverride(ctx context.Context, accountID int64) (AccountLoyalty, error) {
	if err := s.db.Tx(ctx, func(tx *gorm.DB) error { return tx.Delete(&store.TierOverride{}, accountID).Error }); err != nil {
		return AccountLoyalty{}, fmt.Errorf("clear tier override: %w", err)
	}
	return s.Account(ctx, accountID)
}

// Account is account id's loyalty panel: tier, benefits, override, moves and benefits used.
func (s *Service) Account(ctx context.Context, accountID int64) (AccountLoyalty, error) {
	db := s.db.Read(ctx)
	var a store.Account
	if err := db.Select("id, loyalty_tier").First(&a, accountID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return AccountLoyalty{}, fault.NotFound("Account", accountID)
		}
		return AccountLoyalty{}, err
	}
	out := AccountLoyalty{Tier: a.LoyaltyTier, Benefits: []Benefit{}, Moves: []Move{}, Used: []BenefitUse{}}
	var t store.Tier
	if a.LoyaltyTier != "" && db.Where("name = ?", a.LoyaltyTier).Limit(1).Find(&t).Error == nil && t.ID != 0 {
		out.Benefits = tierView(t).Benefits
	}
	var o store.TierOverride
	if err := db.Where("account_id = ?", accountID).Limit(1).Find(&o).Error; err == nil && o.AccountID != 0 {
		name := ""
		if o.TierID != nil {
			var ot store.Tier
			db.Select("name").First(&ot, *o.TierID)
			name = ot.Name
		}
		out.Override = &Override{TierName: name, Reason: o.Reason, ExpiresOn: o.ExpiresOn, CreatedBy: o.CreatedBy}
	}
	var moves []store.TierMove
	db.Where("account_id = ?", accountID).Order("at DESC, id DESC").Limit(50).Find(&moves)
	lang := texts.Lang(ctx)
	for _, m := range moves {
		out.Moves = append(out.Moves, Move{From: m.FromTier, To: m.ToTier, Direction: m.Direction, Reason: written(m.ReasonMsg, m.Reason, lang), By: m.By, At: m.At})
	}
	var used []store.BenefitUse
	db.Where("account_id = ?", accountID).Order("used_on DESC, id DESC").Find(&used)
	for _, u := range used {
		out.Used = append(out.Used, BenefitUse{ID: u.ID, Tier: u.Tier, Kind: u.Kind, Note: u.Note, UsedOn: u.UsedOn})
	}
	return out, nil
}

// UseBenefit records a benefit granted to or used by account id.
func (s *Service) UseBenefit(ctx context.Context, accountID int64, in BenefitUseInput) (AccountLoyalty, error) {
	if err := s.check.Struct(in); err != nil {
		return AccountLoyalty{}, err
	}
	day, _ := store.ParseDate(in.UsedOn)
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var a store.Account
		if err := tx.Select("id, loyalty_tier").First(&a, accountID).Error; err != nil {
			return fault.NotFound("Account", accountID)
		}
		return tx.Create(&store.BenefitUse{AccountID: accountID, Tier: a.LoyaltyTier, Kind: in.Kind, Note: in.Note, UsedOn: day, CreatedAt: s.now().UTC()}).Error
	})
	if err != nil {
		return AccountLoyalty{}, wrap("record benefit", err)
	}
	return s.Account(ctx, accountID)
}

// Distribution counts live accounts per tier and their 12-month retention.
func (s *Service) Distribution(ctx context.Context) (Distribution, error) {
	db := s.db.Read(ctx)
	tiers, err := loadTiers(db)
	if err != nil {
		return Distribution{}, err
	}
	since := store.NewDate(calendar.AddMonths(s.now(), -12))
	var live, lost []struct {
		LoyaltyTier string
		N           int64
	}
	if err := db.Model(&store.Account{}).Select("loyalty_tier, count(*) AS n").Where("status <> ?", "churned").Group("loyalty_tier").Scan(&live).Error; err != nil {
		return Distribution{}, err
	}
	err = db.Table("churn_records").Joins("JOIN accounts ON accounts.id = churn_records.account_id").
		Select("accounts.loyalty_tier, count(*) AS n").Where("churn_records.churn_date >= ?", since).Group("accounts.loyalty_tier").Scan(&lost).Error
	if err != nil {
		return Distribution{}, err
	}
	rows := map[string]*DistributionRow{}
	order := []string{}
	for _, t := range tiers {
		rows[t.Name] = &DistributionRow{Tier: t.Name}
		order = append(order, t.Name)
	}
	rows[""] = &DistributionRow{Tier: ""}
	order = append(order, "")
	var mrr []struct {
		LoyaltyTier string
		Currency    string
		Total       int64
	}
	if err := db.Model(&store.Account{}).Select("loyalty_tier, currency, sum(mrr) AS total").Where("status <> ?", "churned").Group("loyalty_tier, currency").Scan(&mrr).Error; err != nil {
		return Distribution{}, err
	}
	for _, r := range rows {
		r.MRR = map[string]int64{}
	}
	for _, m := range mrr {
		if r, ok := rows[m.LoyaltyTier]; ok {
			r.MRR[m.Currency] += m.Total
		}
	}
	for _, l := range live {
		if r, ok := rows[l.LoyaltyTier]; ok {
			r.Accounts = l.N
		}
	}
	for _, l := range lost {
		if r, ok := rows[l.LoyaltyTier]; ok {
			r.Churned12m = l.N
		}
	}
	out := Distribution{Items: []DistributionRow{}}
	for _, name := range order {
		r := rows[name]
		if total := r.Accounts + r.Churned12m; total > 0 {
			v := float64(int(float64(r.Accounts)/float64(total)*1000+0.5)) / 10
			r.RetentionPc = &v
		}
		out.Items = append(out.Items, *r)
	}
	sort.SliceStable(out.Items, func(i, j int) bool { return out.Items[i].Tier != "" && out.Items[j].Tier == "" })
	return out, nil
}

// Moves lists logged tier moves of every account, newest first.
func (s *Service) Moves(ctx context.Context, q MoveQuery) (MoveList, error) {
	if err := s.check.Struct(q); err != nil {
		return MoveList{}, err
	}
	if q.Limit == 0 {
		q.Limit = 20
	}
	db := s.db.Read(ctx)
	out := MoveList{Items: []AccountMove{}}
	if err := db.Model(&store.TierMove{}).Count(&out.Total).Error; err != nil {
		return MoveList{}, fmt.Errorf("count tier moves: %w", err)
	}
	var rows []struct {
		store.TierMove
		AccountName string
	}
	err := db.Table("tier_moves").Select("tier_moves.*, accounts.name AS account_name").
		Joins("LEFT JOIN accounts ON accounts.id = tier_moves.account_id").
		Order("tier_moves.at DESC, tier_moves.id DESC").Limit(q.Limit).Offset(q.Offset).Scan(&rows).Error
	if err != nil {
		return MoveList{}, fmt.Errorf("list tier moves: %w", err)
	}
	lang := texts.Lang(ctx)
	for _, m := range rows {
		out.Items = append(out.Items, AccountMove{AccountID: m.AccountID, AccountName: m.AccountName,
			Move: Move{From: m.FromTier, To: m.ToTier, Direction: m.Direction, Reason: written(m.ReasonMsg, m.Reason, lang), By: m.By, At: m.At}})
	}
	return out, nil
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

// written is m in lang, or the text stored before texts kept their keys.
func written(m texts.Msg, stored, lang string) string {
	if m.IsZero() {
		return stored
	}
	return m.Render(lang)
}
