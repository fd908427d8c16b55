// Package nps keeps net-promoter answers and computes NPS per account, per
// quarter and for the portfolio: % promoters (9–10) − % detractors (0–6).
package nps

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Input is one NPS answer.
type Input struct {
	ContactID   *int64 `json:"contact_id,omitempty" validate:"omitempty,gt=0"`
	Score       int    `json:"score" validate:"gte=0,lte=10" minimum:"0" maximum:"10"`
	Comment     string `json:"comment,omitempty" validate:"max=4000" maxLength:"4000"`
	RespondedOn string `json:"responded_on" validate:"required,datetime=2006-01-02" format:"date"`
}

// Response is a stored NPS answer.
type Response struct {
	ID          int64      `json:"id"`
	AccountID   int64      `json:"account_id"`
	ContactID   *int64     `json:"contact_id"`
	Score       int        `json:"score"`
	Comment     string     `json:"comment"`
	RespondedOn store.Date `json:"responded_on"`
}

// Figure is NPS over a set of answers.
type Figure struct {
	NPS        float64 `json:"nps" description:"% promoters − % detractors, −100 to 100; 0 with no answers."`
	Responses  int     `json:"responses"`
	Promoters  int     `json:"promoters"`
	Passives   int     `json:"passives"`
	Detractors int     `json:"detractors"`
	Formula    string  `json:"formula"`
}

// Quarter is NPS in one calendar quarter.
type Quarter struct {
	Quarter string `json:"quarter" description:"e.g. 2026-Q3"`
	Figure
}

// Summary is NPS for a period, with its quarters.
type Summary struct {
	Figure
	ByQuarter []Quarter `json:"by_quarter"`
}

// Compute gives NPS of scores, rounded to one decimal.
func Compute(scores []int) Figure {
	var promoters, passives, detractors int
	for _, s := range scores {
		switch {
		case s >= 9:
			promoters++
		case s <= 6:
			detractors++
		default:
			passives++
		}
	}
	return fromCounts(promoters, passives, detractors)
}

// fromCounts gives NPS of counted promoters, passives and detractors.
func fromCounts(promoters, passives, detractors int) Figure {
	f := Figure{Responses: promoters + passives + detractors, Promoters: promoters, Passives: passives, Detractors: detractors}
	if f.Responses > 0 {
		f.NPS = math.Round(float64(f.Promoters-f.Detractors)/float64(f.Responses)*1000) / 10
	}
	f.Formula = fmt.Sprintf("(%d promoters − %d detractors) ÷ %d answers × 100", f.Promoters, f.Detractors, f.Responses)
	return f
}

// Database is what the NPS service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Write(ctx context.Context) *gorm.DB
	Tx(ctx context.Context, fn func(tx *gorm.DB) error) error
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service keeps NPS answers.
type Service struct {
	db    Database
	check Validator
}

// NewService returns a Service on db.
func NewService(db Database, check Validator) *Service { return &Service{db: db, check: check} }

// Create stores an answer for account id; a contact must belong to that account.
func (s *Service) Create(ctx context.Context, accountID int64, in Input) (Response, error) {
	if err := s.check.Struct(in); err != nil {
		return Response{}, err
	}
	day, _ := store.ParseDate(in.RespondedOn)
	row := store.NPSResponse{AccountID: accountID, ContactID: in.ContactID, Score: in.Score, Comment: in.Comment, RespondedOn: day}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&store.Account{}).Where("id = ?", accountID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return fault.NotFound("Account", accountID)
		}
		if in.ContactID != nil {
			if err := tx.Model(&store.Contact{}).Where("id = ? AND account_id = ?", *in.ContactID, accountID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return fault.Field("contact_id", "is not a contact of this account")
			}
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		if _, ok := fault.As(err); ok {
			return Response{}, err
		}
		return Response{}, fmt.Errorf("create NPS answer: %w", err)
	}
	return view(row), nil
}

// Item is one answer of a batch, for a given account.
type Item struct {
	AccountID int64 `json:"account_id" validate:"required,gt=0"`
	Input
}

// Batch is a set of answers written together.
type Batch struct {
	Items []Item `json:"items" validate:"required,min=1,max=100000,dive"`
}

// CreateMany validates every answer and stores them all in one transaction,
// or none; with dryRun it only validates.
func (s *Service) CreateMany(ctx context.Context, b Batch, dryRun bool) (int, error) {
	if err := s.check.Struct(b); err != nil {
		return 0, err
	}
	rows := make([]store.NPSResponse, len(b.Items))
	for i, it := range b.Items {
		day, _ := store.ParseDate(it.RespondedOn)
		rows[i] = store.NPSResponse{AccountID: it.AccountID, ContactID: it.ContactID, Score: it.Score, Comment: it.Comment, RespondedOn: day}
	}
	if dryRun {
		return 0, nil
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error { return tx.CreateInBatches(rows, 1000).Error })
	if err != nil {
		return 0, fmt.Errorf("create NPS answers: %w", err)
	}
	return len(rows), nil
}

// Delete removes answer id.
func (s *Service) Delete(ctx context.Context, id int64) error {
	res := s.db.Write(ctx).Delete(&store.NPSResponse{}, id)
	if res.Error != nil {
		return fmt.Errorf("delete NPS answer: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fault.NotFound("NPS answer", id)
	}
	return nil
}

// Period selects answers by date and, optionally, account.
type Period struct {
	From      string `query:"from" validate:"omitempty,datetime=2006-01-02" format:"date"`
	To        string `query:"to" validate:"omitempty,datetime=2006-01-02" format:"date"`
	AccountID int64  `query:"account_id" validate:"gte=0"`
}

// Summarise computes NPS over the answers in p, overall and per quarter.
func (s *Service) Summarise(ctx context.Context, p Period) (Summary, error) {
	if err := s.check.Struct(p); err != nil {
		return Summary{}, err
	}
	where, args := periodFilter(p)
	rows, err := s.db.Read(ctx).Raw("SELECT score, CAST(responded_on AS TEXT) FROM nps_responses WHERE "+where, args...).Rows()
	if err != nil {
		return Summary{}, fmt.Errorf("load NPS answers: %w", err)
	}
	defer rows.Close()
	var all []int
	byQuarter := map[string][]int{}
	var order []string
	for rows.Next() {
		var score int
		var day store.Date
		if err := rows.Scan(&score, &day); err != nil {
			return Summary{}, fmt.Errorf("read NPS answers: %w", err)
		}
		all = append(all, score)
		key := QuarterOf(day.Time)
		if _, seen := byQuarter[key]; !seen {
			order = append(order, key)
		}
		byQuarter[key] = append(byQuarter[key], score)
	}
	sort.Strings(order)
	sum := Summary{Figure: Compute(all), ByQuarter: make([]Quarter, len(order))}
	for i, key := range order {
		sum.ByQuarter[i] = Quarter{Quarter: key, Figure: Compute(byQuarter[key])}
	}
	return sum, nil
}

// periodFilter is the WHERE clause choosing a period's (and an account's) answers.
func periodFilter(p Period) (string, []any) {
	where, args := "1 = 1", []any{}
	if p.From != "" {
		where, args = where+" AND responded_on >= ?", append(args, p.From)
	}
	if p.To != "" {
		where, args = where+" AND responded_on <= ?", append(args, p.To)
	}
	if p.AccountID > 0 {
		where, args = where+" AND account_id = ?", append(args, p.AccountID)
	}
	return where, args
}

// Figure gives NPS over a period, counted by the database: at 100,000
// answers this reads one narrow index instead of every answer.
func (s *Service) Figure(ctx context.Context, p Period) (Figure, error) {
	if err := s.check.Struct(p); err != nil {
		return Figure{}, err
	}
	where, args := periodFilter(p)
	var n struct{ Responses, Promoters, Detractors int }
	err := s.db.Read(ctx).Raw(`SELECT COUNT(*) AS responses,
		COALESCE(SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END), 0) AS promoters,
		COALESCE(SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END), 0) AS detractors
		FROM nps_responses WHERE `+where, args...).Scan(&n).Error
	if err != nil {
		return Figure{}, fmt.Errorf("count NPS answers: %w", err)
	}
	return fromCounts(n.Promoters, n.Responses-n.Promoters-n.Detractors, n.Detractors), nil
}

// QuarterOf names t's calendar quarter, e.g. "2026-Q4".
func QuarterOf(t time.Time) string {
	return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
}

func view(r store.NPSResponse) Response {
	return Response{ID: r.ID, AccountID: r.AccountID, ContactID: r.ContactID, Score: r.Score, Comment: r.Comment, RespondedOn: r.RespondedOn}
}
