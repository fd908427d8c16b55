package texts

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Msg is a text kept as a catalogue key and its arguments, so it can be
// written in whichever language is asked for when it is read. It is stored
// as JSON ({"key": ..., "args": [...]}) in one column.
type Msg struct {
	Key  string `json:"key"`
	Args []Arg  `json:"args,omitempty"`
}

// Arg is one argument of a Msg; exactly one field is set.
type Arg struct {
	Text  *string   `json:"s,omitempty"`
	Int   *int64    `json:"i,omitempty"`
	Float *float64  `json:"f,omitempty"`
	Date  string    `json:"d,omitempty"`
	Money *MoneyArg `json:"m,omitempty"`
	Msg   *Msg      `json:"msg,omitempty"`
	List  []Msg     `json:"list,omitempty"`
}

// MoneyArg is an amount in minor units of a currency ("" for none).
type MoneyArg struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency,omitempty"`
}

// Keys that Render treats specially.
const (
	// KeyLiteral writes its one text argument as it is (texts typed by people,
	// or stored before texts kept their keys).
	KeyLiteral = "literal"
	// KeyTemplate fills a text people wrote with {account} and {detail}:
	// arguments template, account, detail.
	KeyTemplate = "template"
)

// New returns the message key with args.
func New(key string, args ...Arg) Msg { return Msg{Key: key, Args: args} }

// Literal returns a Msg that writes s unchanged in every language.
func Literal(s string) Msg { return New(KeyLiteral, Str(s)) }

// Str is a text argument written as it is (a name, a code).
func Str(s string) Arg { return Arg{Text: &s} }

// Num is an integer argument, grouped by language and used to pick plural forms.
func Num(n int64) Arg { return Arg{Int: &n} }

// Float is a decimal argument; the message's verb sets the precision.
func Float(v float64) Arg { return Arg{Float: &v} }

// Day is a calendar-day argument, written in the language's date style.
func Day(d time.Time) Arg { return Arg{Date: d.Format(time.DateOnly)} }

// DayText is Day for an ISO date string (YYYY-MM-DD).
func DayText(iso string) Arg { return Arg{Date: iso} }

// Amount is a money argument in minor units.
func Amount(minor int64, currency string) Arg {
	return Arg{Money: &MoneyArg{Minor: minor, Currency: currency}}
}

// Sub is a nested message argument, written in the same language.
func Sub(m Msg) Arg { return Arg{Msg: &m} }

// Join is a list of messages written one after another, separated by ", ".
func Join(ms ...Msg) Arg { return Arg{List: ms} }

// IsZero reports whether m holds no message.
func (m Msg) IsZero() bool { return m.Key == "" }

// Render writes m in lang.
func (m Msg) Render(lang string) string {
	switch m.Key {
	case "":
		return ""
	case KeyLiteral:
		if len(m.Args) > 0 {
			return m.Args[0].value(lang).(string)
		}
		return ""
	case KeyTemplate:
		if len(m.Args) < 3 {
			return ""
		}
		return strings.NewReplacer("{account}", fmt.Sprint(m.Args[1].value(lang)), "{detail}", fmt.Sprint(m.Args[2].value(lang))).
			Replace(fmt.Sprint(m.Args[0].value(lang)))
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = a.value(lang)
	}
	return printer(lang).Sprintf(m.Key, args...)
}

func (a Arg) value(lang string) any {
	switch {
	case a.Text != nil:
		return *a.Text
	case a.Int != nil:
		return *a.Int
	case a.Float != nil:
		return *a.Float
	case a.Date != "":
		return DateText(lang, a.Date)
	case a.Money != nil:
		return Money(lang, a.Money.Minor, a.Money.Currency)
	case a.Msg != nil:
		return a.Msg.Render(lang)
	case a.List != nil:
		parts := make([]string, len(a.List))
		for i, m := range a.List {
			parts[i] = m.Render(lang)
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// Value stores m as JSON; an empty Msg is NULL.
func (m Msg) Value() (driver.Value, error) {
	if m.IsZero() {
		return nil, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode message: %w", err)
	}
	return string(b), nil
}

// Scan reads m from its stored JSON (NULL or empty leaves it empty).
func (m *Msg) Scan(src any) error {
	*m = Msg{}
	var raw []byte
	switch v := src.(type) {
	case nil:
		return nil
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		return fmt.Errorf("scan message: unexpected %T", src)
	}
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, m); err != nil {
		return fmt.Errorf("decode message: %w", err)
	}
	return nil
}
