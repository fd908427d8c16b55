package demo

import (
	"time"

	"churndesk/backend/accounts"
	"churndesk/backend/loyalty"
	"churndesk/backend/referrals"
)

// SampleTiers are the tiers a sample portfolio starts with.
func SampleTiers() []loyalty.TierInput {
	return []loyalty.TierInput{
		{Name: "Silver", Rank: 1, Color: "gray", MinTenureMonths: 6, Benefits: []loyalty.Benefit{
			{Kind: "exclusive_content", Description: "Quarterly webinar on retention practice"},
			{Kind: "recognition", Description: "Anniversary note from the founder"}}},
		{Name: "Gold", Rank: 2, Color: "yellow", MinTenureMonths: 12, MinMRR: 150000, MinHealth: "average", Benefits: []loyalty.Benefit{
			{Kind: "priority_service", Description: "Replies within 4 business hours"},
			{Kind: "early_access", Description: "Beta features a month early"}}},
		{Name: "Platinum", Rank: 3, Color: "indigo", MinTenureMonths: 24, MinLifetimeRevenue: 10000000, MinHealth: "good", Benefits: []loyalty.Benefit{
			{Kind: "priority_service", Description: "Named support engineer"},
			{Kind: "personalised_offers", Description: "Annual pricing review with a discount"},
			{Kind: "exclusive_events", Description: "Seat at the customer advisory board"}}},
	}
}

var referredNames = []string{"Harborview Dental", "Kestrel Freight", "Lumière Studio", "Mazury Travel", "Orbis Payroll", "Pinecrest Schools",
	"Quartz Legal", "Riverbend Clinics", "Solaris Energy", "Tundra Outfitters", "Umbra Security", "Vela Robotics"}

// SampleReferrals makes one referral per given advocate, dated over the last months.
func SampleReferrals(advocates []accounts.Account, today time.Time) []referrals.Input {
	out := make([]referrals.Input, 0, len(advocates))
	channels := []string{"email", "event", "call", "partner"}
	for i, a := range advocates {
		out = append(out, referrals.Input{
			ReferrerAccountID: a.ID, ReferredCompany: referredNames[i%len(referredNames)],
			ReferredContact: "", ReferredOn: today.AddDate(0, 0, -7*(i+1)).Format(time.DateOnly), Channel: channels[i%len(channels)],
			ReferrerReward: "One free month", NewcomerReward: "10 % off the first year",
		})
	}
	return out
}
