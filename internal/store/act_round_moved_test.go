package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A unit's step is judged (on time or late, allowed in a locked round) on
// the round as read before its transaction. When the office changes the
// round in between (a unit's own deadline given or withdrawn, the round
// locked), the step is judged again on the round as it now is.
func TestStepJudgedOnTheRoundAsItNowIs(t *testing.T) {
	type setup struct {
		own    bool // unit a has a deadline of its own, to 14/06
		locked bool // the round is locked after its deadline
	}
	for _, c := range []struct {
		name    string
		setup   setup
		promise bool
		// meanwhile is the office's change between the step's reads and
		// its transaction.
		meanwhile func(f *fixture, r *tiendo.Round) error
		late      bool   // the report is sent, late or not
		refused   string // or refused, with this in its message
	}{
		{name: "own deadline withdrawn: late", setup: setup{own: true},
			meanwhile: withdraw, late: true},
		{name: "own deadline withdrawn, promised on time: asked again", setup: setup{own: true}, promise: true,
			meanwhile: withdraw, refused: "Đã quá hạn trong lúc chờ xác nhận"},
		{name: "own deadline withdrawn in a locked round: refused", setup: setup{own: true, locked: true},
			meanwhile: withdraw, refused: "khóa đợt báo cáo"},
		{name: "own deadline given: on time", setup: setup{},
			meanwhile: func(f *fixture, r *tiendo.Round) error {
				_, err := f.s.ExtendUnitDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 14), "")
				return err
			}, late: false},
		{name: "round locked: refused", setup: setup{},
			meanwhile: func(f *fixture, r *tiendo.Round) error {
				return f.s.LockRound(ctx, store.Actor{UserID: f.office.ID}, r.ID, true)
			}, refused: "khóa đợt báo cáo"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
			office := store.Actor{UserID: f.office.ID}
			r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 8)) // passed
			if c.setup.locked {
				if err := f.s.LockRound(ctx, office, r.ID, true); err != nil {
					t.Fatal(err)
				}
			}
			if c.setup.own {
				if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 14), ""); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
			if err != nil {
				t.Fatal(err)
			}
			fill(rep, "Đã hoàn thành kế hoạch quý", 80)
			if err := f.s.SaveReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, rep); err != nil {
				t.Fatal(err)
			}
			var changed error
			store.SetHookBeforeActTx(func() { changed = c.meanwhile(f, r) })
			defer store.SetHookBeforeActTx(nil)
			got, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID,
				store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, PromisedOnTime: c.promise})
			if changed != nil {
				t.Fatalf("the office's change: %v", changed)
			}
			now, rerr := f.s.Report(ctx, f.office, r.ID, f.a.ID)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if c.refused != "" {
				var e *tiendo.Error
				if !errors.As(err, &e) || !strings.Contains(e.Message, c.refused) {
					t.Fatalf("ActOnReport: %v, want a refusal saying %q", err, c.refused)
				}
				if now.Status != tiendo.ReportDraft || now.Version != rep.Version {
					t.Errorf("after the refusal the report is %s v%d, want the draft v%d untouched", now.Status, now.Version, rep.Version)
				}
				return
			}
			if err != nil {
				t.Fatalf("ActOnReport: %v", err)
			}
			if got.Late != c.late || now.Late != c.late || now.Status != tiendo.ReportSubmitted {
				t.Errorf("sent as late=%v, stored %s late=%v; want submitted late=%v", got.Late, now.Status, now.Late, c.late)
			}
		})
	}
}

func withdraw(f *fixture, r *tiendo.Round) error {
	_, err := f.s.WithdrawUnitDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 14))
	return err
}
