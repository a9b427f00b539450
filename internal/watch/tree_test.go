package watch

import (
	"reflect"
	"testing"
	"time"

	"tiendo"
)

// A three-level tree: a province (not asked) over two departments and a
// commune, the departments over their offices.
func threeLevels() (*tiendo.Round, []*tiendo.Unit, map[int64]State) {
	units := []*tiendo.Unit{
		{ID: 1, Name: "UBND tỉnh"},
		{ID: 10, ParentID: 1, Name: "Sở Nông nghiệp"},
		{ID: 11, ParentID: 10, Name: "Chi cục Thủy lợi"},
		{ID: 12, ParentID: 10, Name: "Chi cục Kiểm lâm"},
		{ID: 20, ParentID: 1, Name: "Sở Xây dựng"},
		{ID: 21, ParentID: 20, Name: "Phòng Quy hoạch"},
		{ID: 30, ParentID: 1, Name: "Xã An Bình"},
		{ID: 40, ParentID: 1, Name: "Xã không được hỏi"},
	}
	due := time.Date(2026, 6, 7, 0, 0, 0, 0, tiendo.Zone)
	r := &tiendo.Round{Deadline: due, UnitIDs: []int64{10, 11, 12, 20, 21, 30}}
	onTime, late := due.Add(-time.Hour), due.Add(time.Hour)
	states := map[int64]State{
		10: {Status: tiendo.ReportSubmitted, SubmittedAt: onTime},
		11: {Status: tiendo.ReportSubmitted, SubmittedAt: onTime},
		12: {Status: tiendo.ReportSubmitted, SubmittedAt: late, Late: true},
		21: {Status: tiendo.ReportDraft},
		30: {Status: tiendo.ReportAccepted, SubmittedAt: onTime},
	}
	return r, units, states
}

func TestTreeRates(t *testing.T) {
	r, units, states := threeLevels()
	got := TreeRates(r, units, states)
	want := map[int64]Rates{
		1:  {Expected: 6, Received: 4, OnTime: 3, Late: 1, Missing: 2},
		10: {Expected: 3, Received: 3, OnTime: 2, Late: 1},
		11: {Expected: 1, Received: 1, OnTime: 1},
		12: {Expected: 1, Received: 1, Late: 1},
		20: {Expected: 2, Missing: 2},
		21: {Expected: 1, Missing: 1},
		30: {Expected: 1, Received: 1, OnTime: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TreeRates:\n got %+v\nwant %+v", got, want)
	}
	// The top of the tree agrees with the round's own rates.
	if got[1] != RoundRates(r, states) {
		t.Errorf("province %+v, round %+v", got[1], RoundRates(r, states))
	}
}

func TestRollUp(t *testing.T) {
	r, units, states := threeLevels()
	var got []string
	for _, row := range RollUp(r, units, states) {
		got = append(got, row.Unit.Name+"/"+string(rune('0'+row.Depth)))
	}
	want := []string{"UBND tỉnh/0", "Sở Nông nghiệp/1", "Sở Xây dựng/1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RollUp = %v, want %v", got, want)
	}
}

func TestReportingParent(t *testing.T) {
	r, units, _ := threeLevels()
	if got, want := ReportingParent(r, units), map[int64]int64{11: 10, 12: 10, 21: 20}; !reflect.DeepEqual(got, want) {
		t.Errorf("ReportingParent = %v, want %v", got, want)
	}
	if got, want := TopReporters(r, units), []int64{10, 20, 30}; !reflect.DeepEqual(got, want) {
		t.Errorf("TopReporters = %v, want %v", got, want)
	}
	if got, want := ReportsTo(r, units, 10), []int64{11, 12}; !reflect.DeepEqual(got, want) {
		t.Errorf("ReportsTo(10) = %v, want %v", got, want)
	}
	// When the department is not asked, its offices report to the office.
	r.UnitIDs = []int64{11, 12, 30}
	if got, want := TopReporters(r, units), []int64{11, 12, 30}; !reflect.DeepEqual(got, want) {
		t.Errorf("TopReporters without the department = %v, want %v", got, want)
	}
	// A cycle in the parent links (10 under 11 under 10) ends the walk
	// instead of looping: 11 finds no asked unit above it, 12 finds 11.
	units[1].ParentID = 11
	if got, want := ReportingParent(r, units), map[int64]int64{12: 11}; !reflect.DeepEqual(got, want) {
		t.Errorf("with a cycle: %v, want %v", got, want)
	}
}

func TestOfficeView(t *testing.T) {
	r, units, _ := threeLevels()
	lead := func(ids ...int64) (out []tiendo.Assignee) {
		for _, id := range ids {
			out = append(out, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		return out
	}
	r.Tasks = []*tiendo.Task{
		{ID: 1, Assignees: append(lead(10, 11), tiendo.Assignee{UnitID: 30, Role: tiendo.Support})},
		{ID: 2, Assignees: lead(21)},     // only an office: it reports itself
		{ID: 3, Assignees: lead(11, 12)}, // two offices, their department not on the task
		{ID: 4, Assignees: []tiendo.Assignee{{UnitID: 10, Role: tiendo.Support}, {UnitID: 11, Role: tiendo.Lead}, {UnitID: 12, Role: tiendo.Support}}},
	}
	v := OfficeView(r, units)
	ids := func(as []tiendo.Assignee) (out []int64) {
		for _, a := range as {
			out = append(out, a.UnitID)
		}
		return out
	}
	for i, want := range [][]int64{{10, 30}, {21}, {11, 12}, {10, 11}} {
		if got := ids(v.Tasks[i].Assignees); !reflect.DeepEqual(got, want) {
			t.Errorf("task %d keeps %v, want %v", i+1, got, want)
		}
	}
	// The round: the top reporters and the units kept on some task, in the
	// round's order (each once).
	if want := []int64{10, 11, 12, 20, 21, 30}; !reflect.DeepEqual(v.UnitIDs, want) {
		t.Errorf("units %v, want %v", v.UnitIDs, want)
	}
	// The order of the tasks does not change what each keeps.
	r.Tasks[0], r.Tasks[2] = r.Tasks[2], r.Tasks[0]
	if got := ids(OfficeView(r, units).Tasks[0].Assignees); !reflect.DeepEqual(got, []int64{11, 12}) {
		t.Errorf("reordered: task 3 keeps %v", got)
	}
	if len(r.Tasks[2].Assignees) != 3 || len(r.UnitIDs) != 6 {
		t.Error("OfficeView changed the round it was given")
	}
	r.UnitIDs = []int64{10, 20, 30}
	if OfficeView(r, units) != r {
		t.Error("a round without nested units should come back as it is")
	}
}

// A unit given one of the task's targets to report stays in the office's
// view under its leading parent: nobody else reports that figure.
func TestOfficeViewKeepsATargetsReporter(t *testing.T) {
	r, units, _ := threeLevels()
	r.Tasks = []*tiendo.Task{{ID: 1, Assignees: []tiendo.Assignee{{UnitID: 10, Role: tiendo.Lead}, {UnitID: 11, Role: tiendo.Lead}},
		Targets: []*tiendo.Target{
			{ID: 5, TaskID: 1, Comparator: tiendo.AtLeast, Value: 2, Unit: "trường", ReportedBy: 11},
			{ID: 6, TaskID: 1, Comparator: tiendo.AtLeast, Value: 90, Unit: "%"}, // every lead's: unit 10's figure holds 11's
		}}}
	v := OfficeView(r, units)
	var kept []int64
	for _, a := range v.Tasks[0].Assignees {
		kept = append(kept, a.UnitID)
	}
	if !reflect.DeepEqual(kept, []int64{10, 11}) {
		t.Errorf("task keeps %v, want [10 11]: unit 11 reports target 5", kept)
	}
	var rows []int64
	for _, row := range Targets(v, tiendo.Window{}, nil, nil, time.Time{}) {
		rows = append(rows, row.Target.ID*100+row.UnitID)
	}
	// Target 6 once, by the department; target 5 by the office it was
	// given to: none twice.
	if want := []int64{610, 511}; !reflect.DeepEqual(rows, want) {
		t.Errorf("the office's rows (target*100+unit) = %v, want %v", rows, want)
	}
}
