// Package notify sends ChurnDesk's outgoing notifications: events (a task
// created, health fallen to poor, a churn logged, a referral converted) and
// a daily digest, signed with HMAC-SHA256, to the endpoints set in Settings.
// Events are written to an outbox in the transaction that makes them; a
// background sender delivers them with retries and keeps a log of every
// attempt.
package notify

import (
	"time"

	"churndesk/backend/store"
)

// Event types an endpoint can subscribe to.
const (
	EventTaskCreated       = "task.created"
	EventHealthPoor        = "health.poor"
	EventChurnLogged       = "churn.logged"
	EventReferralConverted = "referral.converted"
	EventDigest            = "digest"
	EventTest              = "test"
)

// EventTypes lists the event types an endpoint may subscribe to, in order.
var EventTypes = []string{EventTaskCreated, EventHealthPoor, EventChurnLogged, EventReferralConverted, EventDigest}

// Message formats.
const (
	FormatJSON  = "churndesk"
	FormatSlack = "slack"
)

// Delivery statuses.
const (
	StatusPending   = "pending"
	StatusDelivered = "delivered"
	StatusFailed    = "failed"
)

// EndpointInput creates or changes an endpoint.
type EndpointInput struct {
	Name         string   `json:"name" validate:"required,max=100" maxLength:"100"`
	URL          string   `json:"url" validate:"required,url,startswith=http,max=2000" maxLength:"2000" description:"Where events are POSTed (http or https)."`
	Format       string   `json:"format" validate:"required,oneof=churndesk slack" enum:"churndesk,slack" description:"churndesk: the JSON event; slack: a Slack-compatible {\"text\": …} message."`
	Events       []string `json:"events" validate:"required,min=1,dive,oneof=task.created health.poor churn.logged referral.converted digest" description:"Event types sent to this endpoint."`
	Enabled      bool     `json:"enabled"`
	Secret       string   `json:"secret,omitempty" validate:"omitempty,min=16,max=200" description:"The HMAC-SHA256 signing key; empty on create generates one, empty on change keeps the current one."`
	RotateSecret bool     `json:"rotate_secret,omitempty" description:"Generate a new signing key; it is returned once."`
}

// Endpoint is an endpoint as the API shows it: never its secret.
type Endpoint struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	URL       string    `json:"url"`
	Format    string    `json:"format" enum:"churndesk,slack"`
	Events    []string  `json:"events"`
	Enabled   bool      `json:"enabled"`
	SecretEnd string    `json:"secret_end" description:"The signing key's last four characters."`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// EndpointSaved is an endpoint just saved; Secret holds a generated signing
// key, shown this once, and is empty otherwise.
type EndpointSaved struct {
	Endpoint
	Secret string `json:"secret,omitempty" description:"A newly generated signing key, returned only now."`
}

// EndpointList holds every endpoint.
type EndpointList struct {
	Items []Endpoint `json:"items"`
}

// Settings are the notification language and the daily digest's schedule.
type Settings struct {
	Language      string `json:"language" validate:"omitempty,oneof=en ru pl" enum:"en,ru,pl" description:"Language of the texts in messages; empty: the team's default (English)."`
	DigestEnabled bool   `json:"digest_enabled" description:"Send the daily digest to endpoints subscribed to it."`
	DigestHour    int    `json:"digest_hour" validate:"gte=0,lte=23" minimum:"0" maximum:"23" description:"Hour of the day, in the team's time zone, the digest is sent at."`
}

// Attempt is one try at sending a delivery.
type Attempt struct {
	AttemptedAt  time.Time `json:"attempted_at"`
	ResponseCode int       `json:"response_code" description:"The receiver's HTTP status; 0 when none came (timeout, refused)."`
	ResponseBody string    `json:"response_body" description:"The start of the receiver's answer."`
	Error        string    `json:"error"`
	DurationMS   int64     `json:"duration_ms"`
}

// Delivery is one event on its way to one endpoint, with its attempts.
type Delivery struct {
	ID            int64      `json:"id"`
	EndpointID    int64      `json:"endpoint_id"`
	EndpointName  string     `json:"endpoint_name"`
	EventKey      string     `json:"event_key"`
	EventType     string     `json:"event_type"`
	Status        string     `json:"status" enum:"pending,delivered,failed"`
	Attempts      int        `json:"attempts"`
	NextAttemptAt *time.Time `json:"next_attempt_at" description:"When the next try is due; empty once delivered or given up."`
	LastAttemptAt *time.Time `json:"last_attempt_at"`
	ResponseCode  int        `json:"response_code"`
	ResponseBody  string     `json:"response_body"`
	LastError     string     `json:"last_error"`
	CreatedAt     time.Time  `json:"created_at"`
	DeliveredAt   *time.Time `json:"delivered_at"`
	Log           []Attempt  `json:"log"`
}

// DeliveryQuery pages the delivery log, newest first.
type DeliveryQuery struct {
	EndpointID int64  `query:"endpoint_id" json:"endpoint_id" validate:"gte=0"`
	Status     string `query:"status" json:"status" validate:"omitempty,oneof=pending delivered failed" enum:"pending,delivered,failed"`
	Limit      int    `query:"limit" json:"limit" validate:"gte=0,lte=200" default:"25" maximum:"200"`
	Offset     int    `query:"offset" json:"offset" validate:"gte=0"`
}

// DeliveryList is a page of the delivery log.
type DeliveryList struct {
	Items []Delivery `json:"items"`
	Total int64      `json:"total"`
}

// Event is what is sent: the JSON body of the churndesk format.
type Event struct {
	ID        string         `json:"id" description:"Unique per event; a receiver can ignore repeats."`
	Type      string         `json:"type"`
	CreatedAt time.Time      `json:"created_at"`
	Text      string         `json:"text" description:"The event told in the notification language."`
	Data      map[string]any `json:"data"`
}

func endpointView(e store.NotifyEndpoint) Endpoint {
	v := Endpoint{ID: e.ID, Name: e.Name, URL: e.URL, Format: e.Format, Events: splitEvents(e.Events), Enabled: e.Enabled,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	if len(e.Secret) >= 8 {
		v.SecretEnd = e.Secret[len(e.Secret)-4:]
	}
	return v
}
