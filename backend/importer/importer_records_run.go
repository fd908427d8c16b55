package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// recordRun is a contacts or churn import being written: its history entry
// and what each row changed, so that it can be undone.
type recordRun struct {
	run     store.ImportRun
	touched map[int64]bool // accounts whose previous values are kept
}

// keeps reports whether the run keeps changes (it is not a dry run).
func (r *recordRun) keeps() bool { return r.run.ID != 0 }

// change records what row did: action, the account and the record it
// concerns, and the record or account as it was before (JSON, "" for none).
func (r *recordRun) change(tx *gorm.DB, row int, action string, accountID int64, recordID *int64, before string) error {
	if !r.keeps() {
		return nil
	}
	c := store.ImportChange{ImportRunID: r.run.ID, Row: row, Action: action, AccountID: accountID, RecordID: recordID,
		Before: before, CreatedAt: r.run.CreatedAt}
	if err := tx.Create(&c).Error; err != nil {
		return fmt.Errorf("record import change: %w", err)
	}
	return nil
}

// accountBefore is the account as it was before the run first touched it,
// as JSON; "" once it was kept.
func (r *recordRun) accountBefore(tx *gorm.DB, id int64) (string, error) {
	if !r.keeps() || r.touched[id] {
		return "", nil
	}
	var a store.Account
	if err := tx.Take(&a, id).Error; err != nil {
		return "", fmt.Errorf("load account %d: %w", id, err)
	}
	r.touched[id] = true
	return mustJSON(a), nil
}

// rejects collects the rejected rows as the file had them plus a Reason
// column, in the file's delimiter.
type rejects struct {
	buf bytes.Buffer
	w   *csv.Writer
}

func (rj *rejects) add(t *Table, row []string, errs []RowError) {
	if rj.w == nil {
		rj.w = csv.NewWriter(&rj.buf)
		if t.Delimiter != "" {
			rj.w.Comma = []rune(t.Delimiter)[0]
		}
		_ = rj.w.Write(append(append([]string{}, t.Header...), "Reason"))
	}
	reasons := make([]string, len(errs))
	for k, e := range errs {
		reasons[k] = e.Message
		if e.Column != "" {
			reasons[k] = e.Column + ": " + e.Message
		}
	}
	out := make([]string, len(t.Header)+1)
	copy(out, row)
	out[len(t.Header)] = strings.Join(reasons, "; ")
	_ = rj.w.Write(out)
}

func (rj *rejects) String() string {
	if rj.w == nil {
		return ""
	}
	rj.w.Flush()
	return rj.buf.String()
}

// writeAll runs write for every row inside one transaction. All or
// nothing (the default): any bad row, or a dry run, rolls everything back.
// Valid rows only: a bad row's own writes are rolled back to a savepoint,
// the row goes to the rejected CSV and the others are kept. A kept import
// has its history entry and changes written in the same transaction.
func (s *Service) writeAll(ctx context.Context, p *parser, actor string, opt Options, write func(tx *gorm.DB, rr *recordRun, i int, row []string) (bool, error)) error {
	written := 0
	partial := opt.Mode == "valid"
	var rj rejects
	rep := p.report
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		rr := &recordRun{touched: map[int64]bool{}}
		if !opt.DryRun {
			rr.run = store.ImportRun{Kind: rep.Kind, Preset: rep.Preset, FileName: opt.FileName, Encoding: rep.Encoding, Actor: actor,
				CreatedAt: s.now().UTC(), Mode: modeOf(opt)}
			if err := tx.Create(&rr.run).Error; err != nil {
				return fmt.Errorf("record import: %w", err)
			}
		}
		for i, row := range p.t.Rows {
			if i%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("import: stopped at row %d: %w", i+2, err)
				}
			}
			before := len(rep.Errors)
			if partial {
				if err := tx.SavePoint("import_row").Error; err != nil {
					return fmt.Errorf("import row %d: %w", i+2, err)
				}
			}
			ok, err := write(tx, rr, i, row)
			if err != nil {
				fe, isFault := fault.As(err)
				if !isFault {
					return err
				}
				p.rowFault(i, fe)
			}
			if len(rep.Errors) > before {
				if partial {
					if err := tx.RollbackTo("import_row").Error; err != nil {
						return fmt.Errorf("import row %d: %w", i+2, err)
					}
				}
				rep.Rejected++
				rj.add(p.t, row, rep.Errors[before:])
				continue
			}
			if ok {
				written++
			}
		}
		if opt.DryRun || !partial && rep.Rejected > 0 {
			return errRollback
		}
		err := tx.Model(&rr.run).Updates(map[string]any{"rows": rep.Rows, "errors": len(rep.Errors), "created": rep.Created,
			"updated": rep.Updated, "unchanged": rep.Unchanged, "rejected": rep.Rejected, "written": written, "created_at": s.now().UTC()}).Error
		if err != nil {
			return fmt.Errorf("record import: %w", err)
		}
		rep.RunID = rr.run.ID
		return nil
	})
	rep.RejectedCSV = rj.String()
	if !partial && rep.Rejected > 0 || err != nil && !errors.Is(err, errRollback) {
		rep.Created, rep.Updated, rep.Unchanged = 0, 0, 0
	}
	if errors.Is(err, errRollback) {
		return nil
	}
	if err == nil {
		rep.Written = written
	}
	return err
}

func modeOf(opt Options) string {
	if opt.Mode == "" {
		return "all"
	}
	return opt.Mode
}
