package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0018Notifications adds outgoing notifications: the endpoints
// events are sent to, the outbox of deliveries (written in the same
// transaction as the event) and every attempt made to deliver them.
func migration0018Notifications() *gormigrate.Migration {
	type notifyEndpoint struct {
		ID        int64     `gorm:"primaryKey"`
		Name      string    `gorm:"size:100;not null"`
		URL       string    `gorm:"column:url;size:2000;not null"`
		Secret    string    `gorm:"size:200;not null"`
		Format    string    `gorm:"size:20;not null"`
		Events    string    `gorm:"size:500;not null;default:''"`
		Enabled   bool      `gorm:"not null"`
		CreatedAt time.Time `gorm:"not null"`
		UpdatedAt time.Time `gorm:"not null"`
	}
	type notifyDelivery struct {
		ID            int64      `gorm:"primaryKey"`
		EndpointID    int64      `gorm:"not null;uniqueIndex:idx_notify_deliveries_key"`
		EventKey      string     `gorm:"size:200;not null;uniqueIndex:idx_notify_deliveries_key"`
		EventType     string     `gorm:"size:40;not null"`
		Payload       string     `gorm:"type:text;not null"`
		Status        string     `gorm:"size:20;not null;index:idx_notify_deliveries_due,priority:1"`
		Attempts      int        `gorm:"not null;default:0"`
		NextAttemptAt *time.Time `gorm:"index:idx_notify_deliveries_due,priority:2"`
		LastAttemptAt *time.Time
		ResponseCode  int       `gorm:"not null;default:0"`
		ResponseBody  string    `gorm:"size:500;not null;default:''"`
		LastError     string    `gorm:"size:500;not null;default:''"`
		CreatedAt     time.Time `gorm:"not null;index"`
		DeliveredAt   *time.Time
	}
	type notifyAttempt struct {
		ID           int64     `gorm:"primaryKey"`
		DeliveryID   int64     `gorm:"not null;index"`
		AttemptedAt  time.Time `gorm:"not null"`
		ResponseCode int       `gorm:"not null;default:0"`
		ResponseBody string    `gorm:"size:500;not null;default:''"`
		Error        string    `gorm:"size:500;not null;default:''"`
		DurationMS   int64     `gorm:"column:duration_ms;not null;default:0"`
	}
	tables := []struct {
		name  string
		model any
	}{
		{"notify_endpoints", &notifyEndpoint{}},
		{"notify_deliveries", &notifyDelivery{}},
		{"notify_attempts", &notifyAttempt{}},
	}
	return &gormigrate.Migration{
		ID: "0018_notifications",
		Migrate: func(tx *gorm.DB) error {
			for _, t := range tables {
				if err := tx.Migrator().CreateTable(t.model); err != nil {
					return fmt.Errorf("create %s: %w", t.name, err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			for i := len(tables) - 1; i >= 0; i-- {
				if err := tx.Migrator().DropTable(tables[i].name); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
