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

// A negative count of schools cannot be right, and the API refuses it as
// the report form does; a negative change of a rate can, and is taken.
func TestReportPutRefusesANegativeCount(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	pnv, err := x.st.UnitByCode(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Đợt thử số liệu", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Xây dựng trường chuẩn quốc gia", Assignees: []tiendo.Assignee{{UnitID: pnv.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "02 trường", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"},
				{Text: "giảm tỷ lệ hộ nghèo 1,5%", Comparator: tiendo.AtLeast, Value: 1.5, Unit: "%", Direction: "decrease"},
			}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	schools, rate := r.Tasks[0].Targets[0].ID, r.Tasks[0].Targets[1].ID
	tok := x.login("pnv")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", r.ID)
	_, rep := x.do("GET", path, tok, nil)
	set := func(rep map[string]any, id int64, key string, v float64) {
		for _, a := range rep["sections"].([]any)[0].(map[string]any)["actuals"].([]any) {
			if m := a.(map[string]any); m["target_id"] == float64(id) {
				m[key] = v
			}
		}
	}
	set(rep, schools, "value", -1)
	set(rep, rate, "value", -0.5)
	code, out := x.put(path, tok, jsonBody(rep))
	if code != http.StatusUnprocessableEntity || errCode(out) != "invalid" {
		t.Fatalf("PUT a negative count of schools: %d %v, want 422 invalid", code, out)
	}
	fields, _ := out["error"].(map[string]any)["fields"].(map[string]any)
	key := fmt.Sprintf("g%d.value", schools)
	if msg, _ := fields[key].(string); !strings.Contains(msg, "trường nên không thể là số âm") {
		t.Errorf("fields[%s] = %q, want the reason naming the unit", key, msg)
	}
	if _, ok := fields[fmt.Sprintf("g%d.value", rate)]; ok {
		t.Errorf("the rate's negative change is refused too: %v", fields)
	}
	set(rep, schools, "value", 3)
	if code, out := x.put(path, tok, jsonBody(rep)); code != http.StatusOK {
		t.Errorf("PUT 3 schools and a change of -0,5%%: %d %v, want 200", code, out)
	}
}

// A value too large to be a figure is refused by the API as by the form,
// by the store's own check; a share or a rate of change over 100 is saved
// (submitting asks to confirm such a value).
func TestReportPutRefusesImpossibleValues(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	pnv, err := x.st.UnitByCode(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Đợt thử giới hạn", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Chuyển đổi số", Assignees: []tiendo.Assignee{{UnitID: pnv.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "tỷ lệ hồ sơ giải quyết trực tuyến đạt 80%", Comparator: tiendo.AtLeast, Value: 80, Unit: "%"},
				{Text: "thu ngân sách 50 tỷ đồng", Comparator: tiendo.AtLeast, Value: 50, Unit: "tỷ đồng"},
				{Text: "giảm tỷ lệ hộ nghèo 1,5%", Comparator: tiendo.AtLeast, Value: 1.5, Unit: "%", Direction: "decrease"},
			}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	share, money, change := r.Tasks[0].Targets[0].ID, r.Tasks[0].Targets[1].ID, r.Tasks[0].Targets[2].ID
	tok := x.login("pnv")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", r.ID)
	_, rep := x.do("GET", path, tok, nil)
	set := func(id int64, v float64) {
		for _, a := range rep["sections"].([]any)[0].(map[string]any)["actuals"].([]any) {
			if m := a.(map[string]any); m["target_id"] == float64(id) {
				m["value"] = v
			}
		}
	}
	set(share, 150)
	set(money, 1e300)
	set(change, 150)
	code, out := x.put(path, tok, jsonBody(rep))
	fields, _ := out["error"].(map[string]any)["fields"].(map[string]any)
	if code != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(fields[fmt.Sprintf("g%d.value", money)]), "Số liệu quá lớn") {
		t.Fatalf("PUT 1e300 tỷ đồng: %d %v, want 422 naming it", code, out)
	}
	if len(fields) != 1 {
		t.Errorf("a share or a change of 150 is refused too: %v", fields)
	}
	set(share, 95)
	set(money, 52.5)
	if code, out := x.put(path, tok, jsonBody(rep)); code != http.StatusOK {
		t.Errorf("PUT ordinary values: %d %v, want 200", code, out)
	}
}
