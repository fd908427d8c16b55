package playbooks

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
	"churndesk/backend/texts"
)

// detectRiskRose fires for every live account whose stored churn-risk
// forecast (see risk.StoreScores) has crossed from below pct % to pct % or
// more since the trigger last checked it; the occurrence is the day of the
// forecast. Having looked, it marks every forecast checked, so running the
// triggers again finds nothing new, an account already above the line does
// not fire, and a rise fires once however many scorings came between two
// trigger runs. An account fires again only after falling below the line
// and rising once more on a later day.
func detectRiskRose(tx *gorm.DB, _ time.Time, pct int) ([]Occurrence, error) {
	line := float64(pct) / 100
	var rows []struct {
		ID          int64
		Name        string
		Owner       string
		Probability float64
		Checked     float64
		ScoredOn    store.Date
	}
	err := live(tx).Select("accounts.id, accounts.name, accounts.owner, r.probability, r.checked_probability AS checked, r.scored_on").
		Joins("JOIN risk_scores r ON r.account_id = accounts.id").
		Where("r.checked_probability < ? AND r.probability >= ?", line, line).
		Order("accounts.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Occurrence, len(rows))
	for i, r := range rows {
		out[i] = Occurrence{AccountID: r.ID, Name: r.Name, Owner: r.Owner, Key: r.ScoredOn.String(),
			Detail: texts.New("reason.risk_rose", texts.Float(percent(r.Checked)), texts.Float(percent(r.Probability)))}
	}
	err = tx.Exec("UPDATE risk_scores SET checked_probability = probability WHERE checked_probability IS NULL OR checked_probability <> probability").Error
	if err != nil {
		return nil, fmt.Errorf("mark risk forecasts checked: %w", err)
	}
	return out, nil
}

// percent is a probability as a percentage with one decimal.
func percent(p float64) float64 { return float64(int64(p*1000+0.5)) / 10 }

// checkThreshold refuses a risk_rose line outside 1–99 %.
func checkThreshold(p Playbook) error {
	if p.Trigger == RiskRose && p.Threshold > 99 {
		return fault.Field("threshold", "must be a percentage from 1 to 99")
	}
	return nil
}
