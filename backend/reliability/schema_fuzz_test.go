package reliability

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"churndesk/backend/api"
	"churndesk/backend/boot"
	"churndesk/backend/demo"
	"churndesk/backend/reliability/invariants"
	"churndesk/backend/store/storetest"
)

// FuzzRequestsEnv sets how many requests the schema-driven fuzzer sends per
// engine (default 10,000).
const FuzzRequestsEnv = "CHURNDESK_FUZZ_REQUESTS"

func fuzzRequests(t *testing.T) int {
	if v := os.Getenv(FuzzRequestsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive whole number", FuzzRequestsEnv, v)
		}
		return n
	}
	return 10_000
}

var fuzzNow = time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC)

// idTables says where the real ids of each path's records live.
var idTables = map[string]string{
	"accounts": "accounts", "contacts": "contacts", "churn-records": "churn_records", "exchange-rates": "exchange_rates",
	"imports": "import_runs", "nps": "nps_responses", "offboarding": "checklists", "offboarding-items": "checklist_items",
	"referrals": "referrals", "tiers": "tiers", "tokens": "api_tokens", "tasks": "tasks",
}

// fingerprintTables are the tables a refused write must leave as they were.
var fingerprintTables = []string{"accounts", "contacts", "usage_snapshots", "nps_responses", "churn_records", "churn_audits",
	"mrr_movements", "checklists", "checklist_items", "tasks", "settings", "tiers", "tier_overrides", "tier_moves", "benefit_uses",
	"referrals", "api_tokens", "qbr_reports", "webhook_events", "exchange_rates", "import_changes", "health_scores"}

// fingerprinter hashes every column of the written tables with one query.
type fingerprinter struct {
	b   *boot.Backend
	sql string
}

func newFingerprinter(t *testing.T, b *boot.Backend) fingerprinter {
	ctx := context.Background()
	var parts []string
	for _, table := range fingerprintTables {
		cols, err := b.Store.Read(ctx).Migrator().ColumnTypes(table)
		if err != nil {
			t.Fatalf("columns of %s: %v", table, err)
		}
		sum := []string{"COUNT(*)"}
		for _, c := range cols {
			sum = append(sum, fmt.Sprintf(`COALESCE(SUM(LENGTH(CAST(%q AS TEXT))), 0)`, c.Name()))
			if c.Name() == "mrr" || c.Name() == "amount" {
				sum = append(sum, fmt.Sprintf(`COALESCE(SUM(%q), 0)`, c.Name()))
			}
		}
		parts = append(parts, fmt.Sprintf("SELECT '%s' AS t, %s AS v FROM %s", table, strings.Join(sum, " || ',' || "), table))
	}
	return fingerprinter{b: b, sql: strings.Join(parts, " UNION ALL ")}
}

func (f fingerprinter) take(t *testing.T) string {
	var rows []struct{ T, V string }
	if err := f.b.Store.Read(context.Background()).Raw(f.sql).Scan(&rows).Error; err != nil {
		t.Fatalf("fingerprint: %v", err)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].T < rows[j].T })
	h := sha256.New()
	for _, r := range rows {
		fmt.Fprintf(h, "%s=%s;", r.T, r.V)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func loadIDs(t *testing.T, b *boot.Backend) ids {
	out := ids{}
	for kind, table := range idTables {
		var list []int64
		if err := b.Store.Read(context.Background()).Raw("SELECT id FROM " + table + " ORDER BY id LIMIT 50").Scan(&list).Error; err != nil {
			t.Fatalf("ids of %s: %v", table, err)
		}
		out[kind] = list
	}
	return out
}

// skipValid names operations whose valid request is too slow or too
// destructive to repeat thousands of times: they get their spoiled
// requests every round and their valid one only in the first.
func expensive(op *apiOp) bool {
	switch op.String() {
	case "POST /api/v1/demo", "POST /api/v1/backup", "GET /api/v1/qbr/batch", "POST /api/v1/health/recompute",
		"POST /api/v1/tiers/evaluate", "POST /api/v1/triggers/evaluate", "DELETE /api/v1/accounts/{id}":
		return true
	}
	return false
}

// TestSchemaDrivenFuzz reads the API's own OpenAPI document and sends, for
// every operation, a valid-shaped request and then spoiled variants of it
// against a small demo portfolio until the request budget is spent. Every
// answer must be a status the document lists, never a 5xx; every 4xx has
// the error shape and names the field that was spoiled; a refused write
// leaves the database as it was; the invariants hold at the end.
func TestSchemaDrivenFuzz(t *testing.T) {
	raw, err := api.Spec()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseDoc(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.ops) < 80 {
		t.Fatalf("the document lists only %d operations", len(doc.ops))
	}
	budget := fuzzRequests(t)
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			b, err := boot.OpenWith(ctx, e.DSN, func() time.Time { return fuzzNow }, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if _, err := b.Demo.Load(ctx, demo.Options{Accounts: 30, Seed: 11}); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(b.API())
			defer srv.Close()
			fp := newFingerprinter(t, b)
			g := &gen{doc: doc, r: rand.New(rand.NewPCG(21, 2026))}
			byStatus := map[int]int{}
			byOp := map[string]int{}
			baseStatus := map[string]int{}
			var failures []string
			fail := func(format string, args ...any) {
				if len(failures) < 40 {
					failures = append(failures, fmt.Sprintf(format, args...))
				}
			}
			sent, writes, refused := 0, 0, 0
			started := time.Now()
			before := fp.take(t)
			for round := 0; sent < budget; round++ {
				for i := range doc.ops {
					if sent >= budget {
						break
					}
					op := &doc.ops[i]
					g.ids = loadIDs(t, b)
					base := g.request(op)
					reqs := g.mutations(base)
					if round == 0 || !expensive(op) {
						reqs = append([]fuzzReq{base}, reqs...)
					}
					for _, rq := range reqs {
						if sent >= budget {
							break
						}
						status, body := send(t, srv, rq)
						sent++
						byStatus[status]++
						byOp[op.String()]++
						if rq.label == "valid" {
							baseStatus[op.String()] = status
						}
						// A field must be named when the request differs from an
						// accepted one in that field alone.
						if baseStatus[op.String()] >= 400 {
							rq.field = ""
						}
						problem := judge(rq, status, body)
						if strings.Contains(problem, "does not name") {
							// The valid request changed what is stored (e.g. a
							// created tier now clashes by name): sent again, is
							// it refused for the same fields?
							again, againBody := send(t, srv, base)
							sent++
							byStatus[again]++
							if again == 422 && sameFields(body, againBody) {
								problem = ""
							}
							if op.writes() {
								before = fp.take(t)
							}
						}
						if problem != "" {
							fail("%s [%s]: %s", op, rq.label, problem)
						}
						if !op.writes() {
							continue
						}
						writes++
						after := fp.take(t)
						if status >= 400 {
							refused++
							if after != before {
								fail("%s [%s]: answered %d but changed the database", op, rq.label, status)
							}
						}
						before = after
					}
				}
			}
			elapsed := time.Since(started)
			for _, f := range failures {
				t.Error(f)
			}
			rep, err := invariants.Check(ctx, b.Store)
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.Err(); err != nil {
				t.Error(err)
			}
			codes := sortedKeys(statusNames(byStatus))
			var counts []string
			for _, c := range codes {
				counts = append(counts, fmt.Sprintf("%s: %d", c, statusNames(byStatus)[c]))
			}
			t.Logf("%s: %d requests over %d operations in %s (%d writes, %d refused with the database unchanged): %s; %d invariant checks passed",
				e.Name, sent, len(byOp), elapsed.Round(time.Millisecond), writes, refused, strings.Join(counts, ", "), rep.Checks)
		})
	}
}

func sameFields(a, b []byte) bool {
	var x, y struct{ Fields map[string]string }
	json.Unmarshal(a, &x)
	json.Unmarshal(b, &y)
	if len(x.Fields) == 0 || len(x.Fields) != len(y.Fields) {
		return false
	}
	for k := range x.Fields {
		if _, ok := y.Fields[k]; !ok {
			return false
		}
	}
	return true
}

func statusNames(m map[int]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[strconv.Itoa(k)] = v
	}
	return out
}

func send(t *testing.T, srv *httptest.Server, rq fuzzReq) (int, []byte) {
	u := srv.URL + rq.path
	if len(rq.query) > 0 {
		u += "?" + rq.query.Encode()
	}
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequest(rq.op.method, u, body)
	if err != nil {
		// A path the client cannot even build (e.g. a bad escape) is not sent.
		req, _ = http.NewRequest(rq.op.method, srv.URL+"/api/v1/accounts/%2525", body)
	}
	req.Header.Set("Content-Type", rq.contentType)
	req.Header.Set(api.ClientHeader, "app")
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", rq.op.method, u, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// judge returns what is wrong with an answer, or "".
func judge(rq fuzzReq, status int, body []byte) string {
	if status >= 500 {
		return fmt.Sprintf("%d %s", status, short(string(body)))
	}
	if !rq.op.statuses[status] {
		return fmt.Sprintf("status %d is not documented for the operation: %s", status, short(string(body)))
	}
	if status < 400 {
		return ""
	}
	var e struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Code == "" || e.Message == "" {
		return fmt.Sprintf("%d without the error shape: %s", status, short(string(body)))
	}
	if status == 422 && len(e.Fields) == 0 {
		return "422 without fields: " + string(body)
	}
	if rq.field == "" || rq.label == "valid" || rq.utf8 || status != 422 {
		return ""
	}
	for k, msg := range e.Fields {
		if k == rq.field || strings.Contains(msg, rq.field) || strings.HasPrefix(k, rq.field+".") || strings.HasPrefix(k, rq.field+"[") {
			return ""
		}
	}
	return fmt.Sprintf("422 does not name %q: %s", rq.field, short(string(body)))
}
