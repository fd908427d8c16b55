package demo

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"churndesk/backend/calendar"
	"churndesk/backend/churn"
	"churndesk/backend/engagement"
	"churndesk/backend/store"
)

// churnPlan is how a generated account leaves, if it does.
type churnPlan struct {
	date   time.Time
	reason churn.Reason
	record store.ChurnRecord
}

// reasonWeights make price, low usage and competitors the common reasons.
var reasonWeights = map[string]int{
	"price_budget": 18, "competitor": 14, "competitor_promotion": 5, "missing_feature": 12, "product_quality": 8,
	"support_experience": 5, "low_usage": 18, "business_closed": 6, "management_change": 5, "payment_failure": 6, "other": 3,
}

var competitors = []string{"Gainsight", "ChurnZero", "Vitally", "Totango", "Planhat", "a spreadsheet"}

// exitWords are what departing customers said, by language of the region.
var exitWords = map[string]struct{ quotes, lessons []string }{
	"USD": {
		[]string{"We never got the second team onto it.", "Honestly, the price doubled for us after the seat change.", "The integration with our CRM kept breaking.", "Your support team was great, the product just wasn't a fit anymore."},
		[]string{"Check adoption at day 30, not day 90.", "Offer an annual plan before the renewal, not at it.", "Escalate integration bugs for accounts over 1k MRR."},
	},
	"EUR": {
		[]string{"Wir brauchen eine DATEV-Anbindung.", "The new management wants one tool for everything.", "Zu teuer im Vergleich zum Wettbewerber."},
		[]string{"Bring the champion's manager into the QBR.", "Track feature requests per account, not per ticket."},
	},
	"PLN": {
		[]string{"Brakowało nam integracji z Comarchem.", "Za drogo przy naszej skali.", "Zespół przestał korzystać po odejściu naszego championa."},
		[]string{"Szybciej reagować na spadek logowań.", "Mieć drugiego championa w każdym koncie."},
	},
	"RUB": {
		[]string{"Нам не хватило интеграции с 1С.", "После смены руководства выбрали другой сервис.", "Слишком дорого для нашего бюджета."},
		[]string{"Раньше замечать падение активности.", "Предлагать годовой тариф заранее."},
	},
}

// maybeChurn decides whether p's account churns and fills in the record.
func (g *generator) maybeChurn(p *accountPlan, reasons []churn.Reason) {
	start := p.row.ContractStart.Time
	earliest := start.AddDate(0, 0, 90)
	if floor := calendar.AddMonths(g.today, -24); floor.After(earliest) {
		earliest = floor
	}
	latest := g.today.AddDate(0, 0, -3)
	if !earliest.Before(latest) || p.row.Status != "active" || g.r.IntN(100) >= 16 {
		return
	}
	day := earliest.Add(time.Duration(g.r.Int64N(int64(latest.Sub(earliest)))))
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	// Half of the customers who leave do so by not renewing: on an anniversary.
	if g.r.IntN(2) == 0 {
		for k := 1; ; k++ {
			a := calendar.AddMonths(start, 12*k)
			if a.After(latest) {
				break
			}
			if !a.Before(earliest) {
				day = a
			}
		}
	}
	weights := make([]int, len(reasons))
	for i, r := range reasons {
		weights[i] = reasonWeights[r.Key]
	}
	reason := reasons[g.weighted(weights)]
	p.trend = []trend{trendDeclining, trendGoneQuiet, trendStable}[g.weighted([]int{55, 30, 15})]
	p.row.Status = "churned"
	p.row.PaymentStatus, p.row.OverdueSince, p.row.CardExpiryMonth, p.row.CardExpiryYear = "ok", nil, nil, nil
	rec := store.ChurnRecord{
		ChurnDate: store.NewDate(day), Reason: reason.Key, Preventable: reason.Preventable, Voluntary: reason.Voluntary,
		TenureDays: int(day.Sub(start).Hours() / 24), ContractStart: p.row.ContractStart, MRRLost: p.row.MRR, Currency: p.row.Currency,
		Answers: "{}", Quotes: "[]", EngagementWeeks: "[]", CreatedBy: "demo", UpdatedBy: "demo",
	}
	if strings.HasPrefix(reason.Key, "competitor") {
		rec.Competitor = g.pick(competitors)
	}
	words := exitWords[p.region.currency]
	if p.region.tld == ".eu" {
		words = exitWords["RUB"]
	}
	if g.r.IntN(100) < 65 {
		interview := store.NewDate(day.AddDate(0, 0, 2+g.r.IntN(9)))
		if interview.After(g.today) {
			interview = store.NewDate(g.today)
		}
		quote := g.pick(words.quotes)
		rec.ExitInterviewDate, rec.Interviewer = &interview, p.row.Owner
		rec.Quotes = mustJSON([]string{quote})
		rec.Answers = mustJSON(map[string]string{"main_reason": quote})
		rec.Lessons = g.pick(words.lessons)
		rec.WouldReturn = []string{"yes", "maybe", "no"}[g.weighted([]int{20, 45, 35})]
		if rec.WouldReturn != "no" {
			follow := store.NewDate(calendar.AddMonths(day, 3+3*g.r.IntN(2)))
			rec.FollowUpOn = &follow
		}
	}
	p.churn = &churnPlan{date: day, reason: reason, record: rec}
}

// freezeEngagement sets the record's engagement at churn from the weeks
// generated up to the churn date.
func freezeEngagement(rec *store.ChurnRecord, usage []store.UsageSnapshot) {
	weeks := make([]engagement.Week, len(usage))
	for i, u := range usage {
		weeks[i] = engagement.Week{Start: u.WeekStart.Time, ActiveUsers: u.ActiveUsers, Logins: u.Logins}
	}
	t := engagement.TrendOf(weeks, engagement.DefaultSettings())
	rec.EngagementClass, rec.EngagementWeeks = string(t.Class), mustJSON(t.Weeks)
	if len(weeks) == 0 {
		rec.EngagementClass = ""
	}
}

// movements gives the account's MRR history: a start at a lower or higher
// price, a later expansion or contraction to today's MRR, and the churn.
func (g *generator) movements(p accountPlan) []store.MRRMovement {
	final := p.row.MRR
	start := p.row.ContractStart
	end := g.today
	if p.churn != nil {
		end = p.churn.date
	}
	var out []store.MRRMovement
	add := func(day time.Time, kind string, amount int64) {
		if amount != 0 {
			out = append(out, store.MRRMovement{Date: store.NewDate(day), Kind: kind, Amount: amount, Currency: p.row.Currency, CreatedAt: g.today})
		}
	}
	span := end.Sub(start.Time)
	switch n := g.r.IntN(100); {
	case n < 30 && span > 60*24*time.Hour:
		initial := final * int64(60+g.r.IntN(30)) / 100
		add(start.Time, "new", initial)
		add(start.Time.Add(time.Duration(g.r.Int64N(int64(span)))), "expansion", final-initial)
	case n < 40 && span > 60*24*time.Hour:
		initial := final * int64(110+g.r.IntN(40)) / 100
		add(start.Time, "new", initial)
		add(start.Time.Add(time.Duration(g.r.Int64N(int64(span)))), "contraction", final-initial)
	default:
		add(start.Time, "new", final)
	}
	if p.churn != nil {
		add(p.churn.date, "churn", -final)
	}
	return out
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encode %T: %v", v, err))
	}
	return string(b)
}
