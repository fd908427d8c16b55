package playbooks

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

const teamKey = "team_members"

// Team is the people the team has: the owners tasks and accounts can be given to.
type Team struct {
	Members []string `json:"members" validate:"max=200,dive,max=100" maxItems:"200" description:"Names of the team's members, as owners are written."`
}

// OwnerList is every known owner: the team's members and the owners
// accounts already name, sorted.
type OwnerList struct {
	Items []string `json:"items"`
}

// Team returns the team's members as saved in Settings.
func (s *Service) Team(ctx context.Context) (Team, error) {
	t := Team{Members: []string{}}
	if _, err := store.LoadSetting(s.db.Read(ctx), teamKey, &t); err != nil {
		return Team{}, fmt.Errorf("load team: %w", err)
	}
	return t, nil
}

// SaveTeam replaces the team's members; names are trimmed, and an empty
// name or a name listed twice is refused with its row.
func (s *Service) SaveTeam(ctx context.Context, in Team) (Team, error) {
	if err := s.check.Struct(in); err != nil {
		return Team{}, err
	}
	out := Team{Members: make([]string, 0, len(in.Members))}
	seen := map[string]int{}
	for i, name := range in.Members {
		name = strings.Join(strings.Fields(name), " ")
		field := fmt.Sprintf("members[%d]", i)
		if name == "" {
			return Team{}, fault.Field(field, "is required")
		}
		if first, dup := seen[strings.ToLower(name)]; dup {
			return Team{}, fault.Field(field, fmt.Sprintf("repeats row %d", first+1))
		}
		seen[strings.ToLower(name)] = i
		out.Members = append(out.Members, name)
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error { return store.SaveSetting(tx, teamKey, out, s.now().UTC()) })
	if err != nil {
		return Team{}, fmt.Errorf("save team: %w", err)
	}
	return out, nil
}

// Owners lists every known owner: the team's members and the accounts' owners.
func (s *Service) Owners(ctx context.Context) (OwnerList, error) {
	team, err := s.Team(ctx)
	if err != nil {
		return OwnerList{}, err
	}
	var names []string
	err = s.db.Read(ctx).Model(&store.Account{}).Distinct("owner").Where("owner <> ''").Pluck("owner", &names).Error
	if err != nil {
		return OwnerList{}, fmt.Errorf("list owners: %w", err)
	}
	set := map[string]bool{}
	out := OwnerList{Items: []string{}}
	for _, n := range append(team.Members, names...) {
		if !set[n] {
			set[n] = true
			out.Items = append(out.Items, n)
		}
	}
	sort.Slice(out.Items, func(i, j int) bool { return strings.ToLower(out.Items[i]) < strings.ToLower(out.Items[j]) })
	return out, nil
}
