package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/accounts"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// UndoResult says what undoing an import did.
type UndoResult struct {
	RunID    int64 `json:"run_id"`
	Removed  int   `json:"removed" description:"Accounts (or, for a contacts or NPS import, contacts or answers) the import created, removed."`
	Restored int   `json:"restored" description:"Accounts (or contacts) the import updated or churned, back to their previous values."`
	Drafts   int   `json:"drafts" description:"Churn records and drafts the import logged, removed."`
}

// dependents are the records people add to an account; any of them added
// to an account an import created keeps the import from being undone.
// Health scores, tasks and tier moves are computed and go with the account.
var dependents = []struct{ table, column, what string }{
	{"contacts", "account_id", "contacts"},
	{"usage_snapshots", "account_id", "usage weeks"},
	{"nps_responses", "account_id", "NPS answers"},
	{"churn_records", "account_id", "churn records"},
	{"qbr_reports", "account_id", "QBR reports"},
	{"referrals", "referrer_account_id", "referrals"},
	{"referrals", "converted_account_id", "converted referrals"},
	{"tier_overrides", "account_id", "tier overrides"},
	{"benefit_uses", "account_id", "benefit uses"},
}

// Undo reverts an import: the accounts (or contacts) it updated get their
// previous values back, the accounts, contacts, churn records and drafts it
// created are removed with the MRR movements they recorded. Nothing is undone if anything
// later depends on it: an account edited since, or records added to an
// account it created; the error names them.
func (s *Service) Undo(ctx context.Context, actor string, runID int64) (UndoResult, error) {
	res := UndoResult{RunID: runID}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var run store.ImportRun
		if err := tx.First(&run, runID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return fault.NotFound("Import", runID)
		} else if err != nil {
			return fmt.Errorf("load import %d: %w", runID, err)
		}
		if run.UndoneAt != nil {
			return fault.Conflict("This import was already undone.")
		}
		var changes []store.ImportChange
		if err := tx.Where("import_run_id = ?", runID).Order("id").Find(&changes).Error; err != nil {
			return fmt.Errorf("load import changes: %w", err)
		}
		if len(changes) == 0 {
			return fault.Conflict("This import changed nothing, or it ran before imports kept what they changed: there is nothing to undo.")
		}
		if run.Kind == "nps" {
			answers := "SELECT record_id FROM import_changes WHERE import_run_id = ? AND action = 'nps_create'"
			del := tx.Exec("DELETE FROM nps_responses WHERE id IN ("+answers+")", run.ID)
			if del.Error != nil {
				return fmt.Errorf("remove NPS answers: %w", del.Error)
			}
			res.Removed = int(del.RowsAffected)
			return tx.Model(&run).Updates(map[string]any{"undone_at": s.now().UTC(), "undone_by": actor}).Error
		}
		if run.Kind == "contacts" {
			if err := undoContacts(tx, run, changes, &res); err != nil {
				return err
			}
			return tx.Model(&run).Updates(map[string]any{"undone_at": s.now().UTC(), "undone_by": actor}).Error
		}
		if err := s.undoBlockers(tx, run); err != nil {
			return err
		}
		var drafts []int64
		restore := map[int64]string{}
		for _, c := range changes {
			switch c.Action {
			case "create":
				res.Removed++
			case "update", "churn_draft":
				if c.Before != "" {
					restore[c.AccountID] = c.Before
				}
			}
			if c.Action == "churn_draft" && c.RecordID != nil {
				drafts = append(drafts, *c.RecordID)
			}
		}
		res.Drafts = len(drafts)
		if len(drafts) > 0 {
			for _, q := range []string{"DELETE FROM churn_audits WHERE churn_record_id IN ?", "DELETE FROM mrr_movements WHERE churn_record_id IN ?",
				"DELETE FROM checklists WHERE churn_record_id IN ?", "DELETE FROM churn_records WHERE id IN ?"} {
				if err := tx.Exec(q, drafts).Error; err != nil {
					return fmt.Errorf("remove churn drafts: %w", err)
				}
			}
		}
		if err := tx.Exec("DELETE FROM mrr_movements WHERE import_run_id = ?", runID).Error; err != nil {
			return fmt.Errorf("remove MRR movements: %w", err)
		}
		created := "SELECT account_id FROM import_changes WHERE import_run_id = ? AND action = 'create'"
		if err := tx.Exec("DELETE FROM accounts WHERE id IN ("+created+")", runID).Error; err != nil {
			return fmt.Errorf("remove created accounts: %w", err)
		}
		for id, before := range restore {
			var a store.Account
			if err := json.Unmarshal([]byte(before), &a); err != nil {
				return fmt.Errorf("read account %d as it was: %w", id, err)
			}
			if err := accounts.Restore(tx, a); err != nil {
				return err
			}
			res.Restored++
		}
		now := s.now().UTC()
		return tx.Model(&run).Updates(map[string]any{"undone_at": now, "undone_by": actor}).Error
	})
	return res, err
}

// undoBlockers names what keeps an import from being undone.
func (s *Service) undoBlockers(tx *gorm.DB, run store.ImportRun) error {
	var blockers []string
	var edited []struct {
		ID   int64
		Name string
	}
	touched := "SELECT account_id FROM import_changes WHERE import_run_id = ?"
	if err := tx.Model(&store.Account{}).Select("id, name").Where("id IN ("+touched+") AND updated_at > ?", run.ID, run.CreatedAt).
		Order("id").Limit(10).Scan(&edited).Error; err != nil {
		return fmt.Errorf("find later edits: %w", err)
	}
	for _, e := range edited {
		blockers = append(blockers, fmt.Sprintf("%s (#%d) was changed after the import", e.Name, e.ID))
	}
	created := "SELECT account_id FROM import_changes WHERE import_run_id = ? AND action = 'create'"
	drafts := "SELECT record_id FROM import_changes WHERE import_run_id = ? AND action = 'churn_draft'"
	for _, d := range dependents {
		if !tx.Migrator().HasTable(d.table) {
			continue
		}
		var found []struct {
			ID   int64
			Name string
			N    int
		}
		q := tx.Table(d.table+" t").Select("a.id, a.name, COUNT(*) AS n").Joins("JOIN accounts a ON a.id = t."+d.column).
			Where("t."+d.column+" IN ("+created+")", run.ID)
		if d.table == "churn_records" {
			q = q.Where("t.id NOT IN ("+drafts+")", run.ID)
		}
		if err := q.Group("a.id, a.name").Order("a.id").Limit(10).Scan(&found).Error; err != nil {
			return fmt.Errorf("find %s: %w", d.what, err)
		}
		for _, f := range found {
			blockers = append(blockers, fmt.Sprintf("%s (#%d) has %d %s added after the import", f.Name, f.ID, f.N, d.what))
		}
	}
	var editedDrafts []int64
	if err := tx.Model(&store.ChurnRecord{}).Where("id IN ("+drafts+") AND updated_at > ?", run.ID, run.CreatedAt).
		Order("id").Limit(10).Pluck("id", &editedDrafts).Error; err != nil {
		return fmt.Errorf("find edited churn drafts: %w", err)
	}
	for _, id := range editedDrafts {
		blockers = append(blockers, fmt.Sprintf("churn record #%d was completed after the import", id))
	}
	if len(blockers) == 0 {
		return nil
	}
	return fault.Conflict("The import cannot be undone: " + strings.Join(blockers, "; ") + ".")
}

// undoContacts removes the contacts an import created and gives the ones it
// updated their previous values back, unless one was changed since.
func undoContacts(tx *gorm.DB, run store.ImportRun, changes []store.ImportChange, res *UndoResult) error {
	var edited []store.Contact
	touched := "SELECT record_id FROM import_changes WHERE import_run_id = ?"
	if err := tx.Where("id IN ("+touched+") AND updated_at > ?", run.ID, run.CreatedAt).Order("id").Limit(10).Find(&edited).Error; err != nil {
		return fmt.Errorf("find later edits: %w", err)
	}
	if len(edited) > 0 {
		names := make([]string, len(edited))
		for i, c := range edited {
			names[i] = fmt.Sprintf("%s (%s) was changed after the import", c.Name, c.Email)
		}
		return fault.Conflict("The import cannot be undone: " + strings.Join(names, "; ") + ".")
	}
	for _, c := range changes {
		switch {
		case c.RecordID == nil:
		case c.Action == "contact_create":
			if err := tx.Exec("DELETE FROM contacts WHERE id = ?", *c.RecordID).Error; err != nil {
				return fmt.Errorf("remove contact %d: %w", *c.RecordID, err)
			}
			res.Removed++
		case c.Action == "contact_update":
			var old store.Contact
			if err := json.Unmarshal([]byte(c.Before), &old); err != nil {
				return fmt.Errorf("read contact %d as it was: %w", *c.RecordID, err)
			}
			err := tx.Exec("UPDATE contacts SET name = ?, email = ?, role = ?, phone = ?, updated_at = ? WHERE id = ?",
				old.Name, old.Email, old.Role, old.Phone, old.UpdatedAt, old.ID).Error
			if err != nil {
				return fmt.Errorf("restore contact %d: %w", old.ID, err)
			}
			res.Restored++
		}
	}
	return nil
}
