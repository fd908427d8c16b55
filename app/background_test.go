package app

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"churndesk/backend/boot"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestWindowRunsTheDailyRefresh opens a backend as the desktop window does
// and starts its background work: nothing is refreshed before the delay,
// and once it has passed the day's refresh is recorded and every live
// account has a health class.
func TestWindowRunsTheDailyRefresh(t *testing.T) {
	ctx := context.Background()
	today := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	b, err := boot.OpenWith(ctx, filepath.Join(t.TempDir(), "window.db"), func() time.Time { return today }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.SeedAccounts(t, b.Store, 3)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	refreshed := func() string {
		var day string
		if _, err := store.LoadSetting(b.Store.Read(ctx), "daily_refresh", &day); err != nil {
			t.Fatal(err)
		}
		return day
	}

	later, stopLater := context.WithCancel(ctx)
	runBackground(later, b, time.Hour, quiet)
	time.Sleep(300 * time.Millisecond)
	stopLater()
	if day := refreshed(); day != "" {
		t.Fatalf("refreshed on %q before the delay had passed", day)
	}

	now, stop := context.WithCancel(ctx)
	defer stop()
	runBackground(now, b, 0, quiet)
	deadline := time.Now().Add(30 * time.Second)
	for refreshed() != "2026-12-03" {
		if time.Now().After(deadline) {
			t.Fatal("no daily refresh recorded 30 s after the window opened")
		}
		time.Sleep(50 * time.Millisecond)
	}
	var unscored int64
	if err := b.Store.Read(ctx).Raw(`SELECT COUNT(*) FROM accounts WHERE status <> 'churned' AND health_class = ''`).Scan(&unscored).Error; err != nil {
		t.Fatal(err)
	}
	if unscored != 0 {
		t.Errorf("%d live accounts have no health class after the refresh", unscored)
	}
}
