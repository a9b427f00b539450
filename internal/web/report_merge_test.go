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

// mergeApp is newApp with a second reporter of unit a ("pnv2") and a round
// where unit a leads task 1, with a target in %, and supports task 2 (led
// by unit b), so that its form has narratives, numbers and a contribution.
func mergeApp(t *testing.T) (*app, *tiendo.Round) {
	t.Helper()
	x := newApp(t)
	ctx := context.Background()
	if err := x.st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "pnv2", Role: tiendo.RoleReporter, UnitID: x.a.ID}, pw); err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Báo cáo sáu tháng", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Nâng tỷ lệ hồ sơ giải quyết đúng hạn", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "tỷ lệ hồ sơ đúng hạn đạt 60% trở lên", Comparator: tiendo.AtLeast, Value: 60, Unit: "%"}}},
			{Label: "2", Text: "Bảo đảm an ninh trật tự", Assignees: []tiendo.Assignee{{UnitID: x.b.ID, Role: tiendo.Lead}, {UnitID: x.a.ID, Role: tiendo.Support}}},
		}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return x, r
}

// mergeKeys are the form keys of mergeApp's round.
type mergeKeys struct{ path, status, result, recs, next, value, same, contrib string }

func keysOf(r *tiendo.Round) mergeKeys {
	t, g := "t"+itoa(r.Tasks[0].ID)+".", "g"+itoa(r.Tasks[0].Targets[0].ID)+"."
	return mergeKeys{path: "/rounds/" + itoa(r.ID) + "/reports/pnv", status: t + "status", result: t + "result_vs_plan",
		recs: t + "recommendations", next: t + "next_steps", value: g + "value", same: g + "same", contrib: "c" + itoa(r.Tasks[1].ID) + ".text"}
}

// openForm opens the report page as c and returns what its form sends.
func (x *app) openForm(c *http.Client, path string) url.Values {
	x.t.Helper()
	code, page := x.get(c, path)
	if code != http.StatusOK {
		x.t.Fatalf("GET %s: %d", path, code)
	}
	return browserForm(x.t, page, path)
}

// saveAs posts form with op as c and returns the status, the address
// redirected to and the page.
func (x *app) saveAs(c *http.Client, path string, form url.Values, op string) (int, string, string) {
	x.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = append([]string(nil), v...)
	}
	f.Set("op", op)
	return read(x.post(c, path, f))
}

// The usability review's case: two officers of one unit open the report;
// A changes "Kiến nghị" and saves; B, who opened it earlier, changes only
// "Nhiệm vụ thời gian tới" and saves. Nothing clashes, so B's save goes
// through merged: A's "Kiến nghị" stays, B's "Nhiệm vụ thời gian tới" is
// added, and the page says which fields came from the other save. Before,
// B got a conflict with "Bản đã lưu" under every field, and B's second
// "Lưu nháp" put B's stale copy over A's text.
func TestReportConflictKeepsColleagueText(t *testing.T) {
	t.Parallel()
	x, r := mergeApp(t)
	k := keysOf(r)
	a, b := x.login("pnv"), x.login("pnv2")
	// A first draft, which both then open.
	first := x.openForm(a, k.path)
	first.Set(k.status, "on_track")
	first.Set(k.result, "Đạt 55% hồ sơ đúng hạn.")
	first.Set(k.recs, "Đề nghị bổ sung biên chế.")
	first.Set(k.value, "55")
	first.Set(k.contrib, "Phối hợp tuần tra.")
	if code, _, _ := x.saveAs(a, k.path, first, "save"); code != http.StatusSeeOther {
		t.Fatalf("first save: %d", code)
	}
	formA, formB := x.openForm(a, k.path), x.openForm(b, k.path)

	formA.Set(k.recs, "Đề nghị bổ sung 02 biên chế và kinh phí số hóa hồ sơ.")
	formA.Set(k.value, "61,2")
	formA.Set(k.contrib, "Phối hợp tuần tra, bảo vệ trụ sở.")
	if code, _, _ := x.saveAs(a, k.path, formA, "save"); code != http.StatusSeeOther {
		t.Fatalf("A's save: %d", code)
	}
	formB.Set(k.next, "Tiếp tục số hóa hồ sơ.")
	formB.Set(k.same, "48,5")
	code, loc, body := x.saveAs(b, k.path, formB, "save")
	if code == http.StatusConflict {
		// What B did next: "Lưu nháp" again on the page that came back.
		t.Errorf("B's save after A's: 409, want 303 (merged and saved); the page:\n%s", formErrorOrNone(body))
		code, loc, _ = x.saveAs(b, k.path, browserForm(t, body, k.path), "save")
	}
	if code != http.StatusSeeOther {
		t.Fatalf("B's save: %d, want 303", code)
	}
	rep := x.reportOf(x.a, r)
	sec := rep.Sections[0]
	if sec.Recommendations != "Đề nghị bổ sung 02 biên chế và kinh phí số hóa hồ sơ." {
		t.Errorf("Kiến nghị = %q: A's text was lost", sec.Recommendations)
	}
	if sec.NextSteps != "Tiếp tục số hóa hồ sơ." {
		t.Errorf("Nhiệm vụ thời gian tới = %q: B's text was lost", sec.NextSteps)
	}
	if v := sec.Actuals[0].Value; v == nil || *v != 61.2 {
		t.Errorf("Thực hiện = %v, want A's 61,2", v)
	}
	if v := sec.Actuals[0].SamePeriod; v == nil || *v != 48.5 {
		t.Errorf("Cùng kỳ = %v, want B's 48,5", v)
	}
	if len(rep.Contributions) != 1 || rep.Contributions[0].Text != "Phối hợp tuần tra, bảo vệ trụ sở." {
		t.Errorf("contribution = %+v, want A's text", rep.Contributions)
	}
	// The page B comes back to says what came from the other save, with
	// links, and that B's own change is in too.
	if !strings.Contains(loc, "ok=saved") {
		t.Fatalf("B's save went to %q", loc)
	}
	_, page := x.get(b, loc)
	note := regexp.MustCompile(`(?s)<div class="notice" role="status" id="merged"[^>]*>.*?</div>`).FindString(page)
	for _, want := range []string{
		"Trong lúc bạn sửa, báo cáo đã được lưu ở nơi khác",
		`<a href="#` + k.recs + `">Nhiệm vụ 1: Kiến nghị, đề xuất</a>`,
		`<a href="#` + k.value + `">Nhiệm vụ 1, chỉ tiêu “tỷ lệ hồ sơ đúng hạn đạt 60% trở lên”: ô “Thực hiện”</a>`,
		`<a href="#` + k.contrib + `">Phối hợp nhiệm vụ 2</a>`,
	} {
		if !strings.Contains(note, want) {
			t.Errorf("the page after the merged save lacks %q:\n%s", want, note)
		}
	}
	if strings.Contains(note, k.next) {
		t.Errorf("the merge note lists B's own change as taken from elsewhere:\n%s", note)
	}
}

// formErrorOrNone is the message at the top of a report page, or "".
func formErrorOrNone(body string) string {
	return regexp.MustCompile(`(?s)<div class="alert" role="alert" id="form-error" tabindex="-1">.*?</div>`).FindString(body)
}

// Only a field both changed, to different values, is a clash: the save is
// refused, the top lists it with a link, the saved text is shown under it
// alone, the field keeps B's text, and every field B did not change shows
// A's. B's next "Lưu nháp" saves B's text there and keeps A's elsewhere.
func TestReportConflictFlagsOnlyClashes(t *testing.T) {
	t.Parallel()
	x, r := mergeApp(t)
	k := keysOf(r)
	a, b := x.login("pnv"), x.login("pnv2")
	formA, formB := x.openForm(a, k.path), x.openForm(b, k.path)

	formA.Set(k.recs, "Kiến nghị của A.")
	formA.Set(k.result, "Kết quả do A ghi.")
	formA.Set(k.value, "61,2")
	formA.Set(k.status, "behind")
	if code, _, _ := x.saveAs(a, k.path, formA, "save"); code != http.StatusSeeOther {
		t.Fatalf("A's save: %d", code)
	}
	formB.Set(k.recs, "Kiến nghị của B.")
	formB.Set(k.value, "61,20") // the same number as A's, written otherwise: no clash
	formB.Set(k.status, "on_track")
	formB.Set(k.next, "Việc tới do B ghi.")
	code, _, body := x.saveAs(b, k.path, formB, "save")
	if code != http.StatusConflict {
		t.Fatalf("B's save: %d, want 409", code)
	}
	top := formError(t, body)
	for _, want := range []string{
		"Báo cáo đã được lưu ở nơi khác (có thể từ một thẻ hoặc máy khác) sau khi bạn mở",
		`<a href="#` + k.recs + `">Nhiệm vụ 1: Kiến nghị, đề xuất</a>`,
		`<a href="#` + k.status + `">Nhiệm vụ 1: Tình trạng thực hiện</a>`,
		`<a href="#` + k.result + `">Nhiệm vụ 1: Kết quả đạt được so với kế hoạch</a>`, // taken from A's
	} {
		if !strings.Contains(top, want) {
			t.Errorf("the message at the top lacks %q:\n%s", want, top)
		}
	}
	if n := strings.Count(body, "Bản đã lưu:"); n != 2 {
		t.Errorf("“Bản đã lưu” shown %d times, want 2 (under the two clashing fields)", n)
	}
	for _, want := range []string{
		`<small class="theirs" id="` + k.recs + `-theirs">Bản đã lưu: Kiến nghị của A.</small>`,
		`<small class="theirs" id="` + k.status + `-theirs">Bản đã lưu: Chậm tiến độ</small>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the conflict page lacks %q", want)
		}
	}
	form := browserForm(t, body, k.path)
	for key, want := range map[string]string{
		k.recs: "Kiến nghị của B.", k.status: "on_track", k.next: "Việc tới do B ghi.", // B's
		k.result: "Kết quả do A ghi.", // A's, which B did not change
	} {
		if got := form.Get(key); strings.ReplaceAll(got, "\r\n", "\n") != want {
			t.Errorf("the conflict page's %s holds %q, want %q", key, got, want)
		}
	}
	if rep := x.reportOf(x.a, r); rep.Sections[0].Recommendations != "Kiến nghị của A." || rep.Sections[0].NextSteps != "" {
		t.Errorf("the refused save changed the report: %+v", rep.Sections[0])
	}
	// B has compared, keeps their own text, and saves.
	if code, _, body := x.saveAs(b, k.path, form, "save"); code != http.StatusSeeOther {
		t.Fatalf("B's second save: %d\n%s", code, formErrorOrNone(body))
	}
	sec := x.reportOf(x.a, r).Sections[0]
	if sec.Recommendations != "Kiến nghị của B." || sec.Status != "on_track" || sec.NextSteps != "Việc tới do B ghi." || sec.ResultVsPlan != "Kết quả do A ghi." {
		t.Errorf("after B's second save: %+v", sec)
	}
	if v := sec.Actuals[0].Value; v == nil || *v != 61.2 {
		t.Errorf("Thực hiện = %v, want 61,2", v)
	}
}

// A number both changed to different values clashes, with the saved one
// under the field; a contribution both changed likewise.
func TestReportConflictFlagsNumbersAndContributions(t *testing.T) {
	t.Parallel()
	x, r := mergeApp(t)
	k := keysOf(r)
	a, b := x.login("pnv"), x.login("pnv2")
	formA, formB := x.openForm(a, k.path), x.openForm(b, k.path)
	formA.Set(k.same, "48,5")
	formA.Set(k.contrib, "Phối hợp của A.")
	if code, _, _ := x.saveAs(a, k.path, formA, "save"); code != http.StatusSeeOther {
		t.Fatalf("A's save: %d", code)
	}
	formB.Set(k.same, "50")
	formB.Set(k.contrib, "Phối hợp của B.")
	code, _, body := x.saveAs(b, k.path, formB, "save")
	if code != http.StatusConflict {
		t.Fatalf("B's save: %d, want 409", code)
	}
	top := formError(t, body)
	for _, want := range []string{
		`<a href="#` + k.same + `">Nhiệm vụ 1, chỉ tiêu “tỷ lệ hồ sơ đúng hạn đạt 60% trở lên”: ô “Cùng kỳ năm trước”</a>`,
		`<a href="#` + k.contrib + `">Phối hợp nhiệm vụ 2</a>`,
	} {
		if !strings.Contains(top, want) {
			t.Errorf("the message at the top lacks %q:\n%s", want, top)
		}
	}
	for _, want := range []string{
		`<small class="theirs" id="` + k.same + `-theirs">Bản đã lưu: 48,5</small>`,
		`<small class="theirs" id="` + k.contrib + `-theirs">Bản đã lưu: Phối hợp của A.</small>`,
		`value="50"`,
		`>Phối hợp của B.</textarea>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the conflict page lacks %q", want)
		}
	}
	if n := strings.Count(body, "Bản đã lưu:"); n != 2 {
		t.Errorf("“Bản đã lưu” shown %d times, want 2", n)
	}
}

// "Gửi báo cáo" on a version another save has overtaken: what merges
// cleanly is saved as the draft, but the report is not sent, since it now
// holds text the sender has not seen; the page lists that text.
func TestReportConflictOnSubmitSavesMergeButDoesNotSend(t *testing.T) {
	t.Parallel()
	x, r := mergeApp(t)
	k := keysOf(r)
	a, b := x.login("pnv"), x.login("pnv2")
	formA, formB := x.openForm(a, k.path), x.openForm(b, k.path)
	formA.Set(k.recs, "Kiến nghị của A.")
	if code, _, _ := x.saveAs(a, k.path, formA, "save"); code != http.StatusSeeOther {
		t.Fatalf("A's save: %d", code)
	}
	formB.Set(k.status, "on_track")
	formB.Set(k.result, "Kết quả của B.")
	formB.Set(k.value, "61,2")
	formB.Set(k.same, "50")
	code, _, body := x.saveAs(b, k.path, formB, "submit")
	if code != http.StatusConflict {
		t.Fatalf("B's submit: %d, want 409", code)
	}
	rep := x.reportOf(x.a, r)
	if rep.Status != tiendo.ReportDraft || rep.Sections[0].Recommendations != "Kiến nghị của A." || rep.Sections[0].ResultVsPlan != "Kết quả của B." {
		t.Errorf("after B's submit the report is %s with %+v, want a draft holding both", rep.Status, rep.Sections[0])
	}
	top := formError(t, body)
	for _, want := range []string{"Báo cáo chưa được gửi", `<a href="#` + k.recs + `">Nhiệm vụ 1: Kiến nghị, đề xuất</a>`, "Gửi báo cáo"} {
		if !strings.Contains(top, want) {
			t.Errorf("the message at the top lacks %q:\n%s", want, top)
		}
	}
	if strings.Contains(body, "Bản đã lưu:") {
		t.Errorf("nothing clashed, yet the page shows “Bản đã lưu”")
	}
	// The form carries the new version: sending again goes (once
	// confirmed, TestSubmitAsksFirstWithoutJavaScript).
	if code, loc, _ := x.sendConfirmed(b, k.path, browserForm(t, body, k.path)); code != http.StatusSeeOther || !strings.Contains(loc, "ok=submitted") {
		t.Errorf("submit again: %d %s", code, loc)
	}
}

// B's autosave, typed on the version B opened, is restored after A saved a
// newer one: the fields B did not touch show A's text, not B's stale copy,
// so that B's next "Lưu nháp" does not put it back over A's.
func TestRestoredAutosaveMergesWithNewerSave(t *testing.T) {
	t.Parallel()
	x, r := mergeApp(t)
	k := keysOf(r)
	a, b := x.login("pnv"), x.login("pnv2")
	formA, formB := x.openForm(a, k.path), x.openForm(b, k.path)
	formA.Set(k.recs, "Kiến nghị của A.")
	if code, _, _ := x.saveAs(a, k.path, formA, "save"); code != http.StatusSeeOther {
		t.Fatalf("A's save: %d", code)
	}
	time.Sleep(10 * time.Millisecond) // B's autosave comes after A's save
	formB.Set(k.next, "Việc tới do B gõ.")
	if code, _, body := read(x.post(b, k.path+"/autosave", formB)); code != http.StatusOK {
		t.Fatalf("B's autosave: %d %s", code, body)
	}
	code, page := x.get(b, k.path)
	if code != http.StatusOK {
		t.Fatalf("B's page: %d", code)
	}
	form := browserForm(t, page, k.path)
	if got := form.Get(k.recs); got != "Kiến nghị của A." {
		t.Errorf("B's restored page shows Kiến nghị %q, want A's saved text", got)
	}
	if got := form.Get(k.next); got != "Việc tới do B gõ." {
		t.Errorf("B's restored page shows Nhiệm vụ thời gian tới %q, want what B typed", got)
	}
	if code, _, _ := x.saveAs(b, k.path, form, "save"); code != http.StatusSeeOther {
		t.Fatalf("B's save: %d", code)
	}
	if sec := x.reportOf(x.a, r).Sections[0]; sec.Recommendations != "Kiến nghị của A." || sec.NextSteps != "Việc tới do B gõ." {
		t.Errorf("after B's save: %+v", sec)
	}
}

// "6.120" typed into Cùng kỳ beside a Thực hiện of 61,2 (a rate with a goal
// of 60 %): the refused send names Cùng kỳ, with both values, and links to
// it; the note is under Cùng kỳ, not under Thực hiện. Before, it linked to
// Thực hiện as if that were the slip.
func TestUnusualSamePeriodLinksToItsField(t *testing.T) {
	t.Parallel()
	x, r := mergeApp(t)
	k := keysOf(r)
	c := x.login("pnv")
	form := x.openForm(c, k.path)
	form.Set(k.status, "on_track")
	form.Set(k.result, "Đạt 61,2% hồ sơ đúng hạn.")
	form.Set(k.value, "61,2")
	form.Set(k.same, "6.120")
	code, _, body := x.saveAs(c, k.path, form, "submit")
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("submit: %d, want 422 asking to confirm", code)
	}
	top := formError(t, body)
	want := `<a href="#` + k.same + `">Nhiệm vụ 1, chỉ tiêu “tỷ lệ hồ sơ đúng hạn đạt 60% trở lên”: ô “Cùng kỳ năm trước”</a>: số liệu khác thường: 6.120%, gấp hơn 10 lần số thực hiện (61,2%).`
	if !strings.Contains(top, want) {
		t.Errorf("the message at the top lacks %q:\n%s", want, top)
	}
	if !strings.Contains(body, `<small class="field-error unusual" id="`+k.same+`-unusual">Số liệu khác thường: 6.120%, gấp hơn 10 lần số thực hiện (61,2%).`) {
		t.Errorf("no note under Cùng kỳ")
	}
	if strings.Contains(body, `id="`+k.value+`-unusual"`) {
		t.Errorf("a note under Thực hiện, which is not the unusual value")
	}
}
