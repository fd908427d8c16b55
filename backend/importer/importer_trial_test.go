package importer_test

import (
	"context"
	"testing"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/check"
	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// stripeTrials is a Stripe subscriptions export: one trialing subscription
// with its trial end, one active subscription whose trial ended long ago
// and one that never had a trial.
const stripeTrials = "id,Customer ID,Customer Description,Customer Email,Plan,Quantity,Currency,Interval,Amount,Status,Created (UTC),Trial Start (UTC),Trial End (UTC)\n" +
	"sub_1,cus_T1,Tidewater Foods,finance@tidewater.com,Starter,5,usd,month,15.00,trialing,2026-11-10 12:00,2026-11-10 12:00,2026-12-10 12:00\n" +
	"sub_2,cus_T2,Summit Robotics,ap@summitrobotics.com,Business,4,usd,month,49.00,active,2025-02-10 09:00,2025-02-10 09:00,2025-02-24 09:00\n" +
	"sub_3,cus_T3,Gdańsk Port,billing@gdanskport.pl,Growth,2,pln,month,59.60,active,2024-05-02 10:00,,\n"

func trialEnds(t *testing.T, s *store.Store) map[string]string {
	t.Helper()
	svc := accounts.NewService(s, check.New(), func() time.Time { return time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) })
	list, err := svc.List(context.Background(), accounts.ListQuery{Filter: accounts.Filter{CRMSource: "stripe"}, Page: accounts.Page{Limit: 50}})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, a := range list.Items {
		got, err := svc.Get(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[got.ExternalID] = ""
		if got.TrialEndsOn != nil {
			out[got.ExternalID] = got.TrialEndsOn.String()
		}
	}
	return out
}

func TestStripeTrialEndIsStoredUpdatedAndUndone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		rep, err := svc.Import(ctx, "t", "accounts", []byte(stripeTrials), importer.Options{Preset: "stripe"})
		if err != nil || rep.Created != 3 {
			t.Fatalf("first import = %+v %v", rep, err)
		}
		want := map[string]string{"cus_T1": "2026-12-10", "cus_T2": "2025-02-24", "cus_T3": ""}
		if got := trialEnds(t, s); len(got) != 3 || got["cus_T1"] != want["cus_T1"] || got["cus_T2"] != want["cus_T2"] || got["cus_T3"] != "" {
			t.Fatalf("trial ends after the first import = %v, want %v", got, want)
		}
		again, err := svc.Import(ctx, "t", "accounts", []byte(stripeTrials), importer.Options{Preset: "stripe", DryRun: true})
		if err != nil || again.Unchanged != 3 || again.Updated != 0 {
			t.Fatalf("re-import dry run = %+v %v", again, err)
		}
		before := dump(t, s)
		// The trial was extended by two weeks.
		extended := []byte("id,Customer ID,Customer Description,Customer Email,Plan,Quantity,Currency,Interval,Amount,Status,Created (UTC),Trial Start (UTC),Trial End (UTC)\n" +
			"sub_1,cus_T1,Tidewater Foods,finance@tidewater.com,Starter,5,usd,month,15.00,trialing,2026-11-10 12:00,2026-11-10 12:00,2026-12-24 12:00\n")
		rep2, err := svc.Import(ctx, "t", "accounts", extended, importer.Options{Preset: "stripe"})
		if err != nil || rep2.Updated != 1 || rep2.Outcomes[0].Action != "update" {
			t.Fatalf("extension import = %+v %v", rep2, err)
		}
		if got := trialEnds(t, s)["cus_T1"]; got != "2026-12-24" {
			t.Fatalf("extended trial end = %q, want 2026-12-24", got)
		}
		res, err := svc.Undo(ctx, "t", rep2.RunID)
		if err != nil || res.Restored != 1 || res.Removed != 0 {
			t.Fatalf("undo = %+v %v", res, err)
		}
		if got := trialEnds(t, s)["cus_T1"]; got != "2026-12-10" {
			t.Errorf("trial end after undo = %q, want 2026-12-10", got)
		}
		if after := dump(t, s); after != before {
			t.Errorf("undo left the data different:\nbefore\n%s\nafter\n%s", before, after)
		}
		// Undoing the first import removes the accounts it created, trial end and all.
		if res, err := svc.Undo(ctx, "t", rep.RunID); err != nil || res.Removed != 3 {
			t.Fatalf("undo of the first import = %+v %v", res, err)
		}
		if got := trialEnds(t, s); len(got) != 0 {
			t.Errorf("accounts left after undo: %v", got)
		}
	})
}

func TestStripeTrialEndMustBeADate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		raw := "Customer ID,Customer Description,Plan,Quantity,Currency,Interval,Amount,Status,Trial End (UTC)\n" +
			"cus_X,Bad Trial,Starter,1,usd,month,10.00,trialing,soon\n"
		rep, err := svc.Import(context.Background(), "t", "accounts", []byte(raw), importer.Options{Preset: "stripe", DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rejected != 1 || len(rep.Errors) != 1 || rep.Errors[0].Row != 2 || rep.Errors[0].Column != "Trial End (UTC)" {
			t.Errorf("report = %+v", rep)
		}
	})
}
