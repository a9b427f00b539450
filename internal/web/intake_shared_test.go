package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// On the preview form the office gives a target to the unit that reports
// it: a supporting unit so chosen leads the task, and the targets left to
// "the lead unit" stay the chosen lead's alone.
func TestIntakeSharesTargetsOut(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	a, b := strconv.FormatInt(x.a.ID, 10), strconv.FormatInt(x.b.ID, 10)
	form := x.intakeForm("1", "2")
	form.Set("t0.support", b)
	form.Set("t0.targets", "2")
	for k, v := range map[string]string{
		"t0.g0.text": "Tỷ lệ hài lòng đạt 90%", "t0.g0.cmp": ">=", "t0.g0.value": "90", "t0.g0.unit": "%", "t0.g0.by": "0",
		"t0.g1.text": "Xử lý 100% vụ việc", "t0.g1.cmp": ">=", "t0.g1.value": "100", "t0.g1.unit": "%", "t0.g1.by": b,
	} {
		form.Set(k, v)
	}

	// The form shows the choice back when it redraws.
	form.Set("op", "add-target:1")
	resp := x.post(c, "/rounds/preview", form)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := html.UnescapeString(string(body))
	if sel := grep(page, `name="t0.g1.by"`); resp.StatusCode != http.StatusOK || !strings.Contains(page, `<option value="`+b+`" selected>Công an huyện</option>`) {
		t.Errorf("redrawn form (%d) lost the reporting unit: %s", resp.StatusCode, sel)
	}
	// A task given to several units says, where everyone sees it, how its
	// targets are shared out; a task of one unit does not.
	if n := strings.Count(page, "Nhiệm vụ giao cho nhiều đơn vị: ở “Đơn vị báo cáo”"); n != 1 {
		t.Errorf("the sharing hint shows %d times, want once (task 1 has a supporting unit, task 2 none)", n)
	}

	r := x.createFromPreview(c, form)
	id := r.ID
	task := r.Tasks[0]
	var leads []string
	for _, as := range task.Assignees {
		leads = append(leads, strconv.FormatInt(as.UnitID, 10)+":"+string(as.Role))
	}
	slices.Sort(leads)
	if want := []string{a + ":lead", b + ":lead"}; !slices.Equal(leads, want) {
		t.Errorf("task 1's units = %v, want %v (the supporting unit given a target leads)", leads, want)
	}
	if got := []int64{task.Targets[0].ReportedBy, task.Targets[1].ReportedBy}; !slices.Equal(got, []int64{x.a.ID, x.b.ID}) {
		t.Errorf("reported_by = %v, want [%d %d]", got, x.a.ID, x.b.ID)
	}
	// The round page says who reports each target.
	_, page = x.get(c, "/rounds/"+strconv.FormatInt(id, 10))
	if !strings.Contains(page, "Xử lý 100% vụ việc <small class=\"muted\">(Công an huyện báo cáo)</small>") {
		t.Errorf("round page does not name the reporting unit: %s", grep(page, "Xử lý 100%"))
	}
}

// A unit's report asks only for the targets it reports, and names the
// others of the task with the unit that reports them.
func TestReportPageNamesSharedTargets(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := &tiendo.Round{Title: "Báo cáo 6 tháng", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "7", Text: "Giảm tỷ lệ hộ nghèo; xây dựng 02 trạm y tế xã đạt chuẩn",
			Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}, {UnitID: x.b.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "Giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease", ReportedBy: x.a.ID},
				{Text: "Xây dựng 02 trạm y tế xã đạt chuẩn", Comparator: tiendo.Equal, Value: 2, Unit: "trạm", ReportedBy: x.b.ID},
			}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	status, page := x.get(x.login("pnv"), fmt.Sprintf("/rounds/%d/reports/pnv", r.ID))
	page = html.UnescapeString(page)
	if status != http.StatusOK {
		t.Fatalf("report page: %d", status)
	}
	if !strings.Contains(page, `name="g`+strconv.FormatInt(r.Tasks[0].Targets[0].ID, 10)+`.value"`) {
		t.Errorf("the unit's own target has no field: %s", grep(page, "hộ nghèo"))
	}
	if strings.Contains(page, `name="g`+strconv.FormatInt(r.Tasks[0].Targets[1].ID, 10)+`.value"`) {
		t.Errorf("the other unit's target has a field on this unit's report")
	}
	if !strings.Contains(page, "Chỉ tiêu do đơn vị khác cùng chủ trì báo cáo: Xây dựng 02 trạm y tế xã đạt chuẩn (Công an huyện).") {
		t.Errorf("the other unit's target is not named: %s", grep(page, "trạm y tế"))
	}
}

// On a task every unit asked leads, a target goes to one of those units:
// a supporting unit made lead for one target would also be asked for the
// figures left to every lead unit. The form says so on the target.
func TestIntakeRefusesAReporterOutsideEveryLead(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	a, b := strconv.FormatInt(x.a.ID, 10), strconv.FormatInt(x.b.ID, 10)
	form := x.intakeForm("1", "2")
	form.Set("recipients", a)
	form.Add("recipients", b)
	form.Set("t0.lead", "all")
	form.Set("t0.support", b)
	form.Set("t0.targets", "2")
	for k, v := range map[string]string{
		"t0.g0.text": "Tỷ lệ hộ nghèo giảm 1,5%", "t0.g0.cmp": ">=", "t0.g0.value": "1,5", "t0.g0.unit": "%",
		"t0.g1.text": "Xây dựng 02 trường đạt chuẩn", "t0.g1.cmp": "=", "t0.g1.value": "2", "t0.g1.unit": "trường", "t0.g1.by": b,
	} {
		form.Set(k, v)
	}
	form.Set("op", "create")
	resp := x.post(c, "/rounds/preview", form)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := html.UnescapeString(string(body))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Nhiệm vụ này do mọi đơn vị được yêu cầu báo cáo cùng chủ trì") ||
		!strings.Contains(grep(page, `name="t0.g1.by"`), `aria-invalid="true"`) {
		t.Errorf("a supporting unit given a target of a task every unit leads: %d, want 422 with the target's field marked:\n%s", resp.StatusCode, grep(page, "t0.g1.by"))
	}
	// One of the units asked is fine.
	form.Set("t0.support", "")
	form.Del("t0.support")
	form.Set("t0.g1.by", a)
	resp = x.post(c, "/rounds/preview", form)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a target of a task every unit leads given to one of them: %d, want 303", resp.StatusCode)
	}
}

// A title left as the directive gave it follows the period the office
// sets on the form, as a draft's does on its edit form; one the office
// typed is kept as typed.
func TestIntakeTitleFollowsPeriod(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	create := func(title string) *tiendo.Round {
		t.Helper()
		form := x.intakeForm("1", "2")
		parsed := "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm 6 tháng đầu năm 2022"
		form.Set("title", title)
		form.Set("subject", "báo cáo kết quả thực hiện nhiệm vụ trọng tâm 6 tháng đầu năm 2022")
		form.Set("parsed_title", parsed)
		form.Set("parsed_subject", "báo cáo kết quả thực hiện nhiệm vụ trọng tâm 6 tháng đầu năm 2022")
		form.Set("parsed_period", "half-year/2022/1")
		form.Set("period_kind", "year")
		form.Set("period_year", "2031")
		return x.createFromPreview(c, form)
	}
	r := create("Báo cáo kết quả thực hiện nhiệm vụ trọng tâm 6 tháng đầu năm 2022")
	if r.Title != "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm năm 2031" || r.Subject != "báo cáo kết quả thực hiện nhiệm vụ trọng tâm năm 2031" {
		t.Errorf("title and subject left as parsed = %q, %q; want them moved to năm 2031", r.Title, r.Subject)
	}
	if r := create("Báo cáo riêng của Văn phòng"); r.Title != "Báo cáo riêng của Văn phòng" {
		t.Errorf("a typed title = %q, want it kept", r.Title)
	}
}
