package demo

import (
	"math/rand/v2"

	"churndesk/backend/store"
)

// The sample portfolio plants signals of known size before its churns, so
// that a newcomer's first risk model has something to find (the risk model
// page documents them too):
//   - usage falls: a leaving account follows a declining (55 %) or
//     gone-quiet (30 %) usage shape, against 20 % and 10 % of the others;
//   - a detractor answer: half the leaving accounts (PlantedDetractorShare)
//     answer NPS 0–5 between 20 and 80 days before they leave;
//   - an overdue payment: 40 % of the leaving accounts (PlantedOverdueShare),
//     and every one that leaves for a failed payment, fall overdue 20–80
//     days before they leave.
//
// The draws come from a source of their own (seed and account number), so
// the rest of the portfolio stays exactly as it was without them.
const (
	PlantedDetractorShare = 50
	PlantedOverdueShare   = 40
)

// plantRNG is the planted signals' own random source for one account.
func plantRNG(seed int64, seq int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed)^0x7269736b, uint64(seq)))
}

// plant sets the overdue payment and the detractor answer of a leaving
// account; it returns the answer to add (nil when none is planted).
func (c *churnPlan) plant(r *rand.Rand, row *store.Account) *store.NPSResponse {
	if r.IntN(100) < PlantedOverdueShare || c.reason.Key == "payment_failure" {
		since := store.NewDate(c.date.AddDate(0, 0, -20-r.IntN(61)))
		if since.After(row.ContractStart.Time) {
			row.PaymentStatus, row.OverdueSince = "overdue", &since
		}
	}
	if r.IntN(100) < PlantedDetractorShare {
		day := store.NewDate(c.date.AddDate(0, 0, -20-r.IntN(61)))
		if day.After(row.ContractStart.Time) {
			return &store.NPSResponse{Score: r.IntN(6), Comment: "", RespondedOn: day}
		}
	}
	return nil
}
