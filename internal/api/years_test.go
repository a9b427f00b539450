package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// POST /api/v1/rounds/{id}/years is the round page's "Đổi thành năm N":
// a draft's earlier years become its period's, a law's year stays, the
// answer counts the texts changed and carries the round. A unit's user may
// not, a second call has nothing left to change, a published round is
// refused with 409 and a draft with no period with 422.
func TestRoundMoveYears(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok, rep := x.login("vanphong"), x.login("pnv")
	unit := x.round.UnitIDs[0]
	draft := &tiendo.Round{Title: "Báo cáo năm 2027", Deadline: time.Now().Add(240 * time.Hour), UnitIDs: []int64{unit},
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2027},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Tuyển quân năm 2022 theo Luật Nghĩa vụ quân sự năm 2015",
			Assignees: []tiendo.Assignee{{UnitID: unit, Role: tiendo.Lead}},
			Targets:   []*tiendo.Target{{Text: "hoàn thành 100% chỉ tiêu năm 2022", Comparator: tiendo.Equal, Value: 100, Unit: "%"}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/rounds/%d/years", draft.ID)

	if code, out := x.post(path, rep, "application/json", nil); code != http.StatusForbidden || errCode(out) != "forbidden" {
		t.Errorf("a reporter moves the years: %d %v, want 403", code, out)
	}
	code, out := x.post(path, tok, "application/json", nil)
	if code != http.StatusOK || out["changed"] != float64(2) {
		t.Fatalf("move the years: %d %v, want 200 with 2 texts changed", code, out)
	}
	round, _ := out["round"].(map[string]any)
	tasks, _ := round["tasks"].([]any)
	if len(tasks) != 1 {
		t.Fatalf("the answer's round: %v, want its one task", round)
	}
	task := tasks[0].(map[string]any)
	target := task["targets"].([]any)[0].(map[string]any)
	if task["text"] != "Tuyển quân năm 2027 theo Luật Nghĩa vụ quân sự năm 2015" || target["text"] != "hoàn thành 100% chỉ tiêu năm 2027" {
		t.Errorf("after the move: task %q, target %q; want 2027 in both and the law's 2015 kept", task["text"], target["text"])
	}
	if code, out := x.post(path, tok, "application/json", nil); code != http.StatusOK || out["changed"] != float64(0) {
		t.Errorf("moving again: %d %v, want 200 with nothing changed", code, out)
	}
	if err := x.st.PublishRound(context.Background(), store.Actor{}, draft.ID); err != nil {
		t.Fatal(err)
	}
	if code, out := x.post(path, tok, "application/json", nil); code != http.StatusConflict || !strings.Contains(fmt.Sprint(out), "đã phát hành") {
		t.Errorf("a published round: %d %v, want 409 saying it is published", code, out)
	}
	if code, out := x.post("/api/v1/rounds/999999/years", tok, "application/json", nil); code != http.StatusNotFound {
		t.Errorf("no such round: %d %v, want 404", code, out)
	}
	noPeriod := &tiendo.Round{Title: "Đợt chưa có kỳ", Deadline: time.Now().Add(240 * time.Hour), UnitIDs: []int64{unit},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Tuyển quân năm 2022", Assignees: []tiendo.Assignee{{UnitID: unit, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, noPeriod); err != nil {
		t.Fatal(err)
	}
	if code, out := x.post(fmt.Sprintf("/api/v1/rounds/%d/years", noPeriod.ID), tok, "application/json", nil); code != http.StatusUnprocessableEntity || errCode(out) != "invalid" || !strings.Contains(fmt.Sprint(out), "chưa có kỳ báo cáo") {
		t.Errorf("a draft with no period: %d %v, want 422 asking for the period first", code, out)
	}
}
