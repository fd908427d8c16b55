package store

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"churndesk/backend/texts"
)

// migration0019TextKeys stores the texts the server writes for people as a
// message key plus arguments, so they can be written in any language when
// read: a task's title and reason, and a tier move's reason. Tasks written
// before keep their meaning: a default playbook title and a detail in the
// shape the triggers used to write become keyed messages; anything else
// (titles people wrote, renamed accounts) is kept as it was, word for word.
func migration0019TextKeys() *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: "0019_text_keys",
		Migrate: func(tx *gorm.DB) error {
			for _, c := range []string{"tasks.title_msg", "tasks.reason_msg", "tier_moves.reason_msg"} {
				table, col, _ := strings.Cut(c, ".")
				if err := tx.Exec("ALTER TABLE " + table + " ADD COLUMN " + col + " TEXT NULL").Error; err != nil {
					return fmt.Errorf("add %s: %w", c, err)
				}
			}
			return keyLegacyTasks(tx)
		},
		Rollback: func(tx *gorm.DB) error {
			for _, c := range []string{"tasks.title_msg", "tasks.reason_msg", "tier_moves.reason_msg"} {
				table, col, _ := strings.Cut(c, ".")
				if err := tx.Exec("ALTER TABLE " + table + " DROP COLUMN " + col).Error; err != nil {
					return fmt.Errorf("drop %s: %w", c, err)
				}
			}
			return nil
		},
	}
}

// keyLegacyTasks gives every existing task its keyed title and reason.
func keyLegacyTasks(tx *gorm.DB) error {
	var rows []struct {
		ID          int64
		Trigger     string
		ActionIndex int
		Title       string
		Reason      string
		AccountName string
	}
	err := tx.Table("tasks").Joins("JOIN accounts ON accounts.id = tasks.account_id").
		Select("tasks.id, tasks.trigger, tasks.action_index, tasks.title, tasks.reason, accounts.name AS account_name").
		Order("tasks.id").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read tasks: %w", err)
	}
	for _, r := range rows {
		reason, ok := legacyTaskReason(r.Trigger, r.Reason)
		if !ok {
			reason = texts.Literal(r.Reason)
		}
		title := texts.Literal(r.Title)
		if m := tierUpTitle.FindStringSubmatch(r.Title); r.Trigger == "tier_upgrade" && m != nil && m[1] == r.AccountName {
			title = texts.New("task.tier_up", texts.Str(m[1]), texts.Str(m[2]))
		} else if key := fmt.Sprintf("task.%s.%d", r.Trigger, r.ActionIndex); ok {
			if format, has := texts.English(key); has {
				args := []any{r.AccountName}
				keyed := []texts.Arg{texts.Str(r.AccountName)}
				if strings.Contains(format, "%[2]s") {
					args, keyed = append(args, r.Reason), append(keyed, texts.Sub(reason))
				}
				if fmt.Sprintf(format, args...) == r.Title {
					title = texts.New(key, keyed...)
				}
			}
		}
		if err := tx.Table("tasks").Where("id = ?", r.ID).Updates(map[string]any{"title_msg": title, "reason_msg": reason}).Error; err != nil {
			return fmt.Errorf("key task %d: %w", r.ID, err)
		}
	}
	return nil
}

var tierUpTitle = regexp.MustCompile(`^Congratulate (.+) on reaching (.+) and introduce its benefits$`)

// legacyDetails are the shapes in which triggers wrote their English details.
var legacyDetails = map[string]*regexp.Regexp{
	"no_login":        regexp.MustCompile(`^(\d+) days? \(last (\d{4}-\d{2}-\d{2})\)$`),
	"usage_drop":      regexp.MustCompile(`^(\d+) → (\d+) in 4 weeks$`),
	"nps_detractor":   regexp.MustCompile(`^(\d+) on (\d{4}-\d{2}-\d{2})$`),
	"health_poor":     regexp.MustCompile(`^score (\d+(?:\.\d+)?)$`),
	"payment_overdue": regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}) \((\d+) days?\)$`),
	"card_expiring":   regexp.MustCompile(`^end of (\d{2}/\d{4})$`),
	"renewal_due":     regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})$`),
	"onboarding":      regexp.MustCompile(`^signed (\d{4}-\d{2}-\d{2})$`),
	"anniversary":     regexp.MustCompile(`^(\d+) years?$`),
}

// legacyTaskReason reads a detail a trigger wrote in English before texts
// kept their keys, and returns it as a keyed message.
func legacyTaskReason(trigger, detail string) (texts.Msg, bool) {
	re, ok := legacyDetails[trigger]
	if !ok {
		return texts.Msg{}, false
	}
	m := re.FindStringSubmatch(detail)
	if m == nil {
		return texts.Msg{}, false
	}
	n := func(s string) int64 { v, _ := strconv.ParseInt(s, 10, 64); return v }
	days := func(s string) texts.Arg { return texts.Sub(texts.New("count.days", texts.Num(n(s)))) }
	switch trigger {
	case "no_login":
		return texts.New("reason.no_login", days(m[1]), texts.DayText(m[2])), true
	case "usage_drop":
		return texts.New("reason.usage_drop", texts.Num(n(m[1])), texts.Num(n(m[2]))), true
	case "nps_detractor":
		return texts.New("reason.nps_detractor", texts.Num(n(m[1])), texts.DayText(m[2])), true
	case "health_poor":
		v, _ := strconv.ParseFloat(m[1], 64)
		return texts.New("reason.health_poor", texts.Float(v)), true
	case "payment_overdue":
		return texts.New("reason.payment_overdue", texts.DayText(m[1]), days(m[2])), true
	case "card_expiring":
		return texts.New("reason.card_expiring", texts.Str(m[1])), true
	case "renewal_due":
		return texts.New("reason.renewal_due", texts.DayText(m[1])), true
	case "onboarding":
		return texts.New("reason.onboarding", texts.DayText(m[1])), true
	default: // anniversary
		return texts.New("count.years", texts.Num(n(m[1]))), true
	}
}
