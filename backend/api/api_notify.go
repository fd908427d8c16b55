package api

import (
	"context"

	"churndesk/backend/notify"
)

// Notify is what the API needs from the outgoing notification service.
type Notify interface {
	Settings(ctx context.Context) (notify.Settings, error)
	SaveSettings(ctx context.Context, set notify.Settings) (notify.Settings, error)
	Endpoints(ctx context.Context) (notify.EndpointList, error)
	CreateEndpoint(ctx context.Context, in notify.EndpointInput) (notify.EndpointSaved, error)
	UpdateEndpoint(ctx context.Context, id int64, in notify.EndpointInput) (notify.EndpointSaved, error)
	DeleteEndpoint(ctx context.Context, id int64) error
	SendTest(ctx context.Context, id int64) (notify.Delivery, error)
	Deliveries(ctx context.Context, q notify.DeliveryQuery) (notify.DeliveryList, error)
	SendDigestNow(ctx context.Context) (notify.DigestData, error)
}
