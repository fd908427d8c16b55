package playbooks

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// The Today inbox's groups, by due day in the team's time zone.
const (
	GroupOverdue = "overdue" // due before today
	GroupToday   = "today"   // due today
	GroupWeek    = "week"    // due in the next 7 days
)

// todayGroups lists the groups in display order.
var todayGroups = []string{GroupOverdue, GroupToday, GroupWeek}

// weekAhead is how many days after today the "next 7 days" group reaches.
const weekAhead = 7

// TodayQuery selects one page of the Today inbox: open tasks (and snoozed
// ones due again) that are overdue, due today or due in the next 7 days.
type TodayQuery struct {
	Group     string `query:"group" validate:"omitempty,oneof=overdue today week" enum:"overdue,today,week" description:"One group only; empty: all three, most urgent first."`
	Owner     string `query:"owner" validate:"max=100" maxLength:"100" description:"Only this owner's tasks."`
	Trigger   string `query:"trigger" validate:"omitempty,oneof=no_login usage_drop nps_detractor health_poor payment_overdue card_expiring renewal_due onboarding anniversary tier_upgrade risk_rose" enum:"no_login,usage_drop,nps_detractor,health_poor,payment_overdue,card_expiring,renewal_due,onboarding,anniversary,tier_upgrade,risk_rose"`
	AccountID int64  `query:"account_id" validate:"gte=0" minimum:"0" description:"Only this account's tasks."`
	Account   string `query:"account" validate:"max=200" maxLength:"200" description:"Only accounts whose name or domain contains this text."`
	Limit     int    `query:"limit" validate:"gte=0,lte=100" minimum:"1" maximum:"100" default:"25"`
	Offset    int    `query:"offset" validate:"gte=0" minimum:"0"`
}

// TodayGroup is one group's span of due days and how many tasks it holds
// under the query's filters.
type TodayGroup struct {
	Key   string `json:"key" enum:"overdue,today,week"`
	From  string `json:"from,omitempty" format:"date" description:"First due day; empty for overdue (no lower bound)."`
	To    string `json:"to" format:"date" description:"Last due day."`
	Count int64  `json:"count"`
}

// TodayPage is one page of the Today inbox with every group's count.
type TodayPage struct {
	Today  string       `json:"today" format:"date" description:"Today in the team's time zone."`
	Groups []TodayGroup `json:"groups" description:"Overdue, today and the next 7 days, counted under the filters."`
	Total  int64        `json:"total" description:"Tasks in the selected group (or in all three)."`
	Items  []Task       `json:"items" description:"The page, ordered by due day."`
}

// Today returns one page of the Today inbox as of the service's today.
func (s *Service) Today(ctx context.Context, q TodayQuery) (TodayPage, error) {
	if err := s.check.Struct(q); err != nil {
		return TodayPage{}, err
	}
	today := day(s.now())
	last := store.NewDate(today.AddDate(0, 0, weekAhead))
	spans := map[string][2]string{
		GroupOverdue: {"", store.NewDate(today.AddDate(0, 0, -1)).String()},
		GroupToday:   {today.String(), today.String()},
		GroupWeek:    {store.NewDate(today.AddDate(0, 0, 1)).String(), last.String()},
	}
	// Each branch reads one index range: open tasks, and snoozed ones whose
	// snooze has ended. Counting and paging each branch on its own lets the
	// database count index entries and stop after a page in due order; an
	// OR of the two, or a grouped count over their union, reads every task
	// of the window.
	branch := func(group string, open bool) *gorm.DB {
		db := s.db.Read(ctx).Table("tasks")
		if open {
			db = db.Where("tasks.status = 'open'")
		} else {
			db = db.Where("tasks.status = 'snoozed' AND tasks.snoozed_until <= ?", today)
		}
		switch group {
		case GroupOverdue:
			db = db.Where("tasks.due_on < ?", today)
		case GroupToday:
			db = db.Where("tasks.due_on = ?", today)
		case GroupWeek:
			db = db.Where("tasks.due_on > ? AND tasks.due_on <= ?", today, last)
		default:
			db = db.Where("tasks.due_on <= ?", last)
		}
		if q.Owner != "" {
			db = db.Where("tasks.owner = ?", q.Owner)
		}
		if q.Trigger != "" {
			db = db.Where("tasks.trigger = ?", q.Trigger)
		}
		if q.AccountID > 0 {
			db = db.Where("tasks.account_id = ?", q.AccountID)
		}
		if text := strings.TrimSpace(q.Account); text != "" {
			db = db.Where("tasks.account_id IN (SELECT id FROM accounts WHERE search_text LIKE ? ESCAPE '\\')", "%"+escapeLike(strings.ToLower(text))+"%")
		}
		return db
	}
	page := TodayPage{Today: today.String(), Items: []Task{}}
	for _, g := range todayGroups {
		var count int64
		for _, open := range []bool{true, false} {
			var n int64
			if err := branch(g, open).Count(&n).Error; err != nil {
				return TodayPage{}, fmt.Errorf("count today's tasks: %w", err)
			}
			count += n
		}
		page.Groups = append(page.Groups, TodayGroup{Key: g, From: spans[g][0], To: spans[g][1], Count: count})
		if q.Group == "" || q.Group == g {
			page.Total += count
		}
	}
	limit := q.Limit
	if limit == 0 {
		limit = 25
	}
	type key struct {
		ID    int64
		DueOn store.Date
	}
	var keys []key
	for _, open := range []bool{true, false} {
		var part []key
		err := branch(q.Group, open).Select("tasks.id, tasks.due_on").Order("tasks.due_on, tasks.id").Limit(q.Offset + limit).Scan(&part).Error
		if err != nil {
			return TodayPage{}, fmt.Errorf("page today's tasks: %w", err)
		}
		keys = append(keys, part...)
	}
	sort.Slice(keys, func(i, j int) bool {
		if !keys[i].DueOn.Equal(keys[j].DueOn.Time) {
			return keys[i].DueOn.Before(keys[j].DueOn.Time)
		}
		return keys[i].ID < keys[j].ID
	})
	var ids []int64
	for i := q.Offset; i < len(keys) && i < q.Offset+limit; i++ {
		ids = append(ids, keys[i].ID)
	}
	if len(ids) == 0 {
		return page, nil
	}
	var rows []taskRow
	err := s.db.Read(ctx).Table("tasks").Joins("JOIN accounts ON accounts.id = tasks.account_id").Select("tasks.*, accounts.name AS account_name").
		Where("tasks.id IN ?", ids).Order("tasks.due_on, tasks.id").Scan(&rows).Error
	if err != nil {
		return TodayPage{}, fmt.Errorf("list today's tasks: %w", err)
	}
	for _, r := range rows {
		page.Items = append(page.Items, r.view(texts.Lang(ctx)))
	}
	return page, nil
}

// escapeLike escapes LIKE's wildcards so text matches literally.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
