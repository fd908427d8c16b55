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
	"churndesk/backend/texts"
)

// errRollback undoes a checked import that had bad rows.
var errRollback = errors.New("rows with errors")

// rowFault files a domain error against its row, field by field.
func (p *parser) rowFault(i int, fe *fault.Error) {
	message, fields := fe.Localized(p.lang)
	if len(fields) == 0 {
		p.report.Errors = append(p.report.Errors, RowError{Row: i + 2, Message: message})
		return
	}
	for field, msg := range fields {
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

func (s *Service) importContacts(ctx context.Context, p *parser, actor string, accountIDs map[string]int64, opt Options) error {
	return s.writeAll(ctx, p, actor, opt, func(tx *gorm.DB, rr *recordRun, i int, row []string) (bool, error) {
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
			p.fail(i, "email", texts.New("import.not_email", texts.Str(email)))
		}
		if id == 0 || !strings.Contains(email, "@") {
			return false, nil
		}
		now := s.now().UTC()
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
			if err := rr.change(tx, i+2, "contact_update", id, &old.ID, mustJSON(old)); err != nil {
				return false, err
			}
			return true, tx.Model(&old).Updates(map[string]any{"name": c.Name, "role": c.Role, "phone": c.Phone, "updated_at": now}).Error
		}
		c.CreatedAt, c.UpdatedAt = now, now
		p.report.Created++
		if err := tx.Create(&c).Error; err != nil {
			return false, err
		}
		return true, rr.change(tx, i+2, "contact_create", id, &c.ID, "")
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

func (s *Service) importChurn(ctx context.Context, p *parser, actor string, accountIDs map[string]int64, opt Options) error {
	set, err := churn.LoadSettings(s.db.Read(ctx))
	if err != nil {
		return err
	}
	return s.writeAll(ctx, p, actor, opt, func(tx *gorm.DB, rr *recordRun, i int, row []string) (bool, error) {
		id := p.account(i, row, accountIDs)
		text := func(f string) string { v, _ := p.cell(row, f); return v }
		reason, ok := set.Find(text("reason"))
		if !ok {
			p.fail(i, "reason", texts.New("import.not_reason", texts.Str(text("reason"))))
		}
		in := churn.Input{ChurnDate: p.date(i, row, "churn_date"), Reason: reason, ReasonDetail: text("reason_detail"),
			Competitor: text("competitor"), Lessons: text("lessons")}
		if v := text("mrr_lost"); v != "" {
			major, err := parseDecimal(v)
			if err != nil {
				p.fail(i, "mrr_lost", texts.New("import.not_amount", texts.Str(v)))
			}
			minor := int64(math.Round(major * 100))
			in.MRRLost = &minor
		}
		if id == 0 || !ok || in.ChurnDate == "" {
			return false, nil
		}
		before, err := rr.accountBefore(tx, id)
		if err != nil {
			return false, err
		}
		rec, err := s.churn.CreateIn(tx, actor, id, in)
		if err != nil {
			return false, err
		}
		p.report.Created++
		return true, rr.change(tx, i+2, "churn_draft", id, &rec, before)
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
	Undoable  bool       `json:"undoable" description:"An accounts, contacts, NPS or churn import that changed something and was not undone yet."`
	UndoneAt  *time.Time `json:"undone_at"`
	UndoneBy  string     `json:"undone_by"`
}

// undoableKinds are the imports that keep what they changed.
var undoableKinds = map[string]bool{"accounts": true, "contacts": true, "nps": true, "churn": true}

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
			Undoable: undoableKinds[r.Kind] && !r.DryRun && r.UndoneAt == nil && r.Created+r.Updated > 0, UndoneAt: r.UndoneAt, UndoneBy: r.UndoneBy}
	}
	return out, nil
}
