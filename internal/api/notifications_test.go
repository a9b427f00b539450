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

// publishTo publishes a new round asking the units with codes, which
// notifies their users.
func (x *app) publishTo(title string, codes ...string) {
	x.t.Helper()
	ctx := context.Background()
	r := &tiendo.Round{Title: title, Deadline: time.Now().Add(48 * time.Hour)}
	for _, c := range codes {
		u, err := x.st.UnitByCode(ctx, c)
		if err != nil {
			x.t.Fatal(err)
		}
		r.UnitIDs = append(r.UnitIDs, u.ID)
	}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		x.t.Fatal(err)
	}
	if err := x.st.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		x.t.Fatal(err)
	}
}

// list is GET /api/v1/notifications: the notifications' IDs, newest first,
// whether each is read, and the unread count.
func (x *app) list(token string) (ids []string, read []bool, unread float64) {
	x.t.Helper()
	code, out := x.do("GET", "/api/v1/notifications", token, nil)
	if code != http.StatusOK {
		x.t.Fatalf("GET /api/v1/notifications: %d %v", code, out)
	}
	items, _ := out["notifications"].([]any)
	for _, it := range items {
		n := it.(map[string]any)
		ids = append(ids, fmt.Sprint(n["id"]))
		read = append(read, n["read"] == true)
	}
	unread, _ = out["unread"].(float64)
	return ids, read, unread
}

// Listing marks nothing read; POST …/{id}/read marks one, the caller's own.
func TestAPIMarkOneNotificationRead(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	x.publishTo("Đợt thứ nhất", "pnv", "cah")
	x.publishTo("Đợt thứ hai", "pnv")
	pnv, cah := x.login("pnv"), x.login("cah")

	x.list(pnv)
	ids, _, unread := x.list(pnv)
	if len(ids) != 2 || unread != 2 {
		t.Fatalf("after listing twice: %d notifications, %v unread; want 2 and 2 (listing marks nothing)", len(ids), unread)
	}

	code, out := x.post("/api/v1/notifications/"+ids[1]+"/read", pnv, "", nil)
	n, _ := out["notification"].(map[string]any)
	if code != http.StatusOK || fmt.Sprint(n["id"]) != ids[1] || n["read"] != true ||
		!strings.HasPrefix(fmt.Sprint(n["link"]), "/rounds/") || out["unread"] != float64(1) {
		t.Errorf("marking the older one: %d %v; want it, read, with its link, and 1 unread", code, out)
	}
	if _, read, unread := x.list(pnv); unread != 1 || read[0] || !read[1] {
		t.Errorf("after marking the older one: read %v, %v unread; want the older alone read", read, unread)
	}

	cahIDs, _, _ := x.list(cah)
	for _, id := range []string{cahIDs[0], "999999"} {
		code, out := x.post("/api/v1/notifications/"+id+"/read", pnv, "", nil)
		if code != http.StatusNotFound || errCode(out) != "not_found" || !strings.Contains(fmt.Sprint(out), "Không tìm thấy thông báo") {
			t.Errorf("marking notification %s (not pnv's): %d %v, want 404 with a Vietnamese message", id, code, out)
		}
	}
	if _, _, unread := x.list(cah); unread != 1 {
		t.Errorf("cah's notification was marked read by pnv")
	}
	// pathID's answer to a malformed ID (400 or 404), in the API's error shape.
	if code, out := x.post("/api/v1/notifications/abc/read", pnv, "", nil); (code != http.StatusBadRequest && code != http.StatusNotFound) || errCode(out) == "" {
		t.Errorf("a non-numeric ID: %d %v, want a JSON 400 or 404", code, out)
	}
	if code, out := x.post("/api/v1/notifications/"+ids[0]+"/read", "", "", nil); code != http.StatusUnauthorized || errCode(out) != "unauthorized" {
		t.Errorf("no token: %d %v, want 401", code, out)
	}
}

// POST /api/v1/notifications/read marks the notifications the body lists
// (the caller's own, unread), or all without a body; a body it cannot read,
// or one that could be taken for "all", is refused in JSON and marks
// nothing.
func TestAPIMarkAllNotificationsRead(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	x.publishTo("Đợt thứ nhất", "pnv", "cah")
	x.publishTo("Đợt thứ hai", "pnv")
	pnv, cah := x.login("pnv"), x.login("cah")
	shown, _, _ := x.list(pnv)
	x.publishTo("Đợt đến sau", "pnv")
	cahIDs, _, _ := x.list(cah)

	tooMany := "[" + strings.Repeat(shown[0]+", ", 500) + shown[0] + "]"
	for _, tc := range []struct {
		name, ctype, body string
		code              int
		err, says         string
	}{
		{"not JSON", "application/json", `{ids: [1]`, http.StatusBadRequest, "bad_request", "JSON không hợp lệ"},
		{"an unknown member", "application/json", `{"up_to": 1}`, http.StatusBadRequest, "bad_request", "không có trường"},
		{"a string", "application/json", `{"ids": ["mới nhất"]}`, http.StatusBadRequest, "bad_request", "phải là"},
		{"a number, not a list", "application/json", `{"ids": ` + shown[0] + `}`, http.StatusBadRequest, "bad_request", "phải là"},
		{"a fraction", "application/json", `{"ids": [1.5]}`, http.StatusBadRequest, "bad_request", "phải là"},
		{"a negative ID", "application/json", `{"ids": [` + shown[0] + `, -1]}`, http.StatusUnprocessableEntity, "invalid", "Mã số thông báo -1 không hợp lệ"},
		{"zero", "application/json", `{"ids": [0]}`, http.StatusUnprocessableEntity, "invalid", "số nguyên dương"},
		{"501 IDs", "application/json", `{"ids": ` + tooMany + `}`, http.StatusUnprocessableEntity, "invalid", "không quá 500"},
		{"no ids", "application/json", `{}`, http.StatusUnprocessableEntity, "invalid", `Thiếu "ids"`},
		{"null ids", "application/json", `{"ids": null}`, http.StatusUnprocessableEntity, "invalid", `Thiếu "ids"`},
		{"a form", "application/x-www-form-urlencoded", `ids=1`, http.StatusBadRequest, "bad_request", "JSON"},
	} {
		code, out := x.post("/api/v1/notifications/read", pnv, tc.ctype, []byte(tc.body))
		if code != tc.code || errCode(out) != tc.err || !strings.Contains(errMessage(out), tc.says) {
			t.Errorf("%s: %d %v, want %d %s saying %q", tc.name, code, out, tc.code, tc.err, tc.says)
		}
	}
	if _, _, unread := x.list(pnv); unread != 3 {
		t.Fatalf("refused requests left %v unread, want 3", unread)
	}

	// The IDs shown, with cah's slipped in: pnv's shown ones alone are marked.
	code, out := x.post("/api/v1/notifications/read", pnv, "application/json",
		[]byte(`{"ids": [`+shown[0]+`, `+shown[1]+`, `+cahIDs[0]+`]}`))
	if code != http.StatusOK || out["marked"] != float64(2) || out["unread"] != float64(1) {
		t.Errorf("the shown ones: %d %v; want 2 marked, the later one unread", code, out)
	}
	ids, read, _ := x.list(pnv)
	for i, id := range ids {
		if want := id == shown[0] || id == shown[1]; read[i] != want {
			t.Errorf("notification %s: read %v, want %v (read only if shown)", id, read[i], want)
		}
	}
	// None shown: nothing marked, not all.
	code, out = x.post("/api/v1/notifications/read", pnv, "application/json", []byte(`{"ids": []}`))
	if code != http.StatusOK || out["marked"] != float64(0) || out["unread"] != float64(1) {
		t.Errorf(`{"ids": []}: %d %v; want 0 marked, 1 unread`, code, out)
	}
	code, out = x.post("/api/v1/notifications/read", pnv, "", nil)
	if code != http.StatusOK || out["marked"] != float64(1) || out["unread"] != float64(0) {
		t.Errorf("all, without a body: %d %v; want 1 marked, 0 unread", code, out)
	}
	if _, _, unread := x.list(cah); unread != 1 {
		t.Errorf("cah has %v unread after pnv marked all, want 1", unread)
	}
}
