// Package risk learns a churn-risk forecast from the team's own history: a
// Cox proportional-hazards model over account lives, with covariates
// measured as they were on landmark days, an honest backtest against the
// health score, stored models and per-account scores.
package risk

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Survival is the data a Cox model is fitted to: one row per subject with
// its follow-up time, whether the time ends in the event (churn) or is
// censored, and its covariates (row-major, len(Time) × P).
type Survival struct {
	Time  []float64
	Event []bool
	X     []float64
	P     int
}

// Rows is how many subjects s holds.
func (s Survival) Rows() int { return len(s.Time) }

// Events counts the subjects whose time ends in the event.
func (s Survival) Events() int {
	n := 0
	for _, e := range s.Event {
		if e {
			n++
		}
	}
	return n
}

// row returns subject i's covariates.
func (s Survival) row(i int) []float64 { return s.X[i*s.P : (i+1)*s.P] }

// CoxFit is a fitted proportional-hazards model.
type CoxFit struct {
	Coef        []float64 // log hazard ratio per unit of each covariate
	SE          []float64 // standard error of each coefficient, from the inverse information
	LogLik      float64   // (penalised) partial log-likelihood at Coef
	LogLikNull  float64   // partial log-likelihood at zero
	Iterations  int       // Newton steps taken
	Concordance float64   // Harrell's C of the linear predictor on the fitted data
	Baseline    []Hazard  // Breslow cumulative baseline hazard at each event time (at covariates 0)
}

// Hazard is the cumulative baseline hazard reached at a time.
type Hazard struct {
	Time      float64 `json:"time"`
	CumHazard float64 `json:"cum_hazard"`
}

// ErrNoEvents says the data hold no event, so nothing can be learnt.
var ErrNoEvents = errors.New("cox: the data hold no event")

// coxEval computes the penalised partial log-likelihood (Breslow ties), its
// gradient and its Hessian at one β, in one pass over the subjects sorted by
// time descending: O(n·p²).
type coxEval struct {
	s     Survival
	order []int // subjects by time descending, ties by index
	ridge float64
	// The subjects' times, events and covariates copied in that order, so
	// each pass reads memory front to back.
	t  []float64
	ev []bool
	x  []float64

	beta  []float64
	ll    float64
	grad  []float64
	hess  *mat.SymDense
	valid bool // ll, grad and hess are for beta
	lazy  bool // only ll is for beta (a line search's trial point)
}

func newCoxEval(s Survival, ridge float64) *coxEval {
	order := make([]int, s.Rows())
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case s.Time[a] > s.Time[b]:
			return -1
		case s.Time[a] < s.Time[b]:
			return 1
		}
		return 0
	})
	c := &coxEval{s: s, order: order, ridge: ridge, grad: make([]float64, s.P), hess: mat.NewSymDense(max(s.P, 1), nil),
		t: make([]float64, len(order)), ev: make([]bool, len(order)), x: make([]float64, len(s.X))}
	for k, i := range order {
		c.t[k], c.ev[k] = s.Time[i], s.Event[i]
		copy(c.x[k*s.P:(k+1)*s.P], s.row(i))
	}
	return c
}

// value evaluates only the log-likelihood at beta, in O(n·p): what a line
// search's trial points need.
func (c *coxEval) value(beta []float64) float64 {
	if (c.valid || c.lazy) && slices.Equal(beta, c.beta) {
		return c.ll
	}
	p := c.s.P
	var s0, ll float64
	for g := 0; g < len(c.t); {
		t := c.t[g]
		end, events := g, 0
		for end < len(c.t) && c.t[end] == t {
			x := c.x[end*p : (end+1)*p]
			eta := 0.0
			for j, b := range beta {
				eta += b * x[j]
			}
			s0 += math.Exp(eta)
			if c.ev[end] {
				events++
				ll += eta
			}
			end++
		}
		if events > 0 {
			ll -= float64(events) * math.Log(s0)
		}
		g = end
	}
	for _, b := range beta {
		ll -= c.ridge / 2 * b * b
	}
	c.beta = append(c.beta[:0], beta...)
	c.ll, c.valid, c.lazy = ll, false, true
	return ll
}

// at evaluates the log-likelihood, gradient and information at beta unless
// they are already for the same point.
func (c *coxEval) at(beta []float64) {
	if c.valid && slices.Equal(beta, c.beta) {
		return
	}
	c.lazy = false
	c.beta = append(c.beta[:0], beta...)
	p := c.s.P
	s1 := make([]float64, p)
	s2 := make([]float64, p*p) // upper triangle used
	mean := make([]float64, p)
	h := make([]float64, p*p)
	for j := range c.grad {
		c.grad[j] = 0
	}
	var s0, ll float64
	eta := func(x []float64) float64 {
		v := 0.0
		for j, b := range beta {
			v += b * x[j]
		}
		return v
	}
	for g := 0; g < len(c.t); {
		t := c.t[g]
		end := g
		events := 0
		for end < len(c.t) && c.t[end] == t {
			x := c.x[end*p : (end+1)*p]
			w := math.Exp(eta(x))
			s0 += w
			for a := range p {
				wa := w * x[a]
				s1[a] += wa
				row := s2[a*p:]
				for b := a; b < p; b++ {
					row[b] += wa * x[b]
				}
			}
			if c.ev[end] {
				events++
			}
			end++
		}
		if events > 0 {
			d := float64(events)
			for a := range p {
				mean[a] = s1[a] / s0
			}
			ll -= d * math.Log(s0)
			for a := range p {
				c.grad[a] -= d * mean[a]
				for b := a; b < p; b++ {
					h[a*p+b] += d * (s2[a*p+b]/s0 - mean[a]*mean[b])
				}
			}
			for k := g; k < end; k++ {
				if !c.ev[k] {
					continue
				}
				x := c.x[k*p : (k+1)*p]
				ll += eta(x)
				for a := range p {
					c.grad[a] += x[a]
				}
			}
		}
		g = end
	}
	for a := range p {
		ll -= c.ridge / 2 * beta[a] * beta[a]
		c.grad[a] -= c.ridge * beta[a]
		h[a*p+a] += c.ridge
		for b := a; b < p; b++ {
			c.hess.SetSym(a, b, h[a*p+b]) // information: −Hessian of ll
		}
	}
	c.ll, c.valid = ll, true
}

// FitCox fits a Cox proportional-hazards model by Newton's method (gonum's
// optimize.Newton on the negative penalised partial log-likelihood), with
// Breslow's handling of tied times and baseline, and a ridge penalty
// ridge/2·Σβ² (0 for none). The result is deterministic: the same data in
// the same order give the same fit.
func FitCox(s Survival, ridge float64) (CoxFit, error) {
	if s.P < 1 || len(s.X) != s.Rows()*s.P || len(s.Event) != s.Rows() {
		return CoxFit{}, fmt.Errorf("cox: %d rows, %d covariates and %d values do not fit together", s.Rows(), s.P, len(s.X))
	}
	if s.Events() == 0 {
		return CoxFit{}, ErrNoEvents
	}
	if ridge < 0 || math.IsNaN(ridge) {
		return CoxFit{}, fmt.Errorf("cox: ridge %v must be ≥ 0", ridge)
	}
	ev := newCoxEval(s, ridge)
	zero := make([]float64, s.P)
	ev.at(zero)
	null := ev.ll
	prob := optimize.Problem{
		Func: func(x []float64) float64 { return -ev.value(x) },
		Grad: func(grad, x []float64) {
			ev.at(x)
			for i, g := range ev.grad {
				grad[i] = -g
			}
		},
		Hess: func(dst *mat.SymDense, x []float64) {
			ev.at(x)
			dst.CopySym(ev.hess)
		},
	}
	settings := &optimize.Settings{
		GradientThreshold: 1e-9,
		MajorIterations:   100,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-13, Relative: 1e-13, Iterations: 3},
	}
	res, err := optimize.Minimize(prob, zero, settings, &optimize.Newton{GradStopThreshold: 1e-9})
	if err != nil && res == nil {
		return CoxFit{}, fmt.Errorf("cox: fit: %w", err)
	}
	beta := slices.Clone(res.X)
	ev.at(beta)
	if res.Status != optimize.GradientThreshold && res.Status != optimize.FunctionConvergence && !flat(ev.grad, s.Events()) {
		return CoxFit{}, fmt.Errorf("cox: the fit did not converge (%v, %v); add a ridge penalty", res.Status, err)
	}
	var chol mat.Cholesky
	if !chol.Factorize(ev.hess) {
		return CoxFit{}, errors.New("cox: the information matrix is singular (a covariate is constant or a copy of others); add a ridge penalty")
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		return CoxFit{}, fmt.Errorf("cox: invert the information: %w", err)
	}
	fit := CoxFit{Coef: beta, SE: make([]float64, s.P), LogLik: ev.ll, LogLikNull: null, Iterations: res.Stats.MajorIterations}
	for j := range fit.SE {
		fit.SE[j] = math.Sqrt(cov.At(j, j))
	}
	lp := LinearPredictor(s, beta)
	fit.Concordance = Concordance(s.Time, s.Event, lp)
	fit.Baseline = breslow(s, ev.order, lp)
	return fit, nil
}

// flat reports whether a gradient is zero to within rounding: a line search
// that can no longer improve a log-likelihood summed over many events stops
// with a failure although it has arrived.
func flat(grad []float64, events int) bool {
	for _, g := range grad {
		if math.Abs(g) > 1e-6*float64(max(events, 1)) {
			return false
		}
	}
	return true
}

// LinearPredictor returns x·β for every subject.
func LinearPredictor(s Survival, beta []float64) []float64 {
	out := make([]float64, s.Rows())
	for i := range out {
		x := s.row(i)
		for j, b := range beta {
			out[i] += b * x[j]
		}
	}
	return out
}

// breslow is the cumulative baseline hazard: at each event time t, the sum
// over event times ≤ t of the events there ÷ Σ exp(x·β) over those at risk.
func breslow(s Survival, order []int, lp []float64) []Hazard {
	type step struct{ t, d, s0 float64 }
	var steps []step
	var s0 float64
	for g := 0; g < len(order); {
		t := s.Time[order[g]]
		d := 0.0
		for g < len(order) && s.Time[order[g]] == t {
			i := order[g]
			s0 += math.Exp(lp[i])
			if s.Event[i] {
				d++
			}
			g++
		}
		if d > 0 {
			steps = append(steps, step{t, d, s0})
		}
	}
	out := make([]Hazard, len(steps))
	cum := 0.0
	for k := len(steps) - 1; k >= 0; k-- {
		cum += steps[k].d / steps[k].s0
		out[len(steps)-1-k] = Hazard{Time: steps[k].t, CumHazard: cum}
	}
	return out
}

// CumHazardAt reads a Breslow baseline at time t (a step function).
func CumHazardAt(base []Hazard, t float64) float64 {
	k, _ := slices.BinarySearchFunc(base, t, func(h Hazard, t float64) int {
		switch {
		case h.Time <= t:
			return -1
		default:
			return 1
		}
	})
	if k == 0 {
		return 0
	}
	return base[k-1].CumHazard
}
