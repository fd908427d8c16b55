package store

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// migration0005Loyalty adds loyalty tiers with overrides, moves and benefit
// use, and referrals.
func migration0005Loyalty() *gormigrate.Migration {
	type account struct {
		ID int64 `gorm:"primaryKey"`
	}
	type tier struct {
		ID                 int64  `gorm:"primaryKey"`
		Name               string `gorm:"size:100;not null;uniqueIndex"`
		Rank               int    `gorm:"not null"`
		Color              string `gorm:"size:20;not null;default:''"`
		MinTenureMonths    int    `gorm:"not null;default:0"`
		MinMRR             int64  `gorm:"column:min_mrr;not null;default:0"`
		MinLifetimeRevenue int64  `gorm:"not null;default:0"`
		MinHealth          string `gorm:"size:10;not null;default:''"`
		Benefits           string `gorm:"type:text;not null;default:'[]'"`
		CreatedAt          time.Time
		UpdatedAt          time.Time
	}
	type tierOverride struct {
		AccountID int64   `gorm:"primaryKey"`
		Account   account `gorm:"constraint:OnDelete:CASCADE"`
		TierID    *int64
		Reason    string `gorm:"size:500;not null"`
		ExpiresOn *Date
		CreatedBy string `gorm:"size:100;not null;default:''"`
		CreatedAt time.Time
	}
	type tierMove struct {
		ID        int64     `gorm:"primaryKey"`
		AccountID int64     `gorm:"not null;index"`
		Account   account   `gorm:"constraint:OnDelete:CASCADE"`
		FromTier  string    `gorm:"size:100;not null;default:''"`
		ToTier    string    `gorm:"size:100;not null;default:''"`
		Direction string    `gorm:"size:10;not null"`
		Reason    string    `gorm:"size:1000;not null"`
		By        string    `gorm:"size:100;not null"`
		At        time.Time `gorm:"index"`
	}
	type benefitUse struct {
		ID        int64   `gorm:"primaryKey"`
		AccountID int64   `gorm:"not null;index"`
		Account   account `gorm:"constraint:OnDelete:CASCADE"`
		Tier      string  `gorm:"size:100;not null"`
		Kind      string  `gorm:"size:30;not null"`
		Note      string  `gorm:"size:1000;not null;default:''"`
		UsedOn    Date    `gorm:"not null"`
		CreatedAt time.Time
	}
	type referral struct {
		ID                   int64   `gorm:"primaryKey"`
		ReferrerAccountID    int64   `gorm:"not null;index"`
		ReferrerAccount      account `gorm:"constraint:OnDelete:CASCADE"`
		ReferrerContactID    *int64
		ReferredCompany      string `gorm:"size:200;not null"`
		ReferredContact      string `gorm:"size:200;not null;default:''"`
		ReferredEmail        string `gorm:"size:254;not null;default:''"`
		ReferredOn           Date   `gorm:"not null;index"`
		Channel              string `gorm:"size:20;not null"`
		Status               string `gorm:"size:12;not null;index"`
		ReferrerReward       string `gorm:"size:200;not null;default:''"`
		ReferrerRewardStatus string `gorm:"size:10;not null"`
		NewcomerReward       string `gorm:"size:200;not null;default:''"`
		NewcomerRewardStatus string `gorm:"size:10;not null"`
		ConvertedAccountID   *int64 `gorm:"index"`
		Notes                string `gorm:"type:text;not null;default:''"`
		CreatedAt            time.Time
		UpdatedAt            time.Time
	}
	return &gormigrate.Migration{
		ID: "0005_loyalty",
		Migrate: func(tx *gorm.DB) error {
			for _, m := range []any{&tier{}, &tierOverride{}, &tierMove{}, &benefitUse{}, &referral{}} {
				if err := tx.Migrator().CreateTable(m); err != nil {
					return fmt.Errorf("create table: %w", err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable("referrals", "benefit_uses", "tier_moves", "tier_overrides", "tiers")
		},
	}
}
