package fx

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// columns are the CSV columns a rates file must have.
var columns = []string{"currency", "date", "rate"}

// Import reads a CSV of rates and stores them all in one transaction, or
// none: every row is checked first, and each problem is reported under
// "rows[N].field", N being the file's line number (the header is line 1).
func (s *Service) Import(ctx context.Context, in ImportInput) (ImportResult, error) {
	if err := s.check.Struct(in); err != nil {
		return ImportResult{}, err
	}
	rows, err := s.parse(in.CSV)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		home, err := store.LoadHomeCurrency(tx)
		if err != nil {
			return err
		}
		if home == "" {
			return fault.Field("csv", "set the home currency first")
		}
		problems := map[string]string{}
		for _, r := range rows {
			if r.in.Currency == home {
				problems[fmt.Sprintf("rows[%d].currency", r.line)] = "is the home currency: its rate is always 1"
			}
		}
		if len(problems) > 0 {
			return fault.Validation(problems)
		}
		now := s.now().UTC()
		for _, r := range rows {
			if _, err := upsert(tx, r.in, home, now); err != nil {
				return fmt.Errorf("row %d: %w", r.line, err)
			}
		}
		res.Written = len(rows)
		res.Table, err = loadTable(tx)
		return err
	})
	if err != nil {
		return ImportResult{}, wrap("import exchange rates", err)
	}
	return res, nil
}

type csvRow struct {
	line int
	in   RateInput
}

// parse reads and checks every row, collecting all problems before failing.
func (s *Service) parse(text string) ([]csvRow, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	first, _, _ := strings.Cut(text, "\n")
	r := csv.NewReader(strings.NewReader(text))
	semicolon := strings.Count(first, ";") > strings.Count(first, ",")
	if semicolon {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fault.Field("csv", "must start with a header line: currency,date,rate")
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var missing []string
	for _, c := range columns {
		if _, ok := at[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fault.Field("csv", "the header lacks the column(s) "+strings.Join(missing, ", ")+"; it needs currency,date,rate")
	}
	problems := map[string]string{}
	seen := map[string]int{}
	var out []csvRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			problems[fmt.Sprintf("rows[%d]", line)] = "cannot be read as CSV"
			continue
		}
		cell := func(name string) string {
			if i := at[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		in := RateInput{Currency: strings.ToUpper(cell("currency")), Date: cell("date")}
		raw := cell("rate")
		if semicolon {
			raw = strings.ReplaceAll(raw, ",", ".")
		}
		rate, perr := strconv.ParseFloat(raw, 64)
		if perr == nil {
			in.Rate = rate
		}
		if err := s.check.Struct(in); err != nil {
			fe, ok := fault.As(err)
			if !ok {
				return nil, err
			}
			for f, msg := range fe.Fields {
				problems[fmt.Sprintf("rows[%d].%s", line, f)] = msg
			}
		}
		if perr != nil {
			problems[fmt.Sprintf("rows[%d].rate", line)] = "must be a number such as 0.2345"
		}
		key := in.Currency + " " + in.Date
		if prev, dup := seen[key]; dup {
			problems[fmt.Sprintf("rows[%d].date", line)] = fmt.Sprintf("repeats the %s rate of row %d", in.Currency, prev)
		}
		seen[key] = line
		out = append(out, csvRow{line: line, in: in})
	}
	if len(problems) > 0 {
		return nil, fault.Validation(problems)
	}
	if len(out) == 0 {
		return nil, fault.Field("csv", "has no rates below the header")
	}
	return out, nil
}
