package accounts

import (
	"context"
	"fmt"
	"strings"

	"churndesk/backend/fx"
	"churndesk/backend/store"
)

// Facets returns the distinct owners, segments, plans and statuses in use.
func (s *Service) Facets(ctx context.Context) (Facets, error) {
	f := Facets{Statuses: strings.Fields(StatusValues)}
	for col, dst := range map[string]*[]string{"owner": &f.Owners, "segment": &f.Segments, "plan": &f.Plans} {
		*dst = []string{}
		err := s.db.Read(ctx).Model(&store.Account{}).Distinct(col).
			Where(col+" <> ''").Order(col).Pluck(col, dst).Error
		if err != nil {
			return Facets{}, fmt.Errorf("facet %s: %w", col, err)
		}
	}
	return f, nil
}

// Summary counts accounts by status and sums the customers' MRR per
// currency and in the home currency; trials are not customers until they
// convert, so their MRR is left out.
func (s *Service) Summary(ctx context.Context) (Summary, error) {
	sum := Summary{ByStatus: map[string]int64{}, MRRByCurrency: map[string]int64{}}
	var byStatus []struct {
		Status string
		N      int64
	}
	db := s.db.Read(ctx).Model(&store.Account{})
	if err := db.Select("status, count(*) AS n").Group("status").Scan(&byStatus).Error; err != nil {
		return sum, fmt.Errorf("summary by status: %w", err)
	}
	for _, r := range byStatus {
		sum.ByStatus[r.Status] = r.N
		sum.Accounts += r.N
	}
	var byCurrency []struct {
		Currency string
		Total    int64
	}
	err := s.db.Read(ctx).Model(&store.Account{}).Select("currency, sum(mrr) AS total").
		Where("status NOT IN ?", []string{"churned", "trial"}).Group("currency").Scan(&byCurrency).Error
	if err != nil {
		return sum, fmt.Errorf("summary by currency: %w", err)
	}
	for _, r := range byCurrency {
		sum.MRRByCurrency[r.Currency] = r.Total
	}
	conv, err := fx.Load(s.db.Read(ctx))
	if err != nil {
		return sum, fmt.Errorf("summary rates: %w", err)
	}
	sum.MRRHome = conv.Sum(sum.MRRByCurrency, s.now())
	sum.Conversion = conv.Report()
	err = s.db.Read(ctx).Model(&store.Account{}).Where("owner <> ''").
		Distinct("owner").Count(&sum.Owners).Error
	if err != nil {
		return sum, fmt.Errorf("summary owners: %w", err)
	}
	return sum, nil
}
