package playbooks

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/calendar"
	"churndesk/backend/engagement"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// detector finds the occurrences of one trigger as of a day.
type detector func(tx *gorm.DB, asOf time.Time, threshold int) ([]Occurrence, error)

var detectors = map[string]detector{
	NoLogin: detectNoLogin, UsageDrop: detectUsageDrop, NPSDetractor: detectDetractors,
	HealthPoor: detectHealthPoor, PaymentOverdue: detectOverdue, CardExpiring: detectCardExpiring,
	RenewalDue: detectRenewal, Onboarding: detectOnboarding, Anniversary: detectAnniversary,
	RiskRose: detectRiskRose,
}

// live selects accounts that have not churned.
func live(tx *gorm.DB) *gorm.DB {
	return tx.Table("accounts").Where("accounts.status <> ?", "churned")
}

func day(t time.Time) store.Date { return store.NewDate(t) }

// loginWindowWeeks is how far back the no-login trigger looks for a login.
const loginWindowWeeks = 12

// detectNoLogin fires once per silent stretch: the occurrence is the day of
// the last login, so it fires again only after a new login and a new silence.
func detectNoLogin(tx *gorm.DB, asOf time.Time, days int) ([]Occurrence, error) {
	since := engagement.WeekStart(asOf).AddDate(0, 0, -7*loginWindowWeeks)
	var rows []struct {
		ID        int64
		Name      string
		Owner     string
		LastLogin store.NullTime
	}
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, MAX(u.last_login_at) AS last_login").
		Joins("JOIN usage_snapshots u ON u.account_id = accounts.id AND u.week_start >= ?", day(since)).
		Group("accounts.id, accounts.name, accounts.owner").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	var out []Occurrence
	for _, r := range rows {
		if !r.LastLogin.Valid {
			continue
		}
		last := r.LastLogin.Time.In(asOf.Location()) // its calendar day in the team's time zone
		silent := engagement.DaysSince(&last, asOf)
		if silent >= days {
			out = append(out, Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner, Key: last.Format(time.DateOnly),
				Detail: texts.New("reason.no_login", daysArg(silent), texts.Day(last))})
		}
	}
	return out, nil
}

// detectUsageDrop compares active users in the week each account's usage
// window ends on (the latest complete reported week, as for health) with
// four weeks earlier; a complete week without a snapshot counts as zero.
func detectUsageDrop(tx *gorm.DB, asOf time.Time, pct int) ([]Occurrence, error) {
	running := engagement.WeekStart(asOf)
	latest, ok, err := store.LatestUsageWeek(tx, day(running))
	if err != nil {
		return nil, err
	}
	withRunning := engagement.WindowEnd(asOf, latest.Time, ok, true)
	without := engagement.WindowEnd(asOf, latest.Time, ok, false)
	weeks := []time.Time{withRunning, withRunning.AddDate(0, 0, -28), without, without.AddDate(0, 0, -28)}
	var rows []struct {
		ID     int64
		Name   string
		Owner  string
		Week   store.Date
		Active int
	}
	err = live(tx).Select("accounts.id, accounts.name, accounts.owner, u.week_start AS week, u.active_users AS active").
		Joins("JOIN usage_snapshots u ON u.account_id = accounts.id AND u.week_start IN ?", []store.Date{day(weeks[0]), day(weeks[1]), day(weeks[2]), day(weeks[3])}).
		Order("accounts.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	type account struct {
		name, owner string
		active      map[string]int
	}
	byID := map[int64]*account{}
	var order []int64
	for _, r := range rows {
		a := byID[r.ID]
		if a == nil {
			a = &account{name: r.Name, owner: r.Owner, active: map[string]int{}}
			byID[r.ID] = a
			order = append(order, r.ID)
		}
		a.active[r.Week.String()] = r.Active
	}
	var out []Occurrence
	for _, id := range order {
		a := byID[id]
		end := without
		if _, has := a.active[withRunning.Format(time.DateOnly)]; has {
			end = withRunning
		}
		before, now := a.active[end.AddDate(0, 0, -28).Format(time.DateOnly)], a.active[end.Format(time.DateOnly)]
		if before > 0 && (before-now)*100 >= pct*before {
			out = append(out, Occurrence{AccountID: id, Name: a.name, Owner: a.owner, Key: end.Format(time.DateOnly),
				Detail: texts.New("reason.usage_drop", texts.Num(int64(before)), texts.Num(int64(now)))})
		}
	}
	return out, nil
}

// detectDetractors fires once per detractor answer (0–6) given in the last N days.
func detectDetractors(tx *gorm.DB, asOf time.Time, days int) ([]Occurrence, error) {
	var rows []struct {
		ID          int64
		Name        string
		Owner       string
		AnswerID    int64
		Score       int
		RespondedOn store.Date
	}
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, n.id AS answer_id, n.score, n.responded_on").
		Joins("JOIN nps_responses n ON n.account_id = accounts.id").
		Where("n.score <= 6 AND n.responded_on > ? AND n.responded_on <= ?", day(asOf.AddDate(0, 0, -days)), day(asOf)).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Occurrence, len(rows))
	for i, r := range rows {
		out[i] = Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner, Key: fmt.Sprintf("nps-%d", r.AnswerID),
			Detail: texts.New("reason.nps_detractor", texts.Num(int64(r.Score)), texts.Day(r.RespondedOn.Time))}
	}
	return out, nil
}

// detectHealthPoor fires for every live account whose latest health is
// poor and that has no open (or snoozed) health task: the occurrence is the
// day, so a second evaluation that day finds the tasks already there, and
// an account still poor after its tasks are done fires again on a later day.
func detectHealthPoor(tx *gorm.DB, asOf time.Time, _ int) ([]Occurrence, error) {
	var rows []struct {
		ID    int64
		Name  string
		Owner string
		Score *float64
	}
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, accounts.health_score AS score").
		Where("accounts.health_class = ?", "poor").
		Where("NOT EXISTS (SELECT 1 FROM tasks t WHERE t.account_id = accounts.id AND t.trigger = ? AND t.status IN ?)", HealthPoor, pending).
		Order("accounts.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Occurrence, len(rows))
	for i, r := range rows {
		score := 0.0
		if r.Score != nil {
			score = *r.Score
		}
		out[i] = Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner, Key: day(asOf).String(),
			Detail: texts.New("reason.health_poor", texts.Float(score))}
	}
	return out, nil
}

// detectOverdue fires once a week for as long as a payment is overdue.
func detectOverdue(tx *gorm.DB, asOf time.Time, _ int) ([]Occurrence, error) {
	var rows []struct {
		ID           int64
		Name         string
		Owner        string
		OverdueSince store.Date
	}
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, accounts.overdue_since").
		Where("accounts.payment_status = ? AND accounts.overdue_since IS NOT NULL AND accounts.overdue_since <= ?", "overdue", day(asOf)).
		Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Occurrence, len(rows))
	for i, r := range rows {
		days := engagement.DaysSince(&r.OverdueSince.Time, asOf)
		out[i] = Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner,
			Key:    fmt.Sprintf("%s/week-%d", r.OverdueSince, days/7+1),
			Detail: texts.New("reason.payment_overdue", texts.Day(r.OverdueSince.Time), daysArg(days))}
	}
	return out, nil
}

// detectCardExpiring fires once per card whose expiry month ends within N days.
func detectCardExpiring(tx *gorm.DB, asOf time.Time, days int) ([]Occurrence, error) {
	var rows []struct {
		ID              int64
		Name            string
		Owner           string
		CardExpiryMonth int
		CardExpiryYear  int
	}
	first, last := asOf.AddDate(0, 0, -31), asOf.AddDate(0, 0, days)
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, accounts.card_expiry_month, accounts.card_expiry_year").
		Where("accounts.card_expiry_year * 12 + accounts.card_expiry_month BETWEEN ? AND ?",
			first.Year()*12+int(first.Month()), last.Year()*12+int(last.Month())).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	var out []Occurrence
	for _, r := range rows {
		// A card is valid to the end of its expiry month.
		end := time.Date(r.CardExpiryYear, time.Month(r.CardExpiryMonth)+1, 0, 0, 0, 0, 0, time.UTC)
		left := int(end.Sub(day(asOf).Time).Hours() / 24)
		if left < 0 || left > days {
			continue
		}
		out = append(out, Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner,
			Key: fmt.Sprintf("%04d-%02d", r.CardExpiryYear, r.CardExpiryMonth), Detail: texts.New("reason.card_expiring", texts.Str(fmt.Sprintf("%02d/%d", r.CardExpiryMonth, r.CardExpiryYear)))})
	}
	return out, nil
}

// detectRenewal fires once per renewal date that falls within N days.
func detectRenewal(tx *gorm.DB, asOf time.Time, days int) ([]Occurrence, error) {
	return dateWithin(tx, "renewal_date", asOf, days, func(d store.Date) (string, texts.Msg) {
		return d.String(), texts.New("reason.renewal_due", texts.Day(d.Time))
	})
}

// detectOnboarding fires once per account in its first N days.
func detectOnboarding(tx *gorm.DB, asOf time.Time, days int) ([]Occurrence, error) {
	var rows []struct {
		ID            int64
		Name          string
		Owner         string
		ContractStart store.Date
	}
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, accounts.contract_start").
		Where("accounts.contract_start > ? AND accounts.contract_start <= ?", day(asOf.AddDate(0, 0, -days)), day(asOf)).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Occurrence, len(rows))
	for i, r := range rows {
		out[i] = Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner, Key: r.ContractStart.String(), Detail: texts.New("reason.onboarding", texts.Day(r.ContractStart.Time))}
	}
	return out, nil
}

// detectAnniversary fires once a year when a contract anniversary falls within N days.
func detectAnniversary(tx *gorm.DB, asOf time.Time, days int) ([]Occurrence, error) {
	var rows []struct {
		ID            int64
		Name          string
		Owner         string
		ContractStart store.Date
	}
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, accounts.contract_start").
		Where("accounts.contract_start <= ?", day(calendar.AddMonths(asOf, -12).AddDate(0, 0, days))).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	today := day(asOf).Time
	var out []Occurrence
	for _, r := range rows {
		years := today.Year() - r.ContractStart.Year()
		for _, y := range []int{years, years + 1} {
			anniversary := calendar.AddMonths(r.ContractStart.Time, 12*y)
			left := int(anniversary.Sub(today).Hours() / 24)
			if y >= 1 && left >= 0 && left <= days {
				out = append(out, Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner,
					Key: fmt.Sprintf("year-%d", y), Detail: texts.New("count.years", texts.Num(int64(y)))})
			}
		}
	}
	return out, nil
}

// daysArg is a count of days, written with the language's plural form.
func daysArg(n int) texts.Arg { return texts.Sub(texts.New("count.days", texts.Num(int64(n)))) }

// dateWithin finds accounts whose date column falls between asOf and asOf+days.
func dateWithin(tx *gorm.DB, column string, asOf time.Time, days int, describe func(store.Date) (key string, detail texts.Msg)) ([]Occurrence, error) {
	var rows []struct {
		ID    int64
		Name  string
		Owner string
		When  store.Date
	}
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, accounts."+column+" AS \"when\"").
		Where("accounts."+column+" >= ? AND accounts."+column+" <= ?", day(asOf), day(asOf.AddDate(0, 0, days))).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Occurrence, len(rows))
	for i, r := range rows {
		key, detail := describe(r.When)
		out[i] = Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner, Key: key, Detail: detail}
	}
	return out, nil
}
