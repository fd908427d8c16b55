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
	seen := map[int64][]int{} // per account, its subjects in all

	var all []subject
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
			j := -1
			for _, o := range seen[s.Account] {
				if all[o].Landmark == k && all[o].From.Equal(s.From) {
					j = o
					break
				}
			}
			if j < 0 {
				j = len(all)
				all = append(all, subject{Account: s.Account, From: s.From, Landmark: k})
				seen[s.Account] = append(seen[s.Account], j)
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
		out[g] = make([]Measures, len(ref))
		for i, j := range ref {
			out[g][i] = measured[j]
		}
	}
	return out, nil
}
