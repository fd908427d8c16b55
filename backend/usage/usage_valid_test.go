package usage

import (
	"testing"

	"churndesk/backend/check"
)

// TestPlainlyValidAgreesWithValidator checks the hand-written rules against
// the validator on inputs at and beyond every bound.
func TestPlainlyValidAgreesWithValidator(t *testing.T) {
	c := check.New()
	base := SnapshotInput{AccountID: 1, WeekStart: "2026-11-23", ActiveUsers: 3, Logins: 4, KeyFeatureUses: 5}
	cases := []func(*SnapshotInput){
		func(*SnapshotInput) {},
		func(in *SnapshotInput) { in.AccountID = 0 },
		func(in *SnapshotInput) { in.AccountID = -3 },
		func(in *SnapshotInput) { in.WeekStart = "" },
		func(in *SnapshotInput) { in.WeekStart = "2026-02-30" },
		func(in *SnapshotInput) { in.WeekStart = "2026-1-05" },
		func(in *SnapshotInput) { in.WeekStart = "2026/11/23" },
		func(in *SnapshotInput) { in.WeekStart = "2024-02-29" },
		func(in *SnapshotInput) { in.ActiveUsers = -1 },
		func(in *SnapshotInput) { in.ActiveUsers = 10000000 },
		func(in *SnapshotInput) { in.ActiveUsers = 10000001 },
		func(in *SnapshotInput) { in.Logins = 1000000000 },
		func(in *SnapshotInput) { in.Logins = 1000000001 },
		func(in *SnapshotInput) { in.KeyFeatureUses = -1 },
		func(in *SnapshotInput) { in.KeyFeatureUses = 1000000001 },
	}
	for i, change := range cases {
		in := base
		change(&in)
		if plainlyValid(in) && c.Struct(in) != nil {
			t.Errorf("case %d: %+v passes by hand but not the validator: %v", i, in, c.Struct(in))
		}
		if !plainlyValid(in) && c.Struct(in) == nil && i != 0 && in.LastLoginAt == "" {
			t.Errorf("case %d: %+v passes the validator but not by hand", i, in)
		}
	}
	if !plainlyValid(base) {
		t.Errorf("a plain row does not pass by hand")
	}
}
