package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/accounts"
	"churndesk/backend/churn"
	"churndesk/backend/store"
)

// maxOutcomes is how many rows a report lists one by one.
const maxOutcomes = 1000

// writeChunk is how many classified rows are written at a time: the
// import holds one chunk of rows, never the whole file.
const writeChunk = 10000

// errNothingWritten rolls back an all-or-nothing import that met a
// rejected row after it had started writing.
var errNothingWritten = errors.New("rejected rows: nothing written")

// accountRun is one accounts import in progress. Rows are read, checked,
// matched and (unless this is a dry run) written a chunk at a time inside
// one transaction; what stays in memory is the match index, the keys the
// file has claimed, the first rows' outcomes and the rejected rows.
type accountRun struct {
	s      *Service
	p      *parser
	st     *tableStream
	preset Preset
	opt    Options
	rule   string
	vt     ValueTables
	notes  *columnNotes
	m      *matcher
	actor  string
	rows   <-chan rowBatch
	chunk  []planned
	rej    *csv.Writer
	rejBuf bytes.Buffer
}

// importAccounts reads, matches and classifies every row, and (unless this
// is a dry run, or rows were rejected in all-or-nothing mode) writes the
// valid rows in one transaction with the history entry that can undo them.
func (s *Service) importAccounts(ctx context.Context, p *parser, st *tableStream, actor string, preset Preset, opt Options) error {
	rule := opt.Match
	if rule == "" {
		rule = "external_id"
	}
	if opt.Mode == "" {
		opt.Mode = "all"
	}
	ar := &accountRun{s: s, p: p, st: st, preset: preset, opt: opt, rule: rule, vt: valueTables(preset, opt.Values),
		notes: &columnNotes{unknown: map[string]map[string]int{}}, actor: actor}
	stop := make(chan struct{})
	defer close(stop)
	ar.rows = ar.readRows(stop)
	idx, err := s.loadIndex(ctx, preset.Source, rule)
	if err != nil {
		return err
	}
	ar.m = newMatcher(idx, rule)
	rep := p.report
	if opt.DryRun {
		err = ar.each(ctx, nil)
	} else {
		err = s.db.Tx(ctx, ar.writeLarge)
		if errors.Is(err, errNothingWritten) {
			err = nil
			rep.RunID, rep.Written = 0, 0
			for i := range rep.Outcomes {
				if rep.Outcomes[i].Action == "create" {
					rep.Outcomes[i].AccountID = 0
				}
			}
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	p.warnings(preset, ar.notes)
	if ar.rej != nil {
		ar.rej.Flush()
		rep.RejectedCSV = ar.rejBuf.String()
	}
	if !opt.DryRun && rep.RunID == 0 {
		// Nothing was written: the counts say what the import did.
		rep.Created, rep.Updated, rep.Unchanged = 0, 0, 0
	}
	return nil
}

// parsedRow is one row read and checked, with the file's cells (a row
// that is rejected goes back to the user as it was).
type parsedRow struct {
	i    int
	row  []string
	pa   parsedAccount
	ok   bool
	errs []RowError
}

// rowBatch is some rows in file order; the last batch may carry the
// error that ended the reading.
type rowBatch struct {
	rows []parsedRow
	err  error
}

// readRows reads and checks the rows on a goroutine of its own, so that on
// two cores the parsing overlaps with loading the match index and with
// writing. It keeps its errors apart (each row carries its own) and stops
// when stop closes.
func (ar *accountRun) readRows(stop <-chan struct{}) <-chan rowBatch {
	out := make(chan rowBatch, 4)
	pp := *ar.p
	pp.report = &Report{}
	go func() {
		defer close(out)
		send := func(b rowBatch) bool {
			select {
			case out <- b:
				return true
			case <-stop:
				return false
			}
		}
		batch := make([]parsedRow, 0, 512)
		for i := 0; ; i++ {
			row, err := ar.st.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				send(rowBatch{rows: batch, err: err})
				return
			}
			pp.report.Errors = pp.report.Errors[:0]
			pa, ok := ar.s.readAccount(&pp, i, row, ar.preset, ar.opt, ar.vt, ar.notes)
			r := parsedRow{i: i, row: row, pa: pa, ok: ok}
			if len(pp.report.Errors) > 0 {
				r.errs = append([]RowError(nil), pp.report.Errors...)
			}
			if batch = append(batch, r); len(batch) == cap(batch) {
				if !send(rowBatch{rows: batch}) {
					return
				}
				batch = make([]parsedRow, 0, 512)
			}
		}
		send(rowBatch{rows: batch})
	}()
	return out
}

// each takes every checked row, matches it and counts it; flush (nil for
// a dry run) writes each full chunk of classified rows and the last one.
func (ar *accountRun) each(ctx context.Context, flush func([]planned) error) error {
	rep := ar.p.report
	for b := range ar.rows {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("import accounts: stopped at row %d: %w", rep.Rows+2, err)
		}
		if b.err != nil {
			return b.err
		}
		for _, r := range b.rows {
			if err := ar.row(r, flush); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("import accounts: stopped at row %d: %w", rep.Rows+2, err)
	}
	if flush != nil && len(ar.chunk) > 0 && !(ar.opt.Mode == "all" && rep.Rejected > 0) {
		return flush(ar.chunk)
	}
	return nil
}

// row matches and counts one checked row and queues it for writing.
func (ar *accountRun) row(r parsedRow, flush func([]planned) error) error {
	p, rep := ar.p, ar.p.report
	i := r.i
	rep.Rows++
	before := len(rep.Errors)
	rep.Errors = append(rep.Errors, r.errs...)
	ok := r.ok
	var pl planned
	if ok {
		pl, ok = ar.m.classify(p, r.pa)
	}
	if !ok {
		ar.reject(i, r.row, rep.Errors[before:])
		return nil
	}
	switch pl.action {
	case "create":
		rep.Created++
	case "update":
		rep.Updated++
	default:
		rep.Unchanged++
	}
	if i < maxOutcomes {
		rep.Outcomes = append(rep.Outcomes, Outcome{Row: i + 2, Action: pl.action, Match: pl.match, AccountID: pl.old.ID, Name: pl.new.Name})
	}
	if flush == nil || (ar.opt.Mode == "all" && rep.Rejected > 0) {
		return nil
	}
	ar.chunk = append(ar.chunk, pl)
	if len(ar.chunk) == writeChunk {
		if err := flush(ar.chunk); err != nil {
			return err
		}
		clear(ar.chunk)
		ar.chunk = ar.chunk[:0]
	}
	return nil
}

// reject counts row i as rejected, lists its outcome and adds it to the
// rejected rows' CSV as the file had it, plus a Reason column, in the
// file's delimiter: fix and import again.
func (ar *accountRun) reject(i int, row []string, errs []RowError) {
	rep := ar.p.report
	rep.Rejected++
	reasons := make([]string, len(errs))
	for k, e := range errs {
		reasons[k] = e.Message
		if e.Column != "" {
			reasons[k] = e.Column + ": " + e.Message
		}
	}
	reason := strings.Join(reasons, "; ")
	if i < maxOutcomes {
		o := Outcome{Row: i + 2, Action: "rejected", Reason: reason}
		if strings.Contains(reason, "not merged") {
			o.Match = "ambiguous"
		}
		rep.Outcomes = append(rep.Outcomes, o)
	}
	header := ar.st.Header
	if ar.rej == nil {
		ar.rej = csv.NewWriter(&ar.rejBuf)
		ar.rej.Comma = []rune(ar.st.Delimiter)[0]
		_ = ar.rej.Write(append(append([]string{}, header...), "Reason"))
	}
	out := make([]string, len(header)+1)
	copy(out, row)
	out[len(header)] = reason
	_ = ar.rej.Write(out)
}

// writeLarge is write with the room a large import needs on SQLite: a
// page cache that holds the indexes it touches, and (into an empty
// database) the accounts' and MRR movements' indexes built once at the
// end rather than row by row.
func (ar *accountRun) writeLarge(tx *gorm.DB) error {
	return store.WithLargeCache(tx, func() error {
		return store.WithIndexesBuiltAfter(tx, []string{"accounts", "mrr_movements"}, func() error { return ar.write(tx) })
	})
}

// write runs the import inside tx: the history entry first (the MRR
// movements and changes point to it), the rows chunk by chunk, then the
// entry's counts. An all-or-nothing import that met a rejected row
// returns errNothingWritten, which rolls everything back.
func (ar *accountRun) write(tx *gorm.DB) error {
	rep, opt, s := ar.p.report, ar.opt, ar.s
	run := store.ImportRun{Kind: rep.Kind, Preset: rep.Preset, FileName: opt.FileName, Encoding: rep.Encoding, Actor: ar.actor,
		CreatedAt: s.now().UTC(), Mode: opt.Mode, MatchRule: ar.rule}
	if err := tx.Create(&run).Error; err != nil {
		return fmt.Errorf("record import: %w", err)
	}
	changes := store.NewBatch(tx, "import_changes", []string{"import_run_id", "row", "action", "account_id", "record_id", "before", "changes", "created_at"}, "")
	defer changes.Close()
	accs := accounts.NewBatchWriter(tx, run.ID)
	defer accs.Close()
	err := ar.each(tx.Statement.Context, func(chunk []planned) error { return ar.writeChunk(tx, run, accs, changes, chunk) })
	if err != nil {
		return err
	}
	if opt.Mode == "all" && rep.Rejected > 0 {
		return errNothingWritten
	}
	written := rep.Created + rep.Updated + rep.Unchanged
	// The run is stamped when its writes are done: an account updated
	// after this moment was changed by someone else.
	err = tx.Model(&run).Updates(map[string]any{"rows": rep.Rows, "errors": len(rep.Errors), "created": rep.Created, "updated": rep.Updated,
		"unchanged": rep.Unchanged, "rejected": rep.Rejected, "written": written, "created_at": s.now().UTC()}).Error
	if err != nil {
		return fmt.Errorf("record import: %w", err)
	}
	rep.RunID, rep.Written = run.ID, written
	return nil
}

// writeChunk stores one chunk of classified rows, what each row changed
// and the churn drafts of canceled subscriptions.
func (ar *accountRun) writeChunk(tx *gorm.DB, run store.ImportRun, accs *accounts.BatchWriter, batch *store.Batch, plan []planned) error {
	s := ar.s
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
	if err := accs.Write(creates, updates, s.now()); err != nil {
		return err
	}
	changes := make([][]any, 0, len(creates)+len(updates))
	c, u := 0, 0
	outcomes := ar.p.report.Outcomes
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
		if pl.pa.index < len(outcomes) {
			outcomes[pl.pa.index].AccountID = pl.new.ID
		}
	}
	drafts, err := s.churnDrafts(tx, ar.actor, run, plan)
	if err != nil {
		return err
	}
	return batch.Exec(append(changes, drafts...))
}

// churnDrafts logs a churn record for every canceled subscription whose
// account is not churned yet, with the reason mapped from Stripe's
// cancellation feedback, for the founder to complete.
func (s *Service) churnDrafts(tx *gorm.DB, actor string, run store.ImportRun, plan []planned) ([][]any, error) {
	var out [][]any
	for _, pl := range plan {
		cn := pl.pa.cancel
		if cn == nil || pl.new.Status == "churned" || s.churn == nil {
			continue
		}
		day := cn.day
		if day == "" {
			// Churned in the file without a date: dated the import day (or
			// the contract start, if that is later) for a person to correct.
			day = store.NewDate(s.now()).String()
			if start := pl.new.ContractStart.String(); start > day {
				day = start
			}
		}
		reason, ok := stripeFeedback[cn.feedback]
		if !ok {
			reason = "other"
		}
		detail := cn.comment
		switch {
		case detail != "":
		case cn.day == "":
			detail = "Churned in the imported file; set the churn date and complete from the exit interview."
		default:
			detail = "Canceled in Stripe; complete from the exit interview."
		}
		id, err := s.churn.CreateIn(tx, actor, pl.new.ID, churn.Input{ChurnDate: day, Reason: reason, ReasonDetail: detail})
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
