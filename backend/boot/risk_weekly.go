package boot

import (
	"context"
	"log/slog"
)

// retrainRisk is the weekly churn-risk retrain, run beside the daily
// refresh: it trains only when the newest model is a week old.
func (b *Backend) retrainRisk(ctx context.Context, log *slog.Logger) {
	trained, err := b.Risk.RetrainIfStale(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("weekly risk retrain", "err", err)
	case trained:
		log.Info("weekly risk retrain: a new model is stored")
	}
}
