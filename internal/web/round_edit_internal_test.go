package web

import (
	"testing"

	"tiendo"
)

// The reporters' form lists a task shared by a few units, not one that
// every commune of a province leads.
func TestSharedTasksLeavesOutTasksOfManyUnits(t *testing.T) {
	t.Parallel()
	task := func(units int) *tiendo.Task {
		tk := &tiendo.Task{Targets: []*tiendo.Target{{ID: 1, Text: "02 trường"}}}
		for i := range units {
			tk.Assignees = append(tk.Assignees, tiendo.Assignee{UnitID: int64(i + 1), Role: tiendo.Lead})
		}
		return tk
	}
	r := &tiendo.Round{Tasks: []*tiendo.Task{task(1), task(3), task(maxReporterChoices), task(maxReporterChoices + 1)}}
	got := sharedTasks(r, nil)
	if len(got) != 2 || len(got[0].Choices) != 3 || len(got[1].Choices) != maxReporterChoices {
		t.Errorf("%d tasks on the form, want the two of 3 and %d units", len(got), maxReporterChoices)
	}
}
