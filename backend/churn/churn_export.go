package churn

import (
	"context"
	"strings"

	"churndesk/backend/export"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// exportLimit caps an export; the log's filters narrow larger sets.
const exportLimit = 200

// Table returns every record matching q (all pages) as a table for CSV or
// XLSX, with reasons, engagement classes and would-return answers named in
// the language ctx carries.
func (s *Service) Table(ctx context.Context, q Query) (export.Table, error) {
	lang := texts.Lang(ctx)
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
			var health any
			if r.HealthScore != nil {
				health = *r.HealthScore
			}
			t.Rows = append(t.Rows, []any{
				r.AccountName, r.Owner, r.Segment, r.Plan, r.ChurnDate.String(), set.Label(r.Reason, lang), r.ReasonDetail, r.Competitor,
				r.Preventable, r.Voluntary, r.TenureDays, enumLabel(lang, "churn.engagement.", r.EngagementClass), health, r.MRRLost, r.Currency,
				dateText(r.ExitInterviewDate), r.Interviewer, strings.Join(r.Quotes, " | "), r.Lessons, enumLabel(lang, "churn.would_return.", r.WouldReturn),
				dateText(r.FollowUpOn), r.OfferMade,
			})
		}
		q.Offset += len(page.Items)
		if len(page.Items) < exportLimit {
			return t, nil
		}
	}
}

// enumLabel names value from the catalogue under prefix in lang; an empty
// or unknown value is written as it is.
func enumLabel(lang, prefix, value string) string {
	if value == "" || !texts.Has(lang, prefix+value) {
		return value
	}
	return texts.Text(lang, prefix+value)
}

func dateText(d *store.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}
