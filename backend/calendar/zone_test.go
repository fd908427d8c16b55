package calendar

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"churndesk/backend/check"
	"churndesk/backend/store/storetest"
)

// TestZoneSavedByAnotherProcessIsPickedUp: two processes share one database
// (team mode); a zone saved through one reaches the other's clock once its
// cache is older than zoneRefresh, without a restart.
func TestZoneSavedByAnotherProcessIsPickedUp(t *testing.T) {
	t.Setenv("TZ", "UTC")
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			first, second := storetest.Open(t, e), storetest.Open(t, e)
			var clock atomic.Int64
			clock.Store(time.Date(2026, 12, 3, 23, 30, 0, 0, time.UTC).UnixNano())
			now := func() time.Time { return time.Unix(0, clock.Load()).UTC() }
			ctx := context.Background()
			here, there := NewZones(first, check.New(), now), NewZones(second, check.New(), now)
			if err := here.Load(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := there.Save(ctx, ZoneInput{Zone: "Europe/Warsaw"}); err != nil {
				t.Fatal(err)
			}
			if got := here.Clock()().Format(time.DateOnly); got != "2026-12-03" {
				t.Fatalf("within the minute the cached UTC day stays: %s", got)
			}
			clock.Add(int64(zoneRefresh + time.Second))
			deadline := time.Now().Add(5 * time.Second)
			for here.Location().String() != "Europe/Warsaw" {
				if time.Now().After(deadline) {
					t.Fatalf("zone still %s after the refresh interval", here.Location())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if got := here.Clock()().Format(time.DateOnly); got != "2026-12-04" {
				t.Errorf("23:31 UTC is past midnight in Warsaw: today = %s", got)
			}
		})
	}
}
