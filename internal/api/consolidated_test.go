package api_test

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// The consolidated report over the API: draft, edit, send, approve,
// issue (number 01), and the three files.
func TestConsolidatedOverAPI(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader, FullName: "Hoàng Văn Minh"}
	if err := x.st.CreateUser(ctx, store.Actor{}, leader, pw); err != nil {
		t.Fatal(err)
	}
	office, boss := x.login("vanphong"), x.login("lanhdao")
	base := fmt.Sprintf("/api/v1/rounds/%d/consolidated", x.round.ID)
	if code, _ := x.post(base, x.login("pnv"), "", nil); code != 403 {
		t.Errorf("a reporter drafts: %d, want 403", code)
	}
	code, c := x.post(base, office, "", nil)
	if code != http.StatusCreated || c["status"] != "draft" {
		t.Fatalf("draft: %d %v", code, c)
	}
	parts, _ := c["parts"].([]any)
	if len(parts) < 3 {
		t.Fatalf("draft has %d parts", len(parts))
	}
	parts[0].(map[string]any)["text"] = "Mở đầu do Văn phòng viết lại."
	code, c = x.put(base, office, jsonBody(c))
	if code != 200 || c["version"] != float64(2) {
		t.Fatalf("PUT: %d %v", code, c)
	}
	if code, _ := x.post(base+"/approve", office, "application/json", jsonBody(map[string]any{"version": 2})); code != 403 {
		t.Errorf("the office approves: %d, want 403", code)
	}
	if code, out := x.post(base+"/send", office, "application/json", jsonBody(map[string]any{"version": 2})); code != 200 || out["status"] != "pending" {
		t.Fatalf("send: %d %v", code, out)
	}
	if code, out := x.post(base+"/approve", boss, "application/json", jsonBody(map[string]any{"version": 3})); code != 200 || out["status"] != "approved" {
		t.Fatalf("approve: %d %v", code, out)
	}
	if code, out := x.post(base+"/issue", office, "application/json", jsonBody(map[string]any{"version": 4, "signer": map[string]any{"title": "PHÓ CHỦ TỊCH"}})); code != 422 {
		t.Errorf("issue without a signer's name: %d %v, want 422", code, out)
	}
	code, out := x.post(base+"/issue", office, "application/json", jsonBody(map[string]any{"version": 4,
		"signer": map[string]any{"authority": []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"}, "title": "PHÓ CHỦ TỊCH", "name": "Hoàng Văn Minh"}}))
	if code != 200 || out["status"] != "issued" || out["number"] != float64(1) || out["symbol"] != "BC-UBND" {
		t.Fatalf("issue: %d %v", code, out)
	}
	for kind, magic := range map[string]string{"docx": "PK", "pdf": "%PDF", "xlsx": "PK"} {
		req, _ := http.NewRequest("GET", x.srv.URL+base+"."+kind, nil)
		req.Header.Set("Authorization", "Bearer "+office)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(b) < 100 || string(b[:len(magic)]) != magic {
			t.Errorf("%s: %d, %d bytes", kind, resp.StatusCode, len(b))
		}
		// Named as the pages name it: the register's number and the year.
		want := fmt.Sprintf("bao-cao-tong-hop-so-01-BC-UBND-%d.%s", x.st.Now().In(tiendo.Zone).Year(), kind)
		if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err != nil || params["filename"] != want {
			t.Errorf("%s: Content-Disposition %q, want the file name %q", kind, resp.Header.Get("Content-Disposition"), want)
		}
	}
	if code, _ := x.put(base, office, jsonBody(out)); code != 409 {
		t.Errorf("editing the issued report: %d, want 409", code)
	}
}

// Over the API as on the page: a draft with a part left empty is saved,
// but not sent (422, the part named under "parts[i].text"); one sent so
// before is not approved, nor, approved, issued.
func TestConsolidatedEmptyPartOverAPI(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader, FullName: "Hoàng Văn Minh"}
	if err := x.st.CreateUser(ctx, store.Actor{}, leader, pw); err != nil {
		t.Fatal(err)
	}
	office, boss := x.login("vanphong"), x.login("lanhdao")
	base := fmt.Sprintf("/api/v1/rounds/%d/consolidated", x.round.ID)
	code, c := x.post(base, office, "", nil)
	if code != http.StatusCreated {
		t.Fatalf("draft: %d %v", code, c)
	}
	parts := c["parts"].([]any)
	empty := -1
	for i, p := range parts {
		if p.(map[string]any)["key"] == "obstacles" {
			empty = i
			p.(map[string]any)["text"] = ""
		}
	}
	if empty < 0 {
		t.Fatalf("the draft has no obstacles part: %v", parts)
	}
	if code, c = x.put(base, office, jsonBody(c)); code != 200 {
		t.Fatalf("saving a draft with an empty part: %d %v, want it saved", code, c)
	}
	field := fmt.Sprintf("parts[%d].text", empty)
	code, out := x.post(base+"/send", office, "application/json", jsonBody(map[string]any{"version": c["version"]}))
	e := errorOf(out)
	fields, _ := e["fields"].(map[string]any)
	if msg, _ := e["message"].(string); code != http.StatusUnprocessableEntity || !strings.Contains(msg, "Phần khó khăn, vướng mắc chưa có nội dung") || fields[field] == nil {
		t.Fatalf("send with an empty part: %d %v, want 422 naming the part and %s", code, out, field)
	}

	// Sent so by an older tiendo: the approval and the issue are refused.
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	doc, err := x.st.ActOnDoc(ctx, store.Actor{}, vp, x.round.ID, tiendo.DocReport, store.DocSend, int(c["version"].(float64)), "")
	if err != nil {
		t.Fatal(err)
	}
	code, out = x.post(base+"/approve", boss, "application/json", jsonBody(map[string]any{"version": doc.Version, "confirm_stale": true}))
	if msg, _ := errorOf(out)["message"].(string); code != http.StatusUnprocessableEntity || !strings.HasPrefix(msg, "Báo cáo chưa được duyệt: Phần khó khăn, vướng mắc chưa có nội dung") {
		t.Fatalf("approve with an empty part: %d %v, want 422", code, out)
	}
	if doc, err = x.st.ActOnDoc(ctx, store.Actor{UserID: leader.ID}, leader, x.round.ID, tiendo.DocReport, store.DocApprove, doc.Version, ""); err != nil {
		t.Fatal(err)
	}
	code, out = x.post(base+"/issue", office, "application/json", jsonBody(map[string]any{"version": doc.Version,
		"signer": map[string]any{"authority": []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"}, "title": "PHÓ CHỦ TỊCH", "name": "Hoàng Văn Minh"}}))
	if msg, _ := errorOf(out)["message"].(string); code != http.StatusUnprocessableEntity || !strings.HasPrefix(msg, "Báo cáo chưa được ban hành: Phần khó khăn, vướng mắc chưa có nội dung") {
		t.Fatalf("issue with an empty part: %d %v, want 422", code, out)
	}
	if doc, _ = x.st.Doc(ctx, vp, x.round.ID, tiendo.DocReport); doc.Status != tiendo.DocApproved || doc.Number != 0 {
		t.Errorf("after the refusal the report is %s, number %d", doc.Status, doc.Number)
	}
}

// errorOf is the "error" object of a JSON answer, empty if it has none.
func errorOf(out map[string]any) map[string]any {
	e, _ := out["error"].(map[string]any)
	return e
}
