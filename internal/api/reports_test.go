package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
)

func (x *app) put(path, token string, body []byte) (int, map[string]any) {
	x.t.Helper()
	req, _ := http.NewRequest("PUT", x.srv.URL+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		x.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func jsonBody(v any) []byte { b, _ := json.Marshal(v); return b }

// The report's loop over the API: GET, PUT exactly what GET returned
// (edited), a stale PUT refused, submit, return, resubmit, accept, and the
// revisions.
func TestReportLoopOverAPI(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok, office := x.login("pnv"), x.login("vanphong")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", x.round.ID)
	code, rep := x.do("GET", path, tok, nil)
	if code != 200 || rep["version"] != float64(0) {
		t.Fatalf("GET: %d %v", code, rep)
	}
	// PUT the document unchanged: accepted, version 1.
	code, saved := x.put(path, tok, jsonBody(rep))
	if code != 200 || saved["version"] != float64(1) || saved["status"] != "draft" {
		t.Fatalf("PUT unchanged: %d %v", code, saved)
	}
	// A stale PUT (version 0 again) is refused and changes nothing.
	sec := rep["sections"].([]any)[0].(map[string]any)
	sec["result_vs_plan"] = "ghi đè"
	if code, out := x.put(path, tok, jsonBody(rep)); code != http.StatusConflict || errCode(out) != "conflict" {
		t.Errorf("stale PUT: %d %v, want 409", code, out)
	}
	// Edit the fresh copy and save.
	sec = saved["sections"].([]any)[0].(map[string]any)
	sec["result_vs_plan"], sec["status"] = "Đã triển khai đầy đủ.", "completed"
	code, saved = x.put(path, tok, jsonBody(saved))
	if code != 200 || saved["version"] != float64(2) {
		t.Fatalf("PUT edited: %d %v", code, saved)
	}
	if code, _ := x.put(fmt.Sprintf("/api/v1/rounds/%d/reports/cah", x.round.ID), tok, jsonBody(saved)); code != 403 && code != 404 {
		t.Errorf("PUT into another unit's report: %d, want 403 or 404", code)
	}
	code, sub := x.post(path+"/submit", tok, "application/json", jsonBody(map[string]any{"version": 2}))
	if code != 200 || sub["status"] != "submitted" || sub["late"] != false {
		t.Fatalf("submit: %d %v", code, sub)
	}
	if code, _ := x.post(path+"/return", tok, "application/json", jsonBody(map[string]any{"version": 3, "comment": "x"})); code != 403 {
		t.Errorf("the unit returns its own report: %d, want 403", code)
	}
	if code, out := x.post(path+"/return", office, "application/json", jsonBody(map[string]any{"version": 3})); code != 422 {
		t.Errorf("return without a comment: %d %v, want 422", code, out)
	}
	code, ret := x.post(path+"/return", office, "application/json", jsonBody(map[string]any{"version": 3, "comment": "Thiếu số liệu"}))
	if code != 200 || ret["status"] != "returned" || ret["return_comment"] != "Thiếu số liệu" {
		t.Fatalf("return: %d %v", code, ret)
	}
	if code, out := x.post(path+"/submit", tok, "application/json", jsonBody(map[string]any{"version": 4})); code != 200 || out["status"] != "submitted" {
		t.Fatalf("resubmit: %d %v", code, out)
	}
	if code, out := x.post(path+"/accept", office, "application/json", jsonBody(map[string]any{"version": 5})); code != 200 || out["status"] != "accepted" {
		t.Fatalf("accept: %d %v", code, out)
	}
	code, out := x.do("GET", path+"/revisions", tok, nil)
	if revs, _ := out["revisions"].([]any); code != 200 || len(revs) != 2 {
		t.Errorf("revisions: %d %v", code, out)
	} else {
		for i, rv := range revs {
			m, _ := rv.(map[string]any)
			if n, _ := m["number"].(float64); int(n) != i+1 {
				t.Errorf("revision %d: number %v, want %d (submissions counted in order)", i, m["number"], i+1)
			}
			if name, _ := m["submitter_name"].(string); name == "" && m["submitted_by"] != "" {
				t.Errorf("revision %d: submitted by %v with no submitter_name", i, m["submitted_by"])
			}
		}
	}
	if code, _ := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d/reports/pnv/revisions", x.round.ID), x.login("cah"), nil); code != 403 && code != 404 {
		t.Errorf("another unit reads the revisions: %d", code)
	}
}

// A save or a step asked with "Prefer: return=minimal" answers with the
// report's head only; without it, or with another preference, the whole
// report.
func TestReportPreferMinimal(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("pnv")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", x.round.ID)
	_, rep := x.do("GET", path, tok, nil)
	send := func(method, path, prefer string, body []byte) (*http.Response, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, x.srv.URL+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		if prefer != "" {
			req.Header.Set("Prefer", prefer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		return resp, out
	}
	sec := rep["sections"].([]any)[0].(map[string]any)
	sec["result_vs_plan"], sec["status"] = "Đã triển khai đầy đủ.", "completed"
	resp, out := send("PUT", path, "respond-async, return=minimal", jsonBody(rep))
	if resp.StatusCode != 200 || out["version"] != float64(1) || out["status"] != "draft" || out["unit_id"] != rep["unit_id"] {
		t.Fatalf("PUT minimal: %d %v", resp.StatusCode, out)
	}
	if _, ok := out["sections"]; ok || resp.Header.Get("Preference-Applied") != "return=minimal" {
		t.Errorf("PUT minimal answered the whole report (Preference-Applied %q): %v", resp.Header.Get("Preference-Applied"), out)
	}
	rep["version"] = float64(1)
	resp, out = send("PUT", path, "return=representation", jsonBody(rep))
	if _, ok := out["sections"]; resp.StatusCode != 200 || !ok || resp.Header.Get("Preference-Applied") != "" {
		t.Errorf("PUT return=representation: %d %v, want the whole report", resp.StatusCode, out)
	}
	resp, out = send("POST", path+"/submit", `return="minimal"; x=1`, jsonBody(map[string]any{"version": 2}))
	if resp.StatusCode != 200 || out["status"] != "submitted" || out["version"] != float64(3) || out["submitted_at"] == nil {
		t.Fatalf("submit minimal: %d %v", resp.StatusCode, out)
	}
	if _, ok := out["sections"]; ok {
		t.Errorf("submit minimal answered the whole report: %v", out)
	}
}
