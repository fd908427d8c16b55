package importer

import (
	"context"
	"time"

	"churndesk/backend/texts"
	"churndesk/backend/usage"
)

func (s *Service) importUsage(ctx context.Context, p *parser, accounts map[string]int64, dryRun bool) error {
	var batch usage.Batch
	var rowOf []int
	for i, row := range p.t.Rows {
		before := len(p.report.Errors)
		item := usage.SnapshotInput{
			AccountID:      p.account(i, row, accounts),
			WeekStart:      p.date(i, row, "week_start"),
			ActiveUsers:    p.int(i, row, "active_users", true),
			Logins:         p.int(i, row, "logins", false),
			KeyFeatureUses: p.int(i, row, "key_feature_uses", false),
		}
		if v, ok := p.cell(row, "last_login_at"); ok && v != "" {
			if t, err := parseTime(v); err != nil {
				p.fail(i, "last_login_at", texts.New("import.not_time"))
			} else {
				item.LastLoginAt = t.Format(time.RFC3339)
			}
		}
		if len(p.report.Errors) == before {
			batch.Items = append(batch.Items, item)
			rowOf = append(rowOf, i)
		}
	}
	if len(batch.Items) == 0 {
		return nil
	}
	if len(p.report.Errors) > 0 {
		_, err := s.usage.UpsertMany(ctx, batch.Items, true)
		return p.fieldErrors(err, rowOf)
	}
	res, err := s.usage.UpsertMany(ctx, batch.Items, dryRun)
	if err := p.fieldErrors(err, rowOf); err != nil {
		return err
	}
	p.report.Written = res.Upserted
	return nil
}

var timeLayouts = []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02"}

func parseTime(v string) (time.Time, error) {
	var err error
	for _, layout := range timeLayouts {
		var t time.Time
		if t, err = time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, err
}
