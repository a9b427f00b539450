package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

func TestWatchEndpoints(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	base := fmt.Sprintf("/api/v1/rounds/%d", x.round.ID)
	code, m := x.do("GET", base+"/matrix", office, nil)
	rows, _ := m["rows"].([]any)
	tasks, _ := m["tasks"].([]any)
	if code != 200 || len(rows) != 2 || len(tasks) != 2 {
		t.Fatalf("matrix: %d %v", code, m)
	}
	// Vietnamese order: "Công an huyện" before "Phòng Nội vụ".
	if rows[0].(map[string]any)["unit_code"] != "cah" {
		t.Errorf("first row = %v, want cah", rows[0])
	}
	if code, m := x.do("GET", base+"/matrix?state=on_time", office, nil); code != 200 || len(m["rows"].([]any)) != 0 {
		t.Errorf("matrix filtered on on_time: %d %v, want no rows", code, m)
	}
	code, rates := x.do("GET", base+"/rates", office, nil)
	round, _ := rates["round"].(map[string]any)
	if code != 200 || round["expected"] != float64(2) || round["missing"] != float64(2) || round["received"] != float64(0) {
		t.Errorf("rates: %d %v", code, rates)
	}
	code, tg := x.do("GET", base+"/targets", office, nil)
	list, _ := tg["targets"].([]any)
	if code != 200 || len(list) != 1 || list[0].(map[string]any)["verdict"] != "no_data" {
		t.Errorf("targets: %d %v", code, tg)
	}
	for _, p := range []string{"/matrix", "/rates", "/targets"} {
		if code, _ := x.do("GET", base+p, x.login("pnv"), nil); code != 403 {
			t.Errorf("a reporter GET %s: %d, want 403", p, code)
		}
	}
}

// Two tasks with one label (a directive's slip the intake warns about) get
// columns the matrix can tell apart; the label stays as written.
func TestMatrixColumnsOfOneLabel(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	unit := x.round.Tasks[0].Assignees[0].UnitID
	r := &tiendo.Round{Title: "Hai nhiệm vụ 12", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
		Tasks: []*tiendo.Task{
			{Label: "12", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: unit, Role: tiendo.Lead}}},
			{Label: "12", Text: "Chuyển đổi số", Assignees: []tiendo.Assignee{{UnitID: unit, Role: tiendo.Lead}}},
		}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	code, m := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d/matrix", r.ID), x.login("vanphong"), nil)
	tasks, _ := m["tasks"].([]any)
	if code != 200 || len(tasks) != 2 {
		t.Fatalf("matrix: %d %v", code, m)
	}
	for i, want := range []string{"12", "12 (2)"} {
		task := tasks[i].(map[string]any)
		if task["label"] != "12" || task["column"] != want {
			t.Errorf("task %d: label %v, column %v; want 12, %s", i, task["label"], task["column"], want)
		}
	}
}
