package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"

	"gorm.io/gorm"
)

// EachRow runs a read (GORM's ? placeholders; a slice argument fills an IN
// list) and calls fn with each row's values as the driver returns them:
// int64, float64, bool, []byte, string, time.Time or nil, valid until fn
// returns. On a connection pool it reads straight from the driver on one
// connection, skipping database/sql's conversion of every value into a Go
// variable, which is a fair part of the cost of reading a million rows;
// inside a transaction, or with a driver that cannot be asked directly, it
// reads through database/sql and fn sees the same values.
func EachRow(db *gorm.DB, query string, args []any, fn func(row []driver.Value) error) error {
	pool, ok := db.Statement.ConnPool.(*sql.DB)
	if !ok {
		return eachScannedRow(db, query, args, fn)
	}
	// GORM writes the statement in the engine's own placeholders and
	// spreads slices over IN lists; nothing runs yet.
	stmt := db.Raw(query, args...).Statement
	if err := stmt.Error; err != nil {
		return err
	}
	values := make([]driver.NamedValue, len(stmt.Vars))
	for i, v := range stmt.Vars {
		dv, err := driver.DefaultParameterConverter.ConvertValue(v)
		if err != nil {
			return fmt.Errorf("argument %d: %w", i+1, err)
		}
		values[i] = driver.NamedValue{Ordinal: i + 1, Value: dv}
	}
	ctx := stmt.Context
	conn, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	errDirect := errors.New("the driver cannot be asked directly")
	err = conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return errDirect
		}
		rows, err := q.QueryContext(ctx, stmt.SQL.String(), values)
		if err != nil {
			return err
		}
		defer rows.Close()
		row := make([]driver.Value, len(rows.Columns()))
		for {
			if err := rows.Next(row); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			if err := fn(row); err != nil {
				return err
			}
		}
	})
	if errors.Is(err, errDirect) {
		return eachScannedRow(db, query, args, fn)
	}
	return err
}

// eachScannedRow is EachRow through database/sql.
func eachScannedRow(db *gorm.DB, query string, args []any, fn func(row []driver.Value) error) error {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	row := make([]driver.Value, len(cols))
	values := make([]any, len(cols))
	dest := make([]any, len(cols))
	for i := range values {
		dest[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for i, v := range values {
			row[i] = v
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// RowInt reads an integer value of a row from EachRow; NULL, or a value
// of another kind, reads as 0.
func RowInt(v driver.Value) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

// RowFloat reads a number of a row from EachRow (an integer column read as
// a number too; NULL and other values read as 0).
func RowFloat(v driver.Value) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return 0
}

// RowText reads a text value of a row from EachRow (a copy when the
// driver lent bytes); NULL reads as "".
func RowText(v driver.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}
