package importer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/churn"
	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// errRollback undoes a checked import that had bad rows.
var errRollback = errors.New("rows with errors")

// writeAll runs write for every row inside one transaction; if any row is
// bad, or this is a dry run, the transaction is rolled back so nothing stays.
func (s *Service) writeAll(ctx context.Context, p *parser, dryRun bool, write func(tx *gorm.DB, i int, row []string) (bool, error)) error {
	written := 0
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		for i, row := range p.t.Rows {
			if i%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("import: stopped at row %d: %w", i+2, err)
				}
			}
			before := len(p.report.Errors)
			ok, err := write(tx, i, row)
			if err != nil {
				if fe, isFault := fault.As(err); isFault {
					p.rowFault(i, fe)
					continue
				}
				return err
			}
			if ok && len(p.report.Errors) == before {
				written++
			}
		}
		if dryRun || len(p.report.Errors) > 0 {
			return errRollback
		}
		return nil
	})
	if len(p.report.Errors) > 0 || err != nil && !errors.Is(err, errRollback) {
		p.report.Created, p.report.Updated, p.report.Unchanged = 0, 0, 0
	}
	if errors.Is(err, errRollback) {
		return nil
	}
	if err == nil {
		p.report.Written = written
	}
	return err
}

// rowFault files a domain error against its row, field by field.
func (p *parser) rowFault(i int, fe *fault.Error) {
	if len(fe.Fields) == 0 {
		p.report.Errors = append(p.report.Errors, RowError{Row: i + 2, Message: fe.Message})
		return
	}
	for field, msg := range fe.Fields {
		col := p.mapping[field]
		if col == "" {
			col = field
		}
		p.report.Errors = append(p.report.Errors, RowError{Row: i + 2, Column: col, Message: msg})
	}
}

var multiSpace = regexp.MustCompile(`[\s\x{00a0}]+`)

// parseDecimal reads 1234.56, 1,234.56, 1 234,56 and 1.234,56.
func parseDecimal(v string) (float64, error) {
	v = multiSpace.ReplaceAllString(strings.TrimSpace(v), "")
	v = strings.TrimLeft(v, "$€£zł")
	lastComma, lastDot := strings.LastIndex(v, ","), strings.LastIndex(v, ".")
	switch {
	case lastComma > lastDot:
		v = strings.ReplaceAll(v, ".", "")
		v = strings.Replace(v, ",", ".", 1)
	default:
		v = strings.ReplaceAll(v, ",", "")
	}
	return strconv.ParseFloat(v, 64)
}

// domainOf turns a website into a bare domain: https://www.acme.com/x → acme.com.
func domainOf(v string) string {
	v = strings.TrimSpace(strings.ToLower(v))
	if v == "" {
		return ""
	}
	if !strings.Contains(v, "://") {
		v = "http://" + v
	}
	u, err := url.Parse(v)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

var segmentNoise = strings.NewReplacer("-", "", "_", "", " ", "")

func segmentOf(v string) string {
	switch strings.ToLower(segmentNoise.Replace(v)) {
	case "enterprise", "ent", "large":
		return "enterprise"
	case "midmarket", "mid", "mm", "medium":
		return "mid_market"
	default:
		return "smb"
	}
}

var usDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})`)

// optionalDate reads a date like date() but allows an empty cell, and
// understands the M/D/YYYY of US exports and timestamps.
func (p *parser) optionalDate(i int, row []string, field string) string {
	v, ok := p.cell(row, field)
	if !ok || v == "" {
		return ""
	}
	if strings.IndexByte(v, '/') >= 0 {
		if m := usDate.FindStringSubmatch(v); m != nil {
			row = append([]string{}, row...)
			row[p.cols[field]] = fmt.Sprintf("%s-%02s-%02s", m[3], m[1], m[2])
		}
	}
	return p.date(i, row, field)
}

func (s *Service) importContacts(ctx context.Context, p *parser, accountIDs map[string]int64, dryRun bool) error {
	return s.writeAll(ctx, p, dryRun, func(tx *gorm.DB, i int, row []string) (bool, error) {
		id := p.account(i, row, accountIDs)
		text := func(f string) string { v, _ := p.cell(row, f); return v }
		name := text("name")
		if name == "" {
			name = strings.TrimSpace(text("first_name") + " " + text("last_name"))
		}
		email := strings.ToLower(text("email"))
		c := store.Contact{AccountID: id, Name: name, Email: email, Role: roleOf(text("role")), Phone: text("phone")}
		if name == "" {
			c.Name = email
		}
		if !strings.Contains(email, "@") {
			p.fail(i, "email", fmt.Sprintf("%q is not an email address", email))
		}
		if id == 0 || !strings.Contains(email, "@") {
			return false, nil
		}
		now := time.Now().UTC()
		var old store.Contact
		if err := tx.Where("account_id = ? AND LOWER(email) = ?", id, email).Limit(1).Find(&old).Error; err != nil {
			return false, err
		}
		if old.ID != 0 {
			if old.Name == c.Name && old.Role == c.Role && old.Phone == c.Phone {
				p.report.Unchanged++
				return true, nil
			}
			p.report.Updated++
			return true, tx.Model(&old).Updates(map[string]any{"name": c.Name, "role": c.Role, "phone": c.Phone, "updated_at": now}).Error
		}
		c.CreatedAt, c.UpdatedAt = now, now
		p.report.Created++
		return true, tx.Create(&c).Error
	})
}

// roleOf guesses a contact's role from a job title.
func roleOf(title string) string {
	t := strings.ToLower(title)
	switch {
	case t == "champion" || t == "decision_maker" || t == "user" || t == "billing":
		return t
	case strings.Contains(t, "financ") || strings.Contains(t, "billing") || strings.Contains(t, "account") || strings.Contains(t, "cfo"):
		return "billing"
	case strings.Contains(t, "ceo") || strings.Contains(t, "founder") || strings.Contains(t, "director") || strings.Contains(t, "vp") ||
		strings.Contains(t, "head") || strings.Contains(t, "chief") || strings.Contains(t, "owner"):
		return "decision_maker"
	default:
		return "user"
	}
}

func (s *Service) importChurn(ctx context.Context, p *parser, actor string, accountIDs map[string]int64, dryRun bool) error {
	set, err := churn.LoadSettings(s.db.Read(ctx))
	if err != nil {
		return err
	}
	return s.writeAll(ctx, p, dryRun, func(tx *gorm.DB, i int, row []string) (bool, error) {
		id := p.account(i, row, accountIDs)
		text := func(f string) string { v, _ := p.cell(row, f); return v }
		reason, ok := set.Find(text("reason"))
		if !ok {
			p.fail(i, "reason", fmt.Sprintf("%q is not in the reason list", text("reason")))
		}
		in := churn.Input{ChurnDate: p.date(i, row, "churn_date"), Reason: reason, ReasonDetail: text("reason_detail"),
			Competitor: text("competitor"), Lessons: text("lessons")}
		if v := text("mrr_lost"); v != "" {
			major, err := parseDecimal(v)
			if err != nil {
				p.fail(i, "mrr_lost", fmt.Sprintf("%q is not an amount", v))
			}
			minor := int64(math.Round(major * 100))
			in.MRRLost = &minor
		}
		if id == 0 || !ok || in.ChurnDate == "" {
			return false, nil
		}
		_, err := s.churn.CreateIn(tx, actor, id, in)
		return true, err
	})
}

// remember adds the import to the history; a failure to do so is not the
// import's failure.
func (s *Service) remember(ctx context.Context, actor string, opt Options, rep Report) {
	run := store.ImportRun{Kind: rep.Kind, Preset: rep.Preset, FileName: opt.FileName, Encoding: rep.Encoding, Rows: rep.Rows,
		Written: rep.Written, Errors: len(rep.Errors), DryRun: rep.DryRun, Actor: actor, CreatedAt: s.now().UTC(),
		Created: rep.Created, Updated: rep.Updated, Unchanged: rep.Unchanged, Rejected: rep.Rejected, Mode: opt.Mode, MatchRule: opt.Match}
	if !rep.DryRun && rep.Written == 0 {
		run.Created, run.Updated, run.Unchanged = 0, 0, 0
	}
	_ = s.db.Tx(ctx, func(tx *gorm.DB) error { return tx.Create(&run).Error })
}

// Run is one entry of the import history.
type Run struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Preset    string     `json:"preset"`
	FileName  string     `json:"file_name"`
	Encoding  string     `json:"encoding"`
	Rows      int        `json:"rows"`
	Written   int        `json:"written"`
	Errors    int        `json:"errors"`
	DryRun    bool       `json:"dry_run"`
	Actor     string     `json:"actor"`
	CreatedAt time.Time  `json:"created_at"`
	Created   int        `json:"created"`
	Updated   int        `json:"updated"`
	Unchanged int        `json:"unchanged"`
	Rejected  int        `json:"rejected"`
	Mode      string     `json:"mode"`
	MatchRule string     `json:"match_rule"`
	Undoable  bool       `json:"undoable" description:"An accounts import that changed something and was not undone yet."`
	UndoneAt  *time.Time `json:"undone_at"`
	UndoneBy  string     `json:"undone_by"`
}

// History lists the latest imports, newest first.
type History struct {
	Items []Run `json:"items"`
}

// History returns the last 100 imports.
func (s *Service) History(ctx context.Context) (History, error) {
	var rows []store.ImportRun
	if err := s.db.Read(ctx).Order("id DESC").Limit(100).Find(&rows).Error; err != nil {
		return History{}, fmt.Errorf("load import history: %w", err)
	}
	out := History{Items: make([]Run, len(rows))}
	for i, r := range rows {
		out.Items[i] = Run{ID: r.ID, Kind: r.Kind, Preset: r.Preset, FileName: r.FileName, Encoding: r.Encoding, Rows: r.Rows,
			Written: r.Written, Errors: r.Errors, DryRun: r.DryRun, Actor: r.Actor, CreatedAt: r.CreatedAt,
			Created: r.Created, Updated: r.Updated, Unchanged: r.Unchanged, Rejected: r.Rejected, Mode: r.Mode, MatchRule: r.MatchRule,
			Undoable: r.Kind == "accounts" && !r.DryRun && r.UndoneAt == nil && r.Created+r.Updated > 0, UndoneAt: r.UndoneAt, UndoneBy: r.UndoneBy}
	}
	return out, nil
}
