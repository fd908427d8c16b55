package referrals_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/check"
	"churndesk/backend/fault"
	"churndesk/backend/referrals"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func setup(t *testing.T, s *store.Store) (*referrals.Service, int64) {
	t.Helper()
	clock := func() time.Time { return now }
	acc := accounts.NewService(s, check.New(), clock)
	a, err := acc.Create(context.Background(), accounts.AccountInput{Name: "Advocate Co", Segment: "smb", Currency: "EUR", MRR: 50000,
		ContractStart: "2024-01-01", Status: "active"})
	if err != nil {
		t.Fatal(err)
	}
	return referrals.NewService(s, check.New(), acc, clock), a.ID
}

func code(err error) fault.Code {
	if fe, ok := fault.As(err); ok {
		return fe.Code
	}
	return ""
}

func TestConvertOnceAndRewardSteps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, referrer := setup(t, s)
		ctx := context.Background()
		r, err := svc.Create(ctx, referrals.Input{ReferrerAccountID: referrer, ReferredCompany: "Newco", ReferredOn: "2026-10-01",
			Channel: "email", ReferrerReward: "one free month", NewcomerReward: "10 % off year one"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != "invited" || r.ReferrerRewardStatus != "pending" || r.ReferrerName != "Advocate Co" {
			t.Errorf("new referral = %+v", r)
		}
		for _, st := range []string{"lead", "trial"} {
			if r, err = svc.Move(ctx, r.ID, referrals.StatusInput{Status: st}); err != nil || r.Status != st {
				t.Fatalf("move to %s: %v", st, err)
			}
		}
		if _, err := svc.Reward(ctx, r.ID, referrals.RewardInput{Side: "referrer", Status: "approved"}); code(err) != fault.CodeValidation {
			t.Errorf("reward before conversion: %v", err)
		}
		newAcc := &accounts.AccountInput{Name: "Newco", Segment: "smb", Currency: "EUR", MRR: 20000, ContractStart: "2026-11-20", Status: "onboarding"}
		r, err = svc.Convert(ctx, r.ID, referrals.ConvertInput{NewAccount: newAcc})
		if err != nil || r.Status != "converted" || r.ConvertedAccountID == nil {
			t.Fatalf("convert: %+v %v", r, err)
		}
		if _, err := svc.Convert(ctx, r.ID, referrals.ConvertInput{NewAccount: newAcc}); code(err) != fault.CodeConflict {
			t.Errorf("second convert: %v", err)
		}
		var n int64
		s.Read(ctx).Model(&store.Account{}).Where("name = ?", "Newco").Count(&n)
		if n != 1 {
			t.Errorf("accounts named Newco = %d, want 1", n)
		}
		_, err = svc.Reward(ctx, r.ID, referrals.RewardInput{Side: "referrer", Status: "issued"})
		if fe, _ := fault.As(err); fe == nil || fe.Fields["status"] != "the referrer reward is pending; it can only become approved next" {
			t.Errorf("skip to issued: %v", err)
		}
		for _, st := range []string{"approved", "issued"} {
			if r, err = svc.Reward(ctx, r.ID, referrals.RewardInput{Side: "referrer", Status: st}); err != nil || r.ReferrerRewardStatus != st {
				t.Fatalf("reward %s: %v", st, err)
			}
		}
		if _, err := svc.Move(ctx, r.ID, referrals.StatusInput{Status: "declined"}); code(err) != fault.CodeConflict {
			t.Errorf("moving a converted referral: %v", err)
		}
		f, err := svc.Figures(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// One referral, converted: 100 %; the newcomer reward is still pending.
		if *f.ConversionRate != 100 || f.MRRFromReferrals["EUR"] != 20000 || len(f.RewardsOutstanding) != 1 ||
			f.RewardsOutstanding[0].Side != "newcomer" || f.TopAdvocates[0].Converted != 1 {
			t.Errorf("figures = %+v", f)
		}
	})
}

func TestValidationAndSuggestions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, referrer := setup(t, s)
		ctx := context.Background()
		_, err := svc.Create(ctx, referrals.Input{ReferrerAccountID: 999, ReferredCompany: " ", ReferredOn: "2026-13-01", Channel: "pigeon"})
		fe, _ := fault.As(err)
		if fe == nil || fe.Fields["referred_company"] != "is required" || fe.Fields["channel"] == "" || fe.Fields["referred_on"] == "" {
			t.Errorf("bad input: %v", err)
		}
		// A good-health promoter who has not referred yet is suggested.
		s.Write(ctx).Model(&store.Account{}).Where("id = ?", referrer).Update("health_class", "good")
		s.Write(ctx).Create(&store.NPSResponse{AccountID: referrer, Score: 4, RespondedOn: store.NewDate(now.AddDate(0, -6, 0))})
		s.Write(ctx).Create(&store.NPSResponse{AccountID: referrer, Score: 10, RespondedOn: store.NewDate(now.AddDate(0, -1, 0))})
		sug, err := svc.Suggestions(ctx)
		if err != nil || len(sug.Items) != 1 || sug.Items[0].LatestNPS != 10 {
			t.Fatalf("suggestions = %+v %v", sug, err)
		}
		svc.Create(ctx, referrals.Input{ReferrerAccountID: referrer, ReferredCompany: "X", ReferredOn: "2026-11-01", Channel: "call"})
		if sug, _ = svc.Suggestions(ctx); len(sug.Items) != 0 {
			t.Errorf("an account that referred is still suggested: %+v", sug)
		}
		list, _ := svc.List(ctx, referrals.Query{Q: "x"})
		if list.Total != 1 || !strings.EqualFold(list.Items[0].ReferredCompany, "X") {
			t.Errorf("list = %+v", list)
		}
	})
}
