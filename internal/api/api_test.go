package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/api"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

const pw = "mật khẩu thử nghiệm"

type app struct {
	t     *testing.T
	st    *store.Store
	srv   *httptest.Server
	api   *api.Server
	round *tiendo.Round
}

func newApp(t *testing.T) *app {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t)
	a := &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ"}
	b := &tiendo.Unit{Code: "cah", Name: "Công an huyện"}
	for _, u := range []*tiendo.Unit{a, b} {
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []*tiendo.User{
		{Username: "vanphong", Role: tiendo.RoleOffice},
		{Username: "pnv", Role: tiendo.RoleReporter, UnitID: a.ID},
		{Username: "cah", Role: tiendo.RoleReporter, UnitID: b.ID},
	} {
		if err := st.CreateUser(ctx, store.Actor{}, u, pw); err != nil {
			t.Fatal(err)
		}
	}
	r := &tiendo.Round{Title: "Đợt thử", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Việc của Nội vụ", Assignees: []tiendo.Assignee{{UnitID: a.ID, Role: tiendo.Lead}}},
			{Label: "2", Text: "Việc của Công an", Assignees: []tiendo.Assignee{{UnitID: b.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "giảm 5% trở lên", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", Direction: "decrease"}}},
		}}
	if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	srvAPI := api.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	x := &app{t: t, st: st, api: srvAPI, srv: httptest.NewServer(srvAPI), round: r}
	t.Cleanup(x.srv.Close)
	return x
}

func (x *app) do(method, path, token string, body io.Reader) (int, map[string]any) {
	x.t.Helper()
	req, _ := http.NewRequest(method, x.srv.URL+path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		x.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		x.t.Fatalf("%s %s: body is not JSON: %v", method, path, err)
	}
	return resp.StatusCode, out
}

func (x *app) token(username, password string) (int, map[string]any) {
	b, _ := json.Marshal(map[string]string{"username": username, "password": password})
	return x.do("POST", "/api/v1/tokens", "", bytes.NewReader(b))
}

func (x *app) login(username string) string {
	x.t.Helper()
	code, out := x.token(username, pw)
	tok, _ := out["token"].(string)
	if code != http.StatusCreated || tok == "" {
		x.t.Fatalf("token for %s: %d %v", username, code, out)
	}
	return tok
}

func errCode(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

func TestTokensAndMe(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("pnv")
	code, me := x.do("GET", "/api/v1/me", tok, nil)
	if code != 200 || me["username"] != "pnv" || me["role"] != "reporter" {
		t.Errorf("me = %d %v", code, me)
	}
	code, out := x.do("GET", "/api/v1/me", "", nil)
	if code != http.StatusUnauthorized || errCode(out) != "unauthorized" {
		t.Errorf("no token: %d %v, want 401 unauthorized", code, out)
	}
	code, _ = x.do("GET", "/api/v1/me", "tdo_notatoken", nil)
	if code != http.StatusUnauthorized {
		t.Errorf("bad token: %d, want 401", code)
	}
	// A wrong password and an unknown user get the same answer.
	c1, o1 := x.token("pnv", "sai mật khẩu")
	c2, o2 := x.token("khongco", "sai mật khẩu")
	if c1 != 401 || c2 != 401 || fmt.Sprint(o1) != fmt.Sprint(o2) {
		t.Errorf("wrong logins: %d %v / %d %v, want the same 401", c1, o1, c2, o2)
	}
}

func TestBadBodies(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	for _, tc := range []struct {
		name string
		body string
		want int
		says string // in the message
	}{
		{"not JSON", "{", http.StatusBadRequest, "bị cắt ngang"},
		{"unknown field", `{"username":"a","password":"b","x":1}`, http.StatusBadRequest, "không có trường /x"},
		{"empty", ``, http.StatusBadRequest, "Thiếu nội dung JSON"},
		{"missing password", `{"username":"a"}`, http.StatusUnprocessableEntity, ""},
		{"too large", `{"username":"` + strings.Repeat("a", 2<<20) + `"}`, http.StatusRequestEntityTooLarge, ""},
		{"two objects", `{"username":"a","password":"b"} {}`, http.StatusBadRequest, "Chỉ gửi một đối tượng JSON"},
		{"repeated member", `{"username":"a","username":"b","password":"c"}`, http.StatusBadRequest, "trường /username có hai lần"},
		{"invalid UTF-8", "{\"username\":\"\xff\",\"password\":\"b\"}", http.StatusBadRequest, "/username không phải văn bản UTF-8"},
		{"wrong type", `{"username":1,"password":"b"}`, http.StatusBadRequest, "/username phải là một chuỗi"},
		{"name with a dash", `{"user-name":"a","password":"b"}`, http.StatusBadRequest, "không có trường /user-name"},
	} {
		code, out := x.do("POST", "/api/v1/tokens", "", strings.NewReader(tc.body))
		e, _ := out["error"].(map[string]any)
		msg, _ := e["message"].(string)
		if code != tc.want || errCode(out) == "" || !strings.Contains(msg, tc.says) {
			t.Errorf("%s: %d %v, want %d with an error body saying %q", tc.name, code, out, tc.want, tc.says)
		}
	}
	// Member names match whatever their case, as encoding/json's do.
	b, _ := json.Marshal(map[string]string{"Username": "pnv", "PASSWORD": pw})
	if code, out := x.do("POST", "/api/v1/tokens", "", bytes.NewReader(b)); code != http.StatusCreated {
		t.Errorf("names in another case: %d %v, want 201", code, out)
	}
	if code, out := x.do("GET", "/api/v1/nothing", x.login("pnv"), nil); code != 404 || errCode(out) != "not_found" {
		t.Errorf("unknown endpoint: %d %v", code, out)
	}
}

func TestUnitIsolationOnAPI(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("pnv")
	base := fmt.Sprintf("/api/v1/rounds/%d/reports/", x.round.ID)
	if code, out := x.do("GET", base+"pnv", tok, nil); code != 200 || out["status"] != "missing" {
		t.Errorf("own report: %d %v", code, out)
	}
	if code, out := x.do("GET", base+"cah", tok, nil); code != http.StatusForbidden && code != http.StatusNotFound {
		t.Errorf("another unit's report: %d %v, want 403 or 404", code, out)
	}
	if code, out := x.do("GET", base+"cah", x.login("vanphong"), nil); code != 200 {
		t.Errorf("office reads a unit's report: %d %v", code, out)
	}
	if code, _ := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d", x.round.ID+100), tok, nil); code != 404 {
		t.Errorf("unknown round: %d, want 404", code)
	}
	code, out := x.do("GET", "/api/v1/rounds", tok, nil)
	if rounds, _ := out["rounds"].([]any); code != 200 || len(rounds) != 1 {
		t.Errorf("rounds: %d %v", code, out)
	}
	code, out = x.do("GET", "/api/v1/units", tok, nil)
	if units, _ := out["units"].([]any); code != 200 || len(units) != 2 {
		t.Errorf("units: %d %v", code, out)
	}
}

// Every route the API serves is in the OpenAPI document, with its method,
// and the document lists nothing the API does not serve.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	resp, err := http.Get(x.srv.URL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, r := range x.api.Routes() {
		method, path, ok := strings.Cut(r, " ")
		if !ok {
			continue // the catch-all for unknown endpoints
		}
		served[r] = true
		if !documented[method+" "+path] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for op := range documented {
		if !served[op] {
			t.Errorf("openapi.json documents %s, which the API does not serve", op)
		}
	}
}
