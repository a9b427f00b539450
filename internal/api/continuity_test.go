package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/document"
	"tiendo/internal/store"
)

func TestLinkSuggestionsAndLinks(t *testing.T) {
	t.Parallel()
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

// A round started from an earlier one is asked for by its own công văn:
// its documents cite neither the earlier directive's number nor the
// documents that directive carried out, which are about the earlier
// period. They keep the place name and the body the reports answer to,
// and the consolidated report cites the công văn the office issued for the
// new round.
func TestSuccessorCitesItsOwnRequest(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	const text = `ỦY BAN NHÂN DÂN
HUYỆN HỮU LŨNG
Số: 123/UBND-VP
V/v báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm 06 tháng đầu năm 2022
Hữu Lũng, ngày 03 tháng 6 năm 2022
Kính gửi:
- Phòng Nội vụ;
- Công an huyện.

Thực hiện Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ Huyện ủy về việc báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm 06 tháng đầu năm 2022, UBND huyện yêu cầu các cơ quan, đơn vị báo cáo như sau:

1. Phòng Nội vụ chủ trì nâng Chỉ số cải cách hành chính đạt 85% trở lên.
2. Công an huyện chủ trì kéo giảm số vụ phạm pháp hình sự 5% trở lên so với cùng kỳ.

Các đơn vị gửi báo cáo về UBND huyện trước ngày 10/6/2022.
`
	units, err := x.st.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	registry, ids := []tiendo.Unit{}, map[string]int64{}
	for _, u := range units {
		registry, ids[u.Code] = append(registry, *u), u.ID
	}
	res := directive.Parse(text, registry)
	first, err := res.NewRound(ids)
	if err != nil {
		t.Fatal(err)
	}
	first.Source, first.Status = text, tiendo.RoundOpen
	if err := x.st.CreateRound(ctx, store.Actor{}, first); err != nil {
		t.Fatal(err)
	}
	office := x.login("vanphong")
	opening := func(roundID int64, kind string) string {
		t.Helper()
		code, c := x.post(fmt.Sprintf("/api/v1/rounds/%d/%s", roundID, kind), office, "", nil)
		parts, _ := c["parts"].([]any)
		if code != http.StatusCreated || len(parts) == 0 {
			t.Fatalf("draft %s of round %d: %d %v", kind, roundID, code, c)
		}
		return parts[0].(map[string]any)["text"].(string)
	}
	if got := opening(first.ID, "consolidated"); !strings.Contains(got, "Công văn số 635-CV/HU ngày 02/6/2022") {
		t.Errorf("the first round's report does not cite its basis: %q", got)
	}

	code, next := x.post(fmt.Sprintf("/api/v1/rounds/%d/successor", first.ID), office, "application/json", jsonBody(map[string]any{
		"title": "Báo cáo 06 tháng đầu năm 2026", "subject": "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm 06 tháng đầu năm 2026",
		"period": map[string]any{"kind": "half-year", "year": 2026, "index": 1}, "deadline": "2026-06-10"}))
	if code != http.StatusCreated {
		t.Fatalf("successor: %d %v", code, next)
	}
	id := int64(next["id"].(float64))
	letter := opening(id, "directive")
	if strings.Contains(letter, "635-CV/HU") || strings.Contains(letter, "2022") {
		t.Errorf("the new round's công văn cites the 2022 request: %q", letter)
	}
	path := fmt.Sprintf("/api/v1/rounds/%d/directive", id)
	if got := docxText(t, x, path+".docx"); !strings.Contains(got, "Hữu Lũng, ngày") {
		t.Errorf("the công văn lost its place name:\n%s", got)
	}
	boss := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader, FullName: "Hoàng Văn Minh"}
	if err := x.st.CreateUser(ctx, store.Actor{}, boss, pw); err != nil {
		t.Fatal(err)
	}
	if code, out := x.post(path+"/send", office, "application/json", jsonBody(map[string]any{"version": 1})); code != 200 {
		t.Fatalf("send: %d %v", code, out)
	}
	if code, out := x.post(path+"/approve", x.login("lanhdao"), "application/json", jsonBody(map[string]any{"version": 2})); code != 200 {
		t.Fatalf("approve: %d %v", code, out)
	}
	code, issued := x.post(path+"/issue", office, "application/json", jsonBody(map[string]any{"version": 3,
		"signer": map[string]any{"authority": []string{"TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"}, "title": "PHÓ CHÁNH VĂN PHÒNG", "name": "Nguyễn Văn An"}}))
	if code != 200 || issued["number"] == nil {
		t.Fatalf("issue: %d %v", code, issued)
	}
	// The round now carries its công văn's number, as the round page shows it.
	if code, r := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d", id), office, nil); code != 200 ||
		r["doc_number"] != fmt.Sprintf("%02d", int(issued["number"].(float64))) || r["doc_symbol"] != issued["symbol"] {
		t.Errorf("round after issuing its công văn: %d doc_number %v doc_symbol %v", code, r["doc_number"], r["doc_symbol"])
	}
	at, _ := time.Parse(time.RFC3339Nano, issued["issued_at"].(string))
	want := fmt.Sprintf("Công văn số %02d/%s ngày %s của UBND huyện Hữu Lũng", int(issued["number"].(float64)), issued["symbol"], document.ShortDate(at))
	report := opening(id, "consolidated")
	if !strings.Contains(report, want) || strings.Contains(report, "635-CV/HU") || strings.Contains(report, "2022") {
		t.Errorf("the new round's report opens %q, want it to cite %q and nothing of 2022", report, want)
	}
	// The body that asked for the 2022 reports still gets a copy.
	if got := docxText(t, x, fmt.Sprintf("/api/v1/rounds/%d/consolidated.docx", id)); !strings.Contains(got, "Hữu Lũng, ngày") ||
		!strings.Contains(got, "Ban Thường vụ Huyện ủy (b/c)") {
		t.Errorf("the report lost its place name or the body it answers to:\n%s", got)
	}
}

// docxText downloads a Word file and reads its text back.
func docxText(t *testing.T, x *app, path string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", x.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+x.login("vanphong"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	text, err := directive.Text("x.docx", b)
	if err != nil {
		t.Fatalf("GET %s: not a Word file: %v", path, err)
	}
	return text
}
