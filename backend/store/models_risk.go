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

// RiskScore is one live account's latest stored churn-risk forecast.
type RiskScore struct {
	AccountID           int64 `gorm:"primaryKey;autoIncrement:false"`
	ModelID             int64
	Probability         float64
	PreviousProbability *float64
	CheckedProbability  *float64
	ExpectedLoss        float64
	ScoredOn            Date
}
