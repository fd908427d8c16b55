package retention

import (
	"math"
	"sort"
	"time"
)

// Slice is one group of a breakdown of the customers lost in a period.
type Slice struct {
	Key     string           `json:"key"`
	Count   int              `json:"count"`
	MRRLost map[string]int64 `json:"mrr_lost" description:"MRR lost per currency, minor units."`
	// MRRLostHome is filled by HomeFigures.
	MRRLostHome *int64 `json:"mrr_lost_home" description:"MRR lost in the home currency, minor units; null when a currency has no rate (see home.conversion.warnings)."`
}

// Breakdowns group the period's lost customers several ways.
type Breakdowns struct {
	Reason     []Slice `json:"reason"`
	Tenure     []Slice `json:"tenure" description:"Tenure at churn: 0-3m, 3-6m, 6-12m, 1-2y, 2y+."`
	Engagement []Slice `json:"engagement" description:"Engagement trend at churn."`
	Plan       []Slice `json:"plan"`
	Segment    []Slice `json:"segment"`
}

// TenureBucket names the bucket of a tenure in days.
func TenureBucket(days int) string {
	switch {
	case days < 91:
		return "0-3m"
	case days < 182:
		return "3-6m"
	case days < 365:
		return "6-12m"
	case days < 730:
		return "1-2y"
	default:
		return "2y+"
	}
}

// Lost returns the lives that ended in the period.
func Lost(lives []Life, p Period) []Life {
	var out []Life
	for _, l := range lives {
		if l.To != nil && l.To.After(p.From) && !l.To.After(p.To) {
			out = append(out, l)
		}
	}
	return out
}

// Break groups lost lives by reason, tenure bucket, engagement, plan and segment.
func Break(lost []Life) Breakdowns {
	group := func(key func(Life) string) []Slice {
		by := map[string]*Slice{}
		for _, l := range lost {
			k := key(l)
			if k == "" {
				k = "unknown"
			}
			s := by[k]
			if s == nil {
				s = &Slice{Key: k, MRRLost: map[string]int64{}}
				by[k] = s
			}
			s.Count++
			s.MRRLost[l.Currency] += l.MRRLost
		}
		out := make([]Slice, 0, len(by))
		for _, s := range by {
			out = append(out, *s)
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Key < out[j].Key
		})
		return out
	}
	return Breakdowns{
		Reason:     group(func(l Life) string { return l.Reason }),
		Tenure:     group(func(l Life) string { return TenureBucket(days(l.From, *l.To)) }),
		Engagement: group(func(l Life) string { return l.Engagement }),
		Plan:       group(func(l Life) string { return l.Plan }),
		Segment:    group(func(l Life) string { return l.Segment }),
	}
}

func days(from, to time.Time) int { return int(math.Round(to.Sub(from).Hours() / 24)) }

// Cohort is the share of one month's new customers still customers after
// each whole month.
type Cohort struct {
	Month    string    `json:"month" description:"YYYY-MM the customers started in."`
	Size     int       `json:"size"`
	Retained []float64 `json:"retained" description:"% still customers at the end of month 0, 1, 2, … (up to the as-of date)."`
}

// Cohorts builds the monthly cohort table for the last n cohorts before asOf.
func Cohorts(lives []Life, asOf time.Time, n int) []Cohort {
	by := map[string][]Life{}
	size := map[string]int{}
	for _, l := range lives {
		if !l.From.After(asOf) {
			key := l.From.Format("2006-01")
			by[key] = append(by[key], l)
			size[key] += l.n()
		}
	}
	months := make([]string, 0, len(by))
	for m := range by {
		months = append(months, m)
	}
	sort.Strings(months)
	if len(months) > n {
		months = months[len(months)-n:]
	}
	out := make([]Cohort, 0, len(months))
	for _, m := range months {
		start, _ := time.Parse("2006-01", m)
		c := Cohort{Month: m, Size: size[m], Retained: []float64{}}
		for k := 0; ; k++ {
			end := start.AddDate(0, k+1, 0).AddDate(0, 0, -1)
			if end.After(asOf) {
				break
			}
			alive := 0
			for _, l := range by[m] {
				if l.To == nil || l.To.After(end) {
					alive += l.n()
				}
			}
			c.Retained = append(c.Retained, math.Round(float64(alive)/float64(c.Size)*1000)/10)
		}
		out = append(out, c)
	}
	return out
}
