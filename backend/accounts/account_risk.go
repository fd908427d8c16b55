package accounts

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// riskSort is the sort key of the stored churn-risk forecast.
const riskSort = "risk"

// riskPage reads one page of the filtered accounts sorted by stored churn
// risk, accounts without a forecast last in either direction, ties by id in
// the same direction. Scored accounts come first, read along the
// probability index; the unscored ones follow in id order, so no page has
// to sort the whole portfolio. A page past the first counts the scored
// accounts first, so a page among the unscored ones skips the scored part
// instead of walking it.
func (s *Service) riskPage(ctx context.Context, f Filter, desc bool, limit, offset int) ([]store.Account, error) {
	dir := "ASC"
	if desc {
		dir = "DESC"
	}
	scored := func() *gorm.DB {
		return s.filtered(ctx, f).Joins("JOIN risk_scores ON risk_scores.account_id = accounts.id")
	}
	n := int64(offset + 1) // the first page never needs the count
	if offset > 0 {
		if err := scored().Count(&n).Error; err != nil {
			return nil, fmt.Errorf("count scored accounts: %w", err)
		}
	}
	var rows []store.Account
	if int64(offset) < n {
		err := scored().Select("accounts.*").Order("risk_scores.probability " + dir + ", risk_scores.account_id " + dir).
			Limit(limit).Offset(offset).Find(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("list accounts by risk: %w", err)
		}
		if len(rows) == limit {
			return rows, nil
		}
	}
	var more []store.Account
	err := s.filtered(ctx, f).Where("NOT EXISTS (SELECT 1 FROM risk_scores r WHERE r.account_id = accounts.id)").
		Order("accounts.id " + dir).Limit(limit - len(rows)).Offset(max(0, offset-int(n))).Find(&more).Error
	if err != nil {
		return nil, fmt.Errorf("list unscored accounts: %w", err)
	}
	return append(rows, more...), nil
}

// isRiskSort reports whether a sort parameter asks for churn risk, and
// whether descending.
func isRiskSort(param string) (bool, bool) {
	return strings.TrimPrefix(param, "-") == riskSort, strings.HasPrefix(param, "-")
}

// risks reads the stored churn-risk probabilities of the accounts listed.
func risks(db *gorm.DB, rows []store.Account) (map[int64]float64, error) {
	out := make(map[int64]float64, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var got []store.RiskScore
	if err := db.Select("account_id, probability").Where("account_id IN ?", ids).Find(&got).Error; err != nil {
		return nil, fmt.Errorf("read risk scores: %w", err)
	}
	for _, g := range got {
		out[g.AccountID] = g.Probability
	}
	return out, nil
}

// withRisk sets each account's stored churn risk (nil when it has none).
func withRisk(items []Account, byID map[int64]float64) {
	for i := range items {
		if p, ok := byID[items[i].ID]; ok {
			items[i].Risk = &p
		}
	}
}
