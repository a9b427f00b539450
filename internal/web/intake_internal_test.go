package web

import (
	"testing"

	"tiendo/internal/directive"
)

// A task the box names is never "nhiệm vụ " and nothing: one without a
// number is named by its place; a unique number needs nothing more.
func TestWarnedTasksNames(t *testing.T) {
	t.Parallel()
	warn := []directive.Warning{{Message: "x"}}
	tasks := []intakeTask{
		{Label: "1", Line: 5, Warnings: warn},
		{Label: "", Warnings: warn},
		{Label: "  ", Line: 9, Warnings: warn},
		{Label: "3", Line: 11},
		{Label: "3", Line: 12, Warnings: append(warn, warn...)},
	}
	var got []string
	for _, w := range warnedTasks(tasks) {
		got = append(got, w.Name())
	}
	want := []string{"nhiệm vụ 1", "nhiệm vụ thứ 2", "nhiệm vụ thứ 3", "nhiệm vụ 3 ở dòng 12"}
	if len(got) != len(want) {
		t.Fatalf("names %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("task %d named %q, want %q", i, got[i], want[i])
		}
	}
	if w := warnedTasks(tasks); w[3].Index != 4 || w[3].Count != 2 {
		t.Errorf("last warned task: index %d, count %d; want 4, 2", w[3].Index, w[3].Count)
	}
}
