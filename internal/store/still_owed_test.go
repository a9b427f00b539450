package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// The planner and the "đôn đốc" button read who owes before they queue. A
// unit whose submission commits in between is left out when they queue:
// its submission could not cancel a reminder that was not queued yet, and
// it would be told its report was due after it had sent it. The units
// that still owe are queued as before.
func TestRemindersLeaveOutAUnitThatSentMeanwhile(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, tiendo.DeadlineBefore(2022, 6, 6).Add(-3*time.Hour))
	r := f.newRound(t, tiendo.DeadlineBefore(2022, 6, 6))
	owing, err := f.s.Outstanding(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(owing) != 2 {
		t.Fatalf("Outstanding = %d units, want both", len(owing))
	}

	sent := f.sendReport(t, f.repA, f.a, r) // commits after the read, before the queueing

	var msgs []*store.Message
	for _, o := range owing {
		msgs = append(msgs, &store.Message{Kind: store.KindReminderDue, DedupeKey: fmt.Sprintf("remind:%d:%d:due", r.ID, o.Unit.ID),
			RoundID: r.ID, UnitID: o.Unit.ID, Email: o.Unit.Code + "@huulung.example", Subject: "Hôm nay là hạn cuối gửi báo cáo"})
	}
	n, err := f.s.Enqueue(ctx, msgs...)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("Enqueue queued %d, want 1 (unit b's)", n)
	}
	for _, m := range msgs {
		if sent := m.UnitID == f.a.ID; sent != (m.ID == 0) {
			t.Errorf("unit %d's reminder ID = %d; want 0 only for unit a, which has sent", m.UnitID, m.ID)
		}
	}
	for _, m := range f.outboxByKey(t, r) {
		if m.UnitID == f.a.ID && m.Kind == store.KindReminderDue {
			t.Errorf("unit a has reminder %s (%s) after sending its report", m.DedupeKey, m.Status)
		}
	}

	// The same for a chase by the office.
	got, err := f.s.EnqueueNudge(ctx, store.Actor{UserID: f.office.ID}, r.ID, nudgeMsgs(r, "k1", f.a, f.b), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if got.Queued != 1 || !slices.Equal(got.Sent, []int64{f.a.ID}) {
		t.Errorf("EnqueueNudge = %+v, want 1 queued (unit b's) and unit a named as having sent", got)
	}
	for _, m := range f.outboxByKey(t, r) {
		if m.UnitID == f.a.ID && m.Kind == store.KindAdhoc {
			t.Errorf("unit a was chased (%s) after sending its report", m.DedupeKey)
		}
	}

	// Once its report is returned, unit a owes again and is reminded.
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID,
		store.ActRequest{Action: tiendo.ReportReturn, Version: sent.Version, Comment: "Bổ sung số liệu nhiệm vụ 1."}); err != nil {
		t.Fatal(err)
	}
	again := &store.Message{Kind: store.KindReminderOverdue, DedupeKey: fmt.Sprintf("remind:%d:%d:overdue", r.ID, f.a.ID),
		RoundID: r.ID, UnitID: f.a.ID, Email: "pnv@huulung.example", Subject: "Báo cáo đã quá hạn"}
	if n, err := f.s.Enqueue(ctx, again); err != nil || n != 1 || again.ID == 0 {
		t.Errorf("Enqueue for a returned report = %d, %v (ID %d); want it queued", n, err, again.ID)
	}
}

// Units submit while the planner queues, over and over, reminders for all
// of them from one read made before. On SQLite the planner's check runs
// after a submission or before it (and the submission then cancels what
// was queued); on PostgreSQL a submission can commit between the check and
// the planner's commit, so the claim cancels those. Either way no
// reminder goes out to a unit that has sent: the claim takes none, and
// none is left waiting. About half of the units start with no report at
// all, and create it with the submission's own save.
func TestRemindersCrossingSubmissions(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, tiendo.DeadlineBefore(2026, 6, 12).Add(-3*time.Hour))
	const n = 24
	type member struct {
		unit *tiendo.Unit
		user *tiendo.User
	}
	var members []member
	r := &tiendo.Round{Title: "Báo cáo quý II", Deadline: tiendo.DeadlineBefore(2026, 6, 12), Status: tiendo.RoundOpen}
	task := &tiendo.Task{Label: "1", Text: "Nhiệm vụ chung"}
	for i := range n {
		u := &tiendo.Unit{Code: fmt.Sprintf("x%02d", i), Name: fmt.Sprintf("Xã số %d", i)}
		if err := f.s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		rep := &tiendo.User{Username: u.Code, Role: tiendo.RoleReporter, UnitID: u.ID}
		if err := f.s.CreateUser(ctx, store.Actor{}, rep, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
		members = append(members, member{u, rep})
		r.UnitIDs = append(r.UnitIDs, u.ID)
		task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: u.ID, Role: tiendo.Lead})
	}
	r.Tasks = []*tiendo.Task{task}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	// Half the units have a draft; the others will create their report
	// with the submission's own save.
	for _, m := range members[:n/2] {
		rep, err := f.s.Report(ctx, m.user, r.ID, m.unit.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.SaveReport(ctx, store.Actor{}, m.user, rep); err != nil {
			t.Fatal(err)
		}
	}

	done := make(chan struct{})
	planned := make(chan error, 1)
	go func() {
		var err error
		for i := 0; err == nil; i++ {
			select {
			case <-done:
				planned <- nil
				return
			default:
			}
			var msgs []*store.Message
			for _, m := range members {
				msgs = append(msgs, &store.Message{Kind: store.KindReminderBefore, DedupeKey: fmt.Sprintf("remind:%d:%d:%d", r.ID, m.unit.ID, i),
					RoundID: r.ID, UnitID: m.unit.ID, Email: m.unit.Code + "@huulung.example", Subject: "Sắp đến hạn gửi báo cáo"})
			}
			_, err = f.s.Enqueue(ctx, msgs...)
		}
		planned <- err
	}()
	errs := make(chan error, n)
	for _, m := range members {
		go func() {
			rep, err := f.s.Report(ctx, m.user, r.ID, m.unit.ID)
			if err == nil {
				fill(rep, "Đã hoàn thành", 75)
				err = f.s.SaveReport(ctx, store.Actor{}, m.user, rep)
			}
			if err == nil {
				_, err = f.s.ActOnReport(ctx, store.Actor{UserID: m.user.ID}, m.user, r.ID, m.unit.ID, submit(rep.Version))
			}
			errs <- err
		}()
	}
	for range members {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	close(done)
	if err := <-planned; err != nil {
		t.Fatal(err)
	}
	claimed, err := f.s.ClaimMessages(ctx, "w", 10000, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range claimed {
		if m.Kind == store.KindReminderBefore {
			t.Errorf("reminder %s was claimed to be sent to a unit that has sent its report", m.DedupeKey)
		}
	}
	queued := 0
	for _, m := range f.outboxByKey(t, r) {
		if m.Kind != store.KindReminderBefore {
			continue
		}
		queued++
		if m.Status != store.MessageCancelled {
			t.Errorf("reminder %s is %s, want cancelled: its unit has sent its report", m.DedupeKey, m.Status)
		}
	}
	if queued == 0 {
		t.Error("the planner queued no reminder while the units were submitting; the test did not cross them")
	}
}
