// Package fx keeps the team's home currency and its own exchange rates, and
// converts money to the home currency with the latest rate on or before the
// day in question. It needs no network: rates are typed in or imported.
package fx

// Rate is one stored exchange rate.
type Rate struct {
	ID       int64   `json:"id"`
	Currency string  `json:"currency" description:"The currency converted, ISO 4217."`
	Home     string  `json:"home" description:"The home currency the rate is quoted in."`
	Date     string  `json:"date" format:"date" description:"The rate holds from this day until a later rate."`
	Rate     float64 `json:"rate" description:"Home-currency units per one unit of currency."`
}

// Table is the home currency with every rate quoted in it.
type Table struct {
	Home  string `json:"home" description:"The team's home currency; empty while none is set."`
	Rates []Rate `json:"rates" description:"Rates quoted in the home currency, by currency, newest first."`
}

// HomeInput sets the home currency.
type HomeInput struct {
	Currency string `json:"currency" validate:"required,iso4217" description:"ISO 4217 code."`
}

// RateInput is one rate typed in or read from a CSV row.
type RateInput struct {
	Currency string  `json:"currency" validate:"required,iso4217" description:"ISO 4217 code of the currency converted."`
	Date     string  `json:"date" validate:"required,datetime=2006-01-02" format:"date"`
	Rate     float64 `json:"rate" validate:"gt=0" description:"Home-currency units per one unit of currency."`
}

// ImportInput is a CSV of rates: a header with currency, date and rate, then
// one rate per row. A comma or a semicolon separates columns; with a
// semicolon the rate may use a decimal comma.
type ImportInput struct {
	CSV string `json:"csv" validate:"required,max=1000000" description:"The file's text."`
}

// ImportResult counts the rates an import stored.
type ImportResult struct {
	Written int   `json:"written"`
	Table   Table `json:"table"`
}

// UsedRate is a rate a figure was converted with.
type UsedRate struct {
	Currency string  `json:"currency"`
	Date     string  `json:"date" format:"date" description:"The day of the rate used: the latest on or before the day converted."`
	Rate     float64 `json:"rate" description:"Home-currency units per one unit of currency."`
}

// Warning codes.
const (
	NoHomeCurrency = "no_home_currency"
	MissingRate    = "missing_rate"
)

// Warning says why some money could not be converted.
type Warning struct {
	Code     string `json:"code" enum:"no_home_currency,missing_rate"`
	Currency string `json:"currency" description:"The currency without a rate (empty for no_home_currency)."`
	Date     string `json:"date" format:"date" description:"The day a rate was needed for."`
	Message  string `json:"message"`
}

// Report names the home currency, the rates used and the money that could
// not be converted.
type Report struct {
	Currency string     `json:"currency" description:"The home currency; empty while none is set."`
	Rates    []UsedRate `json:"rates"`
	Warnings []Warning  `json:"warnings" description:"Every currency that could not be converted; a figure that needed it is null."`
}
