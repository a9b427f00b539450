package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A directive that numbers two tasks 12, published as it is: the round
// page's matrix, its target table and its task list tell the two apart
// ("12" and "12 (2)"); a target's text cut from mid-sentence starts with a
// capital wherever it stands alone (the report form, the round page); and
// the report form words the ratio as the consolidated report does ("bằng
// 90% kế hoạch"), in the same number format as the round page's "Tỷ lệ".
func TestRoundTellsTasksOfOneLabelApart(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	lead := []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}
	r := &tiendo.Round{Title: "Đợt có hai nhiệm vụ 12", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{
			{Label: "12", Text: "Nâng cao chỉ số cải cách hành chính", Assignees: lead,
				Targets: []*tiendo.Target{{Text: "tỷ lệ hồ sơ giải quyết đúng hạn đạt 70% trở lên", Comparator: tiendo.AtLeast, Value: 70, Unit: "%"}}},
			{Label: "12", Text: "Đẩy nhanh giải phóng mặt bằng", Assignees: lead,
				Targets: []*tiendo.Target{{Text: "đưa 04 khu đất vào sử dụng", Comparator: tiendo.AtLeast, Value: 4, Unit: "khu đất"}}},
		}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	rate, plots := "g"+itoa(r.Tasks[0].Targets[0].ID)+".value", "g"+itoa(r.Tasks[1].Targets[0].ID)+".value"
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	c := x.login("pnv")
	// The form gives its script what the ratio is a share of, so that the
	// verdict shown while typing uses the same words.
	if _, blank := x.get(c, path); strings.Count(blank, `data-ratio="kế hoạch"`) != 2 {
		t.Errorf("the report form does not give both inputs data-ratio=\"kế hoạch\"")
	}
	form := url.Values{"version": {"0"}, "op": {"submit"}, rate: {"63"}, plots: {"4"}}
	for _, task := range r.Tasks {
		form.Set("t"+itoa(task.ID)+".status", "on_track")
		form.Set("t"+itoa(task.ID)+".result_vs_plan", "Đã triển khai.")
	}
	if code, _, body := x.sendConfirmed(c, path, form); code != http.StatusSeeOther {
		t.Fatalf("submit: %d, want 303\n%s", code, body)
	}

	_, report := x.get(c, path)
	for _, want := range []string{
		">Tỷ lệ hồ sơ giải quyết đúng hạn đạt 70% trở lên</",
		">Đưa 04 khu đất vào sử dụng</",
		"Chưa đạt · bằng 90% kế hoạch",
		"Đạt · bằng 100% kế hoạch",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report page does not show %q", want)
		}
	}
	for _, old := range []string{">tỷ lệ hồ sơ", "% chỉ tiêu", "90,0%"} {
		if strings.Contains(report, old) {
			t.Errorf("the report page still shows %q", old)
		}
	}

	_, page := x.get(x.login("vanphong"), "/rounds/"+itoa(r.ID))
	for _, want := range []string{
		`title="Nhiệm vụ 12: Nâng cao chỉ số cải cách hành chính">NV 12</th>`,
		`title="Nhiệm vụ 12 (2): Đẩy nhanh giải phóng mặt bằng">NV 12 (2)</th>`,
		"<td>12\u00a0(2)</td>",            // the target table and the task list
		"Tỷ lệ hồ sơ giải quyết đúng hạn", // the target table and the task list
		"<td>90%</td>",                    // "Tỷ lệ", as the report page writes it
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the round page does not show %q", want)
		}
	}
	if n := strings.Count(page, "<td>12\u00a0(2)</td>"); n != 2 {
		t.Errorf("the round page names the second task 12 “12 (2)” %d times, want 2 (target table, task list)", n)
	}
	_, targets, _ := strings.Cut(page, `<table class="targets-table">`)
	targets, _, _ = strings.Cut(targets, "</table>")
	for _, old := range []string{">tỷ lệ hồ sơ", ">đưa 04 khu", "90,0%", "100,0%"} {
		if strings.Contains(targets, old) {
			t.Errorf("the round page's target table still shows %q", old)
		}
	}
}
