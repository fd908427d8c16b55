package demo

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// bulkWriter inserts rows with multi-row INSERT statements, far faster than
// one statement per row, staying under both engines' parameter limits.
type bulkWriter struct {
	tx     *gorm.DB
	tables map[string]*pending
	order  []string
}

type pending struct {
	columns []string
	args    []any
	rows    int
}

// maxParams keeps every statement under SQLite's and PostgreSQL's limits.
const maxParams = 30000

func newBulkWriter(tx *gorm.DB) *bulkWriter {
	return &bulkWriter{tx: tx, tables: map[string]*pending{}}
}

func (w *bulkWriter) add(table string, columns []string, values ...any) error {
	p, ok := w.tables[table]
	if !ok {
		p = &pending{columns: columns}
		w.tables[table] = p
		w.order = append(w.order, table)
	}
	p.args = append(p.args, values...)
	p.rows++
	if len(p.args)+len(columns) > maxParams {
		return w.flushTable(table, p)
	}
	return nil
}

func (w *bulkWriter) flush() error {
	for _, table := range w.order {
		if err := w.flushTable(table, w.tables[table]); err != nil {
			return err
		}
	}
	return nil
}

func (w *bulkWriter) flushTable(table string, p *pending) error {
	if p.rows == 0 {
		return nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(p.columns)), ",") + ")"
	sql := "INSERT INTO " + table + " (" + strings.Join(p.columns, ",") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+",", p.rows), ",")
	if err := w.tx.Exec(sql, p.args...).Error; err != nil {
		return fmt.Errorf("insert %s: %w", table, err)
	}
	p.args, p.rows = p.args[:0], 0
	return nil
}

var (
	contactColumns = []string{"account_id", "name", "email", "role", "phone", "created_at", "updated_at"}
	usageColumns   = []string{"account_id", "week_start", "active_users", "logins", "key_feature_uses", "last_login_at"}
	npsColumns     = []string{"account_id", "score", "comment", "responded_on"}
	moveColumns    = []string{"account_id", "date", "kind", "amount", "currency", "churn_record_id", "created_at"}
)

func (w *bulkWriter) contact(c store.Contact) error {
	return w.add("contacts", contactColumns, c.AccountID, c.Name, c.Email, c.Role, c.Phone, c.CreatedAt, c.UpdatedAt)
}

func (w *bulkWriter) usage(u store.UsageSnapshot) error {
	return w.add("usage_snapshots", usageColumns, u.AccountID, u.WeekStart, u.ActiveUsers, u.Logins, u.KeyFeatureUses, u.LastLoginAt)
}

func (w *bulkWriter) nps(r store.NPSResponse) error {
	return w.add("nps_responses", npsColumns, r.AccountID, r.Score, r.Comment, r.RespondedOn)
}

func (w *bulkWriter) movement(m store.MRRMovement) error {
	return w.add("mrr_movements", moveColumns, m.AccountID, m.Date, m.Kind, m.Amount, m.Currency, m.ChurnRecordID, m.CreatedAt)
}
