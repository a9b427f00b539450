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

// kindsRound adds to x a round in which pnv reports a decrease, a level to
// come down to, a growth against last year and a level to reach. The
// second's text has the verb of a decrease and the third's none: the form
// goes by the target's data, not its words.
func kindsRound(x *app) *tiendo.Round {
	x.t.Helper()
	r := &tiendo.Round{Title: "Đợt thử các loại chỉ tiêu", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "7", Text: "Giảm nghèo bền vững", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "Báo cáo việc giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"},
				{Text: "giảm tỷ lệ hộ nghèo 4%", Comparator: tiendo.LessThan, Value: 4, Unit: "%"},
				{Text: "thu nhập bình quân đầu người 8%", Comparator: tiendo.AtLeast, Value: 8, Unit: "%", Direction: "increase", RelativeTo: "same-period"},
				{Text: "tỷ lệ huy động trẻ ra lớp đạt 42%", Comparator: tiendo.AtLeast, Value: 42, Unit: "%"},
			}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		x.t.Fatal(err)
	}
	return r
}

// hintOf is the text under a target's "Thực hiện" field.
func hintOf(t *testing.T, page string, target int64) string {
	t.Helper()
	m := regexp.MustCompile(`<small id="g` + itoa(target) + `\.value-hint" class="muted">([^<]*)</small>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no hint under target %d's field", target)
	}
	return m[1]
}

// Each target's field says what to type for its kind: the decrease, not the
// rate reached, for "giảm … từ 3% trở lên"; the level reached for "còn
// dưới 4%"; the growth against last year for "tăng … so với cùng kỳ"; a
// plain level keeps the examples of how to write a number.
func TestReportFieldSaysWhatToTypeForItsKind(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := kindsRound(x)
	tg := r.Tasks[0].Targets
	_, page := x.get(x.login("pnv"), "/rounds/"+itoa(r.ID)+"/reports/pnv")
	for i, want := range []string{
		"Ghi mức đã giảm được, không ghi mức hiện tại; nếu không giảm mà tăng, ghi số âm. Ví dụ: 3,2%",
		"Ghi mức hiện tại (đã xuống còn bao nhiêu), không ghi mức đã giảm được. Ví dụ: 3,8%",
		"Ghi mức đã tăng được so với cùng kỳ năm trước, không ghi mức hiện tại; nếu không tăng mà giảm, ghi số âm. Ví dụ: 12,5%",
		"ví dụ: 15,2 · 1.234,5 · 70%",
	} {
		if got := hintOf(t, page, tg[i].ID); got != want {
			t.Errorf("target %q: hint %q, want %q", tg[i].Text, got, want)
		}
	}
}

// A decrease's verdict says how far it went, as the other targets' do, in
// words that fit a change: the form's, after a save and for its script,
// and the consolidated report's sentence.
func TestReportDecreaseVerdictHasItsRatio(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := kindsRound(x)
	dec, level := r.Tasks[0].Targets[0], r.Tasks[0].Targets[3]
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	c := x.login("pnv")
	if _, blank := x.get(c, path); !strings.Contains(blank, `data-ratio="mức giảm 3% đề ra"`) {
		t.Errorf("the decrease's field does not give its script the words of its ratio")
	}
	g, gl := "g"+itoa(dec.ID)+".value", "g"+itoa(level.ID)+".value"
	if code, _, body := read(x.post(c, path, url.Values{"version": {"0"}, "op": {"save"}, g: {"3,2%"}, gl: {"45%"}})); code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", code, body)
	}
	_, page := x.get(c, path)
	for key, want := range map[string]string{g: "Vượt · bằng 106,7% mức giảm 3% đề ra", gl: "Vượt · bằng 107,1% kế hoạch"} {
		if !strings.Contains(page, `id="`+key+`-verdict">`+want+`</output>`) {
			t.Errorf("the verdict of %s is not %q", key, want)
		}
	}
	if code, _, body := read(x.post(c, path, url.Values{"version": {"1"}, "op": {"save"}, g: {"1,5%"}, gl: {"45%"}})); code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", code, body)
	}
	if _, page := x.get(c, path); !strings.Contains(page, `id="`+g+`-verdict">Chưa đạt · bằng 50% mức giảm 3% đề ra</output>`) {
		t.Errorf("a decrease short of its goal does not say how far it went")
	}
}

// In a round with the unit head's approval, "Trình lãnh đạo đơn vị duyệt"
// asks first, as "Gửi báo cáo" does: the draft saved, the report still the
// unit's, a dialog saying what it leaves empty; its "Trình lãnh đạo duyệt"
// sends it to the head. Without JavaScript the form can change under the
// dialog: it is saved and asked about again, not sent unseen; a reload of
// the answer once sent takes the person to the report, not an error.
func TestReviewAsksFirst(t *testing.T) {
	t.Parallel()
	x, r := headApp(t)
	task := r.Tasks[0].ID
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	rep := x.login("pnv")
	f := url.Values{"version": {"0"}, "op": {"review"}, "t" + itoa(task) + ".status": {"on_track"}, "t" + itoa(task) + ".result_vs_plan": {"Đã rà soát 120 thủ tục."}}
	code, _, body := read(x.post(rep, path, f))
	if code != http.StatusOK || !strings.Contains(body, `<dialog id="send-confirm" open`) {
		t.Fatalf("review: %d, want 200 asking to confirm\n%s", code, body)
	}
	for _, want := range []string{
		"Trình lãnh đạo đơn vị duyệt báo cáo?",
		"Báo cáo sẽ chuyển đến lãnh đạo đơn vị duyệt",
		`Nhiệm vụ 1 còn để trống: <a href="?#t` + itoa(task) + `.vs_same_period">So với cùng kỳ</a>`,
		"Báo cáo tính đúng hạn nếu lãnh đạo đơn vị duyệt và gửi Văn phòng trong hạn",
		`data-opener="review"`,
		`<button type="submit" form="report-form" name="op" value="send_review" id="send-go">Trình lãnh đạo duyệt</button>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the confirmation lacks %q", want)
		}
	}
	if strings.Contains(body, "Gửi báo cáo cho Văn phòng?") || strings.Contains(body, `value="send" id="send-go"`) {
		t.Errorf("the confirmation before the head's review asks to send to the office")
	}
	saved := x.reportOf(x.a, r)
	if saved.Status != tiendo.ReportDraft || saved.Sections[0].ResultVsPlan != "Đã rà soát 120 thủ tục." {
		t.Fatalf("while the dialog asks, the report is %s with %q: want the draft saved, not sent", saved.Status, saved.Sections[0].ResultVsPlan)
	}

	// Changed under the dialog (no JavaScript): saved, asked again.
	changed := confirmationForm(t, body, path, "send_review")
	changed.Set("t"+itoa(task)+".obstacles", "Thiếu cán bộ.")
	code, _, body = read(x.post(rep, path, changed))
	if code != http.StatusOK || !strings.Contains(body, `<dialog id="send-confirm" open`) || !strings.Contains(body, "bấm “Trình lãnh đạo duyệt”") {
		t.Fatalf("a form changed under the dialog: %d, want the dialog again saying so\n%s", code, body)
	}
	if got := x.reportOf(x.a, r); got.Status != tiendo.ReportDraft || got.Sections[0].Obstacles != "Thiếu cán bộ." {
		t.Fatalf("a form changed under the dialog left the report %s with %q: want the draft saved, not sent", got.Status, got.Sections[0].Obstacles)
	}

	code, loc, body := read(x.post(rep, path, confirmationForm(t, body, path, "send_review")))
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=review") {
		t.Fatalf("confirmed: %d %s, want 303 to ?ok=review\n%s", code, loc, body)
	}
	if got := x.reportOf(x.a, r).Status; got != tiendo.ReportReview {
		t.Errorf("confirmed, the report is %s, want review", got)
	}
	// The confirmation posted again (a reload): the report as it is.
	code, loc, _ = read(x.post(rep, path, changed))
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=review") {
		t.Errorf("the confirmation again: %d %s, want 303 to the report", code, loc)
	}
}
