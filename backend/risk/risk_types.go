package risk

// Settings are the team's choices for the risk model.
type Settings struct {
	HorizonDays int     `json:"horizon_days" validate:"gte=7,lte=365" minimum:"7" maximum:"365" description:"How far ahead the forecast looks; default 90 days."`
	Ridge       float64 `json:"ridge" validate:"gte=0,lte=100" minimum:"0" maximum:"100" description:"Ridge penalty on the standardised coefficients (0: none); default 1."`
}

// DefaultSettings are a 90-day horizon and a mild ridge penalty.
func DefaultSettings() Settings { return Settings{HorizonDays: 90, Ridge: 1} }

// Query names the day a model is trained, backtested or scored for, and
// the horizon.
type Query struct {
	AsOf    string `query:"as_of" json:"as_of,omitempty" validate:"omitempty,datetime=2006-01-02" format:"date" description:"Default: today."`
	Horizon int    `query:"horizon" json:"horizon,omitempty" validate:"omitempty,gte=7,lte=365" minimum:"7" maximum:"365" description:"Days; default the setting (90)."`
}

// ScoreQuery pages the scored accounts, riskiest first.
type ScoreQuery struct {
	Query
	Limit  int    `query:"limit" validate:"gte=0,lte=500" minimum:"0" maximum:"500" default:"20"`
	Offset int    `query:"offset" validate:"gte=0" minimum:"0"`
	Lang   string `query:"lang" validate:"omitempty,oneof=en ru pl" enum:"en,ru,pl" description:"Language of the factors' text; default en."`
	Stored bool   `query:"stored" description:"Answer from the forecasts stored today by the newest model (the daily refresh and every training store them), without factors: instant on a large portfolio. When none are stored for today, or as_of or horizon ask for another day or horizon, the accounts are scored afresh."`
}

// AccountQuery asks for one account's forecast.
type AccountQuery struct {
	Query
	Lang string `query:"lang" validate:"omitempty,oneof=en ru pl" enum:"en,ru,pl" description:"Language of the factors' text; default en."`
}

// Coefficient is one covariate's learnt effect.
type Coefficient struct {
	Scale
	Coef        float64 `json:"coef" description:"Log hazard ratio per standard deviation."`
	SE          float64 `json:"se" description:"Its standard error (inverse information)."`
	HazardRatio float64 `json:"hazard_ratio" description:"Hazard ratio for one step of the covariate (see step and unit)."`
	Low         float64 `json:"low" description:"95 % interval of the hazard ratio, lower end."`
	High        float64 `json:"high" description:"95 % interval of the hazard ratio, upper end."`
}

// Inputs say what a model was trained on.
type Inputs struct {
	Cutoff      string   `json:"cutoff" format:"date" description:"Nothing dated after this day was read."`
	PeriodDays  int      `json:"period_days" description:"Spacing of the landmark days and follow-up of each (monthly person-periods)."`
	Landmarks   []string `json:"landmarks" description:"Days the covariates were measured on."`
	Rows        int      `json:"rows" description:"Account-periods: one per customer alive on a landmark day."`
	Accounts    int      `json:"accounts"`
	Events      int      `json:"events" description:"Churns within a period after a landmark."`
	Ridge       float64  `json:"ridge"`
	Concordance float64  `json:"concordance" description:"Harrell's C on the training data."`
	LogLik      float64  `json:"loglik"`
	LogLikNull  float64  `json:"loglik_null"`
	BaseHazard  float64  `json:"base_hazard" description:"Breslow cumulative baseline hazard over one period, for an account at the training means."`
}

// Model is a stored, trained risk model with its backtest.
type Model struct {
	ID           int64         `json:"id"`
	TrainedAt    string        `json:"trained_at" format:"date-time"`
	AsOf         string        `json:"as_of" format:"date"`
	Horizon      int           `json:"horizon_days"`
	Inputs       Inputs        `json:"inputs"`
	Coefficients []Coefficient `json:"coefficients"`
	Backtest     *Backtest     `json:"backtest" description:"null when the backtest could not train (see backtest_note)."`
	BacktestNote string        `json:"backtest_note"`
}

// ModelStatus is the latest model, or why there is none.
type ModelStatus struct {
	Trained bool   `json:"trained"`
	Model   *Model `json:"model"`
	Message string `json:"message" description:"Why no model is shown: none trained yet."`
}

// Factor is one reason an account's risk is above the portfolio's.
type Factor struct {
	Key    string             `json:"key" description:"Covariate key; the text's catalogue key is risk.factor.<key without :value>."`
	Args   map[string]float64 `json:"args" description:"Numbers the text names (days, score, months, percent, count)."`
	Value  string             `json:"value" description:"The segment or plan named, for those factors."`
	Effect float64            `json:"effect" description:"Hazard ratio of this factor against an average account."`
	Text   string             `json:"text" description:"The factor in plain words, in the requested language."`
}

// AccountRisk is one live account's forecast.
type AccountRisk struct {
	AccountID    int64    `json:"account_id"`
	Name         string   `json:"name"`
	Probability  float64  `json:"probability" description:"Chance of churning within the horizon, 0–1."`
	Relative     float64  `json:"relative" description:"Probability ÷ the portfolio's mean probability."`
	MRR          float64  `json:"mrr" description:"MRR in major units of the home currency (own currency without a rate)."`
	ExpectedLoss float64  `json:"expected_loss" description:"Probability × MRR."`
	Factors      []Factor `json:"factors"`
}

// Scores are the live accounts' forecasts, riskiest first.
type Scores struct {
	ModelID         int64         `json:"model_id"`
	AsOf            string        `json:"as_of" format:"date"`
	Horizon         int           `json:"horizon_days"`
	Currency        string        `json:"currency" description:"Home currency of the money figures; empty when none is set."`
	Accounts        int           `json:"accounts"`
	MeanProbability float64       `json:"mean_probability"`
	ExpectedLoss    float64       `json:"expected_loss" description:"Sum of every live account's expected MRR lost within the horizon."`
	Total           int           `json:"total"`
	Items           []AccountRisk `json:"items"`
}
