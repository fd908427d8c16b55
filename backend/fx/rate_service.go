package fx

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Database is what the rates service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service keeps the home currency and the rates table.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time
}

// NewService returns a Service on db; now stamps changes.
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

// Table returns the home currency and its rates.
func (s *Service) Table(ctx context.Context) (Table, error) {
	return loadTable(s.db.Read(ctx))
}

func loadTable(db *gorm.DB) (Table, error) {
	home, err := store.LoadHomeCurrency(db)
	if err != nil {
		return Table{}, err
	}
	t := Table{Home: home, Rates: []Rate{}}
	if home == "" {
		return t, nil
	}
	var rows []store.ExchangeRate
	if err := db.Where("home = ?", home).Order("currency, day DESC").Find(&rows).Error; err != nil {
		return Table{}, fmt.Errorf("list exchange rates: %w", err)
	}
	for _, r := range rows {
		t.Rates = append(t.Rates, view(r))
	}
	return t, nil
}

func view(r store.ExchangeRate) Rate {
	return Rate{ID: r.ID, Currency: r.Currency, Home: r.Home, Date: r.Day.String(), Rate: r.Rate}
}

// SaveHome sets the home currency. Rates quoted in the old one are kept (they
// apply again if it comes back) but no longer used.
func (s *Service) SaveHome(ctx context.Context, in HomeInput) (Table, error) {
	if err := s.check.Struct(in); err != nil {
		return Table{}, err
	}
	var t Table
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := store.SaveHomeCurrency(tx, in.Currency, s.now().UTC()); err != nil {
			return err
		}
		var err error
		t, err = loadTable(tx)
		return err
	})
	if err != nil {
		return Table{}, fmt.Errorf("save home currency: %w", err)
	}
	return t, nil
}

// SaveRate stores a rate for its currency and day, replacing one already there.
func (s *Service) SaveRate(ctx context.Context, in RateInput) (Rate, error) {
	if err := s.check.Struct(in); err != nil {
		return Rate{}, err
	}
	var out Rate
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		home, err := store.LoadHomeCurrency(tx)
		if err != nil {
			return err
		}
		if msg := pairProblem(in.Currency, home); msg != "" {
			return fault.Field("currency", msg)
		}
		row, err := upsert(tx, in, home, s.now().UTC())
		out = view(row)
		return err
	})
	if err != nil {
		return Rate{}, wrap("save exchange rate", err)
	}
	return out, nil
}

// pairProblem says why currency cannot get a rate in home, or "".
func pairProblem(currency, home string) string {
	switch {
	case home == "":
		return "set the home currency first"
	case currency == home:
		return "is the home currency: its rate is always 1"
	}
	return ""
}

func upsert(tx *gorm.DB, in RateInput, home string, now time.Time) (store.ExchangeRate, error) {
	day, err := store.ParseDate(in.Date)
	if err != nil {
		return store.ExchangeRate{}, fault.Field("date", "must be a date written YYYY-MM-DD")
	}
	row := store.ExchangeRate{Currency: in.Currency, Home: home, Day: day, Rate: in.Rate, UpdatedAt: now}
	err = tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "currency"}, {Name: "home"}, {Name: "day"}},
		DoUpdates: clause.AssignmentColumns([]string{"rate", "updated_at"}),
	}).Create(&row).Error
	if err != nil {
		return row, err
	}
	// After an update the conflicting row kept its own id: read it back.
	err = tx.Where("currency = ? AND home = ? AND day = ?", row.Currency, row.Home, row.Day).Take(&row).Error
	return row, err
}

// DeleteRate removes rate id.
func (s *Service) DeleteRate(ctx context.Context, id int64) error {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Delete(&store.ExchangeRate{}, id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fault.NotFound("Exchange rate", id)
		}
		return nil
	})
	return wrap("delete exchange rate", err)
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var fe *fault.Error
	if errors.As(err, &fe) {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}
