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

// BenchmarkImportAccounts imports 100,000 HubSpot companies into an empty
// database, then the same file again (nothing changes).
func BenchmarkImportAccounts(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Record ID,Company name,Company Domain Name,Industry,Company owner,Create Date,Lifecycle Stage,MRR,Currency\n")
	for i := range 100000 {
		fmt.Fprintf(&sb, "%d,Company %d,company%d.example,COMPUTER_SOFTWARE,Anna Kowalska,2024-03-%02d,customer,%d.50,EUR\n", 100000+i, i, i, 1+i%28, 50+i%2000)
	}
	raw := []byte(sb.String())
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s := storetest.Open(b, storetest.Engines(b)[0])
		svc := setup(b, s)
		b.StartTimer()
		for range 2 {
			if rep, err := svc.Import(ctx, "bench", "accounts", raw, importer.Options{Preset: "hubspot"}); err != nil || rep.Written != 100000 {
				b.Fatalf("%+v %v", rep.Errors[:min(3, len(rep.Errors))], err)
			}
		}
	}
}
