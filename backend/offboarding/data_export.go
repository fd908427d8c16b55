package offboarding

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/export"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// part is one record type of the customer's data export.
type part struct {
	name  string
	query func(db *gorm.DB, accountID int64) *gorm.DB
	rows  any // pointer to a slice of models
}

func parts() []part {
	byAccount := func(db *gorm.DB, id int64) *gorm.DB { return db.Where("account_id = ?", id).Order("id") }
	return []part{
		{"account", func(db *gorm.DB, id int64) *gorm.DB { return db.Where("id = ?", id) }, &[]store.Account{}},
		{"contacts", byAccount, &[]store.Contact{}},
		{"usage", func(db *gorm.DB, id int64) *gorm.DB { return db.Where("account_id = ?", id).Order("week_start") }, &[]store.UsageSnapshot{}},
		{"nps_responses", byAccount, &[]store.NPSResponse{}},
		{"mrr_movements", byAccount, &[]store.MRRMovement{}},
		{"health_scores", func(db *gorm.DB, id int64) *gorm.DB { return db.Where("account_id = ?", id).Order("week_start") }, &[]store.HealthScore{}},
		{"churn_records", byAccount, &[]store.ChurnRecord{}},
	}
}

// DataExport zips everything stored about account id — one CSV and one
// JSON file per record type — for handing over to the customer.
func (s *Service) DataExport(ctx context.Context, accountID int64) ([]byte, string, error) {
	db := s.db.Read(ctx)
	var acc store.Account
	if err := db.Select("id, name").First(&acc, accountID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, "", fault.NotFound("Account", accountID)
		}
		return nil, "", err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts() {
		if err := p.query(db, accountID).Find(p.rows).Error; err != nil {
			return nil, "", fmt.Errorf("export %s: %w", p.name, err)
		}
		table := toTable(p.name, p.rows)
		if err := writeEntry(zw, p.name+".json", func(w *bytes.Buffer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(table.records())
		}); err != nil {
			return nil, "", err
		}
		if err := writeEntry(zw, p.name+".csv", func(w *bytes.Buffer) error { return export.WriteCSV(w, table.Table) }); err != nil {
			return nil, "", err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), fileName(acc.Name) + "-data.zip", nil
}

func writeEntry(zw *zip.Writer, name string, fill func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now().UTC()})
	if err != nil {
		return err
	}
	_, err = f.Write(b.Bytes())
	return err
}

// namedTable keeps column names for the JSON side too.
type namedTable struct{ export.Table }

func (t namedTable) records() []map[string]any {
	out := make([]map[string]any, len(t.Rows))
	for i, row := range t.Rows {
		rec := make(map[string]any, len(row))
		for j, v := range row {
			rec[t.Header[j]] = v
		}
		out[i] = rec
	}
	return out
}

// toTable turns a slice of models into a table, one column per field.
func toTable(name string, rows any) namedTable {
	v := reflect.ValueOf(rows).Elem()
	typ := v.Type().Elem()
	t := export.Table{Name: name}
	for i := range typ.NumField() {
		t.Header = append(t.Header, snake(typ.Field(i).Name))
	}
	for r := range v.Len() {
		item := v.Index(r)
		row := make([]any, typ.NumField())
		for i := range typ.NumField() {
			row[i] = cell(item.Field(i))
		}
		t.Rows = append(t.Rows, row)
	}
	return namedTable{t}
}

func cell(f reflect.Value) any {
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return nil
		}
		f = f.Elem()
	}
	switch x := f.Interface().(type) {
	case store.Date:
		return x.String()
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	default:
		return x
	}
}

// snake spells a Go field name in snake_case: MRRLost → mrr_lost.
func snake(name string) string {
	var b strings.Builder
	runes := []rune(name)
	for i, r := range runes {
		upper := r >= 'A' && r <= 'Z'
		if upper && i > 0 && ((runes[i-1] >= 'a' && runes[i-1] <= 'z') || (i+1 < len(runes) && runes[i+1] >= 'a' && runes[i+1] <= 'z')) {
			b.WriteByte('_')
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// fileName makes a safe file name from an account name.
func fileName(name string) string {
	return strings.ToLower(export.SafeName(name, "account"))
}

func fmtField(name, msg string) error { return fault.Field(name, msg) }
