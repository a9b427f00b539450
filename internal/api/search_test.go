package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := t.Context()
	cah := x.round.Tasks[1].Assignees[0].UnitID
	reporter := &tiendo.User{Role: tiendo.RoleReporter, UnitID: cah}
	rep, err := x.st.Report(ctx, reporter, x.round.ID, cah)
	if err != nil {
		t.Fatal(err)
	}
	rep.Sections[0].Obstacles = "Thiếu kinh phí giải phóng mặt bằng trụ sở Công an xã."
	if err := x.st.SaveReport(ctx, store.Actor{}, reporter, rep); err != nil {
		t.Fatal(err)
	}
	search := func(token, q string) (int, map[string]any) {
		return x.do("GET", "/api/v1/search?q="+url.QueryEscape(q), token, nil)
	}

	code, out := search(x.login("vanphong"), "giai phong mat bang")
	results, _ := out["results"].([]any)
	if code != http.StatusOK || len(results) != 1 {
		t.Fatalf("office: %d %v, want one result", code, out)
	}
	r := results[0].(map[string]any)
	wantLink := fmt.Sprintf("/rounds/%d/reports/cah#task-%d", x.round.ID, x.round.Tasks[1].ID)
	if r["kind"] != "section" || r["unit_code"] != "cah" || r["link"] != wantLink || r["round_id"] != float64(x.round.ID) ||
		r["snippet"] != "Thiếu kinh phí giải phóng mặt bằng trụ sở Công an xã." {
		t.Errorf("result = %v", r)
	}
	segs, _ := r["snippet_segments"].([]any)
	var marked []string
	for _, s := range segs {
		if m := s.(map[string]any); m["match"] == true {
			marked = append(marked, m["text"].(string))
		}
	}
	if got := strings.Join(marked, "|"); got != "giải phóng mặt bằng" {
		t.Errorf("marked = %q, want the four words as one run", got)
	}

	// Another unit does not find cah's report, but finds cah by name.
	code, out = search(x.login("pnv"), "giai phong mat bang")
	if results, _ := out["results"].([]any); code != http.StatusOK || len(results) != 0 {
		t.Errorf("pnv: %d %v, want nothing", code, out)
	}
	code, out = search(x.login("pnv"), "cong an")
	if results, _ := out["results"].([]any); code != http.StatusOK || len(results) == 0 {
		t.Errorf("pnv searching a unit's name: %d %v", code, out)
	}

	tok := x.login("cah")
	for _, q := range []string{"", "  ", strings.Repeat("ả", store.MaxSearchQuery+1)} {
		code, out := search(tok, q)
		if e, _ := out["error"].(map[string]any); code != http.StatusBadRequest || e["code"] != "bad_request" || e["message"] == "" {
			t.Errorf("q=%.10q: %d %v, want 400 with a message", q, code, out)
		}
	}
	if code, out := x.do("GET", "/api/v1/search", tok, nil); code != http.StatusBadRequest {
		t.Errorf("no q: %d %v, want 400", code, out)
	}
	if code, _ := search("", "giai phong"); code != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", code)
	}
}
