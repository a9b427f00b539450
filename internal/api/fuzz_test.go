package api

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tiendo"
)

// FuzzDecode posts arbitrary bodies to decode, into each body type the API
// reads, through a real request and response recorder as a handler would,
// and checks that nothing panics, that a refused body is a 400 or 413 with
// a JSON error (never a 500), and that an accepted one encodes back.
//
//	go test ./internal/api -run '^$' -fuzz=FuzzDecode -fuzztime=300s
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"username":"pnv","password":"mật khẩu"}`,
		`{"version":3,"comment":"Trả lại","confirm":true}`,
		`{"title":"Năm sau","period":{"kind":"year","year":2027},"deadline":"2027-01-10","unfinished":true}`,
		`{"version":1,"sections":[{"task_id":1,"status":"on_track","actuals":[{"target_id":2,"value":1.5e308,"same_period":null}]}]}`,
		`{"title":"x","tasks":[{"label":"1","text":"Việc","assignees":[{"unit":"pnv","role":"lead"}],"targets":[{"value":70}]}],"recipients":["pnv"]}`,
		`{"a":1}`, `{} {}`, `[]`, `null`, `"\ud800"`, `{"username":"\u0000"}`, "{\"username\":\"\xff\"}",
		strings.Repeat("[", 10000), `{"version":1e999}`, `{"version":-1}`, ``,
	} {
		f.Add(s, "application/json")
	}
	f.Add(`{}`, "text/plain")
	f.Add(`{}`, "application/json; charset=utf-8")
	a := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	f.Fuzz(func(t *testing.T, body, ctype string) {
		targets := []func() any{
			func() any { return new(tokenRequest) },
			func() any { return new(actBody) },
			func() any { return new(successorBody) },
			func() any { return new(issueBody) },
			func() any { return new(tiendo.UnitReport) },
			func() any { return new(createRoundRequest) },
		}
		for _, newV := range targets {
			v := newV()
			r := httptest.NewRequest("POST", "/api/v1/x", strings.NewReader(body))
			if ctype != "" {
				r.Header.Set("Content-Type", ctype)
			}
			w := httptest.NewRecorder()
			err := decode(w, r, v)
			if err == nil {
				if _, err := json.Marshal(v); err != nil {
					t.Fatalf("decode(%q) into %T accepted a value that does not encode: %v", body, v, err)
				}
				if req, ok := v.(*createRoundRequest); ok {
					req.NewRound(map[string]int64{"pnv": 1, "cah": 2}) // must not panic
				}
				continue
			}
			var tooLarge *http.MaxBytesError
			if !errors.As(err, &tooLarge) && tiendo.ErrorCode(err) != errBadRequest {
				t.Fatalf("decode(%q) into %T = %v (code %q), want a bad request", body, v, err, tiendo.ErrorCode(err))
			}
			a.error(w, r, err)
			if w.Code != http.StatusBadRequest && w.Code != http.StatusRequestEntityTooLarge {
				t.Fatalf("decode(%q) into %T answered %d", body, v, w.Code)
			}
			var out errorBody
			if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || out.Error.Message == "" {
				t.Fatalf("decode(%q): error body %q is not a JSON error: %v", body, w.Body.String(), err)
			}
		}
	})
}
