package churn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/calendar"
	"churndesk/backend/fault"
	"churndesk/backend/health"
	"churndesk/backend/store"
)

// Database is what the churn service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// OnChurn runs inside the transaction that logs a churn, with the stored
// record, the account and the customer's language; an error undoes the churn.
type OnChurn func(tx *gorm.DB, rec store.ChurnRecord, acc store.Account, lang string) error

// Service keeps churn records.
type Service struct {
	db      Database
	check   Validator
	now     func() time.Time
	onChurn OnChurn
}

// NewService returns a Service on db; now stamps the audit trail and
// onChurn (if not nil) opens what follows a churn, such as the offboarding checklist.
func NewService(db Database, check Validator, now func() time.Time, onChurn OnChurn) *Service {
	return &Service{db: db, check: check, now: now, onChurn: onChurn}
}

// Create logs the churn of account id: it computes and freezes tenure,
// engagement and health at churn, marks the account churned, records the
// churn MRR movement and the audit entry, all in one transaction.
func (s *Service) Create(ctx context.Context, actor string, accountID int64, in Input) (Record, error) {
	if err := s.check.Struct(in); err != nil {
		return Record{}, err
	}
	var id int64
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.createIn(tx, actor, accountID, in)
		return err
	})
	if err != nil {
		return Record{}, wrap("log churn", err)
	}
	return s.Get(ctx, id)
}

// DraftFromBilling logs a churn reported by the billing system inside the
// caller's transaction: reason payment failure when involuntary, else
// "other" for a person to complete from the exit interview.
func (s *Service) DraftFromBilling(tx *gorm.DB, accountID int64, day time.Time, involuntary bool, detail string) (int64, error) {
	in := Input{ChurnDate: store.NewDate(day).String(), Reason: "other", ReasonDetail: detail}
	if involuntary {
		in.Reason = "payment_failure"
	}
	if err := s.check.Struct(in); err != nil {
		return 0, err
	}
	return s.createIn(tx, "billing webhook", accountID, in)
}

// CreateIn validates in and logs a churn inside the caller's transaction,
// as an import of many churn records does.
func (s *Service) CreateIn(tx *gorm.DB, actor string, accountID int64, in Input) (int64, error) {
	if err := s.check.Struct(in); err != nil {
		return 0, err
	}
	return s.createIn(tx, actor, accountID, in)
}

func (s *Service) createIn(tx *gorm.DB, actor string, accountID int64, in Input) (int64, error) {
	acc, err := loadAccount(tx, accountID)
	if err != nil {
		return 0, err
	}
	if acc.Status == "churned" {
		return 0, fault.Conflict(fmt.Sprintf("%s is already churned; reactivate it before logging a new churn.", acc.Name))
	}
	rec := store.ChurnRecord{AccountID: acc.ID, ContractStart: acc.ContractStart, MRRLost: acc.MRR, Currency: acc.Currency, CreatedBy: actor}
	if acc.Status == "trial" {
		// A trial's MRR never entered revenue: none is lost, nothing moves.
		rec.MRRLost = 0
	}
	if err := s.apply(tx, &rec, acc, in, true); err != nil {
		return 0, err
	}
	now := s.now().UTC()
	rec.CreatedAt, rec.UpdatedAt, rec.UpdatedBy = now, now, actor
	if err := tx.Create(&rec).Error; err != nil {
		return 0, err
	}
	if err := tx.Model(&store.Account{}).Where("id = ?", acc.ID).Updates(map[string]any{"status": "churned", "updated_at": now}).Error; err != nil {
		return 0, err
	}
	if acc.MRR > 0 && acc.Status != "trial" {
		move := store.MRRMovement{AccountID: acc.ID, Date: rec.ChurnDate, Kind: "churn", Amount: -acc.MRR, Currency: acc.Currency, ChurnRecordID: &rec.ID, CreatedAt: now}
		if err := tx.Create(&move).Error; err != nil {
			return 0, err
		}
	}
	if err := audit(tx, rec, "create", actor, diff(store.ChurnRecord{}, rec), now); err != nil {
		return 0, err
	}
	if s.onChurn != nil {
		acc.Status = "churned"
		if err := s.onChurn(tx, rec, acc, in.Language); err != nil {
			return 0, err
		}
	}
	return rec.ID, nil
}

// Update replaces the typed fields of record id; a new churn date
// recomputes the frozen values. The audit trail keeps old → new.
func (s *Service) Update(ctx context.Context, actor string, id int64, in Input) (Record, error) {
	if err := s.check.Struct(in); err != nil {
		return Record{}, err
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		old, err := loadRecord(tx, id)
		if err != nil {
			return err
		}
		acc, err := loadAccount(tx, old.AccountID)
		if err != nil {
			return err
		}
		rec := old
		if err := s.apply(tx, &rec, acc, in, in.ChurnDate != old.ChurnDate.String()); err != nil {
			return err
		}
		changes := diff(old, rec)
		if len(changes) == 0 {
			return nil
		}
		now := s.now().UTC()
		rec.UpdatedAt, rec.UpdatedBy = now, actor
		if err := tx.Save(&rec).Error; err != nil {
			return err
		}
		if err := tx.Model(&store.MRRMovement{}).Where("churn_record_id = ?", id).Update("date", rec.ChurnDate).Error; err != nil {
			return err
		}
		return audit(tx, rec, "update", actor, changes, now)
	})
	if err != nil {
		return Record{}, wrap("update churn record", err)
	}
	return s.Get(ctx, id)
}

// Delete removes record id. If it was the account's current churn, the
// account is a customer again and the churn movement goes too.
func (s *Service) Delete(ctx context.Context, actor string, id int64) error {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		rec, err := loadRecord(tx, id)
		if err != nil {
			return err
		}
		var later int64
		if err := tx.Model(&store.ChurnRecord{}).Where("account_id = ? AND id <> ? AND churn_date >= ?", rec.AccountID, id, rec.ChurnDate).Count(&later).Error; err != nil {
			return err
		}
		if later == 0 {
			if err := tx.Model(&store.Account{}).Where("id = ? AND status = ?", rec.AccountID, "churned").Update("status", "active").Error; err != nil {
				return err
			}
		}
		if err := tx.Where("churn_record_id = ?", id).Delete(&store.MRRMovement{}).Error; err != nil {
			return err
		}
		if err := tx.Delete(&store.ChurnRecord{}, id).Error; err != nil {
			return err
		}
		return audit(tx, rec, "delete", actor, diff(rec, store.ChurnRecord{}), s.now().UTC())
	})
	return wrap("delete churn record", err)
}

// Reactivate makes churned account id a customer again from r.Date with
// r.MRR; its old churn records and history stay.
func (s *Service) Reactivate(ctx context.Context, accountID int64, r Reactivation) error {
	if err := s.check.Struct(r); err != nil {
		return err
	}
	day, _ := store.ParseDate(r.Date)
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		acc, err := loadAccount(tx, accountID)
		if err != nil {
			return err
		}
		if acc.Status != "churned" {
			return fault.Conflict(acc.Name + " is not churned.")
		}
		var last store.ChurnRecord
		if err := tx.Where("account_id = ?", accountID).Order("churn_date DESC").Limit(1).Find(&last).Error; err != nil {
			return err
		}
		if last.ID != 0 && day.Before(last.ChurnDate.Time) {
			return fault.Field("date", "must not be before the churn date "+last.ChurnDate.String())
		}
		now := s.now().UTC()
		err = tx.Model(&store.Account{}).Where("id = ?", accountID).Updates(map[string]any{
			"status": "active", "contract_start": day, "mrr": r.MRR, "renewal_date": store.NewDate(calendar.AddMonths(day.Time, 12)), "updated_at": now}).Error
		if err != nil {
			return err
		}
		if r.MRR == 0 {
			return nil
		}
		return tx.Create(&store.MRRMovement{AccountID: accountID, Date: day, Kind: "reactivation", Amount: r.MRR, Currency: acc.Currency, CreatedAt: now}).Error
	})
	return wrap("reactivate account", err)
}

// apply copies in onto rec, using the reason's defaults, and recomputes the
// frozen values when refreeze is set.
func (s *Service) apply(tx *gorm.DB, rec *store.ChurnRecord, acc store.Account, in Input, refreeze bool) error {
	set, err := loadSettings(tx)
	if err != nil {
		return err
	}
	reason, ok := set.reason(in.Reason)
	if !ok {
		return fault.Field("reason", "is not in the reason list (Settings → Churn reasons)")
	}
	day, _ := store.ParseDate(in.ChurnDate)
	if day.Before(acc.ContractStart.Time) {
		return fault.Field("churn_date", "must not be before the contract start "+acc.ContractStart.String())
	}
	if day.After(calendar.AddMonths(s.now(), 12)) {
		return fault.Field("churn_date", "must be within a year from today")
	}
	rec.ChurnDate, rec.Reason = day, in.Reason
	rec.ReasonDetail, rec.Competitor = strings.TrimSpace(in.ReasonDetail), strings.TrimSpace(in.Competitor)
	rec.Preventable, rec.Voluntary = valueOr(in.Preventable, reason.Preventable), valueOr(in.Voluntary, reason.Voluntary)
	if in.MRRLost != nil {
		rec.MRRLost = *in.MRRLost
	}
	if rec.ExitInterviewDate, err = store.ParseDatePtr(in.ExitInterviewDate); err != nil {
		return fault.Field("exit_interview_date", "must be a date written YYYY-MM-DD")
	}
	if rec.FollowUpOn, err = store.ParseDatePtr(in.FollowUpOn); err != nil {
		return fault.Field("follow_up_on", "must be a date written YYYY-MM-DD")
	}
	rec.Interviewer, rec.Lessons, rec.WouldReturn, rec.OfferMade = in.Interviewer, in.Lessons, in.WouldReturn, in.OfferMade
	rec.Answers, rec.Quotes = mustJSON(nonNilMap(in.Answers)), mustJSON(nonNilSlice(in.Quotes))
	rec.TenureDays = int(day.Sub(acc.ContractStart.Time).Hours() / 24)
	rec.ContractStart = acc.ContractStart
	if !refreeze {
		return nil
	}
	frozen, err := health.FreezeAt(tx, acc, day.Time)
	if err != nil {
		return err
	}
	rec.EngagementClass, rec.EngagementWeeks = string(frozen.Trend.Class), mustJSON(frozen.Trend.Weeks)
	rec.HealthScore, rec.HealthClass = frozen.HealthScore, frozen.HealthClass
	return nil
}

func valueOr(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func nonNilSlice(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func loadAccount(tx *gorm.DB, id int64) (store.Account, error) {
	var acc store.Account
	err := tx.First(&acc, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return acc, fault.NotFound("Account", id)
	}
	return acc, err
}

func loadRecord(tx *gorm.DB, id int64) (store.ChurnRecord, error) {
	var rec store.ChurnRecord
	err := tx.First(&rec, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return rec, fault.NotFound("Churn record", id)
	}
	return rec, err
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
