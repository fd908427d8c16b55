package accounts

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// Model validates in and converts it to a row, writing nothing: what an
// import needs to compare a file's row with the stored account.
func (s *Service) Model(in AccountInput) (store.Account, error) {
	return s.model(in)
}

// BatchUpdate is a stored account and what a batch makes of it.
type BatchUpdate struct {
	Old, New store.Account
}

// accountColumns are the columns a batch writes, in the order of values().
var accountColumns = []string{"name", "search_text", "domain", "industry", "segment", "plan", "mrr", "currency", "seats",
	"contract_start", "renewal_date", "owner", "status", "crm_source", "external_id", "payment_status", "overdue_since",
	"card_expiry_month", "card_expiry_year", "loyalty_tier", "csm_sentiment", "health_score", "health_class",
	"engagement_class", "trial_ends_on", "created_at", "updated_at"}

// dateColumns are the accounts columns that hold a day (store.Date).
var dateColumns = map[string]bool{"contract_start": true, "renewal_date": true, "overdue_since": true, "trial_ends_on": true}

func nullable[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func values(a store.Account) []any {
	return []any{a.Name, a.SearchText, a.Domain, a.Industry, a.Segment, a.Plan, a.MRR, a.Currency, a.Seats,
		a.ContractStart, nullable(a.RenewalDate), a.Owner, a.Status, a.CRMSource, a.ExternalID, a.PaymentStatus,
		nullable(a.OverdueSince), nullable(a.CardExpiryMonth), nullable(a.CardExpiryYear), a.LoyaltyTier,
		nullable(a.CSMSentiment), nullable(a.HealthScore), a.HealthClass, a.EngagementClass, nullable(a.TrialEndsOn), a.CreatedAt, a.UpdatedAt}
}

// BatchWriter stores many accounts inside one transaction with multi-row
// statements, a chunk at a time; its statements are prepared once and
// reused for every chunk (preparing an INSERT of a thousand rows costs
// about as much as running it).
type BatchWriter struct {
	tx          *gorm.DB
	importRunID any
	inserts     *store.Batch
	moves       *store.Batch
	update      *sql.Stmt
}

// NewBatchWriter writes accounts inside tx, marking the MRR movements it
// records with importRunID (0: none). Close releases its statements.
func NewBatchWriter(tx *gorm.DB, importRunID int64) *BatchWriter {
	w := &BatchWriter{tx: tx,
		inserts: store.NewBatch(tx, "accounts", accountColumns, "RETURNING id, crm_source, external_id"),
		moves:   store.NewBatch(tx, "mrr_movements", []string{"account_id", "date", "kind", "amount", "currency", "created_at", "import_run_id"}, "")}
	if importRunID != 0 {
		w.importRunID = importRunID
	}
	return w
}

// Close releases the prepared statements.
func (w *BatchWriter) Close() {
	w.inserts.Close()
	w.moves.Close()
	if w.update != nil {
		w.update.Close()
	}
}

// Write inserts creates (setting their IDs; each needs a CRM source and
// external id), saves updates, and records the MRR movements both imply.
// Trials are not customers: a trial's MRR moves nothing until it converts,
// which is a "new" movement on that day.
func (w *BatchWriter) Write(creates []store.Account, updates []BatchUpdate, now time.Time) error {
	tx := w.tx
	now = now.UTC()
	var moves []store.MRRMovement
	if len(creates) > 0 {
		ids := make(map[string]int64, len(creates))
		rows := make([][]any, len(creates))
		for i := range creates {
			creates[i].CreatedAt, creates[i].UpdatedAt = now, now
			rows[i] = values(creates[i])
		}
		err := w.inserts.Query(rows, func(r *sql.Rows) error {
			var id int64
			var src, ext string
			if err := r.Scan(&id, &src, &ext); err != nil {
				return err
			}
			ids[src+"\x00"+ext] = id
			return nil
		})
		if err != nil {
			return fmt.Errorf("insert accounts: %w", err)
		}
		for i := range creates {
			creates[i].ID = ids[creates[i].CRMSource+"\x00"+creates[i].ExternalID]
			if creates[i].ID == 0 {
				return fmt.Errorf("insert accounts: no id came back for %s %s", creates[i].CRMSource, creates[i].ExternalID)
			}
			moves = append(moves, Movements(nil, creates[i], now)...)
		}
	}
	if len(updates) > 0 {
		if w.update == nil {
			set := make([]string, 0, len(accountColumns))
			for _, c := range accountColumns[:len(accountColumns)-2] {
				set = append(set, c+" = ?")
			}
			q := store.Placeholders(tx.Dialector.Name(), "UPDATE accounts SET "+strings.Join(set, ", ")+", updated_at = ? WHERE id = ?")
			st, err := tx.Statement.ConnPool.PrepareContext(tx.Statement.Context, q)
			if err != nil {
				return fmt.Errorf("prepare account update: %w", err)
			}
			w.update = st
		}
		for i := range updates {
			u := &updates[i]
			u.New.ID, u.New.CreatedAt, u.New.UpdatedAt = u.Old.ID, u.Old.CreatedAt, now
			v := values(u.New)
			if _, err := w.update.ExecContext(tx.Statement.Context, append(v[:len(v)-2], now, u.Old.ID)...); err != nil {
				return fmt.Errorf("update account %d: %w", u.Old.ID, err)
			}
			moves = append(moves, Movements(&u.Old, u.New, now)...)
		}
	}
	return w.insertMovements(moves)
}

// Movements are the MRR movements a change from old (nil: none, a new
// account) to new implies. A new customer's MRR is "new" on its contract
// start; a trial's MRR is not revenue, so a trial moves nothing until it
// converts ("new" on the conversion day); a change of MRR or currency is
// expansion or contraction today; churned accounts move MRR only through
// churn and reactivation.
func Movements(old *store.Account, new store.Account, now time.Time) []store.MRRMovement {
	today := store.NewDate(now)
	move := func(day store.Date, kind string, amount int64, currency string) []store.MRRMovement {
		if amount == 0 {
			return nil
		}
		return []store.MRRMovement{{AccountID: new.ID, Date: day, Kind: kind, Amount: amount, Currency: currency, CreatedAt: now}}
	}
	live := func(a store.Account) bool { return a.Status != "trial" && a.Status != "churned" }
	switch {
	case old == nil:
		if !live(new) {
			return nil
		}
		return move(new.ContractStart, "new", new.MRR, new.Currency)
	case old.Status == "churned" || new.Status == "churned":
		return nil
	case old.Status == "trial" && new.Status == "trial":
		return nil
	case old.Status == "trial":
		return move(today, "new", new.MRR, new.Currency)
	case new.Status == "trial":
		return move(today, "contraction", -old.MRR, old.Currency)
	case old.Currency != new.Currency:
		return append(move(today, "contraction", -old.MRR, old.Currency), move(today, "expansion", new.MRR, new.Currency)...)
	case new.MRR > old.MRR:
		return move(today, "expansion", new.MRR-old.MRR, new.Currency)
	default:
		return move(today, "contraction", new.MRR-old.MRR, new.Currency)
	}
}

func (w *BatchWriter) insertMovements(moves []store.MRRMovement) error {
	if len(moves) == 0 {
		return nil
	}
	rows := make([][]any, len(moves))
	for i, m := range moves {
		rows[i] = []any{m.AccountID, m.Date, m.Kind, m.Amount, m.Currency, m.CreatedAt, w.importRunID}
	}
	if err := w.moves.Exec(rows); err != nil {
		return fmt.Errorf("record MRR movements: %w", err)
	}
	return nil
}

// Restore writes a stored account back exactly as it was, timestamps
// included, recording no MRR movement: undoing an import removes the
// movements the import recorded instead.
func Restore(tx *gorm.DB, a store.Account) error {
	set := make([]string, len(accountColumns))
	for i, c := range accountColumns {
		set[i] = c + " = ?"
	}
	q := "UPDATE accounts SET " + strings.Join(set, ", ") + " WHERE id = ?"
	if err := tx.Exec(q, append(values(a), a.ID)...).Error; err != nil {
		return fmt.Errorf("restore account %d: %w", a.ID, err)
	}
	return nil
}

// LoadAll reads the accounts matching where (SQL with "?" arguments; ""
// for all) straight from the driver's rows: an import compares a whole
// file with them, and an ORM scan of 100,000 rows costs more than the rest.
func LoadAll(db *gorm.DB, where string, args ...any) ([]store.Account, error) {
	cols := make([]string, len(accountColumns))
	for i, c := range accountColumns {
		cols[i] = c
		if dateColumns[c] {
			// As text: the SQLite driver would otherwise try one timestamp
			// layout after another on every date.
			cols[i] = "CAST(" + c + " AS TEXT)"
		}
	}
	q, count := "SELECT id, "+strings.Join(cols, ", ")+" FROM accounts", "SELECT COUNT(*) FROM accounts"
	if where != "" {
		q += " WHERE " + where
		count += " WHERE " + where
	}
	// Sized once: growing a slice of 100,000 accounts copies it again and again.
	var n int64
	if err := db.Raw(count, args...).Scan(&n).Error; err != nil {
		return nil, fmt.Errorf("count accounts: %w", err)
	}
	rows, err := db.Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	defer rows.Close()
	out := make([]store.Account, 0, n)
	for rows.Next() {
		var a store.Account
		if err := rows.Scan(&a.ID, &a.Name, &a.SearchText, &a.Domain, &a.Industry, &a.Segment, &a.Plan, &a.MRR, &a.Currency, &a.Seats,
			&a.ContractStart, &a.RenewalDate, &a.Owner, &a.Status, &a.CRMSource, &a.ExternalID, &a.PaymentStatus,
			&a.OverdueSince, &a.CardExpiryMonth, &a.CardExpiryYear, &a.LoyaltyTier, &a.CSMSentiment, &a.HealthScore,
			&a.HealthClass, &a.EngagementClass, &a.TrialEndsOn, &a.CreatedAt, &a.UpdatedAt); err != nil {
			return nil, fmt.Errorf("load accounts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
