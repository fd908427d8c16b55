package health

import "gorm.io/gorm"

// ModelOf returns the team's health model as stored (or the default).
func ModelOf(db *gorm.DB) (Model, error) {
	set, err := loadSettings(db)
	if err != nil {
		return Model{}, err
	}
	return set.Model, nil
}
