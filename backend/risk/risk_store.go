package risk

import (
	"context"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Stored says what a background scoring kept.
type Stored struct {
	ModelID  int64  `json:"model_id"`
	AsOf     string `json:"as_of" format:"date"`
	Accounts int    `json:"accounts" description:"Live accounts whose forecast is now stored."`
}

// riskScoreCols are the columns a scoring writes; a new row's checked
// probability starts at its first probability, so the "risk rose" trigger
// measures a rise from the first forecast it could have seen.
var riskScoreCols = []string{"account_id", "model_id", "probability", "checked_probability", "expected_loss", "scored_on"}

// riskScoreUpsert keeps the probability a row had as the previous one and
// leaves the trigger's checked probability alone.
const riskScoreUpsert = `ON CONFLICT (account_id) DO UPDATE SET previous_probability = risk_scores.probability,
	model_id = excluded.model_id, probability = excluded.probability, expected_loss = excluded.expected_loss, scored_on = excluded.scored_on`

// StoreScores scores every live account with the newest model as of q's
// day and keeps each forecast, in one transaction: the account list shows
// and sorts by them and the "risk rose" trigger reads them. Accounts no
// longer live lose their stored forecast. With no model trained yet it
// stores nothing and says so with ok false.
func (s *Service) StoreScores(ctx context.Context, q Query) (Stored, bool, error) {
	out, all, _, err := s.scoreAll(ctx, q)
	if err != nil {
		if fe, isFault := fault.As(err); isFault && fe.Code == fault.CodeConflict {
			return Stored{}, false, nil
		}
		return Stored{}, false, err
	}
	stored, err := s.keep(ctx, out, all)
	return stored, err == nil, err
}

// keep stores a scoring's forecasts in place of the stored ones.
func (s *Service) keep(ctx context.Context, out Scores, all []AccountRisk) (Stored, error) {
	scoredOn, err := store.ParseDate(out.AsOf)
	if err != nil {
		return Stored{}, fmt.Errorf("store risk scores: %w", err)
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error { return writeScores(tx, out.ModelID, scoredOn, all) })
	if err != nil {
		return Stored{}, fmt.Errorf("store risk scores: %w", err)
	}
	return Stored{ModelID: out.ModelID, AsOf: out.AsOf, Accounts: len(all)}, nil
}

// writeScores replaces the stored forecasts with all, made by model on day.
func writeScores(tx *gorm.DB, model int64, day store.Date, all []AccountRisk) error {
	if err := dropUnscored(tx, all); err != nil {
		return err
	}
	b := store.NewBatch(tx, "risk_scores", riskScoreCols, riskScoreUpsert)
	defer b.Close()
	return b.Append(len(all), func(args []any, i int) []any {
		r := all[i]
		return append(args, r.AccountID, model, r.Probability, r.Probability, r.ExpectedLoss, day)
	})
}

// dropUnscored deletes the stored forecasts of accounts this scoring left
// out (they churned).
func dropUnscored(tx *gorm.DB, scored []AccountRisk) error {
	var stored []int64
	if err := tx.Table("risk_scores").Order("account_id").Pluck("account_id", &stored).Error; err != nil {
		return fmt.Errorf("read stored risk scores: %w", err)
	}
	live := make(map[int64]bool, len(scored))
	for _, r := range scored {
		live[r.AccountID] = true
	}
	var gone []int64
	for _, id := range stored {
		if !live[id] {
			gone = append(gone, id)
		}
	}
	for start := 0; start < len(gone); start += 5000 {
		if err := tx.Where("account_id IN ?", gone[start:min(start+5000, len(gone))]).Delete(&store.RiskScore{}).Error; err != nil {
			return fmt.Errorf("drop risk scores of churned accounts: %w", err)
		}
	}
	return nil
}

// storedScores answers q from the forecasts stored today by the newest
// model for its own horizon, as Score would page them (riskiest first,
// ties by account id) but without factors; ok is false when q asks for
// another day or horizon or no such forecasts are stored.
func (s *Service) storedScores(ctx context.Context, q ScoreQuery) (Scores, bool, error) {
	db := s.db.Read(ctx)
	today := store.NewDate(s.now())
	m, found, err := s.latest(db)
	if err != nil || !found || q.AsOf != "" && q.AsOf != today.String() || q.Horizon != 0 && q.Horizon != m.Horizon {
		return Scores{}, false, err
	}
	conv, err := loadConverter(db)
	if err != nil {
		return Scores{}, false, err
	}
	var all []AccountRisk
	complete := true
	err = store.EachRow(db, `SELECT account_id, model_id, CAST(scored_on AS TEXT), probability, expected_loss FROM risk_scores ORDER BY account_id`, nil,
		func(row []driver.Value) error {
			if store.RowInt(row[1]) != m.ID || !strings.HasPrefix(store.RowText(row[2]), today.String()) {
				complete = false
			}
			p, loss := store.RowFloat(row[3]), store.RowFloat(row[4])
			r := AccountRisk{AccountID: store.RowInt(row[0]), Probability: p, ExpectedLoss: loss}
			if p > 0 {
				r.MRR = loss / p
			}
			all = append(all, r)
			return nil
		})
	if err != nil {
		return Scores{}, false, fmt.Errorf("read stored risk scores: %w", err)
	}
	if !complete || len(all) == 0 {
		return Scores{}, false, nil
	}
	out := Scores{ModelID: m.ID, AsOf: today.String(), Horizon: m.Horizon, Currency: conv.Home(), Accounts: len(all), Total: len(all)}
	for _, r := range all {
		out.MeanProbability += r.Probability
		out.ExpectedLoss += r.ExpectedLoss
	}
	out.MeanProbability /= float64(len(all))
	slices.SortFunc(all, func(x, y AccountRisk) int { return riskierFirst(&x, &y) })
	lo, hi := pageBounds(q, len(all))
	out.Items = all[lo:hi]
	for i := range out.Items {
		out.Items[i].Factors = []Factor{}
		if out.MeanProbability > 0 {
			out.Items[i].Relative = out.Items[i].Probability / out.MeanProbability
		}
	}
	if err := s.names(ctx, out.Items); err != nil {
		return Scores{}, false, err
	}
	return out, true, nil
}
