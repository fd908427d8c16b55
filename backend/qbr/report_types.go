// Package qbr builds quarterly business review value reports: computed
// sections (usage and adoption quarter over quarter, health, NPS, tier,
// referrals, commercial summary) and edited ones (summary, goals, value
// delivered with an honest experiment, risks, next goals), and renders
// them as PDF and Markdown.
package qbr

import (
	"time"

	"churndesk/backend/nps"
	"churndesk/backend/store"
)

// Goal is a goal from the last QBR and how it turned out.
type Goal struct {
	Goal    string `json:"goal" validate:"required,max=500"`
	Outcome string `json:"outcome,omitempty" validate:"max=2000"`
	Status  string `json:"status" validate:"required,oneof=met partly missed open" enum:"met,partly,missed,open"`
}

// KPI is a before/after measure of value delivered.
type KPI struct {
	Name      string  `json:"name" validate:"required,max=200"`
	Unit      string  `json:"unit" validate:"required,oneof=count percent points hours days money" enum:"count,percent,points,hours,days,money" description:"What the values are: a count, a percentage (its change is in percentage points), points of a score, hours, days, or money in the account's currency."`
	Direction string  `json:"direction" validate:"required,oneof=higher lower neutral" enum:"higher,lower,neutral" description:"Which way is better: higher, lower, or neutral (shown for information, never a verdict)."`
	Before    float64 `json:"before"`
	After     float64 `json:"after"`
}

// ExperimentKPI is one KPI measured for the target and the control group.
type ExperimentKPI struct {
	Name          string  `json:"name" validate:"required,max=200"`
	Unit          string  `json:"unit" validate:"required,oneof=count percent points hours days money" enum:"count,percent,points,hours,days,money"`
	Direction     string  `json:"direction" validate:"required,oneof=higher lower neutral" enum:"higher,lower,neutral"`
	TargetBefore  float64 `json:"target_before"`
	TargetAfter   float64 `json:"target_after"`
	ControlBefore float64 `json:"control_before"`
	ControlAfter  float64 `json:"control_after"`
}

// Experiment compares a group using the product with a control group.
type Experiment struct {
	Description  string          `json:"description,omitempty" validate:"max=2000"`
	TargetGroup  string          `json:"target_group,omitempty" validate:"max=200"`
	ControlGroup string          `json:"control_group,omitempty" validate:"max=200"`
	KPIs         []ExperimentKPI `json:"kpis" validate:"max=20,dive"`
}

// Value is what the CSM records as value delivered.
type Value struct {
	KPIs       []KPI       `json:"kpis" validate:"max=20,dive"`
	Experiment *Experiment `json:"experiment,omitempty"`
}

// Edited are the sections a person writes.
type Edited struct {
	ExecutiveSummary string   `json:"executive_summary" validate:"max=5000"`
	Goals            []Goal   `json:"goals" validate:"max=20,dive"`
	Value            Value    `json:"value"`
	SupportSummary   string   `json:"support_summary" validate:"max=5000"`
	Risks            []string `json:"risks" validate:"max=20,dive,max=500"`
	NextGoals        []string `json:"next_goals" validate:"max=20,dive,max=500"`
	Drafted          []string `json:"drafted" validate:"max=4,dive,oneof=executive_summary goals kpis risks" description:"Sections written from the data and not edited yet: executive_summary, goals, kpis, risks."`
	Keep             []string `json:"keep" validate:"max=11,dive,oneof=summary usage health health_breakdown nps value experiment goals partnership risks next_goals" description:"Sections the deck, the document and the agenda show even when they are empty (saying so); others are left out when empty."`
}

// SaveInput stores a report's edited sections.
type SaveInput struct {
	Status   string `json:"status" validate:"required,oneof=draft final" enum:"draft,final"`
	Language string `json:"language" validate:"required,oneof=en ru pl" enum:"en,ru,pl"`
	Edited   Edited `json:"edited"`
}

// UsageKPI is one usage measure this quarter and last.
type UsageKPI struct {
	Key       string   `json:"key" enum:"avg_active_users,logins,key_feature_uses,seat_utilisation_pct"`
	This      float64  `json:"this_quarter"`
	Previous  float64  `json:"previous_quarter"`
	ChangePct *float64 `json:"change_pct" description:"(this − previous) ÷ previous × 100; null when previous is 0."`
}

// HealthPoint is the stored health of one week.
type HealthPoint struct {
	Week  store.Date `json:"week"`
	Score float64    `json:"score"`
	Class string     `json:"class"`
}

// HealthPart is one component of the quarter's latest health score.
type HealthPart struct {
	Key     string  `json:"key" enum:"engagement_trend,login_recency,seat_utilisation,nps,payment,csm_sentiment"`
	HasData bool    `json:"has_data" description:"False when the component had no data and was left out of the score."`
	Score   float64 `json:"score" description:"The component's own score, 0–100."`
	Share   float64 `json:"share" description:"Its weight rescaled over the components with data (they add up to 100)."`
	Points  float64 `json:"points" description:"Share × score ÷ 100: what it added to the total."`
}

// Verbatim is an NPS answer with a comment.
type Verbatim struct {
	Date    store.Date `json:"date"`
	Score   int        `json:"score"`
	Comment string     `json:"comment"`
}

// Movement is an MRR change in the quarter.
type Movement struct {
	Date   store.Date `json:"date"`
	Kind   string     `json:"kind"`
	Amount int64      `json:"amount"`
}

// Commercial is the renewal and revenue picture.
type Commercial struct {
	Plan        string      `json:"plan"`
	Seats       int         `json:"seats"`
	AsOf        store.Date  `json:"as_of" description:"The day MRR and tier describe: the quarter's last day, or today while it runs."`
	MRR         int64       `json:"mrr" description:"MRR on the as-of day, from the MRR movements for a past quarter."`
	Currency    string      `json:"currency"`
	RenewalDate *store.Date `json:"renewal_date"`
	Movements   []Movement  `json:"movements"`
}

// ReferralLine is a referral the account made in the quarter.
type ReferralLine struct {
	Company string     `json:"company"`
	Status  string     `json:"status"`
	Date    store.Date `json:"date"`
}

// BenefitLine is a tier benefit used in the quarter.
type BenefitLine struct {
	Kind string     `json:"kind"`
	Note string     `json:"note"`
	Date store.Date `json:"date"`
}

// Computed are the sections built from the data.
type Computed struct {
	Usage  []UsageKPI    `json:"usage"`
	Health []HealthPoint `json:"health"`
	// HealthBreakdown is internal: it is shown only in exports for the team.
	HealthBreakdown []HealthPart   `json:"health_breakdown" description:"Internal: the components of the quarter's latest health score."`
	NPS             nps.Figure     `json:"nps"`
	Verbatims       []Verbatim     `json:"verbatims"`
	Tier            string         `json:"tier"`
	BenefitsUsed    []BenefitLine  `json:"benefits_used"`
	Referrals       []ReferralLine `json:"referrals"`
	Commercial      Commercial     `json:"commercial"`
}

// KPIResult is a before/after KPI with its change.
type KPIResult struct {
	KPI
	Change    float64  `json:"change" description:"after − before, in the KPI's unit; for a percentage, in percentage points."`
	ChangePct *float64 `json:"change_pct" description:"Relative change in %; null for percentages and points (their change is in points) and when before is 0."`
	Verdict   string   `json:"verdict" enum:"improved,worsened,unchanged,neutral" description:"improved or worsened by the KPI's direction; unchanged when after = before; neutral when the KPI has no better direction."`
	Improved  bool     `json:"improved" description:"verdict = improved."`
}

// ExperimentResult is an experiment KPI with its difference in differences.
type ExperimentResult struct {
	ExperimentKPI
	TargetChange  float64 `json:"target_change"`
	ControlChange float64 `json:"control_change"`
	Uplift        float64 `json:"uplift" description:"(target after − target before) − (control after − control before)"`
	Verdict       string  `json:"verdict" enum:"improved,worsened,unchanged,neutral"`
	Improved      bool    `json:"improved"`
}

// ValueResult is the value section with its computed changes.
type ValueResult struct {
	KPIs        []KPIResult        `json:"kpis"`
	Experiment  []ExperimentResult `json:"experiment"`
	Improved    int                `json:"improved"`
	NotImproved int                `json:"not_improved" description:"Worsened or unchanged; neutral KPIs count in neither."`
}

// AccountLine names the account the report is about.
type AccountLine struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Segment  string `json:"segment"`
	Owner    string `json:"owner"`
	Currency string `json:"currency"`
}

// Brand is how decks and documents look: the team's name, colour and logo.
type Brand struct {
	CompanyName string `json:"company_name" validate:"max=200"`
	Color       string `json:"color" validate:"omitempty,hexcolor" description:"e.g. #0c7a76"`
	LogoDataURL string `json:"logo_data_url,omitempty" validate:"omitempty,max=700000,startswith=data:image/" description:"PNG or JPEG as a data: URL."`
}

// Report is one account's QBR for one quarter.
type Report struct {
	Account         AccountLine `json:"account"`
	Quarter         string      `json:"quarter"`
	From            store.Date  `json:"from"`
	To              store.Date  `json:"to"`
	PreviousQuarter string      `json:"previous_quarter"`
	Status          string      `json:"status" enum:"new,draft,final"`
	Language        string      `json:"language" enum:"en,ru,pl"`
	Computed        Computed    `json:"computed"`
	Edited          Edited      `json:"edited"`
	Value           ValueResult `json:"value"`
	Brand           Brand       `json:"brand"`
	UpdatedBy       string      `json:"updated_by"`
	UpdatedAt       *time.Time  `json:"updated_at"`
}

// DueLine is an account whose QBR is due in a quarter.
type DueLine struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
	Owner     string `json:"owner"`
	Segment   string `json:"segment"`
	MRR       int64  `json:"mrr"`
	Currency  string `json:"currency"`
	Status    string `json:"status" enum:"new,draft,final"`
}

// DueList lists a quarter's QBRs.
type DueList struct {
	Quarter string    `json:"quarter"`
	Items   []DueLine `json:"items"`
	Total   int64     `json:"total"`
}

// DueQuery selects a quarter and a page of its QBRs.
type DueQuery struct {
	Quarter string `query:"quarter" validate:"omitempty,len=7" description:"e.g. 2026-Q3; default the current quarter."`
	Status  string `query:"status" validate:"omitempty,oneof=new draft final" enum:"new,draft,final"`
	Limit   int    `query:"limit" validate:"gte=0,lte=500"`
	Offset  int    `query:"offset" validate:"gte=0"`
}
