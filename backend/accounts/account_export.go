package accounts

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"churndesk/backend/export"
	"churndesk/backend/store"
)

// exportBatch is how many accounts the CSV export reads per query.
const exportBatch = 2000

var exportHeader = []string{
	"id", "name", "domain", "industry", "segment", "plan", "mrr_minor", "currency", "seats",
	"contract_start", "renewal_date", "owner", "status", "crm_source", "external_id",
	"payment_status", "overdue_since", "card_expiry_month", "card_expiry_year", "loyalty_tier",
}

// Table returns every account matching f as a table for XLSX.
func (s *Service) Table(ctx context.Context, f Filter) (export.Table, error) {
	t := export.Table{Name: "Accounts", Header: exportHeader}
	err := s.eachBatch(ctx, f, func(rows []store.Account) error {
		for _, r := range rows {
			rec := exportRecord(r)
			row := make([]any, len(rec))
			for i, v := range rec {
				row[i] = v
			}
			row[0], row[6], row[8] = r.ID, r.MRR, r.Seats
			t.Rows = append(t.Rows, row)
		}
		return nil
	})
	return t, err
}

// WriteCSV writes every account matching f as CSV, sorted by name, reading in
// batches so memory stays flat at any size.
func (s *Service) WriteCSV(ctx context.Context, w io.Writer, f Filter) error {
	if err := s.check.Struct(f); err != nil {
		return err
	}
	out := csv.NewWriter(w)
	if err := out.Write(exportHeader); err != nil {
		return fmt.Errorf("export accounts: %w", err)
	}
	err := s.eachBatch(ctx, f, func(rows []store.Account) error {
		for _, r := range rows {
			if err := out.Write(exportRecord(r)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export accounts: %w", err)
	}
	out.Flush()
	return out.Error()
}

// eachBatch hands fn the accounts matching f, sorted by name, a batch at a time.
func (s *Service) eachBatch(ctx context.Context, f Filter, fn func([]store.Account) error) error {
	if err := s.check.Struct(f); err != nil {
		return err
	}
	var lastName string
	var lastID int64
	for {
		var rows []store.Account
		q := s.filtered(ctx, f)
		if lastID != 0 {
			q = q.Where("(name > ?) OR (name = ? AND id > ?)", lastName, lastName, lastID)
		}
		if err := q.Order("name ASC, id ASC").Limit(exportBatch).Find(&rows).Error; err != nil {
			return err
		}
		if err := fn(rows); err != nil {
			return err
		}
		if len(rows) < exportBatch {
			return nil
		}
		lastName, lastID = rows[len(rows)-1].Name, rows[len(rows)-1].ID
	}
}

func exportRecord(r store.Account) []string {
	return []string{
		strconv.FormatInt(r.ID, 10), export.SafeCell(r.Name), export.SafeCell(r.Domain), export.SafeCell(r.Industry), r.Segment,
		export.SafeCell(r.Plan), strconv.FormatInt(r.MRR, 10), r.Currency, strconv.Itoa(r.Seats),
		r.ContractStart.String(), datePtr(r.RenewalDate), export.SafeCell(r.Owner), r.Status,
		export.SafeCell(r.CRMSource), export.SafeCell(r.ExternalID), r.PaymentStatus, datePtr(r.OverdueSince),
		intPtr(r.CardExpiryMonth), intPtr(r.CardExpiryYear), export.SafeCell(r.LoyaltyTier),
	}
}

func datePtr(d *store.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func intPtr(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}
