package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// raw sends body as it is, with auth as the whole Authorization header
// ("" for none), and answers the status, the headers and the JSON body.
func (x *app) raw(method, path, auth, body string) (int, http.Header, map[string]any) {
	x.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, x.srv.URL+path, rd)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		x.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if method != "HEAD" {
		if err := json.Unmarshal(b, &out); err != nil {
			x.t.Fatalf("%s %s: body %q is not JSON: %v", method, path, b, err)
		}
	}
	return resp.StatusCode, resp.Header, out
}

func errMessage(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

func errField(out map[string]any, key string) string {
	e, _ := out["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	m, _ := f[key].(string)
	return m
}

// section returns the report's section for task id.
func section(t *testing.T, rep map[string]any, id int64) map[string]any {
	t.Helper()
	secs, _ := rep["sections"].([]any)
	for _, s := range secs {
		if m := s.(map[string]any); m["task_id"] == float64(id) {
			return m
		}
	}
	t.Fatalf("no section for task %d in %v", id, rep)
	return nil
}

// A PUT merges: a member left out of a section or a value keeps what is
// stored, one sent as "" or null clears it, a section left out is kept.
// It is the stored report that says so, read again with GET.
func TestReportPutMergesWhatItLeavesOut(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("cah")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/cah", x.round.ID)
	task, target := x.round.Tasks[1].ID, x.round.Tasks[1].Targets[0].ID
	full := fmt.Sprintf(`{"version":0,"sections":[{"task_id":%d,"status":"on_track","result_vs_plan":"Kết quả.","vs_same_period":"Cùng kỳ.",
		"obstacles":"Khó khăn.","recommendations":"Kiến nghị.","next_steps":"Tiếp theo.","actuals":[{"target_id":%d,"value":6,"same_period":4}]}]}`, task, target)
	if code, out := x.put(path, tok, []byte(full)); code != 200 {
		t.Fatalf("PUT the whole section: %d %v", code, out)
	}
	for i, tc := range []struct {
		body string
		want map[string]any // of the section; "value", "same_period" of the target
	}{
		{fmt.Sprintf(`{"version":1,"sections":[{"task_id":%d,"status":"behind"}]}`, task),
			map[string]any{"status": "behind", "result_vs_plan": "Kết quả.", "vs_same_period": "Cùng kỳ.", "obstacles": "Khó khăn.",
				"recommendations": "Kiến nghị.", "next_steps": "Tiếp theo.", "value": 6.0, "same_period": 4.0}},
		{fmt.Sprintf(`{"version":2,"sections":[{"task_id":%d,"obstacles":"","actuals":[{"target_id":%d,"value":7}]}]}`, task, target),
			map[string]any{"status": "behind", "result_vs_plan": "Kết quả.", "obstacles": "", "next_steps": "Tiếp theo.", "value": 7.0, "same_period": 4.0}},
		{fmt.Sprintf(`{"version":3,"sections":[{"task_id":%d,"actuals":[{"target_id":%d,"same_period":null}]}]}`, task, target),
			map[string]any{"status": "behind", "result_vs_plan": "Kết quả.", "value": 7.0, "same_period": nil}},
		{fmt.Sprintf(`{"version":4,"sections":[{"task_id":%d,"next_steps":null}]}`, task),
			map[string]any{"next_steps": "", "recommendations": "Kiến nghị.", "value": 7.0}},
		{`{"version":5,"sections":[]}`,
			map[string]any{"status": "behind", "result_vs_plan": "Kết quả.", "vs_same_period": "Cùng kỳ.", "value": 7.0}},
	} {
		code, saved := x.put(path, tok, []byte(tc.body))
		if code != 200 || saved["version"] != float64(i+2) {
			t.Fatalf("PUT %s: %d %v", tc.body, code, saved)
		}
		_, got := x.do("GET", path, tok, nil)
		for _, rep := range []map[string]any{saved, got} {
			sec := section(t, rep, task)
			acts, _ := sec["actuals"].([]any)
			if len(acts) != 1 {
				t.Fatalf("PUT %s: actuals %v, want the one target", tc.body, sec["actuals"])
			}
			ac := acts[0].(map[string]any)
			for k, want := range tc.want {
				got := sec[k]
				if k == "value" || k == "same_period" {
					got = ac[k]
				}
				if got != want {
					t.Errorf("PUT %s: %s = %#v, want %#v", tc.body, k, got, want)
				}
			}
		}
	}
}

// A task twice in sections, or a target twice in actuals, is refused with
// 422 naming it; nothing is saved.
func TestReportPutRefusesDuplicates(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("cah")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/cah", x.round.ID)
	task, target := x.round.Tasks[1].ID, x.round.Tasks[1].Targets[0].ID
	for _, tc := range []struct{ body, names string }{
		{fmt.Sprintf(`{"version":0,"sections":[{"task_id":%[1]d,"result_vs_plan":"Một."},{"task_id":%[1]d,"status":"behind"}]}`, task),
			"mã " + strconv.FormatInt(task, 10)},
		{fmt.Sprintf(`{"version":0,"sections":[{"task_id":%d,"actuals":[{"target_id":%[2]d,"value":1,"same_period":2},{"target_id":%[2]d,"value":3}]}]}`, task, target),
			"mã " + strconv.FormatInt(target, 10)},
	} {
		code, out := x.put(path, tok, []byte(tc.body))
		if code != http.StatusUnprocessableEntity || errCode(out) != "invalid" || !strings.Contains(errMessage(out), tc.names) {
			t.Errorf("PUT %s: %d %v, want 422 naming %q", tc.body, code, out, tc.names)
		}
	}
	if _, rep := x.do("GET", path, tok, nil); rep["version"] != float64(0) {
		t.Errorf("after the refused saves: version %v, want 0", rep["version"])
	}
}

// A save or a step without its version is 422 saying the version is
// required, not a 409 blaming another save.
func TestReportVersionRequired(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("pnv")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", x.round.ID)
	for _, tc := range []struct{ method, path, body string }{
		{"PUT", path, `{"sections":[]}`},
		{"PUT", path, `null`},
		{"PUT", path, `{}`},
		{"POST", path + "/submit", `{}`},
		{"POST", path + "/review", `null`},
	} {
		code, _, out := x.raw(tc.method, tc.path, "Bearer "+tok, tc.body)
		if code != http.StatusUnprocessableEntity || !strings.Contains(errMessage(out), "Thiếu trường version") || errField(out, "version") == "" {
			t.Errorf("%s %s %s: %d %v, want 422 saying version is required", tc.method, tc.path, tc.body, code, out)
		}
	}
	// Version 0 is a version: a report never saved.
	if code, out := x.put(path, tok, []byte(`{"version":0,"sections":[]}`)); code != 200 {
		t.Errorf("PUT version 0: %d %v", code, out)
	}
}

// The API's messages speak of the API: no page to reload, no box to tick,
// no button to press, and no English from the JSON decoder.
func TestReportMessagesSpeakOfTheAPI(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("cah")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/cah", x.round.ID)
	task, target := x.round.Tasks[1].ID, x.round.Tasks[1].Targets[0].ID
	pageWords := []string{"tải lại trang", "bấm", "đánh dấu ô", "ô được đánh dấu", "invalid", "character"}
	clean := func(what string, out map[string]any) {
		t.Helper()
		e, _ := out["error"].(map[string]any)
		all := fmt.Sprint(e["message"], e["fields"])
		for _, w := range pageWords {
			if strings.Contains(all, w) {
				t.Errorf("%s: %q says %q", what, all, w)
			}
		}
	}
	body := fmt.Sprintf(`{"version":0,"sections":[{"task_id":%d,"status":"on_track","result_vs_plan":"Đã làm.","actuals":[{"target_id":%d,"value":150}]}]}`, task, target)
	if code, out := x.put(path, tok, []byte(body)); code != 200 {
		t.Fatalf("PUT: %d %v", code, out)
	}
	// A stale save and a stale step.
	code, out := x.put(path, tok, []byte(body))
	if code != http.StatusConflict || !strings.Contains(errMessage(out), "GET lại") || !strings.Contains(errField(out, "version"), "hiện tại là 1") {
		t.Errorf("stale PUT: %d %v, want 409 saying to GET again", code, out)
	}
	clean("stale PUT", out)
	code, out = x.post(path+"/submit", tok, "application/json", []byte(`{"version":0}`))
	if code != http.StatusConflict || !strings.Contains(errMessage(out), "GET lại") || !strings.Contains(errField(out, "version"), "hiện tại là 1") {
		t.Errorf("stale submit: %d %v, want 409 saying to GET again", code, out)
	}
	clean("stale submit", out)
	// A step the state does not take keeps the store's words.
	code, out = x.post(path+"/withdraw-review", tok, "application/json", []byte(`{"version":1}`))
	if code != http.StatusConflict || !strings.Contains(errMessage(out), "trạng thái") {
		t.Errorf("withdraw a draft: %d %v, want 409 naming the state", code, out)
	}
	// 150 % is out of the ordinary: confirm with "confirm": true.
	code, out = x.post(path+"/submit", tok, "application/json", []byte(`{"version":1}`))
	if code != http.StatusUnprocessableEntity || !strings.Contains(errField(out, "confirm"), `"confirm": true`) ||
		!strings.Contains(errField(out, "confirm"), "vượt quá 100%") || !strings.Contains(errMessage(out), "fields") {
		t.Errorf("submit an unusual value: %d %v, want 422 asking for \"confirm\": true", code, out)
	}
	clean("unusual value", out)
	// A body that is not JSON.
	bad := `{"version":1,"sections":[{"task_id":1,"status":NaN}]}`
	code, out = x.put(path, tok, []byte(bad))
	if msg := errMessage(out); code != http.StatusBadRequest || !strings.Contains(msg, fmt.Sprintf("ở byte %d", strings.Index(bad, "NaN"))) ||
		!strings.Contains(msg, "/sections/0/status") || !strings.Contains(msg, "ký tự 'N'") {
		t.Errorf("PUT with NaN: %d %v, want 400 naming the byte, the place and the character", code, out)
	}
	clean("NaN", out)
	if code, out := x.post(path+"/submit", tok, "application/json", []byte(`{"version":1,"confirm":true}`)); code != 200 || out["status"] != "submitted" {
		t.Errorf("submit confirmed: %d %v", code, out)
	}
}
