package loyalty

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"churndesk/backend/calendar"
	"churndesk/backend/fx"
)

// Qualifies reports whether s meets every rule of t, and explains each rule.
func Qualifies(t TierInput, s Subject) (bool, []string) {
	ok := true
	var why []string
	check := func(pass bool, text string) {
		if !pass {
			ok = false
		}
		why = append(why, text)
	}
	if t.MinTenureMonths > 0 {
		check(s.TenureMonths >= t.MinTenureMonths, compare("tenure", fmt.Sprintf("%d mo", s.TenureMonths), fmt.Sprintf("%d mo", t.MinTenureMonths), s.TenureMonths >= t.MinTenureMonths))
	}
	moneyRule := func(what string, have, need int64) {
		if s.NoRate != "" {
			check(false, compare(what, "(no "+s.NoRate+" rate)", money(need, ""), false))
			return
		}
		check(have >= need, compare(what, money(have, s.Currency), money(need, s.Currency), have >= need))
	}
	if t.MinMRR > 0 {
		moneyRule("MRR", s.MRR, t.MinMRR)
	}
	if t.MinLifetimeRevenue > 0 {
		moneyRule("lifetime revenue", s.LifetimeRevenue, t.MinLifetimeRevenue)
	}
	if t.MinHealth != "" {
		pass := healthRank[s.Health] >= healthRank[t.MinHealth]
		health := s.Health
		switch health {
		case "":
			health = "unscored"
		case "no_data":
			health = "too little data" // ranks with unscored: below poor
		}
		check(pass, compare("health", health, t.MinHealth, pass))
	}
	return ok, why
}

func compare(what, have, need string, pass bool) string {
	if pass {
		return fmt.Sprintf("%s %s ≥ %s", what, have, need)
	}
	return fmt.Sprintf("%s %s < %s", what, have, need)
}

// money writes minor units as major units, with the currency when known.
func money(minor int64, currency string) string {
	if currency == "" {
		return fmt.Sprintf("%.2f", float64(minor)/100)
	}
	digits := fx.Digits(currency)
	return fmt.Sprintf("%s %.*f", currency, digits, float64(minor)/math.Pow10(digits))
}

// Place returns the best tier (highest rank) whose rules s meets, or "",
// with the reason: the rules it met, or for no tier those it missed.
func Place(tiers []TierInput, s Subject) (string, string) {
	sorted := append([]TierInput{}, tiers...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Rank > sorted[j].Rank })
	var missed []string
	for _, t := range sorted {
		ok, why := Qualifies(t, s)
		if ok {
			return t.Name, strings.Join(why, ", ")
		}
		// Keep what the lowest tier missed: the nearest one to reach.
		missed = missed[:0]
		for _, w := range why {
			if strings.Contains(w, " < ") {
				missed = append(missed, w)
			}
		}
		if len(missed) > 0 {
			missed = append([]string{t.Name + " needs"}, missed...)
		}
	}
	if len(missed) == 0 {
		return "", "no tiers defined"
	}
	return "", missed[0] + " " + strings.Join(missed[1:], ", ")
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
