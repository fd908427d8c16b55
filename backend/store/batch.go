package store

import (
	"database/sql"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// batchParams is how many parameters one multi-row statement carries: under
// SQLite's limit of 32,766 and PostgreSQL's of 65,535.
const batchParams = 30000

// Batch writes many rows of one table with multi-row INSERTs, each chunk
// size prepared once and reused: far cheaper than an ORM insert per row.
type Batch struct {
	tx       *gorm.DB
	table    string
	cols     []string
	suffix   string
	prepared map[int]*sql.Stmt
}

// NewBatch prepares inserts into table's cols inside tx; suffix follows the
// VALUES list (e.g. "RETURNING id, external_id").
func NewBatch(tx *gorm.DB, table string, cols []string, suffix string) *Batch {
	return &Batch{tx: tx, table: table, cols: cols, suffix: suffix, prepared: map[int]*sql.Stmt{}}
}

// Close releases the prepared statements.
func (b *Batch) Close() {
	for _, st := range b.prepared {
		st.Close()
	}
}

// Chunk is how many rows one statement carries.
func (b *Batch) Chunk() int { return max(1, batchParams/len(b.cols)) }

func (b *Batch) statement(n int) (*sql.Stmt, error) {
	if st, ok := b.prepared[n]; ok {
		return st, nil
	}
	st, err := b.tx.Statement.ConnPool.PrepareContext(b.tx.Statement.Context, InsertStatement(b.tx.Dialector.Name(), b.table, b.cols, n, b.suffix))
	if err != nil {
		return nil, fmt.Errorf("prepare insert into %s: %w", b.table, err)
	}
	b.prepared[n] = st
	return st, nil
}

// Exec inserts rows (each one value per column), chunk by chunk.
func (b *Batch) Exec(rows [][]any) error {
	return b.each(rows, b.exec)
}

// exec runs one multi-row statement. On SQLite it goes through the
// driver's query path, which binds all of a statement's values and steps
// it in one call into SQLite; its exec path makes one call per value.
func (b *Batch) exec(st *sql.Stmt, args []any) error {
	if b.tx.Dialector.Name() != "sqlite" {
		_, err := st.ExecContext(b.tx.Statement.Context, args...)
		return err
	}
	rows, err := st.QueryContext(b.tx.Statement.Context, args...)
	if err != nil {
		return err
	}
	err = rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

// Query inserts rows and hands every returned row to scan.
func (b *Batch) Query(rows [][]any, scan func(*sql.Rows) error) error {
	return b.each(rows, func(st *sql.Stmt, args []any) error {
		res, err := st.QueryContext(b.tx.Statement.Context, args...)
		if err != nil {
			return err
		}
		defer res.Close()
		for res.Next() {
			if err := scan(res); err != nil {
				return err
			}
		}
		return res.Err()
	})
}

func (b *Batch) each(rows [][]any, fn func(*sql.Stmt, []any) error) error {
	return b.chunks(len(rows), func(args []any, i int) []any { return append(args, rows[i]...) }, fn)
}

// Append inserts n rows, row i's values appended to args by add, chunk by
// chunk: for large writes that should not build a slice per row.
func (b *Batch) Append(n int, add func(args []any, i int) []any) error {
	return b.chunks(n, add, b.exec)
}

func (b *Batch) chunks(n int, add func(args []any, i int) []any, fn func(*sql.Stmt, []any) error) error {
	chunk := b.Chunk()
	args := make([]any, 0, min(n, chunk)*len(b.cols))
	for start := 0; start < n; start += chunk {
		end := min(start+chunk, n)
		st, err := b.statement(end - start)
		if err != nil {
			return err
		}
		args = args[:0]
		for i := start; i < end; i++ {
			args = add(args, i)
		}
		if err := fn(st, args); err != nil {
			return fmt.Errorf("insert into %s: %w", b.table, err)
		}
	}
	return nil
}

// InsertStatement is a multi-row INSERT of n rows in the engine's
// placeholders ("?" for SQLite, "$1…" for PostgreSQL).
func InsertStatement(engine, table string, cols []string, n int, suffix string) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteByte(',')
			}
			if engine == "postgres" {
				fmt.Fprintf(&b, "$%d", i*len(cols)+j+1)
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	if suffix != "" {
		b.WriteString(" " + suffix)
	}
	return b.String()
}

// Placeholders rewrites "?" into the engine's placeholders.
func Placeholders(engine, query string) string {
	if engine != "postgres" {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
