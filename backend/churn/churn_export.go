package churn

import (
	"context"
	"strings"

	"churndesk/backend/export"
	"churndesk/backend/store"
)

// exportLimit caps an export; the log's filters narrow larger sets.
const exportLimit = 200

// Table returns every record matching q (all pages) as a table for CSV or
// XLSX, with reasons spelled in English.
func (s *Service) Table(ctx context.Context, q Query) (export.Table, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Name: "Churn", Header: []string{
		"account", "owner", "segment", "plan", "churn_date", "reason", "reason_detail", "competitor", "preventable", "voluntary",
		"tenure_days", "engagement_at_churn", "health_at_churn", "mrr_lost_minor", "currency", "exit_interview_date",
		"interviewer", "quotes", "lessons", "would_return", "follow_up_on", "offer_made"}}
	q.Limit, q.Offset = exportLimit, 0
	for {
		page, err := s.List(ctx, q)
		if err != nil {
			return export.Table{}, err
		}
		for _, r := range page.Items {
			reason := r.Reason
			if def, ok := set.reason(r.Reason); ok {
				reason = def.Labels.EN
			}
			var health any
			if r.HealthScore != nil {
				health = *r.HealthScore
			}
			t.Rows = append(t.Rows, []any{
				r.AccountName, r.Owner, r.Segment, r.Plan, r.ChurnDate.String(), reason, r.ReasonDetail, r.Competitor,
				r.Preventable, r.Voluntary, r.TenureDays, r.EngagementClass, health, r.MRRLost, r.Currency,
				dateText(r.ExitInterviewDate), r.Interviewer, strings.Join(r.Quotes, " | "), r.Lessons, r.WouldReturn,
				dateText(r.FollowUpOn), r.OfferMade,
			})
		}
		q.Offset += len(page.Items)
		if len(page.Items) < exportLimit {
			return t, nil
		}
	}
}

func dateText(d *store.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}
