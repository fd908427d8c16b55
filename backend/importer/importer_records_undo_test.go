package importer_test

import (
	"context"
	"strings"
	"testing"

	"churndesk/backend/fault"
	"churndesk/backend/importer"
	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// hubspotContacts: Ola's role changes, Jan is new, one email is no email and
// one company is unknown.
const hubspotContacts = "Associated Company IDs,First Name,Last Name,Email,Job Title\n" +
	"H-1,Ola,Nowak,ola@acme.io,CFO\n" +
	"H-1,Jan,Kowalski,jan@acme.io,Sales rep\n" +
	"H-2,Eva,Lind,eva(at)borealis.pl,CEO\n" +
	"H-9,Max,Mustermann,max@nowhere.de,CTO\n"

func TestContactsPartialImportAndUndo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		var acme store.Account
		s.Read(ctx).Where("external_id = ?", "H-1").Take(&acme)
		ola := store.Contact{AccountID: acme.ID, Name: "Ola Nowak", Email: "ola@acme.io", Role: "user", CreatedAt: mustDate("2025-02-01").Time, UpdatedAt: mustDate("2025-02-01").Time}
		if err := s.Write(ctx).Create(&ola).Error; err != nil {
			t.Fatal(err)
		}
		before := dump(t, s)

		// All or nothing: the bad rows keep the good ones out.
		all, err := svc.Import(ctx, "t", "contacts", []byte(hubspotContacts), importer.Options{Preset: "hubspot"})
		if err != nil || all.Written != 0 || all.Rejected != 2 || all.RunID != 0 || all.Created != 0 {
			t.Fatalf("all-or-nothing import = %+v %v", all, err)
		}
		if dump(t, s) != before {
			t.Fatal("an all-or-nothing import with bad rows wrote something")
		}

		rep, err := svc.Import(ctx, "t", "contacts", []byte(hubspotContacts), importer.Options{Preset: "hubspot", Mode: "valid"})
		if err != nil || rep.Written != 2 || rep.Created != 1 || rep.Updated != 1 || rep.Rejected != 2 || rep.RunID == 0 {
			t.Fatalf("partial import = %+v %v", rep, err)
		}
		wantCSV := "Associated Company IDs,First Name,Last Name,Email,Job Title,Reason\n" +
			"H-2,Eva,Lind,eva(at)borealis.pl,CEO,\"Email: \"\"eva(at)borealis.pl\"\" is not an email address\"\n" +
			"H-9,Max,Mustermann,max@nowhere.de,CTO,\"Associated Company IDs: no account matches \"\"H-9\"\"\"\n"
		if rep.RejectedCSV != wantCSV {
			t.Errorf("rejected CSV =\n%s\nwant\n%s", rep.RejectedCSV, wantCSV)
		}
		var cs []store.Contact
		s.Read(ctx).Order("email").Find(&cs)
		if len(cs) != 2 || cs[0].Email != "jan@acme.io" || cs[0].Role != "user" || cs[1].Email != "ola@acme.io" || cs[1].Role != "billing" {
			t.Fatalf("contacts = %+v", cs)
		}
		hist, _ := svc.History(ctx)
		if h := hist.Items[0]; h.ID != rep.RunID || h.Created != 1 || h.Updated != 1 || h.Rejected != 2 || h.Mode != "valid" || !h.Undoable {
			t.Errorf("history = %+v", h)
		}

		res, err := svc.Undo(ctx, "Anna", rep.RunID)
		if err != nil || res.Removed != 1 || res.Restored != 1 {
			t.Fatalf("undo = %+v %v", res, err)
		}
		if after := dump(t, s); after != before {
			t.Errorf("undo left the data different:\nbefore\n%s\nafter\n%s", before, after)
		}

		// The rejected rows, fixed, import on their own.
		fixed := strings.NewReplacer("eva(at)borealis.pl", "eva@borealis.pl", "H-9,", "H-2,").Replace(rep.RejectedCSV)
		again, err := svc.Import(ctx, "t", "contacts", []byte(fixed), importer.Options{Preset: "hubspot", Mode: "valid"})
		if err != nil || again.Created != 2 || again.Rejected != 0 || again.RejectedCSV != "" {
			t.Fatalf("re-import of the fixed rejects = %+v %v", again, err)
		}
	})
}

func TestContactsUndoSaysWhatBlocksIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		rep, err := svc.Import(ctx, "t", "contacts", []byte("Associated Company IDs,First Name,Last Name,Email\nH-1,Jan,Kowalski,jan@acme.io\n"), importer.Options{Preset: "hubspot"})
		if err != nil || rep.Created != 1 {
			t.Fatalf("import = %+v %v", rep, err)
		}
		s.Write(ctx).Exec("UPDATE contacts SET phone = '+48 600 100 200', updated_at = ? WHERE email = 'jan@acme.io'", "2026-12-01 10:00:00")
		before := dump(t, s)
		_, err = svc.Undo(ctx, "t", rep.RunID)
		want := "The import cannot be undone: Jan Kowalski (jan@acme.io) was changed after the import."
		if fe, ok := fault.As(err); !ok || fe.Message != want {
			t.Errorf("undo error = %v, want %s", err, want)
		}
		if dump(t, s) != before {
			t.Error("a blocked undo changed data")
		}
	})
}

func TestChurnPartialImportAndUndo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		s.Write(ctx).Exec("UPDATE accounts SET mrr = 49900 WHERE external_id = 'H-1'")
		before := dump(t, s)
		file := "Domain;Date;Reason;Competitor\nacme.io;2026-10-31;Moved to a competitor;Rivalry\nborealis.pl;2026-11-02;Solar flares;\n"
		opt := importer.Options{Mapping: map[string]string{"account": "Domain", "churn_date": "Date", "reason": "Reason", "competitor": "Competitor"},
			AccountKey: "domain", Mode: "valid"}
		rep, err := svc.Import(ctx, "Anna", "churn", []byte(file), opt)
		if err != nil || rep.Written != 1 || rep.Created != 1 || rep.Rejected != 1 || rep.RunID == 0 {
			t.Fatalf("partial churn import = %+v %v", rep, err)
		}
		if !strings.HasSuffix(rep.RejectedCSV, "borealis.pl;2026-11-02;Solar flares;;\"Reason: \"\"Solar flares\"\" is not in the reason list\"\n") {
			t.Errorf("rejected CSV = %q", rep.RejectedCSV)
		}
		var acme store.Account
		s.Read(ctx).Where("external_id = ?", "H-1").Take(&acme)
		var moves []store.MRRMovement
		s.Read(ctx).Where("account_id = ?", acme.ID).Find(&moves)
		if acme.Status != "churned" || len(moves) != 1 || moves[0].Kind != "churn" || moves[0].Amount != -49900 {
			t.Fatalf("after the import: %s, movements %+v", acme.Status, moves)
		}
		res, err := svc.Undo(ctx, "Anna", rep.RunID)
		if err != nil || res.Drafts != 1 || res.Restored != 1 {
			t.Fatalf("undo = %+v %v", res, err)
		}
		if after := dump(t, s); after != before {
			t.Errorf("undo left the data different:\nbefore\n%s\nafter\n%s", before, after)
		}
	})
}

func TestNPSPartialImportAndUndo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := setup(t, s)
		ctx := context.Background()
		before := dump(t, s)
		file := "Company;Score;Date;Comment\nH-1;9;2026-11-02;Great support\nH-2;eleven;2026-11-03;\nH-2;3;2026-11-04;Too slow\nH-7;8;2026-11-05;\n"
		opt := importer.Options{Preset: "hubspot", Mapping: map[string]string{"account": "Company", "score": "Score", "responded_on": "Date", "comment": "Comment"}}
		all, err := svc.Import(ctx, "t", "nps", []byte(file), opt)
		if err != nil || all.Written != 0 || all.Rejected != 2 || all.RunID != 0 {
			t.Fatalf("all-or-nothing import = %+v %v", all, err)
		}
		if dump(t, s) != before {
			t.Fatal("an all-or-nothing import with bad rows wrote something")
		}
		opt.Mode = "valid"
		rep, err := svc.Import(ctx, "t", "nps", []byte(file), opt)
		if err != nil || rep.Written != 2 || rep.Created != 2 || rep.Rejected != 2 || rep.RunID == 0 {
			t.Fatalf("partial import = %+v %v", rep, err)
		}
		wantCSV := "Company;Score;Date;Comment;Reason\n" +
			"H-2;eleven;2026-11-03;;\"Score: \"\"eleven\"\" is not a whole number\"\n" +
			"H-7;8;2026-11-05;;\"Company: no account matches \"\"H-7\"\"\"\n"
		if rep.RejectedCSV != wantCSV {
			t.Errorf("rejected CSV =\n%s\nwant\n%s", rep.RejectedCSV, wantCSV)
		}
		var answers []store.NPSResponse
		s.Read(ctx).Order("responded_on").Find(&answers)
		if len(answers) != 2 || answers[0].Score != 9 || answers[0].Comment != "Great support" || answers[1].Score != 3 {
			t.Fatalf("answers = %+v", answers)
		}
		res, err := svc.Undo(ctx, "t", rep.RunID)
		if err != nil || res.Removed != 2 {
			t.Fatalf("undo = %+v %v", res, err)
		}
		if after := dump(t, s); after != before {
			t.Errorf("undo left the data different:\nbefore\n%s\nafter\n%s", before, after)
		}
	})
}
