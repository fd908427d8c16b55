// Package invariants checks the rules a ChurnDesk database must keep after
// any fault: a sound file, MRR movements that add up, churn records that
// match account status, unique task occurrences, whole imports and an audit
// entry for every churn record change. Reliability tests run it after each
// injected fault, on SQLite and PostgreSQL.
package invariants

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"churndesk/backend/store"
)

// Report is the outcome of one Check: how many rules were checked and every
// violation found, one sentence each.
type Report struct {
	Checks     int
	Violations []string
}

// Err returns nil when nothing was violated, otherwise an error listing the
// first violations.
func (r Report) Err() error {
	if len(r.Violations) == 0 {
		return nil
	}
	shown := r.Violations
	if len(shown) > 10 {
		shown = shown[:10]
	}
	return fmt.Errorf("%d invariant violations: %s", len(r.Violations), strings.Join(shown, "; "))
}

func (r *Report) fail(format string, args ...any) {
	r.Violations = append(r.Violations, fmt.Sprintf(format, args...))
}

// Rule names for CheckExcept.
const (
	RuleIntegrity   = "integrity"
	RuleMRR         = "mrr movements"
	RuleChurnStatus = "churn status"
	RuleTasks       = "task occurrences"
	RuleImports     = "import runs"
	RuleAudit       = "churn audit"
)

// Check reads the whole database through s and reports every violation.
func Check(ctx context.Context, s *store.Store) (Report, error) {
	return CheckExcept(ctx, s)
}

// CheckExcept is Check without the named rules.
func CheckExcept(ctx context.Context, s *store.Store, skip ...string) (Report, error) {
	var r Report
	steps := []struct {
		name string
		fn   func(context.Context, *store.Store, *Report) error
	}{
		{"integrity", integrity},
		{"mrr movements", mrrSums},
		{"churn status", churnStatus},
		{"task occurrences", taskOccurrences},
		{"import runs", importRuns},
		{"churn audit", churnAudit},
	}
	for _, st := range steps {
		if (st.name == RuleIntegrity && s.Engine() != store.SQLite) || slices.Contains(skip, st.name) {
			continue
		}
		if err := st.fn(ctx, s, &r); err != nil {
			return r, fmt.Errorf("check %s: %w", st.name, err)
		}
		r.Checks++
	}
	return r, nil
}

// integrity runs SQLite's own full check and the foreign key check.
func integrity(ctx context.Context, s *store.Store, r *Report) error {
	var rows []string
	if err := s.Read(ctx).Raw("PRAGMA integrity_check").Scan(&rows).Error; err != nil {
		return err
	}
	if len(rows) != 1 || rows[0] != "ok" {
		r.fail("PRAGMA integrity_check: %s", strings.Join(rows, ", "))
	}
	var fk []map[string]any
	if err := s.Read(ctx).Raw("PRAGMA foreign_key_check").Scan(&fk).Error; err != nil {
		return err
	}
	if len(fk) > 0 {
		r.fail("PRAGMA foreign_key_check: %d rows point at missing parents (first: %v)", len(fk), fk[0])
	}
	return nil
}

type account struct {
	ID            int64
	Name          string
	Status        string
	MRR           int64 `gorm:"column:mrr"`
	Currency      string
	ContractStart store.Date
}

func accountsByID(ctx context.Context, s *store.Store) (map[int64]account, error) {
	var list []account
	if err := s.Read(ctx).Raw("SELECT id, name, status, mrr, currency, contract_start FROM accounts").Scan(&list).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]account, len(list))
	for _, a := range list {
		out[a.ID] = a
	}
	return out, nil
}

// mrrSums: the movements of a customer (onboarding or active) add up to its
// MRR in its currency and to zero in any other; a trial's and a churned
// account's add up to zero; no movement belongs to a missing account.
func mrrSums(ctx context.Context, s *store.Store, r *Report) error {
	accs, err := accountsByID(ctx, s)
	if err != nil {
		return err
	}
	var sums []struct {
		AccountID int64
		Currency  string
		Total     int64
	}
	if err := s.Read(ctx).Raw("SELECT account_id, currency, SUM(amount) AS total FROM mrr_movements GROUP BY account_id, currency").Scan(&sums).Error; err != nil {
		return err
	}
	got := map[int64]map[string]int64{}
	for _, x := range sums {
		if _, ok := accs[x.AccountID]; !ok {
			r.fail("MRR movements of missing account %d", x.AccountID)
			continue
		}
		if got[x.AccountID] == nil {
			got[x.AccountID] = map[string]int64{}
		}
		got[x.AccountID][x.Currency] += x.Total
	}
	ids := sortedIDs(accs)
	for _, id := range ids {
		a := accs[id]
		want := map[string]int64{}
		if a.Status == "onboarding" || a.Status == "active" {
			want[a.Currency] = a.MRR
		}
		for _, cur := range currencies(want, got[id]) {
			if want[cur] != got[id][cur] {
				r.fail("account %d (%s, %s): MRR movements in %s add up to %d, want %d", id, a.Name, a.Status, cur, got[id][cur], want[cur])
			}
		}
	}
	return nil
}

func currencies(a, b map[string]int64) []string {
	seen := map[string]bool{}
	for c := range a {
		seen[c] = true
	}
	for c := range b {
		seen[c] = true
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

func sortedIDs(accs map[int64]account) []int64 {
	ids := make([]int64, 0, len(accs))
	for id := range accs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// churnStatus: a churned account has a current churn record (one dated on
// or after its contract start); a live account has none (a reactivation
// moves the contract start to the return day, on or after the churn); no
// churn record belongs to a missing account.
func churnStatus(ctx context.Context, s *store.Store, r *Report) error {
	accs, err := accountsByID(ctx, s)
	if err != nil {
		return err
	}
	var recs []struct {
		ID        int64
		AccountID int64
		ChurnDate store.Date
	}
	if err := s.Read(ctx).Raw("SELECT id, account_id, churn_date FROM churn_records").Scan(&recs).Error; err != nil {
		return err
	}
	current := map[int64]int64{}
	for _, c := range recs {
		a, ok := accs[c.AccountID]
		if !ok {
			r.fail("churn record %d belongs to missing account %d", c.ID, c.AccountID)
			continue
		}
		if !c.ChurnDate.Before(a.ContractStart.Time) {
			// Reactivated the same day: the contract start equals the churn
			// date, and only a churned account counts such a record as current.
			if c.ChurnDate.Equal(a.ContractStart.Time) && a.Status != "churned" {
				continue
			}
			current[a.ID] = c.ID
		}
	}
	for _, id := range sortedIDs(accs) {
		a := accs[id]
		rec, has := current[id]
		switch {
		case a.Status == "churned" && !has:
			r.fail("account %d (%s) is churned but has no current churn record", id, a.Name)
		case a.Status != "churned" && has:
			r.fail("account %d (%s) is %s but churn record %d is current", id, a.Name, a.Status, rec)
		}
	}
	return nil
}

// taskOccurrences: no two tasks share account, trigger, occurrence and
// action (the unique index says so; a damaged index would not).
func taskOccurrences(ctx context.Context, s *store.Store, r *Report) error {
	var dup []struct {
		AccountID   int64
		Trigger     string
		Occurrence  string
		ActionIndex int
		N           int64
	}
	q := `SELECT account_id, "trigger", occurrence, action_index, COUNT(*) AS n FROM tasks
	      GROUP BY account_id, "trigger", occurrence, action_index HAVING COUNT(*) > 1`
	if err := s.Read(ctx).Raw(q).Scan(&dup).Error; err != nil {
		return err
	}
	for _, d := range dup {
		r.fail("task occurrence %d/%s/%s/%d stored %d times", d.AccountID, d.Trigger, d.Occurrence, d.ActionIndex, d.N)
	}
	return nil
}

// importRuns: an accounts import that was written and not undone holds one
// change per created and per updated account; nothing written by an import
// outlives or predates its history entry.
func importRuns(ctx context.Context, s *store.Store, r *Report) error {
	var runs []struct {
		ID      int64
		Created int
		Updated int
		Creates int
		Updates int
	}
	q := `SELECT r.id, r.created, r.updated,
	        (SELECT COUNT(*) FROM import_changes c WHERE c.import_run_id = r.id AND c.action = 'create') AS creates,
	        (SELECT COUNT(*) FROM import_changes c WHERE c.import_run_id = r.id AND c.action = 'update') AS updates
	      FROM import_runs r WHERE r.kind = 'accounts' AND r.dry_run = ? AND r.undone_at IS NULL`
	if err := s.Read(ctx).Raw(q, false).Scan(&runs).Error; err != nil {
		return err
	}
	for _, x := range runs {
		if x.Creates != x.Created || x.Updates != x.Updated {
			r.fail("import run %d reports %d created and %d updated but holds %d and %d changes", x.ID, x.Created, x.Updated, x.Creates, x.Updates)
		}
	}
	var orphans []struct {
		Tbl string
		N   int64
	}
	q = `SELECT 'import_changes' AS tbl, COUNT(*) AS n FROM import_changes c WHERE NOT EXISTS (SELECT 1 FROM import_runs r WHERE r.id = c.import_run_id)
	     UNION ALL
	     SELECT 'mrr_movements', COUNT(*) FROM mrr_movements m WHERE m.import_run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_runs r WHERE r.id = m.import_run_id)`
	if err := s.Read(ctx).Raw(q).Scan(&orphans).Error; err != nil {
		return err
	}
	for _, o := range orphans {
		if o.N > 0 {
			r.fail("%d %s rows belong to no import run", o.N, o.Tbl)
		}
	}
	return nil
}

// churnAudit: every churn record has its "create" entry and, once edited,
// an "update" entry; every entry's record
// exists unless a "delete" entry says it was removed.
func churnAudit(ctx context.Context, s *store.Store, r *Report) error {
	var recs []struct {
		ID        int64
		Edited    bool
		Creates   int64
		Updates   int64
		LastAudit *string
	}
	q := `SELECT c.id, c.updated_at > c.created_at AS edited,
	        (SELECT COUNT(*) FROM churn_audits a WHERE a.churn_record_id = c.id AND a.action = 'create') AS creates,
	        (SELECT COUNT(*) FROM churn_audits a WHERE a.churn_record_id = c.id AND a.action = 'update') AS updates
	      FROM churn_records c`
	if err := s.Read(ctx).Raw(q).Scan(&recs).Error; err != nil {
		return err
	}
	for _, c := range recs {
		if c.Creates != 1 {
			r.fail("churn record %d has %d create entries in the audit trail, want 1", c.ID, c.Creates)
		}
		if c.Edited && c.Updates == 0 {
			r.fail("churn record %d was changed after it was created but the audit trail has no entry for that change", c.ID)
		}
	}
	var lost []int64
	q = `SELECT DISTINCT a.churn_record_id FROM churn_audits a
	     WHERE NOT EXISTS (SELECT 1 FROM churn_records c WHERE c.id = a.churn_record_id)
	       AND NOT EXISTS (SELECT 1 FROM churn_audits d WHERE d.churn_record_id = a.churn_record_id AND d.action = 'delete')`
	if err := s.Read(ctx).Raw(q).Scan(&lost).Error; err != nil {
		return err
	}
	for _, id := range lost {
		r.fail("churn record %d is gone without a delete entry in the audit trail", id)
	}
	return nil
}
