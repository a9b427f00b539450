package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// submit fills and sends the report of the unit of code as its reporter
// (username code), and returns its version.
func (x *app) submit(code string) int {
	x.t.Helper()
	u, err := x.st.UserByUsername(context.Background(), code)
	if err != nil {
		x.t.Fatal(err)
	}
	return storetest.Submit(x.t, x.st, code, x.round.ID, u.UnitID)
}

// The leader approving over the API a consolidated report older than the
// units' reports it uses is refused, as the page refuses it without its box
// ticked: 422 naming the units and the parts, until the body says
// "confirm_stale": true. A report sent after the draft and one returned to
// its unit after it both count.
func TestConsolidatedApproveStaleOverAPI(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		before []string                    // units reporting before the draft
		after  func(x *app, office string) // what happens once the draft waits for approval
		want   []string                    // in the refusal's message
	}{
		{"a report sent since", []string{"pnv"}, func(x *app, _ string) { x.submit("cah") },
			[]string{"Báo cáo chưa được duyệt: Có báo cáo mới của Công an huyện gửi sau khi lập dự thảo: cần tạo lại phần mở đầu", "phần nhiệm vụ 2", `"confirm_stale": true`}},
		{"a report returned since", []string{"pnv", "cah"}, func(x *app, office string) {
			path := fmt.Sprintf("/api/v1/rounds/%d/reports/cah", x.round.ID)
			_, rep := x.do("GET", path, office, nil)
			if code, out := x.post(path+"/return", office, "application/json", jsonBody(map[string]any{"version": rep["version"], "comment": "Bổ sung số liệu"})); code != 200 {
				t.Fatalf("return: %d %v", code, out)
			}
		}, []string{"Báo cáo chưa được duyệt: Báo cáo của Công an huyện bị trả lại để bổ sung sau khi lập dự thảo: cần tạo lại phần mở đầu", "phần nhiệm vụ 2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			x := newApp(t)
			leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader, FullName: "Hoàng Văn Minh"}
			if err := x.st.CreateUser(context.Background(), store.Actor{}, leader, pw); err != nil {
				t.Fatal(err)
			}
			office, boss := x.login("vanphong"), x.login("lanhdao")
			base := fmt.Sprintf("/api/v1/rounds/%d/consolidated", x.round.ID)
			for _, u := range tt.before {
				x.submit(u)
			}
			if code, c := x.post(base, office, "", nil); code != 201 {
				t.Fatalf("draft: %d %v", code, c)
			}
			if code, out := x.post(base+"/send", office, "application/json", jsonBody(map[string]any{"version": 1})); code != 200 || out["status"] != "pending" {
				t.Fatalf("send: %d %v", code, out)
			}
			tt.after(x, office)

			for _, body := range []map[string]any{{"version": 2}, {"version": 2, "confirm_stale": false}} {
				code, out := x.post(base+"/approve", boss, "application/json", jsonBody(body))
				e, _ := out["error"].(map[string]any)
				msg, _ := e["message"].(string)
				fields, _ := e["fields"].(map[string]any)
				field, _ := fields["confirm_stale"].(string)
				if code != 422 || errCode(out) != "invalid" || !strings.Contains(field, "Công an huyện") || !strings.Contains(field, `"confirm_stale": true`) {
					t.Errorf("approve %v: %d %v, want 422 invalid with fields.confirm_stale", body, code, out)
				}
				for _, want := range tt.want {
					if !strings.Contains(msg, want) {
						t.Errorf("approve %v: the message lacks %q:\n%s", body, want, msg)
					}
				}
				if strings.Contains(msg, "phần nhiệm vụ 1") {
					t.Errorf("the message names task 1, which Công an huyện's report does not touch:\n%s", msg)
				}
			}
			if _, c := x.do("GET", base, boss, nil); c["status"] != "pending" || c["version"] != float64(2) {
				t.Errorf("after the refusals: %v %v, want still pending at version 2", c["status"], c["version"])
			}
			// An old version is a conflict, whatever is out of date.
			if code, out := x.post(base+"/approve", boss, "application/json", jsonBody(map[string]any{"version": 1})); code != 409 {
				t.Errorf("approve an old version: %d %v, want 409", code, out)
			}
			if code, out := x.post(base+"/approve", boss, "application/json", jsonBody(map[string]any{"version": 2, "confirm_stale": true})); code != 200 || out["status"] != "approved" {
				t.Fatalf("approve confirmed: %d %v", code, out)
			}
		})
	}
}
