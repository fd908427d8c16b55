package churn

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// auditSkip lists bookkeeping fields that the audit trail leaves out.
var auditSkip = map[string]bool{"ID": true, "AccountID": true, "CreatedAt": true, "UpdatedAt": true, "CreatedBy": true, "UpdatedBy": true}

// jsonFields are stored as JSON text and shown decoded.
var jsonFields = map[string]bool{"Answers": true, "Quotes": true, "EngagementWeeks": true}

// diff lists the fields that differ between old and new, as old → new.
func diff(old, new store.ChurnRecord) map[string]Change {
	out := map[string]Change{}
	ov, nv := reflect.ValueOf(old), reflect.ValueOf(new)
	t := ov.Type()
	for i := range t.NumField() {
		name := t.Field(i).Name
		if auditSkip[name] {
			continue
		}
		o, n := plain(name, ov.Field(i)), plain(name, nv.Field(i))
		if !reflect.DeepEqual(o, n) {
			out[snake(name)] = Change{Old: o, New: n}
		}
	}
	return out
}

// plain turns a field's value into what the trail shows: dates as text,
// JSON fields decoded, nil for unset pointers and empty zero records.
func plain(name string, v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case store.Date:
		if x.IsZero() {
			return nil
		}
		return x.String()
	case string:
		if jsonFields[name] {
			if x == "" {
				return nil
			}
			var decoded any
			if json.Unmarshal([]byte(x), &decoded) == nil {
				return decoded
			}
		}
		return x
	case int64:
		return float64(x)
	case int:
		return float64(x)
	default:
		return x
	}
}

// snake spells a Go field name as the API's JSON name: MRRLost → mrr_lost.
func snake(name string) string {
	var b strings.Builder
	runes := []rune(name)
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(runes[i-1]) || (i+1 < len(runes) && unicode.IsLower(runes[i+1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func audit(tx *gorm.DB, rec store.ChurnRecord, action, actor string, changes map[string]Change, at time.Time) error {
	raw, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	entry := store.ChurnAudit{ChurnRecordID: rec.ID, AccountID: rec.AccountID, Action: action, Actor: actor, Changes: string(raw), At: at}
	if err := tx.Create(&entry).Error; err != nil {
		return fmt.Errorf("write audit trail: %w", err)
	}
	return nil
}

// CreationEntry is the audit-trail entry for record rec written by actor
// at at without the service, as the demo portfolio's bulk insert does: every
// churn record starts its trail with one.
func CreationEntry(rec store.ChurnRecord, actor string, at time.Time) (store.ChurnAudit, error) {
	raw, err := json.Marshal(diff(store.ChurnRecord{}, rec))
	if err != nil {
		return store.ChurnAudit{}, fmt.Errorf("churn audit entry: %w", err)
	}
	return store.ChurnAudit{ChurnRecordID: rec.ID, AccountID: rec.AccountID, Action: "create", Actor: actor, Changes: string(raw), At: at}, nil
}

// Audit lists record id's trail, oldest first; it outlives a deleted record.
func (s *Service) Audit(ctx context.Context, id int64) ([]AuditEntry, error) {
	var rows []store.ChurnAudit
	if err := s.db.Read(ctx).Where("churn_record_id = ?", id).Order("at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load audit trail: %w", err)
	}
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = AuditEntry{ID: r.ID, Action: r.Action, Actor: r.Actor, At: r.At, Changes: map[string]Change{}}
		if err := json.Unmarshal([]byte(r.Changes), &out[i].Changes); err != nil {
			return nil, fmt.Errorf("read audit entry %d: %w", r.ID, err)
		}
	}
	return out, nil
}
