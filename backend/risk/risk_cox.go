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

// coxEval computes the penalised partial log-likelihood (Breslow ties) and,
// as asked, its gradient and its information (−Hessian) at one β, in one
// pass over the subjects sorted by time descending: O(n) per covariate for
// the value and gradient, O(n·p²) with the information.
type coxEval struct {
	s     Survival
	order []int // subjects by time descending, ties by index
	ridge float64
	// The subjects' times, events and covariates copied in that order, so
	// each pass reads memory front to back.
	t  []float64
	ev []bool
	x  []float64
	// Each row's covariates that are not zero, by column (nz[nzStart[k]:
	// nzStart[k+1]] for row k): indicators are mostly zero, and a pass
	// skips them.
	nz      []int32
	nzStart []int

	beta  []float64
	ll    float64
	grad  []float64
	hess  *mat.SymDense
	level evalLevel // what is computed for beta
}

// evalLevel is how much of the fit's calculus one pass computes.
type evalLevel int

const (
	noLevel       evalLevel = iota
	valueLevel              // the log-likelihood: what a line search's trial points need
	gradientLevel           // and its gradient
	hessianLevel            // and the information
)

func newCoxEval(s Survival, ridge float64) *coxEval {
	order := make([]int, s.Rows())
	for i := range order {
		order[i] = i
	}
	// Times have few distinct values (days): sort the indexes by time
	// descending, then by index, without a stable sort's extra passes.
	slices.SortFunc(order, func(a, b int) int {
		if s.Time[a] != s.Time[b] {
			if s.Time[a] > s.Time[b] {
				return -1
			}
			return 1
		}
		return a - b
	})
	c := &coxEval{s: s, order: order, ridge: ridge, grad: make([]float64, s.P), hess: mat.NewSymDense(max(s.P, 1), nil)}
	inPlace := true
	for k, i := range order {
		if k != i {
			inPlace = false
			break
		}
	}
	if inPlace {
		// Already in pass order (the risk model sorts its rows so): read
		// the data where it is.
		c.t, c.ev, c.x = s.Time, s.Event, s.X
	} else {
		c.t, c.ev, c.x = make([]float64, len(order)), make([]bool, len(order)), make([]float64, len(s.X))
		for k, i := range order {
			c.t[k], c.ev[k] = s.Time[i], s.Event[i]
			copy(c.x[k*s.P:(k+1)*s.P], s.row(i))
		}
	}
	nonzero := 0
	for _, v := range c.x {
		if v != 0 {
			nonzero++
		}
	}
	c.nz, c.nzStart = make([]int32, 0, nonzero), make([]int, len(order)+1)
	for k := range order {
		for j, v := range c.x[k*s.P : (k+1)*s.P] {
			if v != 0 {
				c.nz = append(c.nz, int32(j))
			}
		}
		c.nzStart[k+1] = len(c.nz)
	}
	return c
}

// value evaluates the log-likelihood at beta.
func (c *coxEval) value(beta []float64) float64 {
	c.eval(beta, valueLevel)
	return c.ll
}

// at evaluates the log-likelihood, gradient and information at beta.
func (c *coxEval) at(beta []float64) { c.eval(beta, hessianLevel) }

// eval computes at beta up to level, unless that is already done.
func (c *coxEval) eval(beta []float64, level evalLevel) {
	if c.level >= level && slices.Equal(beta, c.beta) {
		return
	}
	c.beta = append(c.beta[:0], beta...)
	p := c.s.P
	withGrad, withHess := level >= gradientLevel, level >= hessianLevel
	s1 := make([]float64, p)
	s2 := make([]float64, p*p) // upper triangle used
	mean := make([]float64, p)
	h := make([]float64, p*p)
	clear(c.grad)
	var s0, ll float64
	for g := 0; g < len(c.t); {
		t := c.t[g]
		end := g
		events := 0
		for end < len(c.t) && c.t[end] == t {
			x := c.x[end*p : (end+1)*p]
			cols := c.nz[c.nzStart[end]:c.nzStart[end+1]]
			e := 0.0
			for _, j := range cols {
				e += beta[j] * x[j]
			}
			w := math.Exp(e)
			s0 += w
			if withGrad {
				for ia, a := range cols {
					wa := w * x[a]
					s1[a] += wa
					if withHess {
						row := s2[int(a)*p:]
						for _, b := range cols[ia:] {
							row[b] += wa * x[b]
						}
					}
				}
			}
			if c.ev[end] {
				events++
				ll += e
				if withGrad {
					for _, a := range cols {
						c.grad[a] += x[a]
					}
				}
			}
			end++
		}
		if events > 0 {
			d := float64(events)
			ll -= d * math.Log(s0)
			if withGrad {
				for a := range p {
					mean[a] = s1[a] / s0
					c.grad[a] -= d * mean[a]
				}
			}
			if withHess {
				for a := range p {
					for b := a; b < p; b++ {
						h[a*p+b] += d * (s2[a*p+b]/s0 - mean[a]*mean[b])
					}
				}
			}
		}
		g = end
	}
	for a := range p {
		ll -= c.ridge / 2 * beta[a] * beta[a]
		c.grad[a] -= c.ridge * beta[a]
		if withHess {
			h[a*p+a] += c.ridge
			for b := a; b < p; b++ {
				c.hess.SetSym(a, b, h[a*p+b]) // information: −Hessian of ll
			}
		}
	}
	c.ll, c.level = ll, level
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
			ev.eval(x, gradientLevel)
			for i, g := range ev.grad {
				grad[i] = -g
			}
		},
		Hess: func(dst *mat.SymDense, x []float64) {
			ev.at(x)
			dst.CopySym(ev.hess)
		},
	}
	// Newton's steps gain quadratically near the optimum: the first step
	// that improves the log-likelihood by less than 1e-10 of itself (R's
	// coxph stops at 1e-9) ends the fit, before a line search spends its
	// trials on differences lost in rounding.
	settings := &optimize.Settings{
		GradientThreshold: 1e-9,
		MajorIterations:   100,
		Converger:         &optimize.FunctionConverge{Relative: 1e-10, Iterations: 1},
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
