package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// A unit's user reading the whole round (the round page, the API's round)
// reads it as its unit takes part in it, as RoundForUnit and Rounds give
// it: RoundAsUnit gives the unit's own deadline, the one first given, and
// a round locked after its deadline as not locked while the unit's own has
// not passed. Another unit, and the round itself, keep the round's; the
// round passed in is not changed.
func TestRoundAsUnit(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	roundDeadline := tiendo.DeadlineBefore(2026, 6, 9) // passed
	r := f.newRound(t, roundDeadline)
	own := tiendo.DeadlineBefore(2026, 6, 14)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, "Trưởng phòng đi công tác"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.LockRound(ctx, office, r.ID, true); err != nil {
		t.Fatal(err)
	}
	round, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil || round.LockedAt.IsZero() {
		t.Fatalf("Round = %+v, %v; want it locked", round, err)
	}

	got, err := f.s.RoundAsUnit(ctx, round, f.a.ID)
	if err != nil || !got.Deadline.Equal(own) || !got.OriginalDeadline.Equal(roundDeadline) || !got.LockedAt.IsZero() {
		t.Errorf("RoundAsUnit(unit a) = %+v, %v; want its own deadline %v, first given %v, not locked", got, err, own, roundDeadline)
	}
	if len(got.Tasks) != len(round.Tasks) || len(got.UnitIDs) != len(round.UnitIDs) {
		t.Errorf("RoundAsUnit(unit a) lost the round's tasks or units: %+v", got)
	}
	if !round.Deadline.Equal(roundDeadline) || !round.OriginalDeadline.IsZero() || round.LockedAt.IsZero() {
		t.Errorf("RoundAsUnit changed the round passed in: %+v", round)
	}
	// What the unit reads of the round agrees with its report page's round.
	if forUnit, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil || !forUnit.Deadline.Equal(got.Deadline) ||
		!forUnit.OriginalDeadline.Equal(got.OriginalDeadline) || !forUnit.LockedAt.Equal(got.LockedAt) {
		t.Errorf("RoundForUnit(unit a) = %+v, %v; want what RoundAsUnit gives", forUnit, err)
	}
	got, err = f.s.RoundAsUnit(ctx, round, f.b.ID)
	if err != nil || !got.Deadline.Equal(roundDeadline) || !got.OriginalDeadline.IsZero() || got.LockedAt.IsZero() {
		t.Errorf("RoundAsUnit(unit b) = %+v, %v; want the round's deadline, locked", got, err)
	}
	stranger := &tiendo.Unit{Code: "ttyt", Name: "Trung tâm Y tế"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, stranger); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.RoundAsUnit(ctx, round, stranger.ID); err != nil || !got.Deadline.Equal(roundDeadline) {
		t.Errorf("RoundAsUnit(a unit not asked) = %+v, %v; want the round's deadline", got, err)
	}
	// Once the unit's own deadline has passed, the lock holds it too.
	newClock(f.s, time.Date(2026, 6, 15, 9, 0, 0, 0, tiendo.Zone))
	if got, err := f.s.RoundAsUnit(ctx, round, f.a.ID); err != nil || !got.Deadline.Equal(own) || got.LockedAt.IsZero() {
		t.Errorf("RoundAsUnit(unit a) after its own deadline = %+v, %v; want its deadline, locked", got, err)
	}
}

// ExtendUnitDeadline says how many in-app notices and e-mails it queued to
// tell the unit, so that the office knows when nobody was told: the unit's
// active users get a notice (a disabled one and the other unit's users do
// not), those with an address and the unit's mailbox an e-mail.
func TestExtendUnitDeadlineCounts(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	f.withEmail(t, f.repA, "pnv@huulung.example")
	second := &tiendo.User{Username: "pnv2", Role: tiendo.RoleUnitHead, UnitID: f.a.ID}
	gone := &tiendo.User{Username: "pnv3", Role: tiendo.RoleReporter, UnitID: f.a.ID, Email: "cu@huulung.example"}
	other := &tiendo.User{Username: "cah2", Role: tiendo.RoleReporter, UnitID: f.b.ID, Email: "cah2@huulung.example"}
	for _, u := range []*tiendo.User{second, gone, other} {
		if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
	}
	gone.Disabled = true
	if err := f.s.UpdateUser(ctx, store.Actor{}, gone); err != nil {
		t.Fatal(err)
	}
	mailbox := &tiendo.Unit{Code: "ttyt", Name: "Trung tâm Y tế", Email: "ttyt@huulung.example"}
	nobody := &tiendo.Unit{Code: "dqltt", Name: "Đội Quản lý thị trường"}
	for _, u := range []*tiendo.Unit{mailbox, nobody} {
		if err := f.s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	r := &tiendo.Round{Title: "Báo cáo 6 tháng", Deadline: tiendo.DeadlineBefore(2026, 6, 12), Status: tiendo.RoundOpen,
		UnitIDs: []int64{f.a.ID, f.b.ID, mailbox.ID, nobody.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nâng chỉ số PAR INDEX", Assignees: []tiendo.Assignee{
			{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Lead}, {UnitID: mailbox.ID, Role: tiendo.Lead}, {UnitID: nobody.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, office, r); err != nil {
		t.Fatal(err)
	}
	own := tiendo.DeadlineBefore(2026, 6, 14)
	for _, c := range []struct {
		unit            *tiendo.Unit
		notices, emails int
	}{
		{f.a, 2, 1},     // pnv (with an address) and pnv2 (without); not pnv3, disabled
		{f.b, 2, 1},     // cah (without) and cah2 (with)
		{mailbox, 0, 1}, // no account: its mailbox
		{nobody, 0, 0},  // nobody to tell
	} {
		got, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, c.unit.ID, own, "")
		if err != nil || got.Notices != c.notices || got.Emails != c.emails {
			t.Errorf("ExtendUnitDeadline(%s) = %+v, %v; want %d notices and %d e-mails", c.unit.Code, got, err, c.notices, c.emails)
		}
	}
	if notes := f.extensionNotices(t, second); len(notes) != 1 || !strings.Contains(notes[0].Title, "của Phòng Nội vụ được gia hạn") {
		t.Errorf("pnv2's notices: %+v, want the one of its unit's extension", notes)
	}
	if notes := f.extensionNotices(t, other); len(notes) != 1 || !strings.Contains(notes[0].Title, "của Công an huyện được gia hạn") {
		t.Errorf("cah2's notices: %+v, want only the one of its own unit's extension", notes)
	}
}

// An extension for a unit whose report is being sent, on another
// connection, in a transaction not yet committed: the extension waits for
// it and is refused, with the reason, rather than reading the report as not
// sent and giving the unit a deadline (and a notice asking for the report)
// it no longer needs. Both with a report the unit had saved as a draft
// (the submission updates its row) and with none (the submission creates
// it). On PostgreSQL the test checks that the extension was indeed waiting
// for the submission before letting the submission commit.
func TestExtendUnitDeadlineWaitsForASubmission(t *testing.T) {
	for _, draft := range []bool{true, false} {
		name := map[bool]string{true: "a draft sent", false: "a report sent at once"}[draft]
		t.Run(name, func(t *testing.T) {
			dsn := storetest.DSN(t)
			s, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			f := fixtureOn(t, s)
			newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
			r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
			if draft {
				rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
				if err != nil {
					t.Fatal(err)
				}
				fill(rep, "Đang làm", 50)
				if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
					t.Fatal(err)
				}
			}
			db, rebind := rawDB(t, dsn)
			pg := !strings.HasPrefix(dsn, "sqlite:")
			// The submission, up to its commit: the statement that marks
			// the report sent, as ActOnReport's.
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			var pid int
			if pg {
				if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
					t.Fatal(err)
				}
			}
			if draft {
				_, err = tx.ExecContext(ctx, rebind(`UPDATE unit_reports SET status = ?, version = version + 1, submitted_at = CURRENT_TIMESTAMP
					WHERE round_id = ? AND unit_id = ?`), tiendo.ReportSubmitted, r.ID, f.a.ID)
			} else {
				_, err = tx.ExecContext(ctx, rebind(`INSERT INTO unit_reports (round_id, unit_id, status, version, submitted_at, late, updated_at)
					VALUES (?, ?, ?, 1, CURRENT_TIMESTAMP, FALSE, CURRENT_TIMESTAMP)`), r.ID, f.a.ID, tiendo.ReportSubmitted)
			}
			if err != nil {
				t.Fatal(err)
			}

			done := make(chan error, 1)
			go func() {
				_, err := f.s.ExtendUnitDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 14), "")
				done <- err
			}()
			// Wait until the extension waits for the submission (on
			// PostgreSQL, seen in pg_stat_activity; on SQLite, where it
			// waits for the one writer, give it time to).
			waiting := !pg
			for deadline := time.Now().Add(10 * time.Second); !waiting && time.Now().Before(deadline); {
				select {
				case err := <-done:
					t.Fatalf("the extension ended while the submission was not committed: %v; want it to wait for the submission", err)
				case <-time.After(20 * time.Millisecond):
				}
				var n int
				if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, pid).Scan(&n); err != nil {
					t.Fatal(err)
				}
				waiting = n > 0
			}
			if !pg {
				time.Sleep(200 * time.Millisecond)
			}
			if !waiting {
				t.Fatal("the extension neither ended nor waited for the submission within 10 s")
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			var e *tiendo.Error
			select {
			case err := <-done:
				if !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Fields["unit"], "Phòng Nội vụ đã gửi báo cáo nên không cần gia hạn") {
					t.Errorf("extension while the report was being sent: %v, want it refused as sent", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the extension did not end after the submission committed")
			}
			if got, err := f.s.UnitDeadlines(ctx, r.ID); err != nil || len(got) != 0 {
				t.Errorf("unit deadlines: %+v, %v; want none", got, err)
			}
			if notes := f.extensionNotices(t, f.repA); len(notes) != 0 {
				t.Errorf("the unit was told of an extension refused: %+v", notes)
			}
		})
	}
}
