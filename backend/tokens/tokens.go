// Package tokens issues and checks API tokens. A token is shown once when
// created; only its SHA-256 hash is stored.
package tokens

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// Input names a new token and what it may do.
type Input struct {
	Name  string `json:"name" validate:"required,max=100"`
	Scope string `json:"scope" validate:"required,oneof=read write admin" enum:"read,write,admin" description:"read: GET only; write: change data; admin: also tokens, webhook secrets, backups and settings."`
}

// The scopes a token may have, from least to most.
const (
	ScopeRead  = "read"
	ScopeWrite = "write"
	ScopeAdmin = "admin"
)

// Token is a token as listed: never the secret itself.
type Token struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Scope      string     `json:"scope" enum:"read,write,admin"`
	Prefix     string     `json:"prefix" description:"The first characters, to recognise the token."`
	CreatedBy  string     `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// Created is a new token with its secret, shown this once.
type Created struct {
	Token
	Secret string `json:"secret" description:"Send as Authorization: Bearer <secret>. It is not shown again."`
}

// List holds every token.
type List struct {
	Items []Token `json:"items"`
}

// Database is what the token service needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Write(ctx context.Context) *gorm.DB
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// Service keeps API tokens.
type Service struct {
	db    Database
	check Validator
	now   func() time.Time
}

// NewService returns a Service on db.
func NewService(db Database, check Validator, now func() time.Time) *Service {
	return &Service{db: db, check: check, now: now}
}

// ErrInvalid is returned for an unknown or revoked token.
var ErrInvalid = errors.New("invalid or revoked API token")

// secretPrefix starts every token so people and secret scanners recognise one.
const secretPrefix = "cd_"

// Hash is the stored form of a secret.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Create makes a token and returns its secret once.
func (s *Service) Create(ctx context.Context, actor string, in Input) (Created, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.check.Struct(in); err != nil {
		return Created{}, err
	}
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return Created{}, fmt.Errorf("create token: %w", err)
	}
	secret := secretPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(raw))
	row := store.APIToken{Name: in.Name, Scope: in.Scope, Hash: Hash(secret), Prefix: secret[:10], CreatedBy: actor, CreatedAt: s.now().UTC()}
	if err := s.db.Write(ctx).Create(&row).Error; err != nil {
		return Created{}, fmt.Errorf("create token: %w", err)
	}
	return Created{Token: view(row), Secret: secret}, nil
}

// List returns every token, newest first.
func (s *Service) List(ctx context.Context) (List, error) {
	var rows []store.APIToken
	if err := s.db.Read(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return List{}, fmt.Errorf("list tokens: %w", err)
	}
	out := List{Items: make([]Token, len(rows))}
	for i, r := range rows {
		out.Items[i] = view(r)
	}
	return out, nil
}

// Revoke stops token id from working.
func (s *Service) Revoke(ctx context.Context, id int64) error {
	now := s.now().UTC()
	res := s.db.Write(ctx).Model(&store.APIToken{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", now)
	if res.Error != nil {
		return fmt.Errorf("revoke token: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fault.NotFound("Active token", id)
	}
	return nil
}

// Authenticate returns the active token whose secret this is.
func (s *Service) Authenticate(ctx context.Context, secret string) (Token, error) {
	var row store.APIToken
	err := s.db.Read(ctx).Where("hash = ? AND revoked_at IS NULL", Hash(secret)).Limit(1).Find(&row).Error
	if err != nil {
		return Token{}, fmt.Errorf("check token: %w", err)
	}
	if row.ID == 0 {
		return Token{}, ErrInvalid
	}
	now := s.now().UTC()
	if row.LastUsedAt == nil || now.Sub(*row.LastUsedAt) > time.Minute {
		s.db.Write(ctx).Model(&store.APIToken{}).Where("id = ?", row.ID).Update("last_used_at", now)
	}
	return view(row), nil
}

// HasActive reports whether any token can be used.
func (s *Service) HasActive(ctx context.Context) (bool, error) {
	var n int64
	err := s.db.Read(ctx).Model(&store.APIToken{}).Where("revoked_at IS NULL").Count(&n).Error
	return n > 0, err
}

func view(r store.APIToken) Token {
	return Token{ID: r.ID, Name: r.Name, Scope: r.Scope, Prefix: r.Prefix, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, LastUsedAt: r.LastUsedAt, RevokedAt: r.RevokedAt}
}
