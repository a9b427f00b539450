package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// The preview says before the round is made what the publish check would
// say after: a round of the same period and a near-identical title exists
// (linked, with its state), a task led by two units leaves its targets to
// both, the period ended long before the deadline (beside the deadline),
// and how many units have no head (beside the head-approval box).
func TestIntakePreviewChecks(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	old := &tiendo.Round{Title: "Báo cáo nhiệm vụ trọng tâm 6 tháng đầu năm 2022", Deadline: time.Now().Add(72 * time.Hour),
		Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}, UnitIDs: []int64{x.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, old); err != nil {
		t.Fatal(err)
	}
	a, b := strconv.FormatInt(x.a.ID, 10), strconv.FormatInt(x.b.ID, 10)
	form := x.intakeForm("1", "2")
	form.Set("title", "Báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm 06 tháng đầu năm 2022")
	form.Set("period_kind", "half-year")
	form.Set("period_year", "2022")
	form.Set("period_index", "1")
	form.Set("t0.colead", b)
	form.Set("t0.targets", "2")
	form.Set("t0.g0.text", "Tỷ lệ hộ nghèo giảm 3%")
	form.Set("t0.g1.text", "Có thêm 2 trạm y tế đạt chuẩn")
	form.Set("op", "check")
	preview := func() (string, string) {
		t.Helper()
		resp := x.post(c, "/rounds/preview", form)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("preview: %d", resp.StatusCode)
		}
		page := html.UnescapeString(string(body))
		i := strings.Index(page, `<aside class="warnings"`)
		if i < 0 {
			return page, ""
		}
		return page, page[i : i+strings.Index(page[i:], "</aside>")]
	}
	page, top := preview()
	for _, want := range []string{
		fmt.Sprintf(`Đã có đợt <a href="/rounds/%d">“%s”</a> (đợt số %d, bản nháp), cùng kỳ báo cáo 06 tháng đầu năm 2022, tên gần giống.`, old.ID, old.Title, old.ID),
		"Nhiệm vụ 1 có 2 đơn vị chủ trì và 2 chỉ tiêu để “Đơn vị chủ trì nhiệm vụ”: mỗi đơn vị chủ trì sẽ phải báo cáo cả 2 chỉ tiêu. Hãy chọn đơn vị báo cáo cho từng chỉ tiêu ở ô “Đơn vị báo cáo” của từng chỉ tiêu",
		`<a href="#task-0">Xem nhiệm vụ 1</a>`,
		`<a href="#deadline-stale">`,
	} {
		if !strings.Contains(top, want) {
			t.Errorf("the box at the top lacks %q:\n%s", want, top)
		}
	}
	if !strings.Contains(grep(page, `id="deadline-stale"`), "Kỳ báo cáo đã qua từ lâu.</strong> Kỳ báo cáo là 06 tháng đầu năm 2022") {
		t.Errorf("no stale-period warning beside the deadline:\n%s", grep(page, "đã qua từ lâu"))
	}
	if !strings.Contains(page, "Hiện 2/2 đơn vị được yêu cầu báo cáo chưa có tài khoản lãnh đạo đơn vị") {
		t.Errorf("the head-approval hint does not count the units without a head:\n%s", grep(page, "head_approval"))
	}
	form.Set("head_approval", "1")
	if page, _ = preview(); !strings.Contains(grep(page, `id="head_approval-warn"`), "2/2 đơn vị chưa có tài khoản lãnh đạo đơn vị") {
		t.Errorf("no head warning beside the ticked box:\n%s", grep(page, "head_approval"))
	}

	// Each target given to one unit, the period moved to the deadline's,
	// and the title changed: nothing of it is said.
	form.Set("t0.g0.by", a)
	form.Set("t0.g1.by", b)
	form.Set("period_year", "2031")
	form.Set("title", "Báo cáo về công tác tuyển sinh")
	form.Del("head_approval")
	page, top = preview()
	for _, not := range []string{"Đã có đợt", "chỉ tiêu để “Đơn vị chủ trì nhiệm vụ”", "đã qua từ lâu", `id="head_approval-warn"`} {
		if strings.Contains(page, not) {
			t.Errorf("the checked form still says %q:\n%s", not, top)
		}
	}
}

// The publish check says that a round of the same letter exists and that a
// task led by two units leaves its target to both; a round that is
// neither goes out at once.
func TestPublishChecksSameLetterAndSharedTask(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	ctx := context.Background()
	deadline := time.Now().Add(72 * time.Hour)
	third := &tiendo.Unit{Code: "ttyt", Name: "Trung tâm Y tế"}
	if err := x.st.CreateUnit(ctx, store.Actor{}, third); err != nil {
		t.Fatal(err)
	}
	draft := func(title, number string, leads ...int64) *tiendo.Round {
		task := &tiendo.Task{Label: "7", Text: "Giảm nghèo, giáo dục, y tế", Targets: []*tiendo.Target{{Text: "Tỷ lệ hộ nghèo giảm 3%", Comparator: tiendo.AtLeast, Value: 3, Unit: "%"}}}
		for _, id := range leads {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		r := &tiendo.Round{Title: title, Deadline: deadline, DocNumber: number, DocSymbol: "UBND-VP", UnitIDs: []int64{x.a.ID, x.b.ID, third.ID}, Tasks: []*tiendo.Task{task}}
		if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := draft("Báo cáo quý", "12", x.a.ID)
	second := draft("Báo cáo quý (nhập lại)", "12", x.a.ID, x.b.ID)
	resp := x.post(c, fmt.Sprintf("/rounds/%d/publish", second.ID), url.Values{})
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := html.UnescapeString(string(body))
	for _, want := range []string{
		"Đã có đợt báo cáo giống đợt này",
		fmt.Sprintf(`Đã có đợt <a href="/rounds/%d">“Báo cáo quý”</a> (đợt số %d, bản nháp), cùng văn bản số 12/UBND-VP.`, first.ID, first.ID),
		"Chỉ tiêu chưa chọn đơn vị báo cáo",
		"Nhiệm vụ 7 có 2 đơn vị chủ trì và 1 chỉ tiêu để “Đơn vị chủ trì nhiệm vụ”",
	} {
		if resp.StatusCode != http.StatusOK || !strings.Contains(page, want) {
			t.Errorf("publish check (%d) lacks %q:\n%s", resp.StatusCode, want, grep(page, "<li>"))
		}
	}
	other := draft("Báo cáo tháng", "13", x.a.ID)
	resp = x.post(c, fmt.Sprintf("/rounds/%d/publish", other.ID), url.Values{})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("publishing a round with nothing to check: %d, want 303", resp.StatusCode)
	}
}
