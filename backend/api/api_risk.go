package api

import (
	"context"

	"churndesk/backend/risk"
)

// Risk is what the API needs from the churn-risk service.
type Risk interface {
	Latest(ctx context.Context) (risk.ModelStatus, error)
	Train(ctx context.Context, actor string, q risk.Query) (risk.Model, error)
	Backtest(ctx context.Context, q risk.Query) (risk.Backtest, error)
	Score(ctx context.Context, q risk.ScoreQuery) (risk.Scores, error)
	Account(ctx context.Context, id int64, q risk.AccountQuery) (risk.AccountRisk, error)
	Settings(ctx context.Context) (risk.Settings, error)
	SaveSettings(ctx context.Context, in risk.Settings) (risk.Settings, error)
}

type riskAccountRequest struct {
	idParam
	risk.AccountQuery
}
