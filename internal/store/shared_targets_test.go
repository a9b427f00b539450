package store_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// Two units lead one task "căn cứ chức năng nhiệm vụ" and share its targets
// out: each reports the values of its own targets only, and a target given
// to a unit that does not lead the task is refused.
func TestSharedTargets(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{
		Title: "Báo cáo 6 tháng", Deadline: time.Now().Add(time.Hour), Status: tiendo.RoundOpen,
		Period:  tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1},
		UnitIDs: []int64{f.a.ID, f.b.ID},
		Tasks: []*tiendo.Task{{Label: "7", Text: "Giảm tỷ lệ hộ nghèo; xây dựng 02 trường đạt chuẩn; tỷ lệ trẻ ra lớp đạt 42%",
			Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "Giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease", ReportedBy: f.a.ID},
				{Text: "Xây dựng 02 trường đạt chuẩn", Comparator: tiendo.Equal, Value: 2, Unit: "trường", ReportedBy: f.b.ID},
				{Text: "Tỷ lệ trẻ ra lớp đạt 42%", Comparator: tiendo.AtLeast, Value: 42, Unit: "%"},
			}}},
	}
	if err := f.s.CreateRound(ctx, store.Actor{UserID: f.office.ID}, r); err != nil {
		t.Fatal(err)
	}
	poverty, schools, creche := r.Tasks[0].Targets[0], r.Tasks[0].Targets[1], r.Tasks[0].Targets[2]

	got, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var by []int64
	for _, tg := range got.Tasks[0].Targets {
		by = append(by, tg.ReportedBy)
	}
	if want := []int64{f.a.ID, f.b.ID, 0}; !slices.Equal(by, want) {
		t.Errorf("reported_by read back = %v, want %v", by, want)
	}

	// Each unit's report asks for its own targets and those left to all.
	for _, c := range []struct {
		user *tiendo.User
		unit int64
		want []int64
	}{{f.repA, f.a.ID, []int64{poverty.ID, creche.ID}}, {f.repB, f.b.ID, []int64{schools.ID, creche.ID}}} {
		rep, err := f.s.Report(ctx, c.user, r.ID, c.unit)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, a := range rep.Sections[0].Actuals {
			ids = append(ids, a.TargetID)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("unit %d's report asks for targets %v, want %v", c.unit, ids, c.want)
		}
		fill(rep, "Đã triển khai.", 2)
		if err := f.s.SaveReport(ctx, store.Actor{}, c.user, rep); err != nil {
			t.Fatalf("unit %d saves its own targets: %v", c.unit, err)
		}
	}

	// A target's history lists the unit that reports it, not every lead
	// unit of its task with "no value".
	_, points, err := f.s.Series(ctx, f.office, poverty.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != 1 || points[0].UnitID != f.a.ID {
		t.Errorf("poverty target's series = %+v, want one point, unit a's", points)
	}
	if _, points, _ = f.s.Series(ctx, f.office, creche.ID); len(points) != 2 {
		t.Errorf("a target every lead unit reports has %d points, want 2", len(points))
	}

	// The next period's round shares its targets out the same way.
	next, err := f.s.CreateSuccessor(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID,
		store.Successor{Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2022}, Deadline: time.Now().Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	by = by[:0]
	for _, tg := range next.Tasks[0].Targets {
		by = append(by, tg.ReportedBy)
	}
	if want := []int64{f.a.ID, f.b.ID, 0}; !slices.Equal(by, want) {
		t.Errorf("the successor's reported_by = %v, want %v", by, want)
	}

	// A value for another unit's target is refused, and nothing is written.
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	version := rep.Version
	v := 5.0
	rep.Sections[0].Actuals = append(rep.Sections[0].Actuals, tiendo.Actual{TargetID: schools.ID, Value: &v})
	err = f.s.SaveReport(ctx, store.Actor{}, f.repA, rep)
	if code(err) != tiendo.EINVALID || !strings.Contains(tiendo.ErrorMessage(err), "do đơn vị khác báo cáo") {
		t.Errorf("unit a saves a value of unit b's target: %v, want EINVALID naming the other unit", err)
	}
	after, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if after.Version != version {
		t.Errorf("version %d after a refused save, want %d", after.Version, version)
	}
	for _, a := range after.Sections[0].Actuals {
		if a.TargetID == schools.ID {
			t.Errorf("unit a's report holds unit b's target after a refused save: %+v", a)
		}
	}

	// A target given to a unit that only supports the task is refused.
	bad := &tiendo.Round{Title: "Báo cáo quý", Deadline: time.Now().Add(time.Hour), Status: tiendo.RoundDraft,
		Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2022, Index: 3}, UnitIDs: []int64{f.a.ID, f.b.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Xây dựng 02 trường đạt chuẩn",
			Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Support}},
			Targets:   []*tiendo.Target{{Text: "02 trường", Comparator: tiendo.Equal, Value: 2, Unit: "trường", ReportedBy: f.b.ID}}}}}
	err = f.s.CreateRound(ctx, store.Actor{UserID: f.office.ID}, bad)
	var e *tiendo.Error
	if code(err) != tiendo.EINVALID || !errors.As(err, &e) || e.Fields["tasks[0].targets[0].reported_by"] == "" {
		t.Errorf("a target given to a supporting unit: %v, want EINVALID on tasks[0].targets[0].reported_by", err)
	}
}
