package retention

import "churndesk/backend/fx"

// HomeRevenue is the portfolio's revenue in the home currency: every
// currency's movements converted at one set of rates, the latest on or
// before the period's end, so that a change of rate inside the period is
// not read as expansion or churn.
type HomeRevenue struct {
	Revenue    *Revenue  `json:"revenue" description:"GRR, NRR, gross revenue churn and CLV of the whole portfolio in the home currency; null when a currency has no rate (see conversion.warnings) or no home currency is set."`
	RatesOn    string    `json:"rates_on" format:"date" description:"The day the rates are taken for: the latest rate on or before it."`
	Conversion fx.Report `json:"conversion"`
}

// HomeFigures converts the movements RevenueFigures reads into the home
// currency and computes the portfolio's figures from them; it also fills
// each breakdown slice's MRR lost in the home currency. A currency without
// a rate leaves the figures null and says so in the conversion's warnings.
func HomeFigures(conv *fx.Converter, lives []Life, moves []Movement, c Counts, p Period, b *Breakdowns) HomeRevenue {
	out := HomeRevenue{RatesOn: day(p.To)}
	home := conv.Home()
	complete := home != ""
	converted := make([]Movement, 0, len(moves))
	for _, m := range moves {
		if m.Date.After(p.To) || m.Amount == 0 {
			continue
		}
		v, ok := conv.Convert(m.Amount, m.Currency, p.To)
		if !ok {
			complete = false
			continue
		}
		m.Amount, m.Currency = v, home
		converted = append(converted, m)
	}
	if home == "" {
		conv.Convert(0, "", p.To) // records the missing home currency
	}
	if complete {
		// Every customer counts towards ARPA, whatever their currency.
		same := make([]Life, len(lives))
		for i, l := range lives {
			l.Currency = home
			same[i] = l
		}
		rev := RevenueFigures(same, converted, c, p)
		r := Revenue{Currency: home, Figures: []Figure{}}
		if len(rev) > 0 {
			r = rev[0]
		}
		note := " (converted to " + home + " at the rates of " + day(p.To) + ")"
		for i := range r.Figures {
			r.Figures[i].Formula += note
		}
		out.Revenue = &r
	}
	if b != nil {
		for _, slices := range [][]Slice{b.Reason, b.Tenure, b.Engagement, b.Plan, b.Segment} {
			for i := range slices {
				slices[i].MRRLostHome = conv.Sum(slices[i].MRRLost, p.To)
			}
		}
	}
	out.Conversion = conv.Report()
	return out
}
