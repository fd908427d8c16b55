package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/accounts"
	"churndesk/backend/churn"
	"churndesk/backend/store"
)

// maxOutcomes is how many rows a report lists one by one.
const maxOutcomes = 1000

// importAccounts reads, matches and classifies every row, then (unless this
// is a dry run, or rows were rejected in all-or-nothing mode) writes the
// valid rows in one transaction with the history entry that can undo them.
func (s *Service) importAccounts(ctx context.Context, p *parser, actor string, preset Preset, opt Options) error {
	rule := opt.Match
	if rule == "" {
		rule = "external_id"
	}
	if opt.Mode == "" {
		opt.Mode = "all"
	}
	notes := &columnNotes{unknown: map[string]map[string]int{}}
	rows := s.readAccounts(p, preset, opt, valueTables(preset, opt.Values), notes)
	p.warnings(preset, notes)
	idx, err := s.loadIndex(ctx, preset.Source, rule)
	if err != nil {
		return err
	}
	plan := p.classify(rows, idx, rule)
	rep := p.report
	for _, pl := range plan {
		switch pl.action {
		case "create":
			rep.Created++
		case "update":
			rep.Updated++
		default:
			rep.Unchanged++
		}
	}
	rejected := p.rejectedRows()
	rep.Rejected = len(rejected)
	rep.RejectedCSV = p.rejectedCSV(rejected)
	if !opt.DryRun && (opt.Mode == "valid" || len(rejected) == 0) {
		if err := s.writeAccounts(ctx, p, actor, opt, rule, plan); err != nil {
			return err
		}
	}
	if !opt.DryRun && rep.RunID == 0 {
		// Nothing was written: the counts say what the import did.
		rep.Created, rep.Updated, rep.Unchanged = 0, 0, 0
	}
	p.outcomes(plan, rejected)
	return nil
}

// rejectedRows maps each rejected row (0-based) to its reasons.
func (p *parser) rejectedRows() map[int][]string {
	out := map[int][]string{}
	for _, e := range p.report.Errors {
		reason := e.Message
		if e.Column != "" {
			reason = e.Column + ": " + e.Message
		}
		out[e.Row-2] = append(out[e.Row-2], reason)
	}
	return out
}

// rejectedCSV is the rejected rows as the file had them, plus a Reason
// column, in the file's delimiter: fix and import again.
func (p *parser) rejectedCSV(rejected map[int][]string) string {
	if len(rejected) == 0 {
		return ""
	}
	idx := make([]int, 0, len(rejected))
	for i := range rejected {
		if i >= 0 && i < len(p.t.Rows) {
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = []rune(p.t.Delimiter)[0]
	_ = w.Write(append(append([]string{}, p.t.Header...), "Reason"))
	for _, i := range idx {
		row := append([]string{}, p.t.Rows[i]...)
		for len(row) < len(p.t.Header) {
			row = append(row, "")
		}
		_ = w.Write(append(row[:len(p.t.Header)], strings.Join(rejected[i], "; ")))
	}
	w.Flush()
	return b.String()
}

// outcomes lists the first rows one by one.
func (p *parser) outcomes(plan []planned, rejected map[int][]string) {
	byRow := make(map[int]planned, min(len(plan), maxOutcomes))
	for _, pl := range plan {
		if pl.pa.index < maxOutcomes {
			byRow[pl.pa.index] = pl
		}
	}
	for i := 0; i < min(len(p.t.Rows), maxOutcomes); i++ {
		o := Outcome{Row: i + 2}
		if reasons, bad := rejected[i]; bad {
			o.Action, o.Reason = "rejected", strings.Join(reasons, "; ")
			if strings.Contains(o.Reason, "not merged") {
				o.Match = "ambiguous"
			}
		} else if pl, ok := byRow[i]; ok {
			o.Action, o.Match, o.AccountID, o.Name = pl.action, pl.match, pl.new.ID, pl.new.Name
		}
		p.report.Outcomes = append(p.report.Outcomes, o)
	}
}

// writeAccounts stores the plan, its history entry, what each row changed
// and the churn drafts of canceled subscriptions, in one transaction.
func (s *Service) writeAccounts(ctx context.Context, p *parser, actor string, opt Options, rule string, plan []planned) error {
	rep := p.report
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		run := store.ImportRun{Kind: rep.Kind, Preset: rep.Preset, FileName: opt.FileName, Encoding: rep.Encoding, Rows: rep.Rows,
			Errors: len(rep.Errors), Actor: actor, CreatedAt: s.now().UTC(), Created: rep.Created, Updated: rep.Updated,
			Unchanged: rep.Unchanged, Rejected: rep.Rejected, Mode: opt.Mode, MatchRule: rule,
			Written: rep.Created + rep.Updated + rep.Unchanged}
		if err := tx.Create(&run).Error; err != nil {
			return fmt.Errorf("record import: %w", err)
		}
		var creates []store.Account
		var updates []accounts.BatchUpdate
		for _, pl := range plan {
			switch pl.action {
			case "create":
				creates = append(creates, pl.new)
			case "update":
				updates = append(updates, accounts.BatchUpdate{Old: pl.old, New: pl.new})
			}
		}
		if err := accounts.WriteBatch(tx, run.ID, creates, updates, s.now()); err != nil {
			return err
		}
		changes := make([][]any, 0, len(creates)+len(updates))
		c, u := 0, 0
		for i := range plan {
			pl := &plan[i]
			switch pl.action {
			case "create":
				pl.new.ID = creates[c].ID
				c++
				changes = append(changes, []any{run.ID, pl.pa.index + 2, "create", pl.new.ID, nil, "", "", run.CreatedAt})
			case "update":
				pl.new.ID = updates[u].New.ID
				u++
				changes = append(changes, []any{run.ID, pl.pa.index + 2, "update", pl.new.ID, nil, mustJSON(pl.old), mustJSON(pl.changes), run.CreatedAt})
			default:
				pl.new.ID = pl.old.ID
			}
		}
		drafts, err := s.churnDrafts(tx, actor, run, plan)
		if err != nil {
			return err
		}
		changes = append(changes, drafts...)
		b := store.NewBatch(tx, "import_changes", []string{"import_run_id", "row", "action", "account_id", "record_id", "before", "changes", "created_at"}, "")
		defer b.Close()
		if err := b.Exec(changes); err != nil {
			return err
		}
		// The run is stamped when its writes are done: an account updated
		// after this moment was changed by someone else.
		if err := tx.Model(&run).Update("created_at", s.now().UTC()).Error; err != nil {
			return err
		}
		rep.RunID, rep.Written = run.ID, run.Written
		return nil
	})
}

// churnDrafts logs a churn record for every canceled subscription whose
// account is not churned yet, with the reason mapped from Stripe's
// cancellation feedback, for the founder to complete.
func (s *Service) churnDrafts(tx *gorm.DB, actor string, run store.ImportRun, plan []planned) ([][]any, error) {
	var out [][]any
	for _, pl := range plan {
		cn := pl.pa.cancel
		if cn == nil || cn.day == "" || pl.new.Status == "churned" || s.churn == nil {
			continue
		}
		reason, ok := stripeFeedback[cn.feedback]
		if !ok {
			reason = "other"
		}
		detail := cn.comment
		if detail == "" {
			detail = "Canceled in Stripe; complete from the exit interview."
		}
		id, err := s.churn.CreateIn(tx, actor, pl.new.ID, churn.Input{ChurnDate: cn.day, Reason: reason, ReasonDetail: detail})
		if err != nil {
			return nil, fmt.Errorf("churn draft for row %d: %w", pl.pa.index+2, err)
		}
		before := ""
		if pl.action != "create" {
			before = mustJSON(pl.old)
		}
		out = append(out, []any{run.ID, pl.pa.index + 2, "churn_draft", pl.new.ID, id, before, "", run.CreatedAt})
	}
	return out, nil
}
