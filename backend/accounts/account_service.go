package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Database is what the accounts service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Write(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service keeps accounts and contacts.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time
	// currencies holds the codes the validator has accepted, so that an
	// import's plain rows need not go through it (see plainRow).
	currencies sync.Map
}

// NewService returns a Service on db; now is the clock for timestamps.
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

// DefaultLimit is the page size when a request names none.
const DefaultLimit = 25

var accountSorts = map[string]string{
	"name": "search_text", "mrr": "mrr", "seats": "seats", "contract_start": "contract_start",
	"renewal_date": "renewal_date", "status": "status", "owner": "owner", "segment": "segment",
	"created_at": "created_at", "plan": "plan", "domain": "domain", "health_score": "health_score",
	riskSort: riskSort,
}

// List returns one page of accounts matching q, and how many match in all.
func (s *Service) List(ctx context.Context, q ListQuery) (List[Account], error) {
	if err := s.check.Struct(q); err != nil {
		return List[Account]{}, err
	}
	order, err := orderBy(q.Sort, accountSorts, "name")
	if err != nil {
		return List[Account]{}, err
	}
	base := s.filtered(ctx, q.Filter)
	var total int64
	if err := base.Count(&total).Error; err != nil {
		return List[Account]{}, fmt.Errorf("count accounts: %w", err)
	}
	var rows []store.Account
	if byRisk, desc := isRiskSort(q.Sort); byRisk {
		rows, err = s.riskPage(ctx, q.Filter, desc, limitOrDefault(q.Limit), q.Offset)
		if err != nil {
			return List[Account]{}, err
		}
	} else if err := base.Order(order).Limit(limitOrDefault(q.Limit)).Offset(q.Offset).Find(&rows).Error; err != nil {
		return List[Account]{}, fmt.Errorf("list accounts: %w", err)
	}
	counts, err := s.contactCounts(ctx, rows)
	if err != nil {
		return List[Account]{}, err
	}
	byID, err := risks(s.db.Read(ctx), rows)
	if err != nil {
		return List[Account]{}, err
	}
	items := make([]Account, len(rows))
	for i, r := range rows {
		items[i] = view(r, counts[r.ID])
	}
	withRisk(items, byID)
	return List[Account]{Items: items, Total: total}, nil
}

func (s *Service) filtered(ctx context.Context, f Filter) *gorm.DB {
	db := s.db.Read(ctx).Model(&store.Account{})
	if q := strings.TrimSpace(f.Q); q != "" {
		db = db.Where("search_text LIKE ? ESCAPE '\\'", "%"+escapeLike(strings.ToLower(q))+"%")
	}
	if f.Status != "" {
		db = db.Where("status = ?", f.Status)
	}
	if f.Owner != "" {
		db = db.Where("owner = ?", f.Owner)
	}
	if f.Segment != "" {
		db = db.Where("segment = ?", f.Segment)
	}
	if f.Health != "" {
		db = db.Where("health_class = ?", f.Health)
	}
	if f.CRMSource != "" {
		db = db.Where("crm_source = ?", f.CRMSource)
	}
	if f.ExternalID != "" {
		db = db.Where("external_id = ? AND external_id <> ''", f.ExternalID)
	}
	return db
}

func (s *Service) contactCounts(ctx context.Context, rows []store.Account) (map[int64]int64, error) {
	counts := make(map[int64]int64, len(rows))
	if len(rows) == 0 {
		return counts, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var got []struct {
		AccountID int64
		N         int64
	}
	err := s.db.Read(ctx).Model(&store.Contact{}).Select("account_id, count(*) AS n").
		Where("account_id IN ?", ids).Group("account_id").Scan(&got).Error
	if err != nil {
		return nil, fmt.Errorf("count contacts: %w", err)
	}
	for _, g := range got {
		counts[g.AccountID] = g.N
	}
	return counts, nil
}

// Get returns one account.
func (s *Service) Get(ctx context.Context, id int64) (Account, error) {
	row, err := s.load(s.db.Read(ctx), id)
	if err != nil {
		return Account{}, err
	}
	counts, err := s.contactCounts(ctx, []store.Account{row})
	if err != nil {
		return Account{}, err
	}
	byID, err := risks(s.db.Read(ctx), []store.Account{row})
	if err != nil {
		return Account{}, err
	}
	out := []Account{view(row, counts[id])}
	withRisk(out, byID)
	return out[0], nil
}

func (s *Service) load(db *gorm.DB, id int64) (store.Account, error) {
	var row store.Account
	err := db.First(&row, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return row, fault.NotFound("Account", id)
	}
	if err != nil {
		return row, fmt.Errorf("load account %d: %w", id, err)
	}
	return row, nil
}

// Create validates in and stores a new account.
func (s *Service) Create(ctx context.Context, in AccountInput) (Account, error) {
	row, err := s.model(in)
	if err != nil {
		return Account{}, err
	}
	if err := statusRule(nil, row.Status); err != nil {
		return Account{}, err
	}
	var out Account
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		out, err = s.insert(tx, row)
		return err
	})
	if err != nil {
		return Account{}, saveError("create account", err)
	}
	return out, nil
}

// CreateIn validates in and stores a new account inside a caller's
// transaction, e.g. when a referral converts.
func (s *Service) CreateIn(tx *gorm.DB, in AccountInput) (Account, error) {
	row, err := s.model(in)
	if err != nil {
		return Account{}, err
	}
	if err := statusRule(nil, row.Status); err != nil {
		return Account{}, err
	}
	out, err := s.insert(tx, row)
	if err != nil {
		return Account{}, saveError("create account", err)
	}
	return out, nil
}

func (s *Service) insert(tx *gorm.DB, row store.Account) (Account, error) {
	now := s.now().UTC()
	row.CreatedAt, row.UpdatedAt = now, now
	if err := tx.Create(&row).Error; err != nil {
		return Account{}, err
	}
	// A trial's MRR is no revenue yet: its "new" movement is written when it converts.
	if row.Status != "trial" {
		if err := recordMovement(tx, row.ID, row.ContractStart, "new", row.MRR, row.Currency, now); err != nil {
			return Account{}, err
		}
	}
	return view(row, 0), nil
}

// Update validates in and replaces the stored fields of account id.
func (s *Service) Update(ctx context.Context, id int64, in AccountInput) (Account, error) {
	row, err := s.model(in)
	if err != nil {
		return Account{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		old, err := s.load(tx, id)
		if err != nil {
			return err
		}
		if err := statusRule(&old, row.Status); err != nil {
			return err
		}
		// Save stamps UpdatedAt with the wall clock: keep the service's own.
		now := s.now().UTC()
		row.ID, row.CreatedAt, row.UpdatedAt = id, old.CreatedAt, now
		row.HealthScore, row.HealthClass, row.EngagementClass = old.HealthScore, old.HealthClass, old.EngagementClass
		convert(old, &row, s.now())
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		return recordChange(tx, old, row, s.now())
	})
	if err != nil {
		return Account{}, saveError("update account", err)
	}
	return s.Get(ctx, id)
}

// Delete removes account id with its contacts, usage and NPS answers.
func (s *Service) Delete(ctx context.Context, id int64) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		// The account's churn records go with it; their audit trail stays
		// and says so.
		err := tx.Exec(`INSERT INTO churn_audits (churn_record_id, account_id, action, actor, changes, "at")
			SELECT id, account_id, 'delete', '', '{}', ? FROM churn_records WHERE account_id = ?`, s.now().UTC(), id).Error
		if err != nil {
			return fmt.Errorf("delete account %d: audit trail: %w", id, err)
		}
		res := tx.Delete(&store.Account{}, id)
		if res.Error != nil {
			return fmt.Errorf("delete account %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return fault.NotFound("Account", id)
		}
		return nil
	})
}

// model validates in and converts it to a row.
func (s *Service) model(in AccountInput) (store.Account, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Domain = strings.ToLower(strings.TrimSpace(in.Domain))
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if in.PaymentStatus == "" {
		in.PaymentStatus = "ok"
	}
	if !s.plainRow(&in) {
		if err := s.check.Struct(in); err != nil {
			return store.Account{}, err
		}
		s.currencies.Store(in.Currency, true)
	}
	start, err := store.ParseDate(in.ContractStart)
	if err != nil {
		return store.Account{}, fault.Field("contract_start", "must be a date written YYYY-MM-DD")
	}
	renewal, err := store.ParseDatePtr(in.RenewalDate)
	if err != nil {
		return store.Account{}, fault.Field("renewal_date", "must be a date written YYYY-MM-DD")
	}
	if renewal != nil && renewal.Before(start.Time) {
		return store.Account{}, fault.Field("renewal_date", "must not be before the contract start")
	}
	trialEnd, err := store.ParseDatePtr(in.TrialEndsOn)
	if err != nil {
		return store.Account{}, fault.Field("trial_ends_on", "must be a date written YYYY-MM-DD")
	}
	overdue, err := store.ParseDatePtr(in.OverdueSince)
	if err != nil {
		return store.Account{}, fault.Field("overdue_since", "must be a date written YYYY-MM-DD")
	}
	if in.PaymentStatus == "ok" {
		overdue = nil
	}
	return store.Account{
		Name: in.Name, SearchText: searchText(in.Name, in.Domain), Domain: in.Domain,
		Industry: in.Industry, Segment: in.Segment, Plan: in.Plan, MRR: in.MRR, Currency: in.Currency,
		Seats: in.Seats, ContractStart: start, RenewalDate: renewal, Owner: strings.TrimSpace(in.Owner),
		Status: in.Status, CRMSource: in.CRMSource, ExternalID: in.ExternalID,
		PaymentStatus: in.PaymentStatus, OverdueSince: overdue,
		CardExpiryMonth: in.CardExpiryMonth, CardExpiryYear: in.CardExpiryYear, LoyaltyTier: in.LoyaltyTier,
		CSMSentiment: in.CSMSentiment, TrialEndsOn: trialEnd,
	}, nil
}

// searchText is what the list's search box matches and name sorting uses:
// name and domain, lower-cased, joined by a tab so that "Acme" sorts
// before "Acme 2".
func searchText(name, domain string) string {
	return SearchText(name, domain)
}

// SearchText builds an account's search and sort key.
func SearchText(name, domain string) string {
	return strings.ToLower(name + "\t" + domain)
}

func view(r store.Account, contacts int64) Account {
	return Account{
		ID: r.ID, Name: r.Name, Domain: r.Domain, Industry: r.Industry, Segment: r.Segment, Plan: r.Plan,
		MRR: r.MRR, Currency: r.Currency, Seats: r.Seats, ContractStart: r.ContractStart,
		RenewalDate: r.RenewalDate, TrialEndsOn: r.TrialEndsOn, Owner: r.Owner, Status: r.Status, CRMSource: r.CRMSource,
		ExternalID: r.ExternalID, PaymentStatus: r.PaymentStatus, OverdueSince: r.OverdueSince,
		CardExpiryMonth: r.CardExpiryMonth, CardExpiryYear: r.CardExpiryYear, LoyaltyTier: r.LoyaltyTier,
		CSMSentiment: r.CSMSentiment, HealthScore: r.HealthScore, HealthClass: r.HealthClass, EngagementClass: r.EngagementClass,
		ContactsCount: contacts, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

// saveError turns a duplicate CRM id into a field error and wraps the rest.
func saveError(op string, err error) error {
	if _, ok := fault.As(err); ok {
		return err
	}
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		e := fault.Conflict("Another account already has this CRM source and external id.")
		e.Fields = map[string]string{"external_id": "is already used by another account from this CRM"}
		return e
	}
	return fmt.Errorf("%s: %w", op, err)
}

// recordMovement stores a dated MRR change; a zero amount stores nothing.
func recordMovement(tx *gorm.DB, accountID int64, day store.Date, kind string, amount int64, currency string, now time.Time) error {
	if amount == 0 {
		return nil
	}
	m := store.MRRMovement{AccountID: accountID, Date: day, Kind: kind, Amount: amount, Currency: currency, CreatedAt: now}
	if err := tx.Create(&m).Error; err != nil {
		return fmt.Errorf("record MRR movement: %w", err)
	}
	return nil
}

// convert dates a trial's conversion (trial → onboarding or active): a
// trial is not a customer, so its customer life and its revenue start on
// the conversion day. That day is the contract start sent with the
// conversion when it was changed, otherwise today (or the trial's contract
// start if that is still to come); the contract start becomes that day, so
// tenure, cohorts and renewals count from it.
func convert(old store.Account, row *store.Account, now time.Time) {
	if old.Status != "trial" || row.Status == "trial" || row.Status == "churned" {
		return
	}
	today := store.NewDate(now)
	if row.ContractStart.String() == old.ContractStart.String() && row.ContractStart.Before(today.Time) {
		row.ContractStart = today
	}
}

// recordChange stores the MRR movement an edit implies: expansion or
// contraction today. A change of currency closes the old MRR and opens the
// new one. Churned accounts move MRR only through churn and reactivation.
// Trials are not customers: a trial's MRR moves nothing until it converts
// (trial → onboarding or active), which is a "new" movement of its MRR on
// the conversion day (see convert); a customer set back to trial takes its MRR out of revenue with a
// contraction today.
func recordChange(tx *gorm.DB, old, new store.Account, now time.Time) error {
	if old.Status == "churned" || new.Status == "churned" {
		return nil
	}
	today := store.NewDate(now) // today in the team's time zone (now's location)
	now = now.UTC()
	switch wasTrial, isTrial := old.Status == "trial", new.Status == "trial"; {
	case wasTrial && isTrial:
		return nil
	case wasTrial:
		return recordMovement(tx, new.ID, new.ContractStart, "new", new.MRR, new.Currency, now)
	case isTrial:
		return recordMovement(tx, new.ID, today, "contraction", -old.MRR, old.Currency, now)
	}
	if old.Currency != new.Currency {
		if err := recordMovement(tx, new.ID, today, "contraction", -old.MRR, old.Currency, now); err != nil {
			return err
		}
		return recordMovement(tx, new.ID, today, "expansion", new.MRR, new.Currency, now)
	}
	kind := "expansion"
	if new.MRR < old.MRR {
		kind = "contraction"
	}
	return recordMovement(tx, new.ID, today, kind, new.MRR-old.MRR, new.Currency, now)
}

// UpsertIn creates the account with in's CRM source and external id, or
// updates the one that has them, inside a caller's transaction. It reports
// whether the account was created.
func (s *Service) UpsertIn(tx *gorm.DB, in AccountInput) (Account, bool, error) {
	if in.CRMSource == "" || in.ExternalID == "" {
		return Account{}, false, fault.Validation(map[string]string{"crm_source": "is required to match the account", "external_id": "is required to match the account"})
	}
	row, err := s.model(in)
	if err != nil {
		return Account{}, false, err
	}
	var old store.Account
	if err := tx.Where(store.CRMRef, row.CRMSource, row.ExternalID).Limit(1).Find(&old).Error; err != nil {
		return Account{}, false, err
	}
	var known *store.Account
	if old.ID != 0 {
		known = &old
	}
	if err := statusRule(known, row.Status); err != nil {
		return Account{}, false, err
	}
	if old.ID == 0 {
		a, err := s.insert(tx, row)
		return a, true, err
	}
	now := s.now().UTC()
	row.ID, row.CreatedAt, row.UpdatedAt = old.ID, old.CreatedAt, now
	row.HealthScore, row.HealthClass, row.EngagementClass, row.CSMSentiment = old.HealthScore, old.HealthClass, old.EngagementClass, old.CSMSentiment
	convert(old, &row, s.now())
	if err := tx.Save(&row).Error; err != nil {
		return Account{}, false, err
	}
	if err := recordChange(tx, old, row, s.now()); err != nil {
		return Account{}, false, err
	}
	return view(row, 0), false, nil
}

// Check validates in as Create would, writing nothing.
func (s *Service) Check(in AccountInput) error {
	_, err := s.model(in)
	return err
}
