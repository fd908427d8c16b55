package risk

import (
	"time"

	"gorm.io/gorm"
)

// group is a list of subjects with the landmark days their Landmark
// indexes point into: a training set, or the accounts scored on one day.
type group struct {
	landmarks []time.Time
	subjects  []subject
}

// measureGroups measures several groups in one read of the history: the
// landmark days are merged, and a subject asked for by more than one group
// (the same account, life and day) is measured once. Each subject's
// measures read only data dated on or before its own day, so a group's
// measures are the same as if it were measured alone.
func measureGroups(db *gorm.DB, e env, groups ...group) ([][]Measures, error) {
	var days []time.Time
	dayIndex := map[int64]int{}
	total := 0
	for _, gr := range groups {
		total += len(gr.subjects)
	}
	// A subject is its account, life and day.
	type key struct {
		account, from int64
		day           int
	}
	seen := make(map[key]int, total) // its index in all
	all := make([]subject, 0, total)
	refs := make([][]int, len(groups))
	for g, gr := range groups {
		refs[g] = make([]int, len(gr.subjects))
		for i, s := range gr.subjects {
			l := gr.landmarks[s.Landmark]
			k, ok := dayIndex[l.Unix()]
			if !ok {
				k = len(days)
				days = append(days, l)
				dayIndex[l.Unix()] = k
			}
			id := key{account: s.Account, from: s.From.Unix(), day: k}
			j, ok := seen[id]
			if !ok {
				j = len(all)
				all = append(all, subject{Account: s.Account, From: s.From, Landmark: k})
				seen[id] = j
			}
			refs[g][i] = j
		}
	}
	m := measurer{db: db, conv: e.conv, es: e.es, loc: e.loc, landmarks: days}
	measured, err := m.measure(all)
	if err != nil {
		return nil, err
	}
	out := make([][]Measures, len(groups))
	for g, ref := range refs {
		if inOrder(ref) {
			out[g] = measured[:len(ref):len(ref)] // the first group: shared, not copied
			continue
		}
		out[g] = make([]Measures, len(ref))
		for i, j := range ref {
			out[g][i] = measured[j]
		}
	}
	return out, nil
}

// inOrder reports whether a group's subjects are the first of all, in
// order.
func inOrder(ref []int) bool {
	for i, j := range ref {
		if i != j {
			return false
		}
	}
	return true
}
