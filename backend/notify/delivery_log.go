package notify

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

type deliveryRow struct {
	store.NotifyDelivery
	EndpointName string
}

// Deliveries returns a page of the delivery log, newest first, each with its attempts.
func (s *Service) Deliveries(ctx context.Context, q DeliveryQuery) (DeliveryList, error) {
	if err := s.check.Struct(q); err != nil {
		return DeliveryList{}, err
	}
	if q.Limit == 0 {
		q.Limit = 25
	}
	db := s.db.Read(ctx)
	base := db.Table("notify_deliveries").Joins("JOIN notify_endpoints e ON e.id = notify_deliveries.endpoint_id")
	if q.EndpointID > 0 {
		base = base.Where("notify_deliveries.endpoint_id = ?", q.EndpointID)
	}
	if q.Status != "" {
		base = base.Where("notify_deliveries.status = ?", q.Status)
	}
	out := DeliveryList{Items: []Delivery{}}
	if err := base.Session(&gorm.Session{}).Count(&out.Total).Error; err != nil {
		return DeliveryList{}, fmt.Errorf("count deliveries: %w", err)
	}
	var rows []deliveryRow
	err := base.Select("notify_deliveries.*, e.name AS endpoint_name").Order("notify_deliveries.id DESC").
		Limit(q.Limit).Offset(q.Offset).Scan(&rows).Error
	if err != nil {
		return DeliveryList{}, fmt.Errorf("list deliveries: %w", err)
	}
	if err := s.withLog(ctx, rows, &out.Items); err != nil {
		return DeliveryList{}, err
	}
	return out, nil
}

// Delivery returns delivery id with its attempts.
func (s *Service) Delivery(ctx context.Context, id int64) (Delivery, error) {
	var rows []deliveryRow
	err := s.db.Read(ctx).Table("notify_deliveries").Select("notify_deliveries.*, e.name AS endpoint_name").
		Joins("JOIN notify_endpoints e ON e.id = notify_deliveries.endpoint_id").Where("notify_deliveries.id = ?", id).Scan(&rows).Error
	if err != nil {
		return Delivery{}, fmt.Errorf("load delivery %d: %w", id, err)
	}
	var out []Delivery
	if err := s.withLog(ctx, rows, &out); err != nil {
		return Delivery{}, err
	}
	if len(out) == 0 {
		return Delivery{}, fault.NotFound("delivery", id)
	}
	return out[0], nil
}

func (s *Service) withLog(ctx context.Context, rows []deliveryRow, out *[]Delivery) error {
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	var attempts []store.NotifyAttempt
	if len(ids) > 0 {
		if err := s.db.Read(ctx).Where("delivery_id IN ?", ids).Order("id").Find(&attempts).Error; err != nil {
			return fmt.Errorf("load delivery attempts: %w", err)
		}
	}
	byDelivery := map[int64][]Attempt{}
	for _, a := range attempts {
		byDelivery[a.DeliveryID] = append(byDelivery[a.DeliveryID], Attempt{AttemptedAt: a.AttemptedAt, ResponseCode: a.ResponseCode,
			ResponseBody: a.ResponseBody, Error: a.Error, DurationMS: a.DurationMS})
	}
	for _, r := range rows {
		d := r.NotifyDelivery
		log := byDelivery[d.ID]
		if log == nil {
			log = []Attempt{}
		}
		*out = append(*out, Delivery{ID: d.ID, EndpointID: d.EndpointID, EndpointName: r.EndpointName, EventKey: d.EventKey, EventType: d.EventType,
			Status: d.Status, Attempts: d.Attempts, NextAttemptAt: d.NextAttemptAt, LastAttemptAt: d.LastAttemptAt, ResponseCode: d.ResponseCode,
			ResponseBody: d.ResponseBody, LastError: d.LastError, CreatedAt: d.CreatedAt, DeliveredAt: d.DeliveredAt, Log: log})
	}
	return nil
}
