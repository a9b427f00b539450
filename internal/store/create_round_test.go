package store_test

import (
	"fmt"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// A round for more units than one statement inserts keeps every unit and
// every assignment, across the statements that write them.
func TestCreateRoundManyUnits(t *testing.T) {
	f := newFixture(t)
	const n = 650 // more than two statements' worth of rows
	var ids []int64
	var leads []tiendo.Assignee
	for i := range n {
		u := &tiendo.Unit{Code: fmt.Sprintf("xa-%03d", i), Name: fmt.Sprintf("Ủy ban nhân dân xã Số %d", i)}
		if err := f.s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
		leads = append(leads, tiendo.Assignee{UnitID: u.ID, Role: tiendo.Lead})
	}
	r := &tiendo.Round{
		Title: "Báo cáo quý III", Deadline: tiendo.DeadlineBefore(2030, 9, 20), Status: tiendo.RoundOpen,
		Period:  tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2030, Index: 3},
		UnitIDs: ids,
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Thu ngân sách xã", Assignees: leads},
			{Label: "2", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: ids[0], Role: tiendo.Lead}, {UnitID: f.a.ID, Role: tiendo.Support}}},
		},
	}
	if err := f.s.CreateRound(ctx, store.Actor{UserID: f.office.ID}, r); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.UnitIDs) != n+1 || len(got.Tasks) != 2 || len(got.Tasks[0].Assignees) != n || len(got.Tasks[1].Assignees) != 2 {
		t.Fatalf("round read back: %d units, %d tasks; want %d units and the tasks' %d and 2 assignees", len(got.UnitIDs), len(got.Tasks), n+1, n)
	}
	states, err := f.s.ReportStates(ctx, r.ID)
	if err != nil || len(states) != n+1 {
		t.Errorf("ReportStates = %d states, %v; want %d", len(states), err, n+1)
	}
}

// A task given to one unit twice is refused with a message that says so,
// and nothing of the round is kept.
func TestCreateRoundUnitTwice(t *testing.T) {
	f := newFixture(t)
	before, err := f.s.Rounds(ctx, f.office)
	if err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{
		Title: "Báo cáo quý III", Deadline: tiendo.DeadlineBefore(2030, 9, 20), Status: tiendo.RoundOpen,
		Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2030, Index: 3},
		Tasks: []*tiendo.Task{{Label: "3", Text: "Thu ngân sách", Assignees: []tiendo.Assignee{
			{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Support}, {UnitID: f.a.ID, Role: tiendo.Support}}}},
	}
	err = f.s.CreateRound(ctx, store.Actor{UserID: f.office.ID}, r)
	if code(err) != tiendo.EINVALID || !strings.Contains(err.Error(), "Nhiệm vụ 3 giao cho một đơn vị hai lần") {
		t.Fatalf("CreateRound = %v, want the task given twice refused", err)
	}
	if after, _ := f.s.Rounds(ctx, f.office); len(after) != len(before) {
		t.Errorf("rounds after the refusal: %d, want %d", len(after), len(before))
	}
}

// BenchmarkCreateRound saves a national round: 3,321 communes, twelve
// tasks each of them leads.
func BenchmarkCreateRound(b *testing.B) {
	s := storetest.Open(b)
	f := provinceFile(b, 3320)
	plan, err := s.PlanBulk(ctx, &bulk.File{Units: f.Units})
	if err != nil || !plan.OK() {
		b.Fatal(err)
	}
	if _, err := s.ApplyBulk(ctx, store.Actor{}, &bulk.File{Units: f.Units}, plan.Fingerprint(), 0); err != nil {
		b.Fatal(err)
	}
	units, err := s.Units(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		r := &tiendo.Round{Title: "Báo cáo quý III", Deadline: tiendo.DeadlineBefore(2030, 9, 20), Status: tiendo.RoundOpen,
			Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2030, Index: 3}}
		var leads []tiendo.Assignee
		for _, u := range units {
			r.UnitIDs = append(r.UnitIDs, u.ID)
			leads = append(leads, tiendo.Assignee{UnitID: u.ID, Role: tiendo.Lead})
		}
		for i := range 12 {
			r.Tasks = append(r.Tasks, &tiendo.Task{Label: fmt.Sprint(i + 1), Text: "Nhiệm vụ trọng tâm", Assignees: leads})
		}
		if err := s.CreateRound(ctx, store.Actor{}, r); err != nil {
			b.Fatal(err)
		}
	}
}
