package importer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// BenchmarkImportUsage imports 100,000 usage rows for 2,000 accounts.
func BenchmarkImportUsage(b *testing.B) {
	s := storetest.Open(b, storetest.Engines(b)[0])
	svc := setup(b, s)
	ctx := context.Background()
	accs := make([]store.Account, 2000)
	for i := range accs {
		accs[i] = store.Account{Name: fmt.Sprint("A", i), SearchText: "a", Segment: "smb", Currency: "EUR", Status: "active", ContractStart: store.NewDate(time.Now())}
	}
	s.Write(ctx).CreateInBatches(accs, 500)
	var sb strings.Builder
	sb.WriteString("account,week,users,logins\n")
	day := time.Date(2020, 1, 6, 0, 0, 0, 0, time.UTC)
	for i := range 100000 {
		fmt.Fprintf(&sb, "%d,%s,%d,%d\n", accs[i%2000].ID, day.AddDate(0, 0, 7*(i/2000)).Format(time.DateOnly), i%30, i%200)
	}
	raw := []byte(sb.String())
	opt := importer.Options{Mapping: map[string]string{"account": "account", "week_start": "week", "active_users": "users", "logins": "logins"}, AccountKey: "id"}
	for b.Loop() {
		if rep, err := svc.Import(ctx, "bench", "usage", raw, opt); err != nil || rep.Written != 100000 {
			b.Fatalf("%+v %v", rep, err)
		}
	}
}
