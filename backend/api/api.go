// Package api is ChurnDesk's one HTTP API under /api/v1: it decodes
// requests, calls one domain function and encodes the answer. The desktop
// window and `churndesk serve` mount the same handler.
package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/backup"
	"churndesk/backend/calendar"
	"churndesk/backend/churn"
	"churndesk/backend/demo"
	"churndesk/backend/export"
	"churndesk/backend/fault"
	"churndesk/backend/fx"
	"churndesk/backend/health"
	"churndesk/backend/importer"
	"churndesk/backend/loyalty"
	"churndesk/backend/nps"
	"churndesk/backend/offboarding"
	"churndesk/backend/playbooks"
	"churndesk/backend/qbr"
	"churndesk/backend/referrals"
	"churndesk/backend/retention"
	"churndesk/backend/texts"
	"churndesk/backend/tokens"
	"churndesk/backend/usage"
	"churndesk/backend/webhooks"
)

// Accounts is what the API needs from the accounts service.
type Accounts interface {
	List(ctx context.Context, q accounts.ListQuery) (accounts.List[accounts.Account], error)
	Get(ctx context.Context, id int64) (accounts.Account, error)
	Create(ctx context.Context, in accounts.AccountInput) (accounts.Account, error)
	Update(ctx context.Context, id int64, in accounts.AccountInput) (accounts.Account, error)
	Delete(ctx context.Context, id int64) error
	Facets(ctx context.Context) (accounts.Facets, error)
	Summary(ctx context.Context) (accounts.Summary, error)
	WriteCSV(ctx context.Context, w io.Writer, f accounts.Filter) error
	Table(ctx context.Context, f accounts.Filter) (export.Table, error)
	Contacts(ctx context.Context, accountID int64, q accounts.ContactQuery) (accounts.List[accounts.Contact], error)
	CreateContact(ctx context.Context, accountID int64, in accounts.ContactInput) (accounts.Contact, error)
	UpdateContact(ctx context.Context, id int64, in accounts.ContactInput) (accounts.Contact, error)
	DeleteContact(ctx context.Context, id int64) error
}

// DemoLoader fills an empty database with the sample portfolio.
type DemoLoader interface {
	Load(ctx context.Context, opt demo.Options) (demo.Result, error)
}

// Scores is what the API needs from the health service.
type Scores interface {
	Settings(ctx context.Context) (health.Settings, error)
	SaveSettings(ctx context.Context, set health.Settings) (health.RecomputeResult, error)
	Recompute(ctx context.Context, asOf time.Time) (health.RecomputeResult, error)
	Overview(ctx context.Context) (health.Overview, error)
	Account(ctx context.Context, id int64) (health.AccountHealth, error)
}

// Usage is what the API needs from the usage service.
type Usage interface {
	Upsert(ctx context.Context, b usage.Batch) (usage.Result, error)
}

// NPS is what the API needs from the NPS service.
type NPS interface {
	Create(ctx context.Context, accountID int64, in nps.Input) (nps.Response, error)
	Delete(ctx context.Context, id int64) error
	Summarise(ctx context.Context, p nps.Period) (nps.Summary, error)
}

// Playbooks is what the API needs from the playbooks service.
type Playbooks interface {
	Playbooks(ctx context.Context) ([]playbooks.Playbook, error)
	SavePlaybook(ctx context.Context, p playbooks.Playbook) (playbooks.Playbook, error)
	Evaluate(ctx context.Context, asOf time.Time) (playbooks.EvalResult, error)
	Tasks(ctx context.Context, q playbooks.TaskQuery) (playbooks.TaskList, error)
	UpdateTask(ctx context.Context, id int64, u playbooks.TaskUpdate) (playbooks.Task, error)
	RecentFirings(ctx context.Context, q playbooks.FiringQuery) (playbooks.FiringList, error)
	Today(ctx context.Context, q playbooks.TodayQuery) (playbooks.TodayPage, error)
	Team(ctx context.Context) (playbooks.Team, error)
	SaveTeam(ctx context.Context, in playbooks.Team) (playbooks.Team, error)
	Owners(ctx context.Context) (playbooks.OwnerList, error)
}

// Importer reads CSV files into records.
type Importer interface {
	ImportFrom(ctx context.Context, actor, kind string, src io.ReadSeeker, opt importer.Options) (importer.Report, error)
	History(ctx context.Context) (importer.History, error)
	Catalog(ctx context.Context) (importer.Catalog, error)
	Inspect(raw []byte, partial bool) (importer.Preview, error)
	Mappings(ctx context.Context) (importer.MappingList, error)
	SaveMapping(ctx context.Context, in importer.MappingInput) (importer.SavedMapping, error)
	DeleteMapping(ctx context.Context, id int64) error
	Undo(ctx context.Context, actor string, runID int64) (importer.UndoResult, error)
}

// Churn is what the API needs from the churn service.
type Churn interface {
	List(ctx context.Context, q churn.Query) (churn.List, error)
	Get(ctx context.Context, id int64) (churn.Record, error)
	Create(ctx context.Context, actor string, accountID int64, in churn.Input) (churn.Record, error)
	Update(ctx context.Context, actor string, id int64, in churn.Input) (churn.Record, error)
	Delete(ctx context.Context, actor string, id int64) error
	Audit(ctx context.Context, id int64) ([]churn.AuditEntry, error)
	Reactivate(ctx context.Context, accountID int64, r churn.Reactivation) error
	Settings(ctx context.Context) (churn.Settings, error)
	SaveSettings(ctx context.Context, set churn.Settings) (churn.Settings, error)
	Table(ctx context.Context, q churn.Query) (export.Table, error)
}

// Retention is what the API needs from the retention service.
type Retention interface {
	Metrics(ctx context.Context, q retention.MetricsQuery) (retention.Metrics, error)
	Members(ctx context.Context, q retention.MembersQuery) (retention.Members, error)
	Curve(ctx context.Context, q retention.CurveQuery) (retention.Curves, error)
	Cohorts(ctx context.Context, q retention.CurveQuery) (retention.CohortTable, error)
	Table(ctx context.Context, q retention.MetricsQuery) (export.Table, error)
}

// Offboarding is what the API needs from the offboarding service.
type Offboarding interface {
	Board(ctx context.Context, q offboarding.BoardQuery) (offboarding.Board, error)
	Get(ctx context.Context, id int64) (offboarding.Checklist, error)
	CreateForIntent(ctx context.Context, accountID int64, in offboarding.IntentInput) (offboarding.Checklist, error)
	UpdateItem(ctx context.Context, actor string, id int64, u offboarding.ItemUpdate) (offboarding.Checklist, error)
	AddItem(ctx context.Context, checklistID int64, in offboarding.ItemInput) (offboarding.Checklist, error)
	DeleteItem(ctx context.Context, id int64) (offboarding.Checklist, error)
	Markdown(ctx context.Context, id int64) (string, error)
	PDF(ctx context.Context, id int64) ([]byte, error)
	Letter(ctx context.Context, id int64, lang, exportLink string) (offboarding.Letter, error)
	DataExport(ctx context.Context, accountID int64) ([]byte, string, error)
	Settings(ctx context.Context) (offboarding.Settings, error)
	SaveSettings(ctx context.Context, set offboarding.Settings) (offboarding.Settings, error)
}

// Loyalty is what the API needs from the loyalty service.
type Loyalty interface {
	Tiers(ctx context.Context) (loyalty.TierList, error)
	SaveTier(ctx context.Context, id int64, in loyalty.TierInput) (loyalty.Tier, error)
	DeleteTier(ctx context.Context, id int64) error
	Preview(ctx context.Context, in loyalty.PreviewInput) (loyalty.Preview, error)
	Evaluate(ctx context.Context, asOf time.Time) (loyalty.EvalResult, error)
	SetOverride(ctx context.Context, actor string, accountID int64, in loyalty.OverrideInput) (loyalty.AccountLoyalty, error)
	ClearOverride(ctx context.Context, accountID int64) (loyalty.AccountLoyalty, error)
	Account(ctx context.Context, accountID int64) (loyalty.AccountLoyalty, error)
	UseBenefit(ctx context.Context, accountID int64, in loyalty.BenefitUseInput) (loyalty.AccountLoyalty, error)
	Distribution(ctx context.Context) (loyalty.Distribution, error)
	Moves(ctx context.Context, q loyalty.MoveQuery) (loyalty.MoveList, error)
}

// Referrals is what the API needs from the referrals service.
type Referrals interface {
	Create(ctx context.Context, in referrals.Input) (referrals.Referral, error)
	Update(ctx context.Context, id int64, in referrals.Input) (referrals.Referral, error)
	Get(ctx context.Context, id int64) (referrals.Referral, error)
	List(ctx context.Context, q referrals.Query) (referrals.List, error)
	Move(ctx context.Context, id int64, in referrals.StatusInput) (referrals.Referral, error)
	Convert(ctx context.Context, id int64, in referrals.ConvertInput) (referrals.Referral, error)
	Reward(ctx context.Context, id int64, in referrals.RewardInput) (referrals.Referral, error)
	Delete(ctx context.Context, id int64) error
	Figures(ctx context.Context) (referrals.Figures, error)
	Suggestions(ctx context.Context) (referrals.SuggestionList, error)
}

// QBR is what the API needs from the QBR service.
type QBR interface {
	Report(ctx context.Context, accountID int64, quarter string) (qbr.Report, error)
	ReportIn(ctx context.Context, accountID int64, quarter, lang string) (qbr.Report, error)
	Save(ctx context.Context, actor string, accountID int64, quarter string, in qbr.SaveInput) (qbr.Report, error)
	Due(ctx context.Context, q qbr.DueQuery) (qbr.DueList, error)
	PDF(ctx context.Context, accountID int64, quarter string, o qbr.Options) ([]byte, error)
	Markdown(ctx context.Context, accountID int64, quarter string, o qbr.Options) (string, error)
	Document(ctx context.Context, accountID int64, quarter, format string, o qbr.Options) (string, []byte, error)
	Batch(ctx context.Context, quarter string) ([]byte, []qbr.BatchLine, error)
	Brand(ctx context.Context) (qbr.Brand, error)
	SaveBrand(ctx context.Context, b qbr.Brand) (qbr.Brand, error)
}

// Tokens is what the API needs to manage API tokens.
type Tokens interface {
	Create(ctx context.Context, actor string, in tokens.Input) (tokens.Created, error)
	List(ctx context.Context) (tokens.List, error)
	Revoke(ctx context.Context, id int64) error
}

// Rates is what the API needs from the home currency and rates service.
type Rates interface {
	Table(ctx context.Context) (fx.Table, error)
	SaveHome(ctx context.Context, in fx.HomeInput) (fx.Table, error)
	SaveRate(ctx context.Context, in fx.RateInput) (fx.Rate, error)
	DeleteRate(ctx context.Context, id int64) error
	Import(ctx context.Context, in fx.ImportInput) (fx.ImportResult, error)
}

// Backups is what the API needs for backups.
type Backups interface {
	BackupSettings(ctx context.Context) (backup.Settings, error)
	SaveBackupSettings(ctx context.Context, set backup.Settings) (backup.Settings, error)
	BackupNow(ctx context.Context, now time.Time) (string, error)
}

// Zones is what the API needs for the team's time zone.
type Zones interface {
	Settings(ctx context.Context) (calendar.ZoneSettings, error)
	Save(ctx context.Context, in calendar.ZoneInput) (calendar.ZoneSettings, error)
}

// Deps are the services behind the API.
type Deps struct {
	Accounts    Accounts
	Demo        DemoLoader
	Scores      Scores
	Usage       Usage
	NPS         NPS
	Playbooks   Playbooks
	Importer    Importer
	Churn       Churn
	Retention   Retention
	Offboarding Offboarding
	Loyalty     Loyalty
	Referrals   Referrals
	QBR         QBR
	Tokens      Tokens
	Webhooks    Webhooks
	Backups     Backups
	Rates       Rates
	Zones       Zones
	Notify      Notify
	Risk        Risk
	Upserter    webhooks.AccountUpserter // creates or updates accounts from webhook events
	Check       webhooks.Validator
	Health      Health // what /api/v1/health reports
	Now         func() time.Time
	Log         *slog.Logger
	MaxImport   int64 // the largest CSV file an import takes, in bytes; 0 means DefaultMaxImport
}

// Health says the backend is up; where tokens are not required it also
// names the engine, version and database (GET /api/v1/system always does).
type Health struct {
	Status   string `json:"status" enum:"ok"`
	Engine   string `json:"engine,omitempty" enum:"sqlite,postgres"`
	Version  string `json:"version,omitempty"`
	Location string `json:"location,omitempty" description:"The database file, or the PostgreSQL host and database."`
}

// System describes the running backend to those allowed to call the API.
type System struct {
	Status   string `json:"status" enum:"ok"`
	Engine   string `json:"engine" enum:"sqlite,postgres"`
	Version  string `json:"version"`
	Location string `json:"location" description:"The database file, or the PostgreSQL host and database."`
}

type handlers struct {
	Deps
	uploads chan struct{} // one file upload (import or inspection) at a time
}

// New returns the /api/v1 handler.
func New(d Deps) http.Handler {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.MaxImport <= 0 {
		d.MaxImport = DefaultMaxImport
	}
	h := &handlers{Deps: d, uploads: make(chan struct{}, 1)}
	mux := http.NewServeMux()
	for _, rt := range routes() {
		mux.HandleFunc(rt.method+" "+rt.path, rt.bind(h))
	}
	// The document is built on first request: reflecting every route's types
	// costs a few hundred milliseconds that start-up should not pay.
	spec := sync.OnceValue(func() []byte { return mustSpec(routes()) })
	mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(spec())
	})
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, d.Log, fault.Text(fault.CodeNotFound, texts.New("error.no_endpoint", texts.Str(r.Method), texts.Str(r.URL.Path))))
	})
	return recoverer(d.Log, withLang(withActor(mux)))
}

// recoverer turns a panic in a handler into the internal error shape.
func recoverer(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic in handler", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				writeError(w, r, log, &fault.Error{Code: fault.CodeInternal, Message: "Something went wrong on our side; the details are in the log."})
			}
		}()
		next.ServeHTTP(w, r)
	})
}
