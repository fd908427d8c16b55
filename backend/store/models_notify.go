package store

import "time"

// NotifyEndpoint is a URL outgoing notifications are sent to.
type NotifyEndpoint struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	URL       string `gorm:"column:url"`
	Secret    string
	Format    string
	Events    string // comma-separated event types
	Enabled   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NotifyDelivery is one event on its way to one endpoint: the outbox row,
// written in the transaction that made the event.
type NotifyDelivery struct {
	ID            int64 `gorm:"primaryKey"`
	EndpointID    int64
	EventKey      string
	EventType     string
	Payload       string
	Status        string
	Attempts      int
	NextAttemptAt *time.Time
	LastAttemptAt *time.Time
	ResponseCode  int
	ResponseBody  string
	LastError     string
	CreatedAt     time.Time
	DeliveredAt   *time.Time
}

// NotifyAttempt is one try at sending a delivery.
type NotifyAttempt struct {
	ID           int64 `gorm:"primaryKey"`
	DeliveryID   int64
	AttemptedAt  time.Time
	ResponseCode int
	ResponseBody string
	Error        string
	DurationMS   int64 `gorm:"column:duration_ms"`
}
