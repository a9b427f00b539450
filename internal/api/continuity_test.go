package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

func TestLinkSuggestionsAndLinks(t *testing.T) {
	x := newApp(t)
	ctx := context.Background()
	unit := x.round.Tasks[1].Assignees[0].UnitID
	old := &tiendo.Round{Title: "Quý I/2025", Status: tiendo.RoundClosed, Deadline: tiendo.DeadlineBefore(2025, 3, 20),
		Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2025, Index: 1},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Kiềm chế, kéo giảm số vụ phạm pháp hình sự trên địa bàn, giảm từ 5% trở lên so với cùng kỳ.",
			Assignees: []tiendo.Assignee{{UnitID: unit, Role: tiendo.Lead}},
			Targets:   []*tiendo.Target{{Text: "giảm 5% trở lên", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", Direction: "decrease"}}}}}
	cur := &tiendo.Round{Title: "Quý I/2026", Status: tiendo.RoundDraft, Deadline: tiendo.DeadlineBefore(2026, 3, 20),
		Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2026, Index: 1},
		Tasks: []*tiendo.Task{{Label: "2", Text: "Kéo giảm số vụ phạm pháp hình sự, phấn đấu giảm 7% trở lên so với cùng kỳ năm trước.",
			Assignees: []tiendo.Assignee{{UnitID: unit, Role: tiendo.Lead}},
			Targets:   []*tiendo.Target{{Text: "giảm 7% trở lên", Comparator: tiendo.AtLeast, Value: 7, Unit: "%", Direction: "decrease"}}}}}
	for _, r := range []*tiendo.Round{old, cur} {
		if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
	}
	office := x.login("vanphong")
	code, out := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d/link-suggestions", cur.ID), office, nil)
	sugg, _ := out["suggestions"].([]any)
	if code != 200 || len(sugg) != 1 {
		t.Fatalf("suggestions: %d %v", code, out)
	}
	s := sugg[0].(map[string]any)
	pairs, _ := s["targets"].([]any)
	if s["task_id"] != float64(cur.Tasks[0].ID) || s["predecessor_id"] != float64(old.Tasks[0].ID) || s["relation"] != "same-period" ||
		s["checked"] != true || len(pairs) != 1 || !strings.Contains(s["reason"].(string), "cùng đơn vị chủ trì") {
		t.Errorf("suggestion = %v", s)
	}
	if code, _ := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d/link-suggestions", cur.ID), x.login("pnv"), nil); code != http.StatusForbidden {
		t.Errorf("a reporter reads suggestions: %d", code)
	}
	if code, out := x.do("GET", "/api/v1/rounds/999999/link-suggestions", office, nil); code != http.StatusNotFound {
		t.Errorf("no such round: %d %v", code, out)
	}

	// Bad bodies: 400 for unreadable JSON, 422 for wrong links, nothing saved.
	for _, tt := range []struct {
		body string
		want int
	}{
		{`{"links":`, http.StatusBadRequest},
		{`{"links":[],"x":1}`, http.StatusBadRequest},
		{`{"links":[]}`, http.StatusUnprocessableEntity},
		{fmt.Sprintf(`{"links":[{"task_id":%d,"predecessor_id":%d}]}`, old.Tasks[0].ID, cur.Tasks[0].ID), http.StatusUnprocessableEntity},
		{fmt.Sprintf(`{"links":[{"task_id":%d,"predecessor_id":0}]}`, cur.Tasks[0].ID), http.StatusUnprocessableEntity},
		{fmt.Sprintf(`{"links":[{"task_id":%d,"predecessor_id":%d,"targets":[{"target_id":%d,"predecessor_id":%d}]}]}`,
			cur.Tasks[0].ID, old.Tasks[0].ID, old.Tasks[0].Targets[0].ID, cur.Tasks[0].Targets[0].ID), http.StatusUnprocessableEntity},
	} {
		code, out := x.do("POST", fmt.Sprintf("/api/v1/rounds/%d/links", cur.ID), office, strings.NewReader(tt.body))
		msg, _ := out["error"].(map[string]any)["message"].(string)
		if code != tt.want || msg == "" {
			t.Errorf("%s: %d %v, want %d with a message", tt.body, code, out, tt.want)
		}
	}
	// Confirm, targets by position (none given).
	body := fmt.Sprintf(`{"links":[{"task_id":%d,"predecessor_id":%d}]}`, cur.Tasks[0].ID, old.Tasks[0].ID)
	if code, out := x.do("POST", fmt.Sprintf("/api/v1/rounds/%d/links", cur.ID), office, strings.NewReader(body)); code != 200 || out["linked"] != float64(1) {
		t.Fatalf("links: %d %v", code, out)
	}
	code, out = x.do("GET", fmt.Sprintf("/api/v1/targets/%d/series", cur.Tasks[0].Targets[0].ID), office, nil)
	if series, _ := out["series"].([]any); code != 200 || len(series) != 2 {
		t.Errorf("series after linking: %d %v", code, out)
	}
	if _, out := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d/link-suggestions", cur.ID), office, nil); out["linked"] != float64(1) || len(out["suggestions"].([]any)) != 0 {
		t.Errorf("after linking: %v", out)
	}
	// The targets endpoint carries the data window it projected over.
	code, out = x.do("GET", fmt.Sprintf("/api/v1/rounds/%d/targets", cur.ID), office, nil)
	if w, _ := out["window"].(map[string]any); code != 200 || w["from"] != "2025-12-15" || w["to"] != "2026-03-14" {
		t.Errorf("targets window: %d %v", code, out["window"])
	}
}
