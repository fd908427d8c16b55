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
	lost := func(l *Life) bool { return l.To != nil && l.To.After(p.From) && !l.To.After(p.To) }
	n := 0
	for i := range lives {
		if lost(&lives[i]) {
			n++
		}
	}
	out := make([]Life, 0, n)
	for i := range lives {
		if lost(&lives[i]) {
			out = append(out, lives[i])
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
	t := newCohortTally(asOf)
	for _, l := range lives {
		t.add(l)
	}
	return t.table(n)
}

// cohortTally gathers the cohort table one life at a time. Each month keeps
// only its size and the churn dates of its lives that ended, which is all
// the retained shares need.
type cohortTally struct {
	asOf time.Time
	by   map[int]*cohortMonth // year·12 + month − 1
}

type cohortMonth struct {
	size int
	ends []cohortEnding
}

type cohortEnding struct {
	on time.Time
	n  int
}

func newCohortTally(asOf time.Time) *cohortTally {
	return &cohortTally{asOf: asOf, by: map[int]*cohortMonth{}}
}

func (t *cohortTally) add(l Life) {
	if l.From.After(t.asOf) {
		return
	}
	key := l.From.Year()*12 + int(l.From.Month()) - 1
	m := t.by[key]
	if m == nil {
		m = &cohortMonth{}
		t.by[key] = m
	}
	m.size += l.n()
	if l.To != nil {
		m.ends = append(m.ends, cohortEnding{*l.To, l.n()})
	}
}

// table is the last n monthly cohorts.
func (t *cohortTally) table(n int) []Cohort {
	keys := make([]int, 0, len(t.by))
	for k := range t.by {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	if len(keys) > n {
		keys = keys[len(keys)-n:]
	}
	out := make([]Cohort, 0, len(keys))
	for _, key := range keys {
		m := t.by[key]
		start := time.Date(key/12, time.Month(key%12+1), 1, 0, 0, 0, 0, time.UTC)
		c := Cohort{Month: start.Format("2006-01"), Size: m.size, Retained: []float64{}}
		for k := 0; ; k++ {
			end := start.AddDate(0, k+1, 0).AddDate(0, 0, -1)
			if end.After(t.asOf) {
				break
			}
			alive := m.size
			for _, e := range m.ends {
				if !e.on.After(end) {
					alive -= e.n
				}
			}
			c.Retained = append(c.Retained, math.Round(float64(alive)/float64(c.Size)*1000)/10)
		}
		out = append(out, c)
	}
	return out
}
