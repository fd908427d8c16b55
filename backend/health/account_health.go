package health

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

// HistoryPoint is an account's stored score for one week.
type HistoryPoint struct {
	Week  store.Date `json:"week"`
	Score float64    `json:"score"`
	Class Class      `json:"class" enum:"good,average,poor,no_data"`
}

// The states of a week on the usage chart.
const (
	WeekReported = "reported" // a snapshot was stored for the week
	WeekMissing  = "missing"  // a complete week without a snapshot: zero usage
	WeekPending  = "pending"  // after the latest reported week: not reported yet, not zero
)

// UsagePoint is one week of usage as charts show it.
type UsagePoint struct {
	Week           store.Date `json:"week"`
	Status         string     `json:"status" enum:"reported,missing,pending" description:"reported; missing (a complete week without a snapshot, counted as zero); pending (not reported yet, left out of the score)."`
	ActiveUsers    int        `json:"active_users"`
	Logins         int        `json:"logins"`
	KeyFeatureUses int        `json:"key_feature_uses"`
}

// NPSPoint is one NPS answer on the account's timeline.
type NPSPoint struct {
	ID          int64      `json:"id"`
	RespondedOn store.Date `json:"responded_on"`
	Score       int        `json:"score"`
	Comment     string     `json:"comment"`
}

// AccountHealth is everything the account page's health panel shows.
type AccountHealth struct {
	AccountID        int64            `json:"account_id"`
	AsOf             store.Date       `json:"as_of"`
	Live             Score            `json:"live" description:"The score computed now with the current model."`
	Trend            engagement.Trend `json:"trend"`
	LastLoginAt      *time.Time       `json:"last_login_at"`
	LoginRecencyDays *int             `json:"login_recency_days"`
	SeatUtilisation  *float64         `json:"seat_utilisation_pct" description:"Active users ÷ seats in the week the usage window ends on."`
	WindowEnd        store.Date       `json:"window_end" description:"Monday of the latest complete reported week, where the usage window ends."`
	History          []HistoryPoint   `json:"history" description:"Stored weekly scores, oldest first."`
	Usage            []UsagePoint     `json:"usage" description:"Every week from the first snapshot of the last 52 weeks to the running week, oldest first."`
	NPS              []NPSPoint       `json:"nps" description:"NPS answers, newest first."`
}

// historyWeeks is how far back the panel's charts reach.
const historyWeeks = 52

// Account explains account id's health as of today.
func (s *Service) Account(ctx context.Context, id int64) (AccountHealth, error) {
	db := s.db.Read(ctx)
	asOf := s.now()
	var acc store.Account
	if err := db.First(&acc, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return AccountHealth{}, fault.NotFound("Account", id)
		}
		return AccountHealth{}, fmt.Errorf("load account %d: %w", id, err)
	}
	set, err := loadSettings(db)
	if err != nil {
		return AccountHealth{}, err
	}
	win, err := loadWindow(db, asOf)
	if err != nil {
		return AccountHealth{}, err
	}
	inputs, err := loadInputs(db, []store.Account{acc}, set.Engagement, win)
	if err != nil {
		return AccountHealth{}, err
	}
	in := inputs[id]
	out := AccountHealth{AccountID: id, AsOf: store.NewDate(asOf), Live: set.Model.Evaluate(in.measures), Trend: in.trend,
		LastLoginAt: in.lastLoginAt, SeatUtilisation: in.measures.SeatUtilisation, WindowEnd: store.NewDate(in.windowEnd)}
	if out.Trend.Weeks == nil {
		out.Trend.Weeks = []int{}
	}
	if in.lastLoginAt != nil {
		days := engagement.DaysSince(in.lastLoginAt, asOf)
		out.LoginRecencyDays = &days
	}
	if err := s.loadTimelines(db, id, asOf, in.windowEnd, &out); err != nil {
		return AccountHealth{}, err
	}
	return out, nil
}

func (s *Service) loadTimelines(db *gorm.DB, id int64, asOf, windowEnd time.Time, out *AccountHealth) error {
	since := store.NewDate(engagement.WeekStart(asOf).AddDate(0, 0, -7*(historyWeeks-1)))
	var scores []store.HealthScore
	if err := db.Where("account_id = ? AND week_start >= ?", id, since).Order("week_start").Find(&scores).Error; err != nil {
		return fmt.Errorf("load health history: %w", err)
	}
	out.History = make([]HistoryPoint, len(scores))
	for i, h := range scores {
		out.History[i] = HistoryPoint{Week: h.WeekStart, Score: h.Score, Class: Class(h.Class)}
	}
	var usage []store.UsageSnapshot
	if err := db.Where("account_id = ? AND week_start >= ?", id, since).Order("week_start").Find(&usage).Error; err != nil {
		return fmt.Errorf("load usage: %w", err)
	}
	out.Usage = usageTimeline(usage, engagement.WeekStart(asOf), windowEnd)
	var answers []store.NPSResponse
	if err := db.Where("account_id = ?", id).Order("responded_on DESC, id DESC").Limit(100).Find(&answers).Error; err != nil {
		return fmt.Errorf("load NPS: %w", err)
	}
	out.NPS = make([]NPSPoint, len(answers))
	for i, a := range answers {
		out.NPS[i] = NPSPoint{ID: a.ID, RespondedOn: a.RespondedOn, Score: a.Score, Comment: a.Comment}
	}
	return nil
}

// usageTimeline lays stored weeks out as every week from the first one to
// the running week: weeks up to windowEnd without a snapshot are missing
// (zero), weeks after it are pending unless a snapshot already arrived.
func usageTimeline(usage []store.UsageSnapshot, running, windowEnd time.Time) []UsagePoint {
	out := []UsagePoint{}
	if len(usage) == 0 {
		return out
	}
	byWeek := make(map[string]store.UsageSnapshot, len(usage))
	for _, u := range usage {
		byWeek[u.WeekStart.String()] = u
	}
	for w := usage[0].WeekStart.Time; !w.After(running); w = w.AddDate(0, 0, 7) {
		p := UsagePoint{Week: store.NewDate(w), Status: WeekMissing}
		if u, ok := byWeek[p.Week.String()]; ok {
			p.Status, p.ActiveUsers, p.Logins, p.KeyFeatureUses = WeekReported, u.ActiveUsers, u.Logins, u.KeyFeatureUses
		} else if w.After(windowEnd) {
			p.Status = WeekPending
		}
		out = append(out, p)
	}
	return out
}

// Frozen is an account's engagement and health as of a day, for freezing on
// a churn record.
type Frozen struct {
	Trend       engagement.Trend
	HealthScore *float64
	HealthClass string
}

// FreezeAt computes acc's engagement trend over the weeks up to day, and
// takes its stored health of that week (or the latest before it).
func FreezeAt(db *gorm.DB, acc store.Account, day time.Time) (Frozen, error) {
	set, err := loadSettings(db)
	if err != nil {
		return Frozen{}, err
	}
	win, err := loadWindow(db, day)
	if err != nil {
		return Frozen{}, err
	}
	inputs, err := loadInputs(db, []store.Account{acc}, set.Engagement, win)
	if err != nil {
		return Frozen{}, err
	}
	f := Frozen{Trend: inputs[acc.ID].trend}
	if f.Trend.Weeks == nil {
		f.Trend.Weeks = []int{}
	}
	var h store.HealthScore
	err = db.Where("account_id = ? AND week_start <= ?", acc.ID, store.NewDate(day)).Order("week_start DESC").Limit(1).Find(&h).Error
	if err != nil {
		return Frozen{}, fmt.Errorf("load health at churn: %w", err)
	}
	if h.ID != 0 {
		score := h.Score
		f.HealthScore, f.HealthClass = &score, h.Class
	}
	return f, nil
}
