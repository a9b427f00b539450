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

// The unit head returns a report sent for review to the reporter
// (head-return), and the reporter takes one back (withdraw-review), as on
// the report page: same steps, same permissions.
func TestHeadReturnAndWithdrawOverAPI(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	pnv, err := x.st.UnitByCode(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	cah, err := x.st.UnitByCode(ctx, "cah")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []*tiendo.User{
		{Username: "tpnv", FullName: "Trưởng phòng Nội vụ", Role: tiendo.RoleUnitHead, UnitID: pnv.ID},
		{Username: "tcah", FullName: "Trưởng Công an", Role: tiendo.RoleUnitHead, UnitID: cah.ID},
	} {
		if err := x.st.CreateUser(ctx, store.Actor{}, u, pw); err != nil {
			t.Fatal(err)
		}
	}
	r := &tiendo.Round{Title: "Đợt cần lãnh đạo đơn vị duyệt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Việc của Nội vụ", Assignees: []tiendo.Assignee{{UnitID: pnv.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	reporter, head, otherHead, otherReporter, office := x.login("pnv"), x.login("tpnv"), x.login("tcah"), x.login("cah"), x.login("vanphong")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", r.ID)
	step := func(who, what, body string) (int, map[string]any) {
		t.Helper()
		return x.post(path+"/"+what, who, "application/json", []byte(body))
	}
	want := func(what string, code int, out map[string]any, wantCode int, status string, version int) {
		t.Helper()
		if code != wantCode || (status != "" && (out["status"] != status || out["version"] != float64(version))) {
			t.Fatalf("%s: %d %v, want %d %s version %d", what, code, out, wantCode, status, version)
		}
	}
	body := fmt.Sprintf(`{"version":0,"sections":[{"task_id":%d,"status":"on_track","result_vs_plan":"Đã triển khai."}]}`, r.Tasks[0].ID)
	code, out := x.put(path, reporter, []byte(body))
	want("save", code, out, 200, "draft", 1)

	// The round asks for the head's approval: the reporter cannot submit,
	// and is told which endpoint to use.
	code, out = step(reporter, "submit", `{"version":1}`)
	if code != http.StatusForbidden || !strings.Contains(errMessage(out), "/reports/pnv/review") || strings.Contains(errMessage(out), "bấm") {
		t.Errorf("the reporter submits: %d %v, want 403 naming POST …/review", code, out)
	}
	code, out = step(reporter, "review", `{"version":1}`)
	want("send for review", code, out, 200, "review", 2)

	// Only the unit's own head returns it, with a reason.
	for _, who := range []struct{ name, tok string }{{"the reporter", reporter}, {"the office", office}, {"another unit's head", otherHead}} {
		if code, out := step(who.tok, "head-return", `{"version":2,"comment":"Sửa lại."}`); code != http.StatusForbidden {
			t.Errorf("%s returns the report to the reporter: %d %v, want 403", who.name, code, out)
		}
	}
	code, out = step(head, "head-return", `{"version":2}`)
	if code != http.StatusUnprocessableEntity || errField(out, "comment") == "" {
		t.Errorf("head-return without a reason: %d %v, want 422 on comment", code, out)
	}
	code, out = step(head, "head-return", `{"version":2,"comment":"Bổ sung số liệu tháng 6."}`)
	want("head-return", code, out, 200, "draft", 3)
	if out["return_comment"] != "Bổ sung số liệu tháng 6." {
		t.Errorf("head-return: return_comment %v, want the head's reason", out["return_comment"])
	}
	if code, out := step(head, "head-return", `{"version":3,"comment":"Lần nữa."}`); code != http.StatusConflict {
		t.Errorf("head-return of a draft: %d %v, want 409", code, out)
	}

	// The reporter sends it again, then takes it back; no one else can.
	code, out = step(reporter, "review", `{"version":3}`)
	want("send for review again", code, out, 200, "review", 4)
	if code, out := step(otherReporter, "withdraw-review", `{"version":4}`); code != http.StatusForbidden && code != http.StatusNotFound {
		t.Errorf("another unit withdraws the report: %d %v, want 403 or 404", code, out)
	}
	if code, out := step(office, "withdraw-review", `{"version":4}`); code != http.StatusForbidden {
		t.Errorf("the office withdraws the report: %d %v, want 403", code, out)
	}
	code, out = step(reporter, "withdraw-review", `{"version":4}`)
	want("withdraw-review", code, out, 200, "draft", 5)

	// Sent again, the head approves it by submitting.
	code, out = step(reporter, "review", `{"version":5}`)
	want("send for review a third time", code, out, 200, "review", 6)
	code, out = step(head, "submit", `{"version":6,"confirm":true}`)
	want("the head submits", code, out, 200, "submitted", 7)
	if code, out := step(reporter, "withdraw-review", `{"version":7}`); code != http.StatusConflict {
		t.Errorf("withdraw a submitted report: %d %v, want 409", code, out)
	}
	// The submission is the reporter's, approved by the head.
	code, out = x.do("GET", path+"/revisions", office, nil)
	revs, _ := out["revisions"].([]any)
	if code != 200 || len(revs) != 1 {
		t.Fatalf("revisions: %d %v, want one", code, out)
	}
	rv := revs[0].(map[string]any)
	if rv["submitted_by"] != "pnv" || rv["approved_by"] != "tpnv" || rv["approver_name"] != "Trưởng phòng Nội vụ" {
		t.Errorf("the revision: submitted_by %v, approved_by %v, approver_name %v; want pnv, tpnv, Trưởng phòng Nội vụ",
			rv["submitted_by"], rv["approved_by"], rv["approver_name"])
	}
}
