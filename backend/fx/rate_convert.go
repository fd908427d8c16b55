package fx

import (
	"fmt"
	"math"
	"sort"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

type dayRate struct {
	day  time.Time
	rate float64
}

// Converter turns minor units of any currency into minor units of the home
// currency, remembering which rates it used and which currencies it could
// not convert. It is not safe for concurrent use.
type Converter struct {
	home    string
	rates   map[string][]dayRate // per currency, oldest first
	used    map[string]UsedRate  // by currency and day
	missing map[string]Warning   // by currency
}

// Load reads the home currency and every rate quoted in it.
func Load(db *gorm.DB) (*Converter, error) {
	home, err := store.LoadHomeCurrency(db)
	if err != nil {
		return nil, err
	}
	var rows []store.ExchangeRate
	if home != "" {
		if err := db.Where("home = ?", home).Order("currency, day").Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("load exchange rates: %w", err)
		}
	}
	return NewConverter(home, rows), nil
}

// NewConverter builds a Converter from rates already read; rows quoted in
// another currency than home are ignored.
func NewConverter(home string, rows []store.ExchangeRate) *Converter {
	c := &Converter{home: home, rates: map[string][]dayRate{}, used: map[string]UsedRate{}, missing: map[string]Warning{}}
	for _, r := range rows {
		if r.Home == home {
			c.rates[r.Currency] = append(c.rates[r.Currency], dayRate{day: r.Day.Time, rate: r.Rate})
		}
	}
	for _, list := range c.rates {
		sort.Slice(list, func(i, j int) bool { return list[i].day.Before(list[j].day) })
	}
	return c
}

// Home is the home currency, "" while none is set.
func (c *Converter) Home() string { return c.home }

// rateOn finds the latest rate of currency on or before on.
func (c *Converter) rateOn(currency string, on time.Time) (dayRate, bool) {
	list := c.rates[currency]
	i := sort.Search(len(list), func(i int) bool { return list[i].day.After(on) })
	if i == 0 {
		return dayRate{}, false
	}
	return list[i-1], true
}

// Convert returns minor units of currency as minor units of the home
// currency at the latest rate on or before on. It reports false, and
// remembers a warning, when there is no home currency or no such rate.
func (c *Converter) Convert(minor int64, currency string, on time.Time) (int64, bool) {
	day := store.NewDate(on).String()
	if c.home == "" {
		c.missing[""] = Warning{Code: NoHomeCurrency, Date: day, Message: "No home currency is set: choose one in Settings."}
		return 0, false
	}
	if currency == c.home {
		return minor, true
	}
	r, ok := c.rateOn(currency, on)
	if !ok {
		if _, seen := c.missing[currency]; !seen {
			c.missing[currency] = Warning{Code: MissingRate, Currency: currency, Date: day,
				Message: fmt.Sprintf("No %s→%s rate on or before %s: %s amounts are not converted.", currency, c.home, day, currency)}
		}
		return 0, false
	}
	key := currency + " " + r.day.Format(store.DateLayout)
	c.used[key] = UsedRate{Currency: currency, Date: r.day.Format(store.DateLayout), Rate: r.rate}
	scale := math.Pow10(Digits(c.home) - Digits(currency))
	return int64(math.Round(float64(minor) * r.rate * scale)), true
}

// Sum converts each currency's total on the day given and adds them up; it
// returns nil when any currency with money could not be converted, so a
// partial sum is never passed off as the whole.
func (c *Converter) Sum(byCurrency map[string]int64, on time.Time) *int64 {
	if c.home == "" {
		c.Convert(0, "", on)
		return nil
	}
	var total int64
	complete := true
	for _, cur := range sortedKeys(byCurrency) {
		if byCurrency[cur] == 0 {
			continue
		}
		v, ok := c.Convert(byCurrency[cur], cur, on)
		if !ok {
			complete = false
			continue
		}
		total += v
	}
	if !complete {
		return nil
	}
	return &total
}

// Report lists the home currency, the rates used and the warnings so far.
func (c *Converter) Report() Report {
	r := Report{Currency: c.home, Rates: make([]UsedRate, 0, len(c.used)), Warnings: make([]Warning, 0, len(c.missing))}
	for _, u := range c.used {
		r.Rates = append(r.Rates, u)
	}
	sort.Slice(r.Rates, func(i, j int) bool {
		if r.Rates[i].Currency != r.Rates[j].Currency {
			return r.Rates[i].Currency < r.Rates[j].Currency
		}
		return r.Rates[i].Date < r.Rates[j].Date
	})
	for _, w := range c.missing {
		r.Warnings = append(r.Warnings, w)
	}
	sort.Slice(r.Warnings, func(i, j int) bool { return r.Warnings[i].Currency < r.Warnings[j].Currency })
	return r
}

func sortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Digits is how many minor-unit digits a currency has (ISO 4217): 0 for
// JPY and the like, 3 for the dinars, 2 for the rest.
func Digits(currency string) int {
	switch currency {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	}
	return 2
}
