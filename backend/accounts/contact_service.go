package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

var contactSorts = map[string]string{"name": "name", "email": "email", "role": "role", "created_at": "created_at"}

// Contacts returns one page of account id's contacts.
func (s *Service) Contacts(ctx context.Context, accountID int64, q ContactQuery) (List[Contact], error) {
	if err := s.check.Struct(q); err != nil {
		return List[Contact]{}, err
	}
	order, err := orderBy(q.Sort, contactSorts, "name")
	if err != nil {
		return List[Contact]{}, err
	}
	if _, err := s.load(s.db.Read(ctx), accountID); err != nil {
		return List[Contact]{}, err
	}
	base := s.db.Read(ctx).Model(&store.Contact{}).Where("account_id = ?", accountID)
	if term := strings.TrimSpace(q.Q); term != "" {
		like := "%" + escapeLike(strings.ToLower(term)) + "%"
		base = base.Where("(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(email) LIKE ? ESCAPE '\\')", like, like)
	}
	var total int64
	if err := base.Count(&total).Error; err != nil {
		return List[Contact]{}, fmt.Errorf("count contacts: %w", err)
	}
	var rows []store.Contact
	if err := base.Order(order).Limit(limitOrDefault(q.Limit)).Offset(q.Offset).Find(&rows).Error; err != nil {
		return List[Contact]{}, fmt.Errorf("list contacts: %w", err)
	}
	items := make([]Contact, len(rows))
	for i, r := range rows {
		items[i] = contactView(r)
	}
	return List[Contact]{Items: items, Total: total}, nil
}

// CreateContact validates in and adds a contact to account id.
func (s *Service) CreateContact(ctx context.Context, accountID int64, in ContactInput) (Contact, error) {
	row, err := s.contactModel(in)
	if err != nil {
		return Contact{}, err
	}
	now := s.now().UTC()
	row.AccountID, row.CreatedAt, row.UpdatedAt = accountID, now, now
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.load(tx, accountID); err != nil {
			return err
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		return Contact{}, saveError("create contact", err)
	}
	return contactView(row), nil
}

// UpdateContact validates in and replaces contact id's fields.
func (s *Service) UpdateContact(ctx context.Context, id int64, in ContactInput) (Contact, error) {
	row, err := s.contactModel(in)
	if err != nil {
		return Contact{}, err
	}
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		var old store.Contact
		if err := tx.First(&old, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.NotFound("Contact", id)
			}
			return err
		}
		row.ID, row.AccountID, row.CreatedAt, row.UpdatedAt = id, old.AccountID, old.CreatedAt, s.now().UTC()
		return tx.Save(&row).Error
	})
	if err != nil {
		return Contact{}, saveError("update contact", err)
	}
	return contactView(row), nil
}

// DeleteContact removes contact id.
func (s *Service) DeleteContact(ctx context.Context, id int64) error {
	res := s.db.Write(ctx).Delete(&store.Contact{}, id)
	if res.Error != nil {
		return fmt.Errorf("delete contact %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fault.NotFound("Contact", id)
	}
	return nil
}

func (s *Service) contactModel(in ContactInput) (store.Contact, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Email = strings.TrimSpace(in.Email)
	if err := s.check.Struct(in); err != nil {
		return store.Contact{}, err
	}
	return store.Contact{Name: in.Name, Email: in.Email, Role: in.Role, Phone: strings.TrimSpace(in.Phone)}, nil
}

func contactView(r store.Contact) Contact {
	return Contact{ID: r.ID, AccountID: r.AccountID, Name: r.Name, Email: r.Email, Role: r.Role,
		Phone: r.Phone, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}
