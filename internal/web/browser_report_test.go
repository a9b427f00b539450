package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// A unit fills two sections with Vietnamese numbers, saves, reloads and
// finds everything, submits; the office returns it; the unit revises and
// resubmits, and the office sees both revisions.
func TestBrowserReportLoop(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	r, pnv := pnvRound(t, st, "Đợt thử báo cáo",
		&tiendo.Task{Label: "1", Text: "Nâng Chỉ số cải cách hành chính",
			Targets: []*tiendo.Target{{Text: "Chỉ số PAR INDEX đạt 85% trở lên", Comparator: tiendo.AtLeast, Value: 85, Unit: "%"}}},
		&tiendo.Task{Label: "2", Text: "Tinh giản biên chế",
			Targets: []*tiendo.Target{{Text: "Giảm 1.200 hồ sơ tồn đọng", Comparator: tiendo.AtLeast, Value: 1200, Unit: "hồ sơ", Direction: "decrease"}}})
	t1, t2 := r.Tasks[0], r.Tasks[1]
	g1, g2 := t1.Targets[0].ID, t2.Targets[0].ID
	field := func(format string, id int64) string { return fmt.Sprintf(`[name="`+format+`"]`, id) }
	reportURL := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)

	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx,
		chromedp.Navigate(reportURL),
		chromedp.WaitVisible(`#report-form`),
		chromedp.SendKeys(field("g%d.value", g1), "87,5"),
		chromedp.SendKeys(field("g%d.same", g1), "80"),
		chromedp.SetValue(field("t%d.status", t1.ID), "on_track"),
		chromedp.SendKeys(field("t%d.result_vs_plan", t1.ID), "Chỉ số đạt 87,5%, vượt kế hoạch."),
		chromedp.SendKeys(field("g%d.value", g2), "1.234,5"),
		chromedp.SetValue(field("t%d.status", t2.ID), "completed"),
		chromedp.SendKeys(field("t%d.result_vs_plan", t2.ID), "Đã giải quyết 1.234 hồ sơ."),
	)
	if v := browsertest.Get(t, ctx, chromedp.Text(fmt.Sprintf(`output[for="g%d.value"]`, g1))); !strings.Contains(v, "Vượt") || !strings.Contains(v, "102,9%") {
		t.Errorf("live verdict for 87,5 against >= 85 = %q, want Vượt · 102,9%%", v)
	}
	// Figures pasted from Word or Excel are read while typing as the server
	// reads them: spaced thousands with a no-break space, a minus sign.
	// (Pasted: set as the value, with the input event a paste fires.)
	paste := func(id int64, v string) string {
		sel := fmt.Sprintf(`[name="g%d.value"]`, id)
		browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(el => { el.value = %q; el.dispatchEvent(new Event("input", {bubbles: true})) })(document.querySelector(%q))`, v, sel)))
		return browsertest.Get(t, ctx, chromedp.Text(fmt.Sprintf(`output[for="g%d.value"]`, id)))
	}
	for _, v := range []string{"1\u00a0234,5 hồ sơ", "1 234,5"} {
		if got := paste(g2, v); got == "" || strings.Contains(got, "Chưa đọc được số") {
			t.Errorf("live verdict for %q = %q, want it read as 1.234,5", v, got)
		}
	}
	if got := paste(g1, "\u22125"); got == "" || strings.Contains(got, "Chưa đọc được số") {
		t.Errorf("live verdict for “−5” = %q, want it read as a number", got)
	}
	browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('[name="g%d.value"]').value = "87,5"; document.querySelector('[name="g%d.value"]').value = "1.234,5"`, g1, g2)))
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "form")
	}
	browsertest.Do(t, ctx, chromedp.Click(`button[value="save"]`))
	waitOK(t, ctx, "saved")
	if note := browsertest.Get(t, ctx, chromedp.Evaluate[string](`location.search + " | " + (document.querySelector(".notice") || {}).textContent`)); !strings.HasPrefix(note, " | ") || !strings.Contains(note, "Đã lưu") {
		t.Errorf("after a save the address and notice are %q: want the notice shown and ?ok= gone from the address", note)
	}
	browsertest.Do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`#report-form`))
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".notice").length`)); n != 0 {
		t.Errorf("a reload after the save shows %d notices again, want none", n)
	}
	if v := browsertest.Get(t, ctx, chromedp.Value(field("g%d.value", g2))); v != "1.234,5" {
		t.Errorf("after reload the value is %q, want 1.234,5", v)
	}
	if v := browsertest.Get(t, ctx, chromedp.Value(field("t%d.result_vs_plan", t1.ID))); v != "Chỉ số đạt 87,5%, vượt kế hoạch." {
		t.Errorf("after reload the text is %q", v)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#submit`))
	confirmSend(t, ctx) // "Gửi báo cáo" asks first (TestBrowserSubmitAsksFirst)
	if page := browsertest.Get(t, ctx, chromedp.Text(`main`)); !strings.Contains(page, "Đã gửi báo cáo") {
		t.Fatalf("after submit:\n%s", page)
	}

	// The office returns it with a comment.
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.Navigate(reportURL),
		chromedp.WaitVisible(`#comment`),
		chromedp.SendKeys(`#comment`, "Bổ sung số liệu cùng kỳ của nhiệm vụ 2."),
		chromedp.Click(`button[value="return"]`),
	)
	waitOK(t, ctx, "returned")

	// The unit sees why, revises and resubmits.
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))
	if page := browsertest.Get(t, ctx, chromedp.Text(`main`)); !strings.Contains(page, "Bổ sung số liệu cùng kỳ của nhiệm vụ 2.") {
		t.Errorf("the unit does not see the return comment")
	}
	browsertest.Do(t, ctx,
		chromedp.SendKeys(field("g%d.same", g2), "1.100"),
		chromedp.Click(`#submit`),
	)
	confirmSend(t, ctx)
	rep, err := st.Report(bg, &tiendo.User{Role: tiendo.RoleOffice}, r.ID, pnv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != tiendo.ReportSubmitted || rep.Late {
		t.Errorf("report after resubmission: %s late=%v", rep.Status, rep.Late)
	}
	if sp := rep.Sections[1].Actuals[0].SamePeriod; sp == nil || *sp != 1100 {
		t.Errorf("same period of task 2 = %v, want 1100", sp)
	}
	if v := rep.Sections[1].Actuals[0].Value; v == nil || *v != 1234.5 {
		t.Errorf("value of task 2 = %v, want 1234.5", v)
	}
	revs, _ := st.Revisions(bg, &tiendo.User{Role: tiendo.RoleOffice}, r.ID, pnv.ID)
	if len(revs) != 2 {
		t.Errorf("revisions = %d, want 2", len(revs))
	}
	browsertest.Do(t, ctx, chromedp.Navigate(reportURL+"/revisions"), chromedp.WaitVisible(`dl.changes`))
	if ins := browsertest.Get(t, ctx, chromedp.Text(`dl.changes ins`)); !strings.Contains(ins, "1.100") {
		t.Errorf("the difference between revisions shows %q, want the added 1.100", ins)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "revisions")
	}
}

// The session ends while a unit is typing: nothing is lost. The browser
// keeps the text; after logging in again the form offers it back.
func TestBrowserSessionExpiryKeepsText(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	r, pnv := pnvRound(t, st, "Đợt thử phiên hết hạn", &tiendo.Task{Label: "1", Text: "Nhiệm vụ thử"})
	field := fmt.Sprintf(`[name="t%d.result_vs_plan"]`, r.Tasks[0].ID)
	reportURL := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))

	// The session ends on the server (idle timeout, or an admin), then the
	// person types a long paragraph.
	user, _ := st.UserByUsername(bg, "pnv")
	if err := st.SetPassword(bg, store.Actor{}, user.ID, pw); err != nil { // ends every session
		t.Fatal(err)
	}
	text := "Đơn vị đã rà soát toàn bộ thủ tục hành chính, cắt giảm 15% thời gian giải quyết."
	browsertest.Do(t, ctx, chromedp.SendKeys(field, text))
	browsertest.Get(t, ctx, chromedp.Poll[bool](`document.querySelector(".autosave-status").textContent.includes("hết hạn")`, chromedp.WithPollingTimeout(15*time.Second)))
	// Log in again, come back: the text is offered and restored.
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))
	// The offer says when the text was typed on Vietnam's clock, as every
	// page does, whatever the computer's clock is set to.
	offer := browsertest.Get(t, ctx, chromedp.Text(`//p[contains(., "Trình duyệt này còn giữ")]`))
	m := regexp.MustCompile(`lúc (\d\d:\d\d ngày \d\d/\d\d/\d{4}) nhưng chưa lưu`).FindStringSubmatch(offer)
	if m == nil {
		t.Fatalf("the offer reads %q, want “lúc HH:MM ngày dd/mm/yyyy nhưng chưa lưu”", offer)
	}
	if at, err := time.ParseInLocation("15:04 ngày 02/01/2006", m[1], tiendo.Zone); err != nil || time.Since(at) > 5*time.Minute || time.Until(at) > time.Minute {
		t.Errorf("the offer says the text was typed at %s, want about now in Vietnam (%s)", m[1], time.Now().In(tiendo.Zone).Format("15:04 02/01/2006"))
	}
	browsertest.Do(t, ctx, chromedp.Click(`//button[contains(., "Khôi phục")]`))
	if got := browsertest.Get(t, ctx, chromedp.Value(field)); got != text {
		t.Errorf("after logging in again the field holds %q, want %q", got, text)
	}
	browsertest.Do(t, ctx, chromedp.Click(`button[value="save"]`))
	waitOK(t, ctx, "saved")
	if testing.Verbose() { // how it looks on a phone
		browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844))
		browsertest.Screenshot(t, ctx, "phone")
	}
	rep, _ := st.Report(bg, &tiendo.User{Role: tiendo.RoleOffice}, r.ID, pnv.ID)
	if rep.Sections[0].ResultVsPlan != text {
		t.Errorf("saved text = %q", rep.Sections[0].ResultVsPlan)
	}
}
