package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"tiendo/internal/api"
	"tiendo/internal/storetest"
)

// BenchmarkMatrix answers GET /api/v1/rounds/{id}/matrix for a national
// round: 3,321 communes x 12 tasks, every tenth submitted. Target: under
// 300 ms.
func BenchmarkMatrix(b *testing.B) {
	st := storetest.Open(b)
	round, office := storetest.Fill(b, st, 3321, 12, 10)
	token, _, err := st.CreateToken(context.Background(), office.ID, "")
	if err != nil {
		b.Fatal(err)
	}
	h := api.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	path := fmt.Sprintf("/api/v1/rounds/%d/matrix", round.ID)
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkTargets reads GET /api/v1/rounds/{id}/targets for a national
// round, 3,321 communes x 12 tasks with a target each, every tenth
// submitted: the first page, and every page by following "next" (one
// answer when the API does not page), with the rows in full and compact,
// and one commune's rows. It reports the bytes of the answers read.
func BenchmarkTargets(b *testing.B) {
	st := storetest.Open(b)
	round, office := storetest.Fill(b, st, 3321, 12, 10)
	token, _, err := st.CreateToken(context.Background(), office.ID, "")
	if err != nil {
		b.Fatal(err)
	}
	h := api.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	get := func(path string) (body []byte, next string) {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("GET %s: status %d: %s", path, rec.Code, rec.Body)
		}
		var page struct {
			Next string `json:"next"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			b.Fatal(err)
		}
		return rec.Body.Bytes(), page.Next
	}
	base := fmt.Sprintf("/api/v1/rounds/%d/targets", round.ID)
	for _, c := range []struct {
		name, path string
		walk       bool
	}{
		{"first-page", base, false},
		{"all-pages", base, true},
		{"all-pages-compact", base + "?compact=true", true},
		{"all-pages-compact-limit-5000", base + "?compact=true&limit=5000", true},
		{"one-unit", base + "?unit=dv1661", true},
	} {
		b.Run(c.name, func(b *testing.B) {
			var size, pages int
			for b.Loop() {
				size, pages = 0, 0
				for path := c.path; path != ""; {
					body, next := get(path)
					size, pages = size+len(body), pages+1
					if path = ""; c.walk {
						path = next
					}
				}
			}
			b.ReportMetric(float64(size), "bytes")
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
