package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// In a round with the unit head's approval, "Trình lãnh đạo đơn vị duyệt"
// asks first in the modal dialog "Gửi báo cáo" shows: what the report
// leaves empty, the focus on "Quay lại sửa", which closes it with the
// report still a draft; its "Trình lãnh đạo duyệt" sends it to the head.
// While typing, a decrease's verdict says how far it went, judged as the
// server judges it ("giảm 5 vụ": 6 fewer is beyond it).
func TestBrowserReviewAsksFirst(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	unit, err := st.UnitByCode(bg, "pgddt")
	if err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Đợt thử trình lãnh đạo duyệt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(48 * time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "7", Text: "Giảm nghèo, bảo đảm trật tự an toàn giao thông", Assignees: []tiendo.Assignee{{UnitID: unit.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "Báo cáo việc giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"},
				{Text: "giảm 5 vụ tai nạn giao thông", Comparator: tiendo.Equal, Value: 5, Unit: "vụ", Direction: "decrease"},
			}}}}
	if err := st.CreateRound(bg, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	task, poor, crashes := r.Tasks[0].ID, r.Tasks[0].Targets[0].ID, r.Tasks[0].Targets[1].ID
	id := func(format string, id int64) string { return fmt.Sprintf(`[id="`+format+`"]`, id) }
	out := func(target int64) string {
		return browsertest.Get(t, ctx, chromedp.Text(fmt.Sprintf(`output[for="g%d.value"]`, target)))
	}
	status := func() tiendo.ReportStatus {
		rep, err := st.Report(bg, &tiendo.User{Role: tiendo.RoleOffice}, r.ID, unit.ID)
		if err != nil {
			t.Fatal(err)
		}
		return rep.Status
	}
	modal := `!!document.getElementById("send-confirm") && document.getElementById("send-confirm").matches(":modal") && document.readyState === "complete"`

	browserLogin(t, ctx, base, "pgddt")
	browsertest.Do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/reports/pgddt", base, r.ID)), chromedp.WaitVisible(`#report-form`),
		chromedp.SendKeys(id("g%d.value", poor), "3,2%"),
		chromedp.SendKeys(id("g%d.value", crashes), "6"))
	if got, want := out(poor), "Vượt · bằng 106,7% mức giảm 3% đề ra"; got != want {
		t.Errorf("live verdict of a decrease of 3,2%% against 3%%: %q, want %q", got, want)
	}
	if got, want := out(crashes), "Vượt · bằng 120% mức giảm 5 vụ đề ra"; got != want {
		t.Errorf("live verdict of 6 fewer crashes against “giảm 5 vụ”: %q, want %q", got, want)
	}

	browsertest.Do(t, ctx,
		chromedp.SetValue(id("t%d.status", task), "on_track"),
		chromedp.SendKeys(id("t%d.result_vs_plan", task), "Đã rà soát hộ nghèo."),
		chromedp.Click(`#review`))
	browsertest.WaitFor(t, ctx, modal)
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); got != "send-back" {
		t.Errorf("the dialog opens with the focus on %q, want “Quay lại sửa”", got)
	}
	text := browsertest.Get(t, ctx, chromedp.Text(`#send-confirm`))
	for _, want := range []string{"Trình lãnh đạo đơn vị duyệt báo cáo?", "Nhiệm vụ 7 còn để trống: So với cùng kỳ; Khó khăn, vướng mắc",
		"Chưa có số liệu cùng kỳ năm trước", "Quay lại sửa", "Trình lãnh đạo duyệt"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, text)
		}
	}
	if got := status(); got != tiendo.ReportDraft {
		t.Fatalf("while the dialog asks, the report is %s, want a draft", got)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#send-back`))
	browsertest.WaitFor(t, ctx, `!document.getElementById("send-confirm")`)
	if got := status(); got != tiendo.ReportDraft {
		t.Fatalf("after “Quay lại sửa” the report is %s, want a draft", got)
	}

	// On a phone: the dialog fits, and its button sends to the head.
	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Click(`#review`))
	browsertest.WaitFor(t, ctx, modal)
	if fits := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`(() => {
		const r = document.querySelector("#send-confirm article").getBoundingClientRect();
		return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight && document.documentElement.scrollWidth <= innerWidth;
	})()`)); !fits {
		t.Errorf("at 390 px the dialog does not fit the window")
	}
	if testing.Verbose() {
		viewShot(t, ctx, "390")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#send-go`))
	waitOK(t, ctx, "review")
	if got := status(); got != tiendo.ReportReview {
		t.Errorf("after “Trình lãnh đạo duyệt” the report is %s, want review", got)
	}
}
