package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// schoolsRound adds to x a round in which pnv counts schools, and returns
// it with the path of pnv's report.
func schoolsRound(x *app) (*tiendo.Round, string) {
	x.t.Helper()
	r := &tiendo.Round{Title: "Đợt thử số liệu", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Xây dựng trường chuẩn quốc gia", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{{Text: "02 trường", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		x.t.Fatal(err)
	}
	return r, "/rounds/" + itoa(r.ID) + "/reports/pnv"
}

// "70%" typed for "02 trường" is not 70 schools: the save refuses it with
// the target's unit, keeps what was typed, stores nothing for it and shows
// no verdict from it. A negative count is refused the same way.
func TestReportRefusesAValueInTheWrongUnit(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r, path := schoolsRound(x)
	c := x.login("pnv")
	g := "g" + itoa(r.Tasks[0].Targets[0].ID)
	for i, tc := range []struct{ value, same, want string }{
		{"70%", "", "Chỉ tiêu này tính bằng trường; hãy ghi số trường, không ghi %."},
		{"-1", "", "Chỉ tiêu này tính bằng trường nên không thể là số âm"},
		{"3", "50 %", "Chỉ tiêu này tính bằng trường; hãy ghi số trường, không ghi %."},
	} {
		code, _, body := read(x.post(c, path, url.Values{"version": {itoa(int64(i))}, "op": {"save"}, g + ".value": {tc.value}, g + ".same": {tc.same}}))
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%q, %q: %d, want 422", tc.value, tc.same, code)
		}
		if !strings.Contains(body, tc.want) {
			t.Errorf("%q, %q: the page does not say %q", tc.value, tc.same, tc.want)
		}
		if strings.Contains(body, "3.500") {
			t.Errorf("%q: the page judges 70%% as 70 schools", tc.value)
		}
		rep := x.reportOf(x.a, r)
		a := rep.Sections[0].Actuals[0]
		if tc.same == "" && a.Value != nil {
			t.Errorf("%q stored as %v, want nothing", tc.value, *a.Value)
		}
		if tc.same != "" && a.SamePeriod != nil {
			t.Errorf("same period %q stored as %v, want nothing", tc.same, *a.SamePeriod)
		}
	}
	code, _, _ := read(x.post(c, path, url.Values{"version": {"3"}, "op": {"save"}, g + ".value": {"02"}, g + ".same": {"0"}}))
	if code != http.StatusSeeOther {
		t.Errorf("2 schools, 0 the same period: %d, want 303", code)
	}
}

// "3 trường" for a target counted in trường is 3, as it would be on paper,
// and the page judges it; "3 cái" is refused with the unit named, keeping
// what was typed.
func TestReportReadsAValueWithItsUnit(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r, path := schoolsRound(x)
	c := x.login("pnv")
	g := "g" + itoa(r.Tasks[0].Targets[0].ID)
	code, _, body := read(x.post(c, path, url.Values{"version": {"0"}, "op": {"save"}, g + ".value": {"3 cái"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Sau số chỉ ghi được đơn vị của chỉ tiêu (trường), ví dụ 3 hoặc 3 trường; nếu số liệu tính bằng đơn vị khác, hãy đổi sang trường.") ||
		!strings.Contains(body, `value="3 cái"`) {
		t.Errorf("3 cái: %d, want 422 naming the unit and keeping what was typed", code)
	}
	code, _, _ = read(x.post(c, path, url.Values{"version": {"1"}, "op": {"save"}, g + ".value": {"3 trường"}, g + ".same": {"2 truong"}}))
	if code != http.StatusSeeOther {
		t.Fatalf("3 trường, 2 truong the same period: %d, want 303", code)
	}
	a := x.reportOf(x.a, r).Sections[0].Actuals[0]
	if a.Value == nil || *a.Value != 3 || a.SamePeriod == nil || *a.SamePeriod != 2 {
		t.Errorf("stored %v, %v; want 3 and 2", a.Value, a.SamePeriod)
	}
}

// A send with a number it cannot read and fields left empty says all of it
// at once: the number, and each empty field with a link, not the empty
// fields only after the number is fixed.
func TestSendListsEveryProblemAtOnce(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r, path := schoolsRound(x)
	c := x.login("pnv")
	task, g := itoa(r.Tasks[0].ID), "g"+itoa(r.Tasks[0].Targets[0].ID)
	code, _, body := read(x.post(c, path, url.Values{"version": {"0"}, "op": {"submit"}, g + ".value": {"hai"}}))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("send: %d, want 422", code)
	}
	for _, want := range []string{
		"Báo cáo chưa được gửi vì còn 1 ô số liệu chưa hợp lệ và 2 ô chưa điền. Các phần khác đã được lưu vào bản nháp. Hãy sửa các ô đó rồi bấm gửi lại:",
		`href="#` + g + `.value"`, `href="#t` + task + `.status"`, `href="#t` + task + `.result_vs_plan"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	if n := strings.Count(body, `href="#`+g+`.value"`); n != 1 {
		t.Errorf("the unread number is listed %d times, want once", n)
	}
	if rep := x.reportOf(x.a, r); rep.Status != tiendo.ReportDraft {
		t.Errorf("after the refused send the report is %s, want a draft", rep.Status)
	}
}

// The warning about unusual values tells the person to tick the box by the
// label the box has, and writes the value as the page does.
func TestUnusualValueWarningNamesTheBox(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("cah")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/cah"
	task, target := x.round.Tasks[1], x.round.Tasks[1].Targets[0]
	code, _, body := read(x.post(c, path, url.Values{"version": {"0"}, "op": {"submit"}, "t" + itoa(task.ID) + ".status": {"on_track"},
		"t" + itoa(task.ID) + ".result_vs_plan": {"Đã triển khai."}, "g" + itoa(target.ID) + ".value": {"41.150"}}))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("submit with 41.150%%: %d, want 422 asking to confirm", code)
	}
	m := regexp.MustCompile(`<input type="checkbox" name="confirm"> ([^<]+)</label>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no confirmation box on the page")
	}
	label := strings.TrimSpace(m[1])
	for _, want := range []string{"hãy đánh dấu ô “" + label + "”", "“giảm 5% trở lên” là 41.150%, vượt quá 100%"} {
		if !strings.Contains(body, want) {
			t.Errorf("the warning does not say %q", want)
		}
	}
}

// The autosave says it kept a scratch copy, not that it saved the report,
// and the page shows that line in the bar with the buttons.
func TestAutosaveSaysWhatItKept(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	code, _, body := read(x.post(c, path+"/autosave", url.Values{"version": {"0"}, "t" + itoa(x.round.Tasks[0].ID) + ".obstacles": {"Thiếu kinh phí."}}))
	if code != http.StatusOK {
		t.Fatalf("autosave: %d", code)
	}
	if !regexp.MustCompile(`^Đã giữ bản tạm lúc \d\d:\d\d trên máy chủ — chưa lưu vào báo cáo; bấm “Lưu nháp” để lưu\.$`).MatchString(body) {
		t.Errorf("autosave says %q", body)
	}
	if rep := x.reportOf(x.a, x.round); rep.Status != tiendo.ReportMissing {
		t.Errorf("after an autosave the report is %s, want still missing", rep.Status)
	}
	_, page := x.get(c, path)
	if !regexp.MustCompile(`<div class="form-actions">\s*<p class="autosave-status`).MatchString(page) {
		t.Errorf("the autosave line is not in the bar with the buttons")
	}
}

// Saving in a second tab what the first already changed shows one alert,
// which blames nobody and names no version numbers.
func TestConflictFromAnotherTabIsOneAlert(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	field := "t" + itoa(x.round.Tasks[0].ID) + ".result_vs_plan"
	if code, _, _ := read(x.post(c, path, url.Values{"version": {"0"}, "op": {"save"}, field: {"Thẻ thứ nhất"}})); code != http.StatusSeeOther {
		t.Fatalf("first tab: %d", code)
	}
	code, _, body := read(x.post(c, path, url.Values{"version": {"0"}, "op": {"save"}, field: {"Thẻ thứ hai"}}))
	if code != http.StatusConflict {
		t.Fatalf("second tab: %d, want 409", code)
	}
	if n := strings.Count(body, `class="alert"`); n != 1 {
		t.Errorf("%d alerts on the conflict page, want 1", n)
	}
	if !strings.Contains(body, "Báo cáo đã được lưu ở nơi khác (có thể từ một thẻ hoặc máy khác) sau khi bạn mở") {
		t.Errorf("the conflict page does not say the report was saved elsewhere")
	}
	for _, bad := range []string{"phiên bản", "người khác"} {
		if strings.Contains(body, bad) {
			t.Errorf("the conflict page says %q", bad)
		}
	}
	if !strings.Contains(body, ">Thẻ thứ hai</textarea>") || !strings.Contains(body, "Bản đã lưu: Thẻ thứ nhất") {
		t.Errorf("the conflict page does not keep both texts")
	}
}
