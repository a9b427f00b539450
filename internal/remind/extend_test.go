package remind_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// After an extension the reminders follow the new deadline: the overdue
// reminder queued for the old one that morning and not yet sent is not
// sent, the units get the notice of the extension instead, nothing is sent
// until the new schedule's first reminder, and that one names the new
// deadline.
func TestRemindersFollowAnExtension(t *testing.T) {
	f := newFixture(t)
	title := f.round.Title
	// 2 days overdue against "trước ngày 02/12/2026": planned, not delivered
	// (the SMTP server was slow that morning).
	f.clock.Set(at(12, 3, 8, 0))
	if n, err := f.svc.Plan(ctx); err != nil || n != 2 {
		t.Fatalf("plan on 03/12: %d, %v; want two overdue reminders queued", n, err)
	}

	f.clock.Set(at(12, 3, 9, 0))
	if err := f.s.ExtendDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, f.round.ID, tiendo.DeadlineBefore(2026, 12, 10), "Chờ số liệu quyết toán"); err != nil {
		t.Fatal(err)
	}
	f.svc.Tick(ctx)
	f.svc.Tick(ctx)
	got := f.received()
	slices.Sort(got)
	notice := "Hạn gửi báo cáo “" + title + "” được gia hạn đến trước ngày 10/12/2026. Lý do: Chờ số liệu quyết toán"
	want := []string{"cah@huulung.example " + notice, "pnv@huulung.example " + notice}
	if !slices.Equal(got, want) {
		t.Errorf("after the extension: received\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}

	// The new schedule: "còn 3 ngày" on 06/12, nothing before it.
	upcoming, err := f.svc.Upcoming(ctx, f.round.ID, at(12, 7, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(upcoming) != 2 || upcoming[0].Slot.Kind != store.KindReminderBefore || !upcoming[0].Slot.At.Equal(at(12, 6, 8, 0)) {
		t.Errorf("upcoming after the extension = %+v, want the 3-days-before reminder of 06/12 for both units", upcoming)
	}
	seen := len(f.received())
	for _, now := range []time.Time{at(12, 4, 8, 0), at(12, 5, 8, 0)} {
		f.clock.Set(now)
		f.svc.Tick(ctx)
		if all := f.received(); len(all) != seen {
			t.Errorf("%s: received %v, want nothing before the new schedule's first reminder", now.Format("02/01"), all[seen:])
		}
	}
	f.clock.Set(at(12, 6, 8, 0))
	f.svc.Tick(ctx)
	got = f.received()[seen:]
	slices.Sort(got)
	before := "Nhắc gửi báo cáo: " + title + " (còn 3 ngày, hạn trước ngày 10/12/2026)"
	if want := []string{"cah@huulung.example " + before, "pnv@huulung.example " + before}; !slices.Equal(got, want) {
		t.Errorf("06/12: received\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}

	// The overdue reminder of 03/12 reached the bell when it was queued,
	// but its e-mail never went.
	msgs, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: f.round.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Kind == store.KindReminderOverdue && m.Status != store.MessageExpired {
			t.Errorf("overdue reminder %s: %s, want expired", m.DedupeKey, m.Status)
		}
	}
}

// An extension on the morning of the old schedule's "còn 1 ngày" to a
// deadline whose "còn 3 ngày" falls that same day: the expired reminder's
// day and kind do not keep the new one from going.
func TestExtensionReminderOnTheSameDayGoes(t *testing.T) {
	f := newFixture(t)
	title := f.round.Title
	// "trước ngày 02/12": "còn 1 ngày" on 30/11, queued, not yet delivered.
	f.clock.Set(at(11, 30, 8, 0))
	if n, err := f.svc.Plan(ctx); err != nil || n != 2 {
		t.Fatalf("plan on 30/11: %d, %v; want two reminders queued", n, err)
	}
	f.clock.Set(at(11, 30, 9, 0))
	// "trước ngày 04/12": its "còn 3 ngày" is 30/11 too.
	if err := f.s.ExtendDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, f.round.ID, tiendo.DeadlineBefore(2026, 12, 4), ""); err != nil {
		t.Fatal(err)
	}
	f.svc.Tick(ctx)
	f.svc.Tick(ctx)
	before := "Nhắc gửi báo cáo: " + title + " (còn 3 ngày, hạn trước ngày 04/12/2026)"
	var got []string
	for _, m := range f.received() {
		if strings.HasSuffix(m, before) {
			got = append(got, m)
		}
	}
	slices.Sort(got)
	if want := []string{"cah@huulung.example " + before, "pnv@huulung.example " + before}; !slices.Equal(got, want) {
		t.Errorf("30/11 after the extension: received %v, want the new schedule's reminder for both units", f.received())
	}
}
