package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// bigHubSpot is a HubSpot export of n new companies (external ids 50000…),
// each paying 10.00 EUR; row bad (1-based data row, 0: none) has no name.
func bigHubSpot(n, bad int) string {
	var b strings.Builder
	b.WriteString("Record ID,Company name,Company Domain Name,Lifecycle Stage,Create Date,MRR,Currency\n")
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Company %d", i)
		if i == bad {
			name = ""
		}
		fmt.Fprintf(&b, "%d,%s,c%d.example,customer,2025-06-02,10.00,EUR\n", 50000+i, name, i)
	}
	return b.String()
}

func rowsIn(t *testing.T, s *store.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := s.Read(context.Background()).Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// A rejected row met after the first chunks were written: all-or-nothing
// rolls the chunks back; "valid" keeps every other row and hands back
// exactly the bad one.
func TestStreamedImportAcrossChunks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		raw := []byte(bigHubSpot(25000, 23456))
		all, err := svc.Import(ctx, "t", "accounts", raw, importer.Options{Preset: "hubspot"})
		if err != nil {
			t.Fatal(err)
		}
		if all.RunID != 0 || all.Written != 0 || all.Rejected != 1 || all.Rows != 25000 || rowsIn(t, s, "accounts") != 2 || rowsIn(t, s, "mrr_movements") != 0 {
			t.Fatalf("all-or-nothing with a bad row: run %d written %d rejected %d rows %d, %d accounts", all.RunID, all.Written, all.Rejected, all.Rows, rowsIn(t, s, "accounts"))
		}
		if all.Outcomes[0].Action != "create" || all.Outcomes[0].AccountID != 0 {
			t.Errorf("first outcome after the rollback = %+v", all.Outcomes[0])
		}
		rep, err := svc.Import(ctx, "t", "accounts", raw, importer.Options{Preset: "hubspot", Mode: "valid"})
		if err != nil {
			t.Fatal(err)
		}
		if rep.RunID == 0 || rep.Created != 24999 || rep.Written != 24999 || rep.Rejected != 1 || len(rep.Outcomes) != 1000 {
			t.Fatalf("valid rows: run %d created %d written %d rejected %d outcomes %d", rep.RunID, rep.Created, rep.Written, rep.Rejected, len(rep.Outcomes))
		}
		want := "Record ID,Company name,Company Domain Name,Lifecycle Stage,Create Date,MRR,Currency,Reason\n" +
			"73456,,c23456.example,customer,2025-06-02,10.00,EUR,Company name: is required\n"
		if rep.RejectedCSV != want {
			t.Errorf("rejected CSV = %q, want %q", rep.RejectedCSV, want)
		}
		var first store.Account
		if err := s.Read(ctx).Where("external_id = ?", "50001").First(&first).Error; err != nil || rep.Outcomes[0].AccountID != first.ID || first.MRR != 1000 {
			t.Errorf("row 2: outcome %+v, stored %+v (%v)", rep.Outcomes[0], first, err)
		}
		if n := rowsIn(t, s, "accounts"); n != 2+24999 {
			t.Errorf("%d accounts, want %d", n, 2+24999)
		}
		if n := rowsIn(t, s, "mrr_movements"); n != 24999 {
			t.Errorf("%d MRR movements, want 24999", n)
		}
		if n := rowsIn(t, s, "import_changes"); n != 24999 {
			t.Errorf("%d import changes, want 24999", n)
		}
		var run store.ImportRun
		if err := s.Read(ctx).First(&run, rep.RunID).Error; err != nil || run.Rows != 25000 || run.Created != 24999 || run.Rejected != 1 || run.Written != 24999 {
			t.Errorf("history entry = %+v (%v)", run, err)
		}
	})
}

// cancelAfter is a file whose reader ends ctx once the parse (the second
// pass) has read past at bytes.
type cancelAfter struct {
	*bytes.Reader
	at     int64
	pass   int
	cancel func()
}

func (c *cancelAfter) Seek(off int64, whence int) (int64, error) {
	c.pass++
	return c.Reader.Seek(off, whence)
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	n, err := c.Reader.Read(p)
	if c.pass > 0 && c.Reader.Size()-int64(c.Reader.Len()) > c.at {
		c.cancel()
	}
	return n, err
}

// An import whose context ends halfway (the server's deadline) stops with
// that error and writes nothing, though chunks were already written.
func TestImportStopsWhenItsContextEnds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		raw := []byte(bigHubSpot(30000, 0))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		src := &cancelAfter{Reader: bytes.NewReader(raw), at: int64(len(raw)) * 3 / 4, cancel: cancel}
		_, err := svc.ImportFrom(ctx, "t", "accounts", io.ReadSeeker(src), importer.Options{Preset: "hubspot"})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want the context's", err)
		}
		if a, r, m := rowsIn(t, s, "accounts"), rowsIn(t, s, "import_runs"), rowsIn(t, s, "mrr_movements"); a != 2 || r != 0 || m != 0 {
			t.Errorf("after a stopped import: %d accounts, %d runs, %d movements; want 2, 0, 0", a, r, m)
		}
	})
}
