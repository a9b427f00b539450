package api_test

import (
	"context"
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
