package api_test

import (
	"archive/zip"
	"bytes"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"churndesk/backend/boot"
)

// hostileName carries a right-to-left override (so "…gpj.exe" reads as
// "…exe.jpg"), path parts, quotes and a header-splitting line break.
const hostileName = "Invoice \u202Egpj.exe ../../etc/\"passwd\"\r\nSet-Cookie: x=1 Zażółć Ёлка"

var (
	safeDisposition = regexp.MustCompile(`^attachment; filename="[A-Za-z0-9_-]+(\.[a-z]+)?"$`)
	safeEntry       = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[a-z]+)?$`)
)

// TestDownloadNamesAreSafe fetches every download and checks its name and,
// for ZIPs, every entry name: letters, digits, '-' and '_' only.
func TestDownloadNamesAreSafe(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *httptest.Server, b *boot.Backend) {
		acc := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/accounts", with(with(validAccount(), "name", hostileName), "segment", "mid_market")))
		id := strconv.Itoa(int(acc["id"].(float64)))
		other := decode[map[string]any](t, call(t, srv, "POST", "/api/v1/accounts", with(with(with(validAccount(), "name", hostileName+" 2"), "segment", "enterprise"), "domain", "two.io")))
		if res := call(t, srv, "POST", "/api/v1/accounts/"+id+"/churn", map[string]any{"churn_date": "2026-11-02", "reason": "product_quality"}); res.status != 201 {
			t.Fatalf("churn: %d %s", res.status, res.body)
		}
		board := decode[struct{ Items []struct{ ID int } }](t, call(t, srv, "GET", "/api/v1/offboarding", nil))
		cid := strconv.Itoa(board.Items[0].ID)
		oid := strconv.Itoa(int(other["id"].(float64)))
		quarter := "2026-Q4"
		downloads := []string{
			"/api/v1/accounts/export",
			"/api/v1/accounts/export?format=xlsx",
			"/api/v1/churn-records/export",
			"/api/v1/churn-records/export?format=xlsx",
			"/api/v1/metrics/export?from=2026-01-01&to=2026-10-31",
			"/api/v1/offboarding/" + cid + "?format=pdf",
			"/api/v1/offboarding/" + cid + "?format=md",
			"/api/v1/accounts/" + id + "/data-export",
			"/api/v1/accounts/" + oid + "/qbr?quarter=" + quarter + "&format=pdf",
			"/api/v1/accounts/" + oid + "/qbr?quarter=" + quarter + "&format=md",
			"/api/v1/qbr/batch?quarter=" + quarter,
		}
		for _, path := range downloads {
			res := call(t, srv, "GET", path, nil)
			cd := res.header.Get("Content-Disposition")
			if res.status != 200 || !safeDisposition.MatchString(cd) {
				t.Errorf("%s: %d %q (%.200s)", path, res.status, cd, res.body)
				continue
			}
			if res.header.Get("Content-Type") != "application/zip" {
				continue
			}
			zr, err := zip.NewReader(bytes.NewReader(res.body), int64(len(res.body)))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			for _, f := range zr.File {
				if !safeEntry.MatchString(f.Name) {
					t.Errorf("%s: ZIP entry %q", path, f.Name)
				}
			}
			if path == "/api/v1/accounts/"+id+"/data-export" && cd != `attachment; filename="invoice-gpj-exe-etc-passwd-set-cookie-x-1-zazolc-elka-data.zip"` {
				t.Errorf("data export named %q", cd)
			}
		}
		// A quarter from the query string is part of a name too.
		res := call(t, srv, "GET", "/api/v1/accounts/"+oid+"/qbr?quarter=2026-Q4%22%0D%0AX:%20y&format=md", nil)
		if cd := res.header.Get("Content-Disposition"); cd != "" && !safeDisposition.MatchString(cd) {
			t.Errorf("hostile quarter: %d %q", res.status, cd)
		}
	})
}
