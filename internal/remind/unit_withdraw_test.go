package remind_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// An own deadline given by mistake and withdrawn the same morning leaves
// the unit its reminder of the day: "hạn cuối hôm nay", queued at 08:00 and
// expired by the extension at 09:00 before it went, is sent once the
// withdrawal at 09:30 holds the unit to the round's deadline again, once,
// whichever instance plans it. One the unit was sent at 08:00, before the
// extension, is not sent again.
func TestWithdrawalGivesBackTodaysReminder(t *testing.T) {
	for _, delivered := range []bool{false, true} {
		t.Run(map[bool]string{false: "queued", true: "sent"}[delivered], func(t *testing.T) {
			f := newFixture(t)
			title := f.round.Title
			other := f.service(t, f.open(t), "w2")
			office := store.Actor{UserID: f.office.ID}
			f.clock.Set(at(12, 1, 8, 0))
			if n, err := f.svc.Plan(ctx); err != nil || n != 2 {
				t.Fatalf("plan on 01/12: %d, %v; want two reminders queued", n, err)
			}
			if delivered {
				if _, err := f.svc.Deliver(ctx); err != nil {
					t.Fatal(err)
				}
			}
			f.clock.Set(at(12, 1, 9, 0))
			if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, f.round.ID, f.a.ID, tiendo.DeadlineBefore(2026, 12, 4), "nhầm"); err != nil {
				t.Fatal(err)
			}
			f.clock.Set(at(12, 1, 9, 30))
			if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, f.round.ID, f.a.ID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			for _, now := range []time.Time{at(12, 1, 9, 30), at(12, 1, 9, 31), at(12, 1, 15, 0)} {
				f.clock.Set(now)
				f.svc.Tick(ctx)
				other.Tick(ctx)
			}
			var due []string
			for _, m := range f.received() {
				if strings.HasSuffix(m, "Hôm nay là hạn cuối gửi báo cáo: "+title) {
					due = append(due, m)
				}
			}
			slices.Sort(due)
			want := []string{"cah@huulung.example Hôm nay là hạn cuối gửi báo cáo: " + title, "pnv@huulung.example Hôm nay là hạn cuối gửi báo cáo: " + title}
			if !slices.Equal(due, want) {
				t.Errorf("\"hạn cuối hôm nay\" received:\n  %s\nwant once for each unit:\n  %s", strings.Join(due, "\n  "), strings.Join(want, "\n  "))
			}
			// The in-app notice of 08:00 is not written again.
			notes, _, err := f.s.Notifications(ctx, f.repA, 50)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, no := range notes {
				if strings.HasPrefix(no.Title, "Hôm nay là hạn cuối") {
					n++
				}
			}
			if n != 1 {
				t.Errorf("unit a's reporter has %d in-app \"hạn cuối hôm nay\" notices, want 1", n)
			}
		})
	}
}

// A unit whose own deadline was withdrawn and given again, to the same
// day, the same morning, gets the reminder of that deadline the withdrawal
// expired before it went: "còn 3 ngày" to 04/12, once. A reminder the unit
// no longer owes is not queued again: once it has sent its report, the
// withdrawal and the new extension bring nothing back.
func TestReExtensionGivesBackTheReminder(t *testing.T) {
	for _, submitted := range []bool{false, true} {
		t.Run(map[bool]string{false: "owing", true: "submitted"}[submitted], func(t *testing.T) {
			f := newFixture(t)
			title := f.round.Title
			office := store.Actor{UserID: f.office.ID}
			own := tiendo.DeadlineBefore(2026, 12, 4)
			if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, f.round.ID, f.a.ID, own, "Trưởng phòng đi công tác"); err != nil {
				t.Fatal(err)
			}
			f.clock.Set(at(11, 30, 8, 0))
			if n, err := f.svc.Plan(ctx); err != nil || n != 2 {
				t.Fatalf("plan on 30/11: %d, %v; want two reminders queued", n, err)
			}
			f.clock.Set(at(11, 30, 9, 0))
			if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, f.round.ID, f.a.ID, own); err != nil {
				t.Fatal(err)
			}
			f.clock.Set(at(11, 30, 9, 30))
			if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, f.round.ID, f.a.ID, own, "Trưởng phòng đi công tác"); err != nil {
				t.Fatal(err)
			}
			if submitted {
				f.submitA(t)
			}
			for _, now := range []time.Time{at(11, 30, 9, 30), at(11, 30, 10, 0)} {
				f.clock.Set(now)
				f.svc.Tick(ctx)
				f.svc.Tick(ctx)
			}
			var got []string
			for _, m := range f.received() {
				if strings.HasPrefix(m, "pnv@") && strings.Contains(m, "Nhắc gửi báo cáo") {
					got = append(got, m)
				}
			}
			var want []string
			if !submitted {
				want = []string{"pnv@huulung.example Nhắc gửi báo cáo: " + title + " (còn 3 ngày, hạn trước ngày 04/12/2026)"}
			}
			if !slices.Equal(got, want) {
				t.Errorf("unit a's reminders received:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}
