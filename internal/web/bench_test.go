package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"tiendo/internal/api"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

// BenchmarkRoundPage renders the office's round page (matrix, rates,
// targets, charts) for 100 units x 40 tasks, a fifth of them submitted.
// Target: under 100 ms on the server.
func BenchmarkRoundPage(b *testing.B) {
	st := storetest.Open(b)
	round, office := storetest.Fill(b, st, 100, 40, 5)
	secret, err := st.CreateSession(context.Background(), office.ID, "", "")
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.New(web.Config{}, st, api.New(st, log), log)
	if err != nil {
		b.Fatal(err)
	}
	path := fmt.Sprintf("/rounds/%d", round.ID)
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: "tiendo_session", Value: secret})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
