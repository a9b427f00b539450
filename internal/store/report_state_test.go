package store_test

import (
	"reflect"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// UnitReportState reads one unit's state as ReportStates has it, and nil
// for a unit the round does not ask to report.
func TestUnitReportState(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, tiendo.DeadlineBefore(2030, 6, 7))
	other := &tiendo.Unit{Code: "ptckh", Name: "Phòng Tài chính - Kế hoạch"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, other); err != nil {
		t.Fatal(err)
	}
	rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	fill(rep, "Đang triển khai", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	all, err := f.s.ReportStates(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		unit   int64
		status tiendo.ReportStatus
	}{{f.a.ID, tiendo.ReportDraft}, {f.b.ID, tiendo.ReportMissing}} {
		got, err := f.s.UnitReportState(ctx, r.ID, c.unit)
		if err != nil || got == nil || got.Status != c.status || !reflect.DeepEqual(got, all[c.unit]) {
			t.Errorf("UnitReportState(%d) = %+v, %v; want %s, as ReportStates has it: %+v", c.unit, got, err, c.status, all[c.unit])
		}
	}
	if got, err := f.s.UnitReportState(ctx, r.ID, other.ID); err != nil || got != nil {
		t.Errorf("UnitReportState of a unit not in the round = %+v, %v; want nil", got, err)
	}
}
