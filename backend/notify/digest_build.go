package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/store"
)

// digestDayKey stores the last day a digest was queued.
const digestDayKey = "notify_digest_day"

// digestAccounts is how many at-risk accounts a digest names.
const digestAccounts = 10

// DigestAccount is an at-risk account in the digest.
type DigestAccount struct {
	AccountID int64   `json:"account_id"`
	Name      string  `json:"name"`
	Score     float64 `json:"score"`
	MRR       int64   `json:"mrr"`
	Currency  string  `json:"currency"`
	Owner     string  `json:"owner"`
}

// DigestOwner counts one owner's open tasks that are overdue or due today.
type DigestOwner struct {
	Owner    string `json:"owner"`
	Overdue  int    `json:"overdue"`
	DueToday int    `json:"due_today"`
}

// DigestData is the content of a daily digest: live accounts in poor
// health, biggest MRR first, and open tasks due by today per owner.
type DigestData struct {
	Date        string          `json:"date"`
	AtRiskTotal int             `json:"at_risk_total"`
	AtRisk      []DigestAccount `json:"at_risk"`
	Due         []DigestOwner   `json:"due"`
}

// BuildDigest gathers the digest for day.
func BuildDigest(db *gorm.DB, day store.Date) (DigestData, error) {
	dg := DigestData{Date: day.String(), AtRisk: []DigestAccount{}, Due: []DigestOwner{}}
	poor := db.Table("accounts").Where("status <> ? AND health_class = ?", "churned", "poor")
	var total int64
	if err := poor.Count(&total).Error; err != nil {
		return dg, fmt.Errorf("count at-risk accounts: %w", err)
	}
	dg.AtRiskTotal = int(total)
	err := db.Table("accounts").Select("id AS account_id, name, COALESCE(health_score, 0) AS score, mrr, currency, owner").
		Where("status <> ? AND health_class = ?", "churned", "poor").Order("mrr DESC, id").Limit(digestAccounts).Scan(&dg.AtRisk).Error
	if err != nil {
		return dg, fmt.Errorf("list at-risk accounts: %w", err)
	}
	err = db.Table("tasks").Select("owner, SUM(CASE WHEN due_on < ? THEN 1 ELSE 0 END) AS overdue, SUM(CASE WHEN due_on = ? THEN 1 ELSE 0 END) AS due_today", day, day).
		Where("status = ? AND due_on <= ?", "open", day).Group("owner").Order("owner").Scan(&dg.Due).Error
	if err != nil {
		return dg, fmt.Errorf("count due tasks: %w", err)
	}
	// Tasks without an owner come last.
	if len(dg.Due) > 1 && dg.Due[0].Owner == "" {
		dg.Due = append(dg.Due[1:], dg.Due[0])
	}
	return dg, nil
}

// DigestIfDue queues today's digest once the configured hour has come in
// the team's time zone, once a day.
func (s *Service) DigestIfDue(ctx context.Context) error {
	now := s.now()
	set, err := loadSettings(s.db.Read(ctx))
	if err != nil || !set.DigestEnabled || now.Hour() < set.DigestHour {
		return err
	}
	today := store.NewDate(now)
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		var last string
		if _, err := store.LoadSetting(tx, digestDayKey, &last); err != nil {
			return err
		}
		if last == today.String() {
			return nil
		}
		if err := queueDigest(tx, today, "digest:"+today.String()); err != nil {
			return err
		}
		return store.SaveSetting(tx, digestDayKey, today.String(), now.UTC())
	})
}

// SendDigestNow queues today's digest at once, besides the scheduled one.
func (s *Service) SendDigestNow(ctx context.Context) (DigestData, error) {
	today := store.NewDate(s.now())
	var dg DigestData
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		if dg, err = BuildDigest(tx, today); err != nil {
			return err
		}
		return queueDigest(tx, today, fmt.Sprintf("digest:%s:%d", today, time.Now().UnixNano()))
	})
	return dg, wrap("send digest", err)
}

func queueDigest(tx *gorm.DB, day store.Date, key string) error {
	to, err := subscribers(tx, EventDigest)
	if err != nil || len(to) == 0 {
		return err
	}
	dg, err := BuildDigest(tx, day)
	if err != nil {
		return err
	}
	raw, _ := json.Marshal(dg)
	data := map[string]any{}
	if err := json.Unmarshal(raw, &data); err != nil {
		return err
	}
	return enqueue(tx, to, EventDigest, []queued{{key: key, data: data}})
}
