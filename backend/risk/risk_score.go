package risk

import (
	"cmp"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/retention"
	"churndesk/backend/store"
)

// scoring is what scoring needs: the day, the latest model, the horizon
// and the environment.
type scoring struct {
	asOf    time.Time
	model   Model
	horizon int
	env     env
}

// prepare resolves a query against the latest model.
func (s *Service) prepare(db *gorm.DB, q Query) (scoring, error) {
	asOf, set, err := s.resolve(db, q)
	if err != nil {
		return scoring{}, err
	}
	m, ok, err := s.latest(db)
	if err != nil {
		return scoring{}, err
	}
	if !ok {
		return scoring{}, fault.Conflict("No risk model is trained yet: train one first (it needs at least 30 churns in the last year). Until then the health score is the guide.")
	}
	horizon := m.Horizon
	if q.Horizon > 0 {
		horizon = set.HorizonDays
	}
	e, err := s.environment(db)
	if err != nil {
		return scoring{}, err
	}
	return scoring{asOf: asOf, model: m, horizon: horizon, env: e}, nil
}

// liveQuery reads the customers alive on a day by the rule of
// retention.LivesAsOf: a life whose churn is dated after the day, else the
// account's current life when it had started by then (trials are not
// customers); with one, for one account (its id is the first argument of
// each half). The other arguments are the day: twice, then once.
func liveQuery(one bool) string {
	churned, current := "", ""
	if one {
		churned, current = "account_id = ? AND ", "id = ? AND "
	}
	return `SELECT account_id, CAST(contract_start AS TEXT) FROM churn_records
			WHERE ` + churned + `contract_start <= ? AND churn_date > ?
		UNION ALL SELECT id, CAST(contract_start AS TEXT) FROM accounts
			WHERE ` + current + `contract_start <= ? AND status NOT IN ('trial', 'churned')`
}

// liveSubject is account id as a subject when it was a customer on asOf
// (liveQuery, for that account alone).
func liveSubject(db *gorm.DB, asOf time.Time, id int64) ([]subject, error) {
	subjects, err := readLive(db, asOf, id)
	if err != nil {
		return nil, fmt.Errorf("load account %d's life: %w", id, err)
	}
	return subjects, nil
}

// liveSubjects are the customers alive on asOf (liveQuery): the same as
// liveSubjectsOf the lives as of that day, without reading every life.
func liveSubjects(db *gorm.DB, asOf time.Time) ([]subject, error) {
	subjects, err := readLive(db, asOf, 0)
	if err != nil {
		return nil, fmt.Errorf("load lives: %w", err)
	}
	return subjects, nil
}

// readLive runs liveQuery, for one account when id is not 0.
func readLive(db *gorm.DB, asOf time.Time, id int64) ([]subject, error) {
	on := store.NewDate(asOf)
	q, args := liveQuery(false), []any{on, on, on}
	if id != 0 {
		q, args = liveQuery(true), []any{id, on, on, id, on}
	}
	var subjects []subject
	err := store.EachRow(db, q, args, func(row []driver.Value) error {
		from, ok := dayOf(store.RowText(row[1]))
		if !ok {
			return fmt.Errorf("account %d: unreadable contract start %q", store.RowInt(row[0]), store.RowText(row[1]))
		}
		subjects = append(subjects, subject{Account: store.RowInt(row[0]), From: from})
		return nil
	})
	return subjects, err
}

// liveSubjectsOf are the customers alive on asOf among lives read as of
// that day.
func liveSubjectsOf(lives []retention.Life, asOf time.Time) []subject {
	var subjects []subject
	for _, l := range lives {
		if l.To == nil && !l.From.After(asOf) {
			subjects = append(subjects, subject{Account: l.AccountID, From: l.From})
		}
	}
	return subjects
}

// scoreAll applies the latest model to every customer alive on the query's
// day (forecast).
func (s *Service) scoreAll(ctx context.Context, q Query) (Scores, []AccountRisk, []Measures, error) {
	db := s.db.Read(ctx)
	sc, err := s.prepare(db, q)
	if err != nil {
		return Scores{}, nil, nil, err
	}
	asOf, m, horizon, e := sc.asOf, sc.model, sc.horizon, sc.env
	meas := measurer{db: db, conv: e.conv, es: e.es, loc: e.loc, landmarks: []time.Time{asOf}}
	// The accounts' own fields do not depend on who is alive: they are read
	// beside the lives, on another connection.
	var factsErr error
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		meas.facts, factsErr = meas.loadAccounts()
	}()
	subjects, err := liveSubjects(db, asOf)
	<-loaded
	if err := errors.Join(err, factsErr); err != nil {
		return Scores{}, nil, nil, err
	}
	measures, err := meas.measure(subjects)
	if err != nil {
		return Scores{}, nil, nil, err
	}
	out, sorted, sortedMeasures := s.forecast(m, asOf, horizon, e.conv.Home(), subjects, measures)
	return out, sorted, sortedMeasures, nil
}

// forecast applies model m to the measured subjects on asOf, riskiest
// first (ties by account id), with the subjects' measures in the same
// order, and keeps the portfolio's mean probability for single-account
// answers.
func (s *Service) forecast(m Model, asOf time.Time, horizon int, home string, subjects []subject, measures []Measures) (Scores, []AccountRisk, []Measures) {
	fit := m.fitted(horizon)
	out := Scores{ModelID: m.ID, AsOf: day(asOf), Horizon: horizon, Currency: home, Accounts: len(subjects), Items: []AccountRisk{}}
	all := make([]AccountRisk, len(subjects))
	for i, ms := range measures {
		p := fit.Probability(ms)
		all[i] = AccountRisk{AccountID: subjects[i].Account, Probability: p, MRR: ms.MRR, ExpectedLoss: p * ms.MRR}
		out.MeanProbability += p
		out.ExpectedLoss += p * ms.MRR
	}
	if len(all) > 0 {
		out.MeanProbability /= float64(len(all))
	}
	s.remember(summaryKey{model: m.ID, asOf: day(asOf), horizon: horizon}, out.MeanProbability)
	for i := range all {
		if out.MeanProbability > 0 {
			all[i].Relative = all[i].Probability / out.MeanProbability
		}
	}
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return riskierFirst(&all[a], &all[b]) })
	sorted := make([]AccountRisk, len(all))
	sortedMeasures := make([]Measures, len(all))
	for k, i := range order {
		sorted[k], sortedMeasures[k] = all[i], measures[i]
	}
	out.Total = len(sorted)
	return out, sorted, sortedMeasures
}

// riskierFirst orders forecasts riskiest first, ties by account id.
func riskierFirst(x, y *AccountRisk) int {
	return cmp.Or(cmp.Compare(y.Probability, x.Probability), cmp.Compare(x.AccountID, y.AccountID))
}

// pageBounds are the bounds of the page q asks for among n forecasts.
func pageBounds(q ScoreQuery, n int) (lo, hi int) {
	limit := q.Limit
	if limit == 0 {
		limit = 20
	}
	return min(q.Offset, n), min(q.Offset+limit, n)
}

// Score returns the live accounts' forecasts, riskiest first, one page of
// them with their top factors.
func (s *Service) Score(ctx context.Context, q ScoreQuery) (Scores, error) {
	if err := s.check.Struct(q); err != nil {
		return Scores{}, err
	}
	if q.Stored {
		out, ok, err := s.storedScores(ctx, q)
		if err != nil || ok {
			return out, err
		}
	}
	out, all, measures, err := s.scoreAll(ctx, q.Query)
	if err != nil {
		return Scores{}, err
	}
	lo, hi := pageBounds(q, len(all))
	m, _, err := s.latest(s.db.Read(ctx))
	if err != nil {
		return Scores{}, err
	}
	fit := m.fitted(out.Horizon)
	page := all[lo:hi]
	if err := s.names(ctx, page); err != nil {
		return Scores{}, err
	}
	for k := range page {
		page[k].Factors = topFactors(fit, measures[lo+k], q.Lang, out.Currency)
	}
	out.Items = page
	return out, nil
}

// Account returns one live account's forecast with its factors, the same
// as its entry in Score: the account is measured alone, and its relative
// risk divides by the portfolio's mean probability, kept from the latest
// scoring of the whole portfolio for the same model, day and horizon (a
// few minutes at most) or worked out once when there is none.
func (s *Service) Account(ctx context.Context, id int64, q AccountQuery) (AccountRisk, error) {
	if err := s.check.Struct(q); err != nil {
		return AccountRisk{}, err
	}
	db := s.db.Read(ctx)
	sc, err := s.prepare(db, q.Query)
	if err != nil {
		return AccountRisk{}, err
	}
	subjects, err := liveSubject(db, sc.asOf, id)
	if err != nil {
		return AccountRisk{}, err
	}
	if len(subjects) == 0 {
		return AccountRisk{}, fault.NotFound("Live customer account", id)
	}
	e := sc.env
	meas := measurer{db: db, conv: e.conv, es: e.es, loc: e.loc, landmarks: []time.Time{sc.asOf}, only: []int64{id}}
	measures, err := meas.measure(subjects[:1])
	if err != nil {
		return AccountRisk{}, err
	}
	mean, ok := s.recall(summaryKey{model: sc.model.ID, asOf: day(sc.asOf), horizon: sc.horizon})
	if !ok {
		out, _, _, err := s.scoreAll(ctx, q.Query)
		if err != nil {
			return AccountRisk{}, err
		}
		mean = out.MeanProbability
	}
	fit := sc.model.fitted(sc.horizon)
	p := fit.Probability(measures[0])
	one := []AccountRisk{{AccountID: id, Probability: p, MRR: measures[0].MRR, ExpectedLoss: p * measures[0].MRR}}
	if mean > 0 {
		one[0].Relative = p / mean
	}
	if err := s.names(ctx, one); err != nil {
		return AccountRisk{}, err
	}
	one[0].Factors = topFactors(fit, measures[0], q.Lang, e.conv.Home())
	return one[0], nil
}

// summaryKey names one scoring of the portfolio.
type summaryKey struct {
	model   int64
	asOf    string
	horizon int
}

// summaryLife is how long a portfolio's mean probability is reused.
const summaryLife = 5 * time.Minute

type summary struct {
	mean float64
	at   time.Time
}

// remember keeps a portfolio's mean probability.
func (s *Service) remember(k summaryKey, mean float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.summaries == nil {
		s.summaries = map[summaryKey]summary{}
	}
	for old, v := range s.summaries {
		if time.Since(v.at) > summaryLife {
			delete(s.summaries, old)
		}
	}
	s.summaries[k] = summary{mean: mean, at: time.Now()}
}

// recall returns a portfolio's mean probability kept within summaryLife.
func (s *Service) recall(k summaryKey) (float64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.summaries[k]
	if !ok || time.Since(v.at) > summaryLife {
		return 0, false
	}
	return v.mean, true
}

// names fills in the accounts' names.
func (s *Service) names(ctx context.Context, items []AccountRisk) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.AccountID
	}
	var rows []store.Account
	if err := s.db.Read(ctx).Select("id, name").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return fmt.Errorf("load account names: %w", err)
	}
	byID := map[int64]string{}
	for _, r := range rows {
		byID[r.ID] = r.Name
	}
	for i := range items {
		items[i].Name = byID[items[i].AccountID]
	}
	return nil
}

// topFactors are the (at most three) covariates that raise the account's
// hazard most against an average account, each with its effect; a flag
// counts only when it is set (an unset flag is no reason in words).
func topFactors(f Fitted, m Measures, lang, currency string) []Factor {
	contrib := f.contributions(m)
	idx := make([]int, 0, len(contrib))
	for j, c := range contrib {
		sc := f.Scales[j]
		if c <= math.Log(1.05) || (sc.Unit == "flag" && m.value(sc.Key) == 0) {
			continue
		}
		idx = append(idx, j)
	}
	sort.SliceStable(idx, func(a, b int) bool { return contrib[idx[a]] > contrib[idx[b]] })
	out := []Factor{}
	for _, j := range idx[:min(3, len(idx))] {
		fa := factorOf(f.Scales[j].Key, m)
		fa.Effect = math.Round(math.Exp(contrib[j])*100) / 100
		fa.Text = factorText(lang, fa, currency)
		out = append(out, fa)
	}
	return out
}

// stale reports whether the newest model is a week old or more (or there
// is none): the weekly retrain's cheap check.
func stale(db *gorm.DB, now time.Time) (bool, error) {
	var rows []store.RiskModel
	if err := db.Select("id, trained_at").Order("id DESC").Limit(1).Find(&rows).Error; err != nil {
		return false, fmt.Errorf("load the risk model: %w", err)
	}
	return len(rows) == 0 || now.Sub(rows[0].TrainedAt) >= 7*24*time.Hour, nil
}
