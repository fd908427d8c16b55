// Package usage stores weekly usage snapshots: batch upserts that are
// idempotent per account and week, and the list behind the usage charts.
package usage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/engagement"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// SnapshotInput is one account's usage in one week.
type SnapshotInput struct {
	AccountID      int64  `json:"account_id" validate:"required,gt=0" minimum:"1"`
	WeekStart      string `json:"week_start" validate:"required,datetime=2006-01-02" format:"date" description:"Any day of the week; it is stored as that week's Monday."`
	ActiveUsers    int    `json:"active_users" validate:"gte=0,lte=10000000" minimum:"0"`
	Logins         int    `json:"logins" validate:"gte=0,lte=1000000000" minimum:"0"`
	KeyFeatureUses int    `json:"key_feature_uses" validate:"gte=0,lte=1000000000" minimum:"0"`
	LastLoginAt    string `json:"last_login_at,omitempty" validate:"omitempty,datetime=2006-01-02T15:04:05Z07:00" format:"date-time"`
}

// Batch is a set of snapshots written together.
type Batch struct {
	Items []SnapshotInput `json:"items" validate:"required,min=1,max=10000,dive"`
}

// Result counts the snapshots written.
type Result struct {
	Upserted int `json:"upserted"`
}

// Database is what the usage service needs from the store.
type Database interface {
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service writes usage snapshots.
type Service struct {
	db    Database
	check Validator
}

// NewService returns a Service on db.
func NewService(db Database, check Validator) *Service {
	return &Service{db: db, check: check}
}

// Upsert validates every snapshot, then writes them all in one transaction;
// a second write for the same account and week replaces the first.
func (s *Service) Upsert(ctx context.Context, b Batch) (Result, error) {
	if err := s.check.Struct(b); err != nil {
		return Result{}, err
	}
	return s.write(ctx, b.Items, false)
}

// UpsertMany is Upsert for any number of snapshots, as imports have; with
// dryRun it only validates.
func (s *Service) UpsertMany(ctx context.Context, items []SnapshotInput, dryRun bool) (Result, error) {
	fields := map[string]string{}
	for i := range items {
		if plainlyValid(items[i]) {
			continue
		}
		if err := s.check.Struct(items[i]); err != nil {
			fe, ok := fault.As(err)
			if !ok {
				return Result{}, err
			}
			for k, v := range fe.Fields {
				fields[fmt.Sprintf("items[%d].%s", i, k)] = v
			}
		}
	}
	if len(fields) > 0 {
		return Result{}, fault.Validation(fields)
	}
	return s.write(ctx, items, dryRun)
}

// plainlyValid reports whether in passes every rule of SnapshotInput's
// tags, checked by hand: an import of a million rows skips the reflective
// validator for them. Anything else (a time of last login included) goes
// to the validator, which names what is wrong.
func plainlyValid(in SnapshotInput) bool {
	if in.AccountID <= 0 || in.LastLoginAt != "" || in.ActiveUsers < 0 || in.ActiveUsers > 10000000 ||
		in.Logins < 0 || in.Logins > 1000000000 || in.KeyFeatureUses < 0 || in.KeyFeatureUses > 1000000000 {
		return false
	}
	w := in.WeekStart
	if len(w) != 10 || w[4] != '-' || w[7] != '-' {
		return false
	}
	for i := range 10 {
		if i != 4 && i != 7 && (w[i] < '0' || w[i] > '9') {
			return false
		}
	}
	_, err := time.Parse(time.DateOnly, w)
	return err == nil
}

// errDryRun rolls back a checked batch.
var errDryRun = errors.New("dry run")

func (s *Service) write(ctx context.Context, items []SnapshotInput, dryRun bool) (Result, error) {
	rows := make([]store.UsageSnapshot, len(items))
	fields := map[string]string{}
	for i, in := range items {
		day, _ := store.ParseDate(in.WeekStart)
		rows[i] = store.UsageSnapshot{AccountID: in.AccountID, WeekStart: store.NewDate(engagement.WeekStart(day.Time)),
			ActiveUsers: in.ActiveUsers, Logins: in.Logins, KeyFeatureUses: in.KeyFeatureUses}
		if in.LastLoginAt != "" {
			t, err := time.Parse(time.RFC3339, in.LastLoginAt)
			if err != nil {
				fields[fmt.Sprintf("items[%d].last_login_at", i)] = "must be a time such as 2026-11-20T09:30:00Z"
				continue
			}
			t = t.UTC()
			rows[i].LastLoginAt = &t
		}
	}
	if len(fields) > 0 {
		return Result{}, fault.Validation(fields)
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := checkAccounts(tx, items); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		if len(rows) < 10000 {
			return upsertRows(tx, rows)
		}
		return store.WithLargeCache(tx, func() error { return upsertRows(tx, rows) })
	})
	if errors.Is(err, errDryRun) {
		return Result{}, nil
	}
	if err != nil {
		if _, ok := fault.As(err); ok {
			return Result{}, err
		}
		return Result{}, fmt.Errorf("upsert usage: %w", err)
	}
	return Result{Upserted: len(rows)}, nil
}

// checkAccounts names every row whose account does not exist.
func checkAccounts(tx *gorm.DB, items []SnapshotInput) error {
	ids := map[int64]bool{}
	for _, in := range items {
		ids[in.AccountID] = false
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	var found []int64
	for start := 0; start < len(list); start += 5000 {
		var part []int64
		if err := tx.Model(&store.Account{}).Where("id IN ?", list[start:min(start+5000, len(list))]).Pluck("id", &part).Error; err != nil {
			return err
		}
		found = append(found, part...)
	}
	for _, id := range found {
		ids[id] = true
	}
	fields := map[string]string{}
	for i, in := range items {
		if !ids[in.AccountID] {
			fields[fmt.Sprintf("items[%d].account_id", i)] = fmt.Sprintf("no account has id %d", in.AccountID)
		}
	}
	if len(fields) > 0 {
		return fault.Validation(fields)
	}
	return nil
}

// snapshotColumns are the usage_snapshots columns an upsert writes.
var snapshotColumns = []string{"account_id", "week_start", "active_users", "logins", "key_feature_uses", "last_login_at"}

// upsertRows writes rows with multi-row INSERT … ON CONFLICT statements
// (store.Batch: each chunk size prepared once and reused), far cheaper than
// an ORM insert at a million rows.
func upsertRows(tx *gorm.DB, rows []store.UsageSnapshot) error {
	b := store.NewBatch(tx, "usage_snapshots", snapshotColumns,
		"ON CONFLICT (account_id, week_start) DO UPDATE SET active_users = excluded.active_users, logins = excluded.logins,"+
			" key_feature_uses = excluded.key_feature_uses, last_login_at = excluded.last_login_at")
	defer b.Close()
	return b.Append(len(rows), func(args []any, i int) []any {
		r := rows[i]
		var lastLogin any
		if r.LastLoginAt != nil {
			lastLogin = *r.LastLoginAt
		}
		return append(args, r.AccountID, r.WeekStart, r.ActiveUsers, r.Logins, r.KeyFeatureUses, lastLogin)
	})
}
