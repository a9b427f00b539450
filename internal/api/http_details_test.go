package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// An id that is not a number is a bad request (400), with a JSON error.
func TestNonNumericIDIsABadRequest(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := "Bearer " + x.login("vanphong")
	for _, tc := range []struct{ method, path string }{
		{"GET", "/api/v1/rounds/abc"},
		{"GET", "/api/v1/rounds/abc/reports/pnv"},
		{"GET", "/api/v1/rounds/0"},
		{"DELETE", "/api/v1/tokens/abc"},
	} {
		code, _, out := x.raw(tc.method, tc.path, tok, "")
		if code != http.StatusBadRequest || errCode(out) != "bad_request" || !strings.Contains(errMessage(out), "không phải là mã số hợp lệ") {
			t.Errorf("%s %s: %d %v, want 400 bad_request", tc.method, tc.path, code, out)
		}
	}
}

// The authentication scheme is case-insensitive (RFC 7235), and the token
// so sent is the caller's current one.
func TestBearerSchemeInAnyCase(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("pnv")
	for _, auth := range []string{"bearer " + tok, "BEARER  " + tok, "Bearer " + tok} {
		code, _, out := x.raw("GET", "/api/v1/me", auth, "")
		if code != 200 || out["username"] != "pnv" {
			t.Errorf("Authorization: %q…: %d %v, want 200", auth[:8], code, out)
		}
		code, _, out = x.raw("GET", "/api/v1/tokens", auth, "")
		list, _ := out["tokens"].([]any)
		if code != 200 || len(list) != 1 || list[0].(map[string]any)["current"] != true {
			t.Errorf("tokens with %q…: %d %v, want the one token, current", auth[:8], code, out)
		}
	}
	for _, auth := range []string{"Basic " + tok, "bearer", "Bearer" + tok} {
		if code, hdr, out := x.raw("GET", "/api/v1/me", auth, ""); code != http.StatusUnauthorized || hdr.Get("WWW-Authenticate") == "" || errCode(out) != "unauthorized" {
			t.Errorf("Authorization: %.8q: %d %v, want 401", auth, code, out)
		}
	}
}

// A method a path does not take is 405 with Allow and a JSON error; a
// path the API does not have stays 404.
func TestMethodNotAllowed(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := "Bearer " + x.login("vanphong")
	for _, tc := range []struct{ method, path, allow string }{
		{"DELETE", fmt.Sprintf("/api/v1/rounds/%d", x.round.ID), "GET, HEAD"},
		{"PATCH", fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", x.round.ID), "GET, HEAD, PUT"},
		{"GET", fmt.Sprintf("/api/v1/rounds/%d/reports/pnv/submit", x.round.ID), "POST"},
		{"PUT", "/api/v1/rounds", "GET, HEAD, POST"},
		{"GET", "/api/v1/tokens/5", "DELETE"},
	} {
		code, hdr, out := x.raw(tc.method, tc.path, tok, "")
		if code != http.StatusMethodNotAllowed || hdr.Get("Allow") != tc.allow || errCode(out) != "method_not_allowed" ||
			!strings.Contains(errMessage(out), tc.allow) {
			t.Errorf("%s %s: %d Allow %q %v, want 405 allowing %q", tc.method, tc.path, code, hdr.Get("Allow"), out, tc.allow)
		}
	}
	if code, hdr, out := x.raw("DELETE", "/api/v1/nothing", tok, ""); code != http.StatusNotFound || hdr.Get("Allow") != "" || errCode(out) != "not_found" {
		t.Errorf("DELETE an unknown path: %d %v, want 404", code, out)
	}
}

// The round list never answers null for an array.
func TestRoundListArraysAreNeverNull(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	code, _, out := x.raw("GET", "/api/v1/rounds", "Bearer "+x.login("vanphong"), "")
	rounds, _ := out["rounds"].([]any)
	if code != 200 || len(rounds) != 1 {
		t.Fatalf("rounds: %d %v", code, out)
	}
	r := rounds[0].(map[string]any)
	for _, k := range []string{"unit_ids", "report_contents"} {
		if _, ok := r[k].([]any); !ok {
			t.Errorf("rounds[0].%s = %#v, want an array", k, r[k])
		}
	}
}
