package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
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
	}
	if code, _ := x.put(base, office, jsonBody(out)); code != 409 {
		t.Errorf("editing the issued report: %d, want 409", code)
	}
}
