package health

import (
	"context"
	"fmt"

	"churndesk/backend/store"
)

// AtRisk is a poorly scored account on the dashboard.
type AtRisk struct {
	ID              int64    `json:"id"`
	Name            string   `json:"name"`
	Owner           string   `json:"owner"`
	MRR             int64    `json:"mrr"`
	Currency        string   `json:"currency"`
	HealthScore     *float64 `json:"health_score"`
	EngagementClass string   `json:"engagement_class"`
}

// Overview is the dashboard's health picture.
type Overview struct {
	Good      int64                       `json:"good"`
	Average   int64                       `json:"average"`
	Poor      int64                       `json:"poor"`
	NoData    int64                       `json:"no_data" description:"Live accounts with too little data for a class."`
	Unscored  int64                       `json:"unscored" description:"Live accounts without a score yet."`
	MRRAtRisk map[string]int64            `json:"mrr_at_risk" description:"MRR of accounts in poor health, in minor units, per currency."`
	MRRByBand map[string]map[string]int64 `json:"mrr_by_band" description:"MRR of live accounts per health class (good, average, poor, no_data, or \"\" for unscored), in minor units, per currency."`
	AtRisk    []AtRisk                    `json:"at_risk" description:"Accounts in poor health with the most MRR, largest first."`
}

// atRiskLimit is how many at-risk accounts the dashboard lists.
const atRiskLimit = 10

// Overview counts live accounts per health band and lists the poor ones
// with the most revenue at stake.
func (s *Service) Overview(ctx context.Context) (Overview, error) {
	db := s.db.Read(ctx)
	o := Overview{MRRAtRisk: map[string]int64{}, MRRByBand: map[string]map[string]int64{}, AtRisk: []AtRisk{}}
	// One pass over the live accounts gives both the counts and the MRR per band.
	var bands []struct {
		HealthClass string
		Currency    string
		N           int64
		Total       int64
	}
	if err := db.Model(&store.Account{}).Select("health_class, currency, count(*) AS n, sum(mrr) AS total").
		Where("status <> ?", "churned").Group("health_class, currency").Scan(&bands).Error; err != nil {
		return o, fmt.Errorf("count health per band: %w", err)
	}
	for _, r := range bands {
		band := Class(r.HealthClass)
		switch band {
		case Good:
			o.Good += r.N
		case Average:
			o.Average += r.N
		case Poor:
			o.Poor += r.N
			o.MRRAtRisk[r.Currency] += r.Total
		case NoData:
			o.NoData += r.N
		default:
			o.Unscored += r.N
			band = ""
		}
		if o.MRRByBand[string(band)] == nil {
			o.MRRByBand[string(band)] = map[string]int64{}
		}
		o.MRRByBand[string(band)][r.Currency] += r.Total
	}
	if err := db.Model(&store.Account{}).Select("id, name, owner, mrr, currency, health_score, engagement_class").
		Where("status <> ? AND health_class = ?", "churned", Poor).Order("mrr DESC, id").Limit(atRiskLimit).
		Scan(&o.AtRisk).Error; err != nil {
		return o, fmt.Errorf("list at-risk accounts: %w", err)
	}
	return o, nil
}
