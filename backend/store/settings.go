package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LoadSetting reads the JSON value stored under key into dst; it reports
// false, leaving dst untouched, when nothing is stored yet.
func LoadSetting(db *gorm.DB, key string, dst any) (bool, error) {
	var row Setting
	err := db.Where("key = ?", key).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load setting %s: %w", key, err)
	}
	if err := json.Unmarshal([]byte(row.Value), dst); err != nil {
		return false, fmt.Errorf("read setting %s: %w", key, err)
	}
	return true, nil
}

// SaveSetting stores v as JSON under key, replacing what was there.
func SaveSetting(db *gorm.DB, key string, v any, now time.Time) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode setting %s: %w", key, err)
	}
	row := Setting{Key: key, Value: string(raw), UpdatedAt: now}
	err = db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoUpdates: clause.AssignmentColumns([]string{"value", "updated_at"})}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}

// HomeCurrencyKey is the setting holding the team's home currency.
const HomeCurrencyKey = "home_currency"

// LoadHomeCurrency returns the team's home currency, "" while none is set.
func LoadHomeCurrency(db *gorm.DB) (string, error) {
	var cur string
	if _, err := LoadSetting(db, HomeCurrencyKey, &cur); err != nil {
		return "", err
	}
	return cur, nil
}

// SaveHomeCurrency stores the team's home currency (an ISO 4217 code).
func SaveHomeCurrency(db *gorm.DB, currency string, now time.Time) error {
	return SaveSetting(db, HomeCurrencyKey, currency, now)
}
