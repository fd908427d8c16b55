// Package churn keeps the churn database: records of lost customers with
// their exit interviews, computed and frozen tenure, engagement and health
// at churn, an audit trail of every change, and reactivation.
package churn

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Labels holds one text in English, Russian and Polish.
type Labels struct {
	EN string `json:"en" validate:"required,max=200"`
	RU string `json:"ru" validate:"max=200"`
	PL string `json:"pl" validate:"max=200"`
}

// Reason is one entry of the editable churn-reason list.
type Reason struct {
	Key         string `json:"key" validate:"required,max=60" description:"Stable identifier stored on records: lower-case letters, digits, _ and -."`
	Labels      Labels `json:"labels"`
	Preventable bool   `json:"preventable" description:"Default for new records with this reason."`
	Voluntary   bool   `json:"voluntary" description:"Default: false for failed payments and expired cards."`
}

// Question is one question of the exit interview.
type Question struct {
	Key    string `json:"key" validate:"required,max=60"`
	Labels Labels `json:"labels"`
}

// Settings are the reason list and the exit-interview questions.
type Settings struct {
	Reasons   []Reason   `json:"reasons" validate:"required,min=1,max=50,dive"`
	Questions []Question `json:"questions" validate:"max=30,dive"`
}

// DefaultSettings are the reasons and questions of domain.md.
func DefaultSettings() Settings {
	r := func(key, en, ru, pl string, preventable, voluntary bool) Reason {
		return Reason{Key: key, Labels: Labels{en, ru, pl}, Preventable: preventable, Voluntary: voluntary}
	}
	q := func(key, en, ru, pl string) Question { return Question{Key: key, Labels: Labels{en, ru, pl}} }
	return Settings{
		Reasons: []Reason{
			r("price_budget", "Price or budget", "Цена или бюджет", "Cena lub budżet", false, true),
			r("competitor", "Moved to a competitor", "Ушли к конкуренту", "Przejście do konkurencji", true, true),
			r("competitor_promotion", "Competitor promotion", "Акция конкурента", "Promocja konkurencji", true, true),
			r("missing_feature", "Missing feature or integration", "Нет нужной функции или интеграции", "Brak funkcji lub integracji", true, true),
			r("product_quality", "Product quality or outages", "Качество продукта или сбои", "Jakość produktu lub awarie", true, true),
			r("support_experience", "Support experience", "Опыт работы с поддержкой", "Doświadczenia z obsługą klienta", true, true),
			r("low_usage", "Low usage, no value seen", "Мало пользовались, не увидели ценности", "Niskie użycie, brak widocznej wartości", true, true),
			r("business_closed", "Business closed or bankrupt", "Бизнес закрыт или банкрот", "Firma zamknięta lub upadła", false, true),
			r("management_change", "Acquisition or management change", "Поглощение или смена руководства", "Przejęcie lub zmiana zarządu", false, true),
			r("payment_failure", "Payment failure", "Неудачный платёж", "Nieudana płatność", false, false),
			r("other", "Other", "Другое", "Inne", true, true),
		},
		Questions: []Question{
			q("main_reason", "What was the main reason you decided to leave?", "Какова главная причина вашего ухода?", "Jaki był główny powód rezygnacji?"),
			q("turning_point", "When did you start thinking about leaving, and what happened then?", "Когда вы задумались об уходе и что тогда произошло?", "Kiedy zaczęli Państwo myśleć o odejściu i co się wtedy wydarzyło?"),
			q("replacement", "What will you use instead?", "Чем вы будете пользоваться вместо нас?", "Czego będą Państwo używać zamiast nas?"),
			q("could_have_done", "What could we have done to keep you?", "Что мы могли сделать, чтобы вы остались?", "Co mogliśmy zrobić, żeby Państwa zatrzymać?"),
			q("come_back", "What would have to change for you to come back?", "Что должно измениться, чтобы вы вернулись?", "Co musiałoby się zmienić, żeby Państwo wrócili?"),
		},
	}
}

const settingsKey = "churn_settings"

var keyPattern = regexp.MustCompile(`^[a-z0-9_-]+$`)

// Settings returns the stored reason list and questions, or the defaults.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(s.db.Read(ctx))
}

// LoadSettings reads the stored reason list and questions, or the defaults.
func LoadSettings(db *gorm.DB) (Settings, error) { return loadSettings(db) }

func loadSettings(db *gorm.DB) (Settings, error) {
	set := DefaultSettings()
	if _, err := store.LoadSetting(db, settingsKey, &set); err != nil {
		return set, err
	}
	return set, nil
}

// SaveSettings validates and stores the reason list and questions. A reason
// still used by a record cannot be removed.
func (s *Service) SaveSettings(ctx context.Context, set Settings) (Settings, error) {
	if err := s.check.Struct(set); err != nil {
		return Settings{}, err
	}
	keys := map[string]bool{}
	for i, r := range set.Reasons {
		if !keyPattern.MatchString(r.Key) {
			return Settings{}, fault.Field(fmt.Sprintf("reasons[%d].key", i), "may hold only lower-case letters, digits, _ and -")
		}
		if keys[r.Key] {
			return Settings{}, fault.Field(fmt.Sprintf("reasons[%d].key", i), "appears twice")
		}
		keys[r.Key] = true
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var used []string
		if err := tx.Model(&store.ChurnRecord{}).Distinct("reason").Pluck("reason", &used).Error; err != nil {
			return err
		}
		for _, u := range used {
			if !keys[u] {
				return fault.Field("reasons", fmt.Sprintf("reason %q is used by churn records and cannot be removed", u))
			}
		}
		return store.SaveSetting(tx, settingsKey, set, time.Now().UTC())
	})
	if err != nil {
		if _, ok := fault.As(err); ok {
			return Settings{}, err
		}
		return Settings{}, fmt.Errorf("save churn settings: %w", err)
	}
	return set, nil
}

// Find matches a reason by its key or by its label in any language,
// ignoring case, and returns the key.
func (set Settings) Find(text string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, r := range set.Reasons {
		for _, v := range []string{r.Key, r.Labels.EN, r.Labels.RU, r.Labels.PL} {
			if v != "" && strings.ToLower(v) == t {
				return r.Key, true
			}
		}
	}
	return "", false
}

// Label names reason key in lang (en, ru or pl), or returns the key itself.
func (set Settings) Label(key, lang string) string {
	r, ok := set.reason(key)
	if !ok {
		return key
	}
	switch {
	case lang == "ru" && r.Labels.RU != "":
		return r.Labels.RU
	case lang == "pl" && r.Labels.PL != "":
		return r.Labels.PL
	}
	return r.Labels.EN
}

func (set Settings) reason(key string) (Reason, bool) {
	for _, r := range set.Reasons {
		if r.Key == key {
			return r, true
		}
	}
	return Reason{}, false
}
