package boot

import (
	"context"
	"log/slog"
	"os"
	"time"

	"gorm.io/gorm"

	"churndesk/backend/churn"
	"churndesk/backend/notify"
	"churndesk/backend/store"
)

// notifyTimeout is how long a receiver has to answer a notification.
const notifyTimeout = 10 * time.Second

// notifyPoll is how often the sender looks for due notifications.
const notifyPoll = 2 * time.Second

// RetryEnv names the environment variable with the wait before the first
// retry of a failed notification (a Go duration such as 30s; later waits
// double up to an hour).
const RetryEnv = "CHURNDESK_NOTIFY_RETRY"

// notifyChurn runs next (the offboarding checklist) and queues the
// churn.logged notification, both in the churn's transaction.
func notifyChurn(next churn.OnChurn) churn.OnChurn {
	return func(tx *gorm.DB, rec store.ChurnRecord, acc store.Account, lang string) error {
		if next != nil {
			if err := next(tx, rec, acc, lang); err != nil {
				return err
			}
		}
		return notify.ChurnLogged(tx, rec, acc, func() (map[string]string, error) {
			set, err := churn.LoadSettings(tx)
			if err != nil {
				return nil, err
			}
			for _, r := range set.Reasons {
				if r.Key == rec.Reason {
					return map[string]string{"en": r.Labels.EN, "ru": r.Labels.RU, "pl": r.Labels.PL}, nil
				}
			}
			return map[string]string{}, nil
		})
	}
}

// backoffFromEnv is def with the first retry wait from CHURNDESK_NOTIFY_RETRY.
func backoffFromEnv(def notify.Backoff) notify.Backoff {
	if d, err := time.ParseDuration(os.Getenv(RetryEnv)); err == nil && d > 0 {
		def.First = d
	}
	return def
}

// RunNotifications sends due notifications and the daily digest in the
// background until ctx ends; the serve command and the desktop window start it.
func (b *Backend) RunNotifications(ctx context.Context, log *slog.Logger) {
	b.Notify.Run(ctx, notifyPoll, log)
}
