package importer

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"churndesk/backend/nps"
	"churndesk/backend/store"
)

// importNPS reads NPS answers; every answer is new. All or nothing, or the
// valid answers with the rejected rows handed back; a kept import records
// each answer it created, in the same transaction, so it can be undone.
func (s *Service) importNPS(ctx context.Context, p *parser, actor string, accounts map[string]int64, opt Options) error {
	var batch nps.Batch
	var rowOf []int
	for i, row := range p.t.Rows {
		before := len(p.report.Errors)
		comment, _ := p.cell(row, "comment")
		item := nps.Item{AccountID: p.account(i, row, accounts), Input: nps.Input{
			Score: p.int(i, row, "score", true), RespondedOn: p.date(i, row, "responded_on"), Comment: comment,
		}}
		if len(p.report.Errors) == before {
			batch.Items = append(batch.Items, item)
			rowOf = append(rowOf, i)
		}
	}
	if len(batch.Items) > 0 {
		if _, err := s.nps.CreateMany(ctx, batch, true); err != nil {
			if err := p.fieldErrors(err, rowOf); err != nil {
				return err
			}
		}
	}
	bad := map[int][]RowError{}
	for _, e := range p.report.Errors {
		bad[e.Row] = append(bad[e.Row], e)
	}
	rep := p.report
	var rj rejects
	for i, row := range p.t.Rows {
		if errs, ok := bad[i+2]; ok {
			rj.add(p.t, row, errs)
			rep.Rejected++
		}
	}
	rep.RejectedCSV = rj.String()
	var keep nps.Batch
	var keptRows []int
	for k, it := range batch.Items {
		if _, ok := bad[rowOf[k]+2]; !ok {
			keep.Items = append(keep.Items, it)
			keptRows = append(keptRows, rowOf[k])
		}
	}
	if opt.Mode != "valid" && len(p.report.Errors) > 0 {
		return nil
	}
	rep.Created = len(keep.Items)
	if opt.DryRun || len(keep.Items) == 0 {
		return nil
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		run := store.ImportRun{Kind: rep.Kind, Preset: rep.Preset, FileName: opt.FileName, Encoding: rep.Encoding, Actor: actor,
			CreatedAt: s.now().UTC(), Mode: modeOf(opt)}
		if err := tx.Create(&run).Error; err != nil {
			return fmt.Errorf("record import: %w", err)
		}
		rows, err := nps.WriteIn(tx, keep)
		if err != nil {
			return err
		}
		changes := make([]store.ImportChange, len(rows))
		for k := range rows {
			changes[k] = store.ImportChange{ImportRunID: run.ID, Row: keptRows[k] + 2, Action: "nps_create", AccountID: rows[k].AccountID,
				RecordID: &rows[k].ID, CreatedAt: run.CreatedAt}
		}
		if err := tx.CreateInBatches(changes, 1000).Error; err != nil {
			return fmt.Errorf("record import changes: %w", err)
		}
		err = tx.Model(&run).Updates(map[string]any{"rows": rep.Rows, "errors": len(rep.Errors), "created": rep.Created,
			"rejected": rep.Rejected, "written": len(rows)}).Error
		if err != nil {
			return fmt.Errorf("record import: %w", err)
		}
		rep.RunID, rep.Written = run.ID, len(rows)
		return nil
	})
}
