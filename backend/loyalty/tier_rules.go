package loyalty

import (
	"sort"
	"time"

	"churndesk/backend/calendar"
	"churndesk/backend/texts"
)

// Qualifies reports whether s meets every rule of t, and explains each rule
// as a message ("tenure 36 months ≥ 6 months") written in any language later.
func Qualifies(t TierInput, s Subject) (bool, []Rule) {
	ok := true
	var why []Rule
	check := func(pass bool, what string, have, need texts.Arg) {
		if !pass {
			ok = false
		}
		key := "tier.rule.fail"
		if pass {
			key = "tier.rule.pass"
		}
		why = append(why, Rule{Pass: pass, Msg: texts.New(key, texts.Sub(texts.New("tier.what."+what)), have, need)})
	}
	months := func(n int) texts.Arg { return texts.Sub(texts.New("count.months", texts.Num(int64(n)))) }
	if t.MinTenureMonths > 0 {
		check(s.TenureMonths >= t.MinTenureMonths, "tenure", months(s.TenureMonths), months(t.MinTenureMonths))
	}
	moneyRule := func(what string, have, need int64) {
		if s.NoRate != "" {
			check(false, what, texts.Sub(texts.New("tier.no_rate", texts.Str(s.NoRate))), texts.Amount(need, ""))
			return
		}
		check(have >= need, what, texts.Amount(have, s.Currency), texts.Amount(need, s.Currency))
	}
	if t.MinMRR > 0 {
		moneyRule("mrr", s.MRR, t.MinMRR)
	}
	if t.MinLifetimeRevenue > 0 {
		moneyRule("lifetime_revenue", s.LifetimeRevenue, t.MinLifetimeRevenue)
	}
	if t.MinHealth != "" {
		pass := healthRank[s.Health] >= healthRank[t.MinHealth]
		health := s.Health
		if health == "" {
			health = "unscored"
		} // no_data ranks with unscored: below poor
		check(pass, "health", texts.Sub(texts.New("health."+health)), texts.Sub(texts.New("health."+t.MinHealth)))
	}
	return ok, why
}

// Rule is one rule of a tier checked against an account.
type Rule struct {
	Pass bool
	Msg  texts.Msg
}

// Place returns the best tier (highest rank) whose rules s meets, or "",
// with the reason: the rules it met, or for no tier those it missed.
func Place(tiers []TierInput, s Subject) (string, texts.Msg) {
	var missed texts.Msg
	for _, t := range bestFirst(tiers) {
		ok, why := Qualifies(t, s)
		if ok {
			return t.Name, rulesText(why, true)
		}
		// Keep what the lowest tier missed: the nearest one to reach.
		if failed := rulesText(why, false); len(failed.Args[0].List) > 0 {
			missed = texts.New("tier.needs", texts.Str(t.Name), failed.Args[0])
		}
	}
	if missed.IsZero() {
		return "", texts.New("tier.none")
	}
	return "", missed
}

// placeName is the name Place returns, with tiers already sorted best
// first, without writing the reasons: an evaluation needs the reason only
// for the few accounts that move.
func placeName(sorted []TierInput, s Subject) string {
	money := func(have, need int64) bool { return need <= 0 || (s.NoRate == "" && have >= need) }
	for _, t := range sorted {
		if (t.MinTenureMonths <= 0 || s.TenureMonths >= t.MinTenureMonths) && money(s.MRR, t.MinMRR) &&
			money(s.LifetimeRevenue, t.MinLifetimeRevenue) && (t.MinHealth == "" || healthRank[s.Health] >= healthRank[t.MinHealth]) {
			return t.Name
		}
	}
	return ""
}

// bestFirst sorts tiers by rank, highest first, as Place tries them.
func bestFirst(tiers []TierInput) []TierInput {
	sorted := append([]TierInput{}, tiers...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Rank > sorted[j].Rank })
	return sorted
}

// rulesText joins the rules that passed (or failed) into one message.
func rulesText(rules []Rule, pass bool) texts.Msg {
	list := []texts.Msg{}
	for _, r := range rules {
		if r.Pass == pass {
			list = append(list, r.Msg)
		}
	}
	return texts.New(texts.KeyLiteral, texts.Join(list...))
}

// TenureMonths counts whole months from start to asOf by the month rule of
// domain.md: a start on 29 Feb 2024 has 12 months on 28 Feb 2025.
func TenureMonths(start, asOf time.Time) int {
	return calendar.WholeMonths(start, asOf)
}

// LifetimeRevenue sums each MRR movement times the months it has been in
// force up to asOf (pro rata by days, 30.4375 days a month).
func LifetimeRevenue(moves []Movement, asOf time.Time) int64 {
	var total float64
	for _, m := range moves {
		if m.Date.After(asOf) {
			continue
		}
		total += float64(m.Amount) * asOf.Sub(m.Date).Hours() / 24 / 30.4375
	}
	return int64(total + 0.5)
}

// Movement is a dated MRR change, signed.
type Movement struct {
	Date   time.Time
	Amount int64
}
