package risk

import (
	"cmp"
	"slices"
	"sort"
)

// Concordance is Harrell's C of a risk score against survival times: over
// every comparable pair (the earlier time ends in the event; a censored time
// equal to an event time counts as the longer one; two events at the same
// time are not comparable), the share in which the earlier one has the
// higher score, ties in score counting one half. It runs in O(n log n) with
// a Fenwick tree over the ranks of the scores.
func Concordance(time []float64, event []bool, score []float64) float64 {
	n := len(time)
	// Ranks of the scores, equal scores sharing one: the scores sorted
	// once with their rows, then numbered in a pass.
	type scored struct {
		value float64
		row   int
	}
	byScore := make([]scored, n)
	for i, s := range score {
		byScore[i] = scored{s, i}
	}
	slices.SortFunc(byScore, func(a, b scored) int { return cmp.Compare(a.value, b.value) })
	rank := make([]int, n)
	distinct := 0
	for k, s := range byScore {
		if k == 0 || s.value != byScore[k-1].value {
			distinct++
		}
		rank[s.row] = distinct
	}
	tree := make([]float64, distinct+1)
	add := func(r int) {
		for ; r < len(tree); r += r & -r {
			tree[r]++
		}
	}
	below := func(r int) float64 { // entries with rank ≤ r
		s := 0.0
		for ; r > 0; r -= r & -r {
			s += tree[r]
		}
		return s
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return time[order[a]] > time[order[b]] })
	var conc, disc, tied, total float64
	for g := 0; g < n; {
		end := g
		for end < n && time[order[end]] == time[order[g]] {
			end++
		}
		for k := g; k < end; k++ {
			if i := order[k]; !event[i] {
				add(rank[i])
				total++
			}
		}
		for k := g; k < end; k++ {
			i := order[k]
			if !event[i] {
				continue
			}
			lower := below(rank[i] - 1)
			same := below(rank[i]) - lower
			conc += lower
			tied += same
			disc += total - lower - same
		}
		for k := g; k < end; k++ {
			if i := order[k]; event[i] {
				add(rank[i])
				total++
			}
		}
		g = end
	}
	if conc+disc+tied == 0 {
		return 0.5
	}
	return (conc + tied/2) / (conc + disc + tied)
}
