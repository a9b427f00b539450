package store_test

import (
	"strconv"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// The office's figures count only the values it has received: a unit's
// draft, and a report returned to it for revision, are still the unit's
// work, as the consolidation has it (tiendo.ReportStatus.Sent). The round's
// values (RoundActuals) and the target's series (Series) agree.
func TestRoundActualsCountOnlySentReports(t *testing.T) {
	f := newFixture(t)
	deadline := tiendo.DeadlineBefore(2022, 6, 7)
	r := f.newRound(t, deadline)
	f.s.Now = func() time.Time { return deadline.Add(-48 * time.Hour) }
	target := r.Tasks[0].Targets[0].ID
	check := func(step string, want *float64) {
		t.Helper()
		actuals, err := f.s.RoundActuals(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got *float64
		for _, a := range actuals {
			if a.UnitID == f.a.ID && a.TargetID == target {
				got = a.Value
			}
		}
		if !sameValue(got, want) {
			t.Errorf("%s: RoundActuals gives unit a %s, want %s", step, show(got), show(want))
		}
		_, points, err := f.s.Series(ctx, f.office, target)
		if err != nil {
			t.Fatal(err)
		}
		if len(points) != 1 || !sameValue(points[0].Value, want) {
			var v *float64
			if len(points) == 1 {
				v = points[0].Value
			}
			t.Errorf("%s: Series gives %d points, unit a %s; want 1 point, %s", step, len(points), show(v), show(want))
		}
	}
	num := func(f float64) *float64 { return &f }

	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Bản nháp", 64)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	check("a draft", nil)

	sub, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version))
	if err != nil {
		t.Fatal(err)
	}
	check("submitted", num(64))

	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Bổ sung số liệu")); err != nil {
		t.Fatal(err)
	}
	check("returned", nil)
	rev, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rev, "Bản đang sửa", 72)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rev); err != nil {
		t.Fatal(err)
	}
	check("returned, being revised", nil)

	re, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rev.Version))
	if err != nil {
		t.Fatal(err)
	}
	check("resubmitted", num(72))
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportAccept, re.Version, "")); err != nil {
		t.Fatal(err)
	}
	check("accepted", num(72))
}

// ReportingHistory says which rounds still take reports, so that a unit
// is not counted as failing a round whose deadline has not come.
func TestReportingHistorySaysWhichRoundsAreOpen(t *testing.T) {
	f := newFixture(t)
	deadline := time.Now().Add(72 * time.Hour).Truncate(time.Second)
	r := f.newRound(t, deadline)
	history := func() store.UnitRoundRate {
		t.Helper()
		hs, err := f.s.ReportingHistory(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			if h.UnitID == f.a.ID {
				return h
			}
		}
		t.Fatalf("history = %+v, want unit a's round", hs)
		return store.UnitRoundRate{}
	}
	if h := history(); !h.Open || h.Received || h.RoundID != r.ID || !h.Deadline.Equal(deadline) {
		t.Errorf("open round, nothing sent: %+v; want open, not received, deadline %v", h, deadline)
	}
	if err := f.s.CloseRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	if h := history(); h.Open {
		t.Errorf("closed round: %+v, want not open", h)
	}
}

func sameValue(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func show(v *float64) string {
	if v == nil {
		return "no value"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
