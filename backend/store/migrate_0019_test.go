package store_test

import (
	"context"
	"testing"

	"churndesk/backend/store"
	"churndesk/backend/store/storetest"
)

// TestTaskTextsKeyed stores tasks the way earlier versions wrote them (English
// title and reason only), upgrades, and reads them in Russian and Polish: the
// default playbook texts are translated, a title the team wrote stays as typed.
func TestTaskTextsKeyed(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			s, err := store.OpenUnmigrated(e.DSN)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			db := s.Write(ctx)
			if err := store.MigrateTo(db, "0015_import_undo"); err != nil {
				t.Fatal(err)
			}
			if err := db.Exec("INSERT INTO accounts (id, name, search_text, segment, currency, contract_start, status) VALUES (1, 'Sonnen Bau', 'x', 'smb', 'EUR', '2024-11-30', 'active')").Error; err != nil {
				t.Fatal(err)
			}
			tasks := []struct {
				id                                 int
				trigger, occurrence, title, reason string
				index                              int
			}{
				{1, "no_login", "2026-11-02", "Call Sonnen Bau: no login for 30 days (last 2026-11-02)", "30 days (last 2026-11-02)", 0},
				{2, "anniversary", "year-2", "Thank Sonnen Bau for 2 years with us", "2 years", 0},
				{3, "usage_drop", "2026-11-23", "Nudge Sonnen Bau now", "100 → 60 in 4 weeks", 0},
				{4, "tier_upgrade", "Gold/2026-11-24", "Congratulate Sonnen Bau on reaching Gold and introduce its benefits", "tenure 24 mo ≥ 12 mo", 0},
			}
			for _, k := range tasks {
				err := db.Exec(`INSERT INTO tasks (id, account_id, "trigger", occurrence, action_index, kind, title, reason, owner, due_on, status, created_at, updated_at)
					VALUES (?, 1, ?, ?, ?, 'call', ?, ?, 'Anna', '2026-11-25', 'open', '2026-11-24 09:00:00', '2026-11-24 09:00:00')`,
					k.id, k.trigger, k.occurrence, k.index, k.title, k.reason).Error
				if err != nil {
					t.Fatal(err)
				}
			}
			if err := store.Migrate(db); err != nil {
				t.Fatal(err)
			}
			var got []store.Task
			if err := s.Read(ctx).Order("id").Find(&got).Error; err != nil {
				t.Fatal(err)
			}
			want := []struct{ ru, pl, reasonRU string }{
				{"Позвонить в Sonnen Bau: нет входа 30 дней (последний — 2 нояб. 2026 г.)", "Zadzwonić do Sonnen Bau: brak logowania przez 30 dni (ostatnio 2 lis 2026)", "30 дней (последний — 2 нояб. 2026 г.)"},
				{"Поблагодарить Sonnen Bau за 2 года с нами", "Podziękować Sonnen Bau za 2 lata współpracy", "2 года"},
				{"Nudge Sonnen Bau now", "Nudge Sonnen Bau now", "100 → 60 за 4 недели"},
				{"Поздравить Sonnen Bau с уровнем Gold и рассказать о его преимуществах", "Pogratulować Sonnen Bau osiągnięcia poziomu Gold i przedstawić jego korzyści", "tenure 24 mo ≥ 12 mo"},
			}
			if len(got) != len(want) {
				t.Fatalf("%d tasks after the upgrade", len(got))
			}
			for i, w := range want {
				ru, pl, reason := got[i].TitleMsg.Render("ru"), got[i].TitleMsg.Render("pl"), got[i].ReasonMsg.Render("ru")
				if ru != w.ru || pl != w.pl || reason != w.reasonRU {
					t.Errorf("task %d: %q / %q / %q, want %q / %q / %q", i+1, ru, pl, reason, w.ru, w.pl, w.reasonRU)
				}
			}
		})
	}
}
