package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migrations lists every schema version in order. A migration's structs are
// frozen copies of the models as they were then: never edit a released one,
// add a new migration instead.
func migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{migration0001Foundation(), migration0002Health(), migration0003Churn(), migration0004Offboarding(), migration0005Loyalty(), migration0006QBR(), migration0007Integrations(), migration0008Imports(), migration0009RetentionIndexes(), migration0011TrialMovements(), migration0013ExchangeRates(), migration0015ImportUndo(), migration0016RiskModels(), migration0017TodayIndexes(), migration0018Notifications(), migration0019TextKeys(), migration0020RiskScores(), migration0021TrialEnd(), migration0022HealthBands(), migration0023LiveIndexes(), migration0024CurrentIDs()}
}

// LatestMigration is the ID of the newest schema version.
func LatestMigration() string {
	m := migrations()
	return m[len(m)-1].ID
}

// Migrate brings the schema up to the latest version.
func Migrate(db *gorm.DB) error {
	return MigrateTo(db, LatestMigration())
}

// MigrateTo brings the schema up to the named version.
func MigrateTo(db *gorm.DB, id string) error {
	m := gormigrate.New(db, &gormigrate.Options{
		TableName:                 "schema_migrations",
		IDColumnName:              "id",
		IDColumnSize:              100,
		UseTransaction:            true,
		ValidateUnknownMigrations: true,
	}, migrations())
	if err := m.MigrateTo(id); err != nil {
		if errors.Is(err, gormigrate.ErrUnknownPastMigration) {
			return newerSchema(db)
		}
		return fmt.Errorf("migrate to %s: %w", id, err)
	}
	return nil
}

// ErrNewerSchema marks a database written by a newer ChurnDesk: it holds
// schema versions this build does not know, and is left untouched.
var ErrNewerSchema = errors.New("database written by a newer version of ChurnDesk")

// newerSchema names the unknown versions the database holds.
func newerSchema(db *gorm.DB) error {
	known := map[string]bool{}
	for _, m := range migrations() {
		known[m.ID] = true
	}
	var ids []string
	_ = db.Raw("SELECT id FROM schema_migrations ORDER BY id").Scan(&ids).Error
	var unknown []string
	for _, id := range ids {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	newest := "unknown"
	if len(unknown) > 0 {
		newest = unknown[len(unknown)-1]
	}
	return fmt.Errorf("%w: it has schema version %s, and this version of ChurnDesk knows versions up to %s. "+
		"Nothing in it was changed. Open it with the newer ChurnDesk that wrote it, or restore a backup made by this version (churndesk restore)",
		ErrNewerSchema, newest, LatestMigration())
}

func migration0001Foundation() *gormigrate.Migration {
	type account struct {
		ID              int64  `gorm:"primaryKey"`
		Name            string `gorm:"size:200;not null"`
		SearchText      string `gorm:"size:500;not null;index"`
		Domain          string `gorm:"size:253;not null;default:''"`
		Industry        string `gorm:"size:100;not null;default:''"`
		Segment         string `gorm:"size:20;not null;index"`
		Plan            string `gorm:"size:100;not null;default:''"`
		MRR             int64  `gorm:"column:mrr;not null;default:0;index"`
		Currency        string `gorm:"size:3;not null"`
		Seats           int    `gorm:"not null;default:0"`
		ContractStart   Date   `gorm:"not null"`
		RenewalDate     *Date  `gorm:"index"`
		Owner           string `gorm:"size:100;not null;default:'';index"`
		Status          string `gorm:"size:20;not null;index"`
		CRMSource       string `gorm:"column:crm_source;size:50;not null;default:''"`
		ExternalID      string `gorm:"size:100;not null;default:''"`
		PaymentStatus   string `gorm:"size:20;not null;default:'ok'"`
		OverdueSince    *Date
		CardExpiryMonth *int
		CardExpiryYear  *int
		LoyaltyTier     string `gorm:"size:100;not null;default:''"`
		CreatedAt       time.Time
		UpdatedAt       time.Time
	}
	type contact struct {
		ID        int64   `gorm:"primaryKey"`
		AccountID int64   `gorm:"not null;index"`
		Account   account `gorm:"constraint:OnDelete:CASCADE"`
		Name      string  `gorm:"size:200;not null"`
		Email     string  `gorm:"size:254;not null"`
		Role      string  `gorm:"size:20;not null"`
		Phone     string  `gorm:"size:50;not null;default:''"`
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	type usageSnapshot struct {
		ID             int64   `gorm:"primaryKey"`
		AccountID      int64   `gorm:"not null;uniqueIndex:idx_usage_account_week"`
		Account        account `gorm:"constraint:OnDelete:CASCADE"`
		WeekStart      Date    `gorm:"not null;uniqueIndex:idx_usage_account_week;index"`
		ActiveUsers    int     `gorm:"not null"`
		Logins         int     `gorm:"not null"`
		KeyFeatureUses int     `gorm:"not null"`
		LastLoginAt    *time.Time
	}
	type npsResponse struct {
		ID          int64    `gorm:"primaryKey"`
		AccountID   int64    `gorm:"not null;index"`
		Account     account  `gorm:"constraint:OnDelete:CASCADE"`
		ContactID   *int64   `gorm:"index"`
		Contact     *contact `gorm:"constraint:OnDelete:SET NULL"`
		Score       int      `gorm:"not null"`
		Comment     string   `gorm:"size:4000;not null;default:''"`
		RespondedOn Date     `gorm:"not null;index"`
	}
	tables := []struct {
		name  string
		model any
	}{
		{"accounts", &account{}},
		{"contacts", &contact{}},
		{"usage_snapshots", &usageSnapshot{}},
		{"nps_responses", &npsResponse{}},
	}
	return &gormigrate.Migration{
		ID: "0001_foundation",
		Migrate: func(tx *gorm.DB) error {
			for _, t := range tables {
				if err := tx.Migrator().CreateTable(t.model); err != nil {
					return fmt.Errorf("create %s: %w", t.name, err)
				}
			}
			return tx.Exec(`CREATE UNIQUE INDEX idx_accounts_crm_ref ON accounts (crm_source, external_id) WHERE external_id <> ''`).Error
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
