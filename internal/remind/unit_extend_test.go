package remind_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// One unit given two more days gets its reminders against its own
// deadline, and is not told it is late while the other unit is: the
// reminder queued for it under the round's deadline that morning and not
// yet sent is not sent, its new schedule's "còn 3 ngày" falling on the
// same day and kind as that one goes (the keys name the deadline), and
// every reminder of either unit goes exactly once, ticking twice a step as
// a planner ticking every minute would, from two app instances.
func TestRemindersFollowAUnitExtension(t *testing.T) {
	f := newFixture(t)
	title := f.round.Title
	other := f.service(t, f.open(t), "w2")
	// "trước ngày 02/12": "còn 1 ngày" on 30/11, queued, not yet delivered.
	f.clock.Set(at(11, 30, 8, 0))
	if n, err := f.svc.Plan(ctx); err != nil || n != 2 {
		t.Fatalf("plan on 30/11: %d, %v; want two reminders queued", n, err)
	}
	f.clock.Set(at(11, 30, 9, 0))
	// Unit a to "trước ngày 04/12": its "còn 3 ngày" is 30/11 too.
	if _, err := f.s.ExtendUnitDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, f.round.ID, f.a.ID, tiendo.DeadlineBefore(2026, 12, 4), "Trưởng phòng đi công tác"); err != nil {
		t.Fatal(err)
	}
	notice := "Hạn gửi báo cáo “" + title + "” của Phòng Nội vụ được gia hạn đến trước ngày 04/12/2026. Lý do: Trưởng phòng đi công tác"
	reminder := func(email, subject string) string { return email + " " + subject }
	steps := []struct {
		now  time.Time
		want []string
	}{
		{at(11, 30, 9, 0), []string{
			reminder("cah@huulung.example", "Nhắc gửi báo cáo: "+title+" (còn 1 ngày, hạn trước ngày 02/12/2026)"),
			reminder("pnv@huulung.example", notice),
			reminder("pnv@huulung.example", "Nhắc gửi báo cáo: "+title+" (còn 3 ngày, hạn trước ngày 04/12/2026)"),
		}},
		{at(12, 1, 8, 0), []string{
			reminder("cah@huulung.example", "Hôm nay là hạn cuối gửi báo cáo: "+title),
		}},
		{at(12, 2, 8, 0), []string{
			reminder("cah@huulung.example", "Báo cáo đã quá hạn 1 ngày: "+title),
			reminder("pnv@huulung.example", "Nhắc gửi báo cáo: "+title+" (còn 1 ngày, hạn trước ngày 04/12/2026)"),
		}},
		{at(12, 3, 8, 0), []string{
			reminder("cah@huulung.example", "Báo cáo đã quá hạn 2 ngày: "+title),
			reminder("pnv@huulung.example", "Hôm nay là hạn cuối gửi báo cáo: "+title),
		}},
		{at(12, 4, 8, 0), []string{
			reminder("cah@huulung.example", "Báo cáo đã quá hạn 3 ngày: "+title),
			reminder("pnv@huulung.example", "Báo cáo đã quá hạn 1 ngày: "+title),
		}},
	}
	seen := 0
	for _, st := range steps {
		f.clock.Set(st.now)
		f.svc.Tick(ctx)
		other.Tick(ctx)
		f.svc.Tick(ctx)
		got := f.received()[seen:]
		seen += len(got)
		slices.Sort(got)
		slices.Sort(st.want)
		if !slices.Equal(got, st.want) {
			t.Errorf("%s: received\n  %s\nwant\n  %s", st.now.Format("02/01 15:04"), strings.Join(got, "\n  "), strings.Join(st.want, "\n  "))
		}
	}

	// The reminder of 30/11 queued for unit a under the round's deadline
	// never went; unit b's did.
	msgs, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: f.round.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Kind == store.KindReminderBefore && strings.Contains(m.Subject, "còn 1 ngày, hạn trước ngày 02/12/2026") {
			want := map[int64]string{f.a.ID: store.MessageExpired, f.b.ID: store.MessageSent}[m.UnitID]
			if m.Status != want {
				t.Errorf("the 30/11 reminder of unit %d: %s, want %s", m.UnitID, m.Status, want)
			}
		}
	}
}
