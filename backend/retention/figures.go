package retention

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Life is one stretch of an account being a customer: from the contract
// start (or reactivation) to the churn date, or still going. Current
// customers may be read grouped: then one Life stands for Count customers
// who started on the same day, with no AccountID.
type Life struct {
	AccountID   int64 // 0 for a group of current customers
	Count       int   // customers this life stands for; 0 means one
	From        time.Time
	To          *time.Time // churn date; nil while still a customer
	Segment     string
	Plan        string
	Channel     string // where the customer came from: the CRM source, or direct
	Currency    string
	Reason      string // churn reason key, for lives that ended
	Preventable bool
	Voluntary   bool
	Engagement  string // engagement class at churn
	MRRLost     int64
}

// n is how many customers the life stands for.
func (l Life) n() int { return max(l.Count, 1) }

func (l Life) customerOn(d time.Time) bool {
	return !l.From.After(d) && (l.To == nil || l.To.After(d))
}

// Movement is a dated change of an account's MRR, signed: new, expansion and
// reactivation add; contraction and churn subtract.
type Movement struct {
	AccountID int64
	Date      time.Time
	Kind      string
	Amount    int64
	Currency  string
	// BaseCustomer says the movement's account was a customer at the
	// period's start, for movements the database has summed (AccountID 0).
	BaseCustomer bool
}

// Figure is one number with the formula and inputs that produced it.
type Figure struct {
	Key     string             `json:"key"`
	Value   *float64           `json:"value" description:"null when the formula divides by zero."`
	Unit    string             `json:"unit" enum:"percent,count,money,months"`
	Formula string             `json:"formula"`
	Inputs  map[string]float64 `json:"inputs"`
}

// Revenue holds the revenue figures of one currency.
type Revenue struct {
	Currency    string   `json:"currency"`
	MRRStart    int64    `json:"mrr_start"`
	MRREnd      int64    `json:"mrr_end"`
	Expansion   int64    `json:"expansion"`
	Contraction int64    `json:"contraction"`
	Churned     int64    `json:"churned"`
	Figures     []Figure `json:"figures"`
}

// Period is the time the figures describe; AsOf bounds what is known.
type Period struct {
	From, To, AsOf time.Time
}

func pct(num, den float64) *float64 {
	if den == 0 {
		return nil
	}
	v := math.Round(num/den*100*100) / 100
	return &v
}

// months is the period's length in months (days ÷ 30.4375).
func (p Period) months() float64 { return p.To.Sub(p.From).Hours() / 24 / 30.4375 }

// Counts are the customer counts of a period.
type Counts struct {
	Start       int `json:"start" description:"Customers at the period's start (S)."`
	End         int `json:"end" description:"Customers at its end (E)."`
	New         int `json:"new" description:"Customers who started in the period (N)."`
	Lost        int `json:"lost"`
	Preventable int `json:"preventable"`
	Unavoidable int `json:"unavoidable"`
	Involuntary int `json:"involuntary"`
}

// CountLives counts customers at the start and end, new and lost customers.
func CountLives(lives []Life, p Period) Counts {
	var c Counts
	for _, l := range lives {
		n := l.n()
		if l.customerOn(p.From) {
			c.Start += n
		}
		if l.customerOn(p.To) {
			c.End += n
		}
		if l.From.After(p.From) && !l.From.After(p.To) {
			c.New += n
		}
		if l.To != nil && l.To.After(p.From) && !l.To.After(p.To) {
			c.Lost += n
			if l.Preventable {
				c.Preventable += n
			} else {
				c.Unavoidable += n
			}
			if !l.Voluntary {
				c.Involuntary += n
			}
		}
	}
	return c
}

// CustomerFigures are CRR, logo churn and the churn shares.
func CustomerFigures(c Counts) []Figure {
	s := float64(c.Start)
	return []Figure{
		{Key: "crr", Value: pct(float64(c.End-c.New), s), Unit: "percent", Formula: "CRR = (E − N) ÷ S × 100",
			Inputs: map[string]float64{"S": s, "E": float64(c.End), "N": float64(c.New)}},
		{Key: "logo_churn", Value: pct(float64(c.Lost), s), Unit: "percent", Formula: "Logo churn = customers lost ÷ S × 100",
			Inputs: map[string]float64{"lost": float64(c.Lost), "S": s}},
		{Key: "preventable_share", Value: pct(float64(c.Preventable), float64(c.Lost)), Unit: "percent",
			Formula: "Preventable share = preventable churns ÷ customers lost × 100", Inputs: map[string]float64{"preventable": float64(c.Preventable), "lost": float64(c.Lost)}},
		{Key: "unavoidable_share", Value: pct(float64(c.Unavoidable), float64(c.Lost)), Unit: "percent",
			Formula: "Unavoidable share = unavoidable churns ÷ customers lost × 100", Inputs: map[string]float64{"unavoidable": float64(c.Unavoidable), "lost": float64(c.Lost)}},
		{Key: "preventable_rate", Value: pct(float64(c.Preventable), s), Unit: "percent",
			Formula: "Preventable churn rate = preventable churns ÷ S × 100 (B2B norm with unavoidable: ≤ 10–15 % a year)", Inputs: map[string]float64{"preventable": float64(c.Preventable), "S": s}},
		{Key: "unavoidable_rate", Value: pct(float64(c.Unavoidable), s), Unit: "percent",
			Formula: "Unavoidable churn rate = unavoidable churns ÷ S × 100", Inputs: map[string]float64{"unavoidable": float64(c.Unavoidable), "S": s}},
	}
}

// RevenueFigures computes gross revenue churn, GRR, NRR and CLV per
// currency, from the movements of accounts that were customers at the start
// (known from their own life, or told by the movement's BaseCustomer).
func RevenueFigures(lives []Life, moves []Movement, c Counts, p Period) []Revenue {
	base := map[int64]bool{}
	customersByCurrency := map[string]int{}
	for _, l := range lives {
		if l.customerOn(p.From) {
			if l.AccountID != 0 {
				base[l.AccountID] = true
			}
			customersByCurrency[l.Currency] += l.n()
		}
	}
	inBase := func(m Movement) bool {
		return base[m.AccountID] || m.BaseCustomer
	}
	byCur := map[string]*Revenue{}
	get := func(cur string) *Revenue {
		if byCur[cur] == nil {
			byCur[cur] = &Revenue{Currency: cur}
		}
		return byCur[cur]
	}
	for _, m := range moves {
		if m.Date.After(p.To) {
			continue
		}
		r := get(m.Currency)
		if !m.Date.After(p.From) {
			r.MRRStart += m.Amount
			r.MRREnd += m.Amount
			continue
		}
		r.MRREnd += m.Amount
		if !inBase(m) {
			continue
		}
		switch m.Kind {
		case "expansion", "reactivation":
			r.Expansion += m.Amount
		case "contraction":
			r.Contraction -= m.Amount
		case "churn":
			r.Churned -= m.Amount
		}
	}
	monthlyChurn := 0.0
	if c.Start > 0 && p.months() > 0 {
		monthlyChurn = float64(c.Lost) / float64(c.Start) / p.months()
	}
	out := make([]Revenue, 0, len(byCur))
	for _, r := range byCur {
		start := float64(r.MRRStart)
		in := map[string]float64{"mrr_start": start, "expansion": float64(r.Expansion), "contraction": float64(r.Contraction), "churned": float64(r.Churned)}
		r.Figures = []Figure{
			{Key: "gross_revenue_churn", Value: pct(float64(r.Churned+r.Contraction), start), Unit: "percent",
				Formula: "Gross revenue churn = (churned MRR + contraction MRR) ÷ MRR at start × 100", Inputs: in},
			{Key: "grr", Value: pct(start-float64(r.Contraction)-float64(r.Churned), start), Unit: "percent",
				Formula: "GRR = (MRR at start − contraction − churned MRR) ÷ MRR at start × 100", Inputs: in},
			{Key: "nrr", Value: pct(start+float64(r.Expansion)-float64(r.Contraction)-float64(r.Churned), start), Unit: "percent",
				Formula: "NRR = (MRR at start + expansion − contraction − churned MRR) ÷ MRR at start × 100", Inputs: in},
		}
		n := float64(customersByCurrency[r.Currency])
		clv := Figure{Key: "clv", Unit: "money", Formula: fmt.Sprintf("CLV = ARPA ÷ monthly logo churn rate (window: %.1f months; ARPA = MRR at start ÷ customers at start in %s)", p.months(), r.Currency),
			Inputs: map[string]float64{"mrr_start": start, "customers": n, "monthly_logo_churn": math.Round(monthlyChurn*1e6) / 1e6}}
		if n > 0 && monthlyChurn > 0 {
			v := math.Round(start / n / monthlyChurn)
			clv.Value = &v
		}
		r.Figures = append(r.Figures, clv)
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].MRRStart > out[j].MRRStart })
	return out
}

// Renewals counts contract anniversaries falling in the period (renewals
// due) and those after which the customer stayed at least 30 days (renewed).
func Renewals(lives []Life, p Period) (due, renewed int) {
	const grace = 30 * 24 * time.Hour
	for _, l := range lives {
		for k := 1; ; k++ {
			a := l.From.AddDate(k, 0, 0)
			if a.After(p.To) {
				break
			}
			if !a.After(p.From) || (l.To != nil && l.To.Before(a.Add(-grace))) {
				continue
			}
			due += l.n()
			check := a.Add(grace)
			if check.After(p.AsOf) {
				check = p.AsOf
			}
			if l.To == nil || l.To.After(check) {
				renewed += l.n()
			}
		}
	}
	return due, renewed
}

// RenewalFigure states the renewal rate.
func RenewalFigure(due, renewed int) Figure {
	return Figure{Key: "renewal_rate", Value: pct(float64(renewed), float64(due)), Unit: "percent",
		Formula: "Renewal rate = renewed ÷ renewals due × 100 (due: contract anniversaries in the period; renewed: still a customer 30 days later; B2B norm 85–90 %)",
		Inputs:  map[string]float64{"renewed": float64(renewed), "due": float64(due)}}
}
