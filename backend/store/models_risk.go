package store

import "time"

// RiskModel is one trained churn-risk model with its backtest (JSON columns).
type RiskModel struct {
	ID           int64 `gorm:"primaryKey"`
	TrainedAt    time.Time
	AsOf         Date
	Horizon      int
	Inputs       string
	Coefficients string
	Backtest     string
	TrainedBy    string
}
