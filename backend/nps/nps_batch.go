package nps

import (
	"fmt"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// WriteIn stores the answers of a checked batch inside tx and returns them
// with their ids: an import records which answers it created, so that it
// can be undone.
func WriteIn(tx *gorm.DB, b Batch) ([]store.NPSResponse, error) {
	rows := make([]store.NPSResponse, len(b.Items))
	for i, it := range b.Items {
		day, err := store.ParseDate(it.RespondedOn)
		if err != nil {
			return nil, fmt.Errorf("answer %d: responded_on: %w", i, err)
		}
		rows[i] = store.NPSResponse{AccountID: it.AccountID, ContactID: it.ContactID, Score: it.Score, Comment: it.Comment, RespondedOn: day}
	}
	if err := tx.CreateInBatches(rows, 1000).Error; err != nil {
		return nil, fmt.Errorf("create NPS answers: %w", err)
	}
	return rows, nil
}
