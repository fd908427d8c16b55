package accounts

import (
	"time"
	"unicode/utf8"
)

// plainRow reports whether in certainly passes AccountInput's validation
// rules, checked by hand without reflection: an import checks every row of
// a file, and the validator's per-row cost dominated it. It answers false
// whenever it is unsure (anything unusual, a currency not yet confirmed by
// the validator), and the validator then decides and words the errors.
func (s *Service) plainRow(in *AccountInput) bool {
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 200 || len(in.Industry) > 100 || len(in.Plan) > 100 ||
		len(in.Owner) > 100 || len(in.CRMSource) > 50 || len(in.ExternalID) > 100 || len(in.LoyaltyTier) > 100 {
		return false
	}
	if in.MRR < 0 || in.MRR > 100000000000 || in.Seats < 0 || in.Seats > 10000000 {
		return false
	}
	if in.CardExpiryMonth != nil || in.CardExpiryYear != nil || in.CSMSentiment != nil || in.OverdueSince != "" ||
		(in.PaymentStatus != "" && in.PaymentStatus != "ok") {
		return false
	}
	switch in.Segment {
	case "smb", "mid_market", "enterprise":
	default:
		return false
	}
	switch in.Status {
	case "trial", "onboarding", "active", "churned":
	default:
		return false
	}
	if _, ok := s.currencies.Load(in.Currency); !ok {
		return false
	}
	if !isDate(in.ContractStart) || (in.RenewalDate != "" && !isDate(in.RenewalDate)) || (in.TrialEndsOn != "" && !isDate(in.TrialEndsOn)) {
		return false
	}
	return in.Domain == "" || isHostname(in.Domain)
}

func isDate(v string) bool {
	_, err := time.Parse(time.DateOnly, v)
	return err == nil
}

// isHostname is RFC 1123 as the validator's hostname_rfc1123 reads it:
// dot-separated labels of 1–63 letters, digits and hyphens that start and
// end with a letter or digit; at most 253 characters.
func isHostname(v string) bool {
	if len(v) > 253 {
		return false
	}
	label, last := 0, byte('.')
	for i := 0; i < len(v); i++ {
		c := v[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		switch {
		case c == '.':
			if label == 0 || last == '-' {
				return false
			}
			label, last = 0, c
			continue
		case label == 0 && !alnum, !alnum && c != '-':
			return false
		}
		label++
		last = c
		if label > 63 {
			return false
		}
	}
	return label > 0 && last != '-'
}
