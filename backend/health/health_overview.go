package health

import (
	"context"
	"fmt"

	"churndesk/backend/fx"
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
	MRRAtRisk map[string]int64            `json:"mrr_at_risk" description:"MRR of customers in poor health (trials left out until they convert), in minor units, per currency."`
	MRRByBand map[string]map[string]int64 `json:"mrr_by_band" description:"MRR of customers per health class (good, average, poor, no_data, or \"\" for unscored; trials left out), in minor units, per currency."`
	// Home-currency figures; null where a currency has no rate.
	MRRAtRiskHome *int64            `json:"mrr_at_risk_home" description:"MRR at risk in the home currency at today's rates, minor units; null when a currency has no rate (see conversion.warnings)."`
	MRRByBandHome map[string]*int64 `json:"mrr_by_band_home" description:"MRR per health class in the home currency, minor units; null where a currency has no rate."`
	Conversion    fx.Report         `json:"conversion" description:"The home currency, the rates used and the currencies that could not be converted."`
	AtRisk        []AtRisk          `json:"at_risk" description:"Accounts in poor health with the most MRR, largest first."`
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
	// Trials count as accounts in their band, but their MRR is not revenue yet.
	if err := db.Model(&store.Account{}).Select("health_class, currency, count(*) AS n, sum(CASE WHEN status = 'trial' THEN 0 ELSE mrr END) AS total").
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
	conv, err := fx.Load(db)
	if err != nil {
		return o, fmt.Errorf("health overview rates: %w", err)
	}
	today := s.now()
	o.MRRAtRiskHome = conv.Sum(o.MRRAtRisk, today)
	o.MRRByBandHome = make(map[string]*int64, len(o.MRRByBand))
	for band, byCur := range o.MRRByBand {
		o.MRRByBandHome[band] = conv.Sum(byCur, today)
	}
	o.Conversion = conv.Report()
	if err := db.Model(&store.Account{}).Select("id, name, owner, mrr, currency, health_score, engagement_class").
		Where("status <> ? AND health_class = ?", "churned", Poor).Order("mrr DESC, id").Limit(atRiskLimit).
		Scan(&o.AtRisk).Error; err != nil {
		return o, fmt.Errorf("list at-risk accounts: %w", err)
	}
	return o, nil
}
