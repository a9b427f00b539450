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

// The office withdraws a unit's own deadline in a browser, at an office
// laptop's 1366 px and a phone's 390 px: "Hủy hạn riêng" in the table asks
// first, naming the unit, its own deadline and the round's, passed, so the
// unit will be late at once; "Quay lại" changes nothing; the
// confirmation's "Hủy hạn riêng" withdraws it, and the page says what was
// done and who was told. No page scrolls sideways, and the buttons are
// side by side where there is room. Run with -v to keep the screenshots
// (TIENDO_TEST_ARTIFACTS names the folder).
func TestBrowserUnitWithdraw(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t) // 1366 x 768
	base, st := demoStore(t)
	bg := context.Background()
	units, err := st.Units(bg)
	if err != nil {
		t.Fatal(err)
	}
	// The unit with the longest name, to see it wrap.
	var long, pnv *tiendo.Unit
	for _, u := range units {
		if u.Code == "pnv" {
			pnv = u
		} else if long == nil || len([]rune(u.Name)) > len([]rune(long.Name)) {
			long = u
		}
	}
	past := time.Now().Add(-26 * time.Hour).Truncate(time.Minute).In(tiendo.Zone)
	r := &tiendo.Round{Title: "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm quý II năm 2026", Status: tiendo.RoundOpen, Deadline: past,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ chung", Assignees: []tiendo.Assignee{
			{UnitID: pnv.ID, Role: tiendo.Lead}, {UnitID: long.ID, Role: tiendo.Lead}}}}}
	if err := st.CreateRound(bg, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	day := time.Now().In(tiendo.Zone).AddDate(0, 0, 3)
	own := tiendo.DeadlineBefore(day.Year(), day.Month(), day.Day())
	office := &tiendo.User{Role: tiendo.RoleOffice}
	for _, u := range []*tiendo.Unit{pnv, long} {
		if _, err := st.ExtendUnitDeadline(bg, store.Actor{}, office, r.ID, u.ID, own,
			"Trưởng phòng đi công tác tại tỉnh, đơn vị xin lùi thời hạn để lãnh đạo kịp xem xét và ký báo cáo"); err != nil {
			t.Fatal(err)
		}
	}
	page := fmt.Sprintf("%s/rounds/%d/extend", base, r.ID)
	const sideways = `document.documentElement.scrollWidth > document.documentElement.clientWidth`
	// sideBySide says whether the confirmation's two choices sit on one line.
	const sideBySide = `(() => {
		const a = document.querySelector("#withdraw-back").getBoundingClientRect(), b = document.querySelector("#withdraw-go").getBoundingClientRect();
		return Math.abs(a.top - b.top) < 4;
	})()`

	browserLogin(t, ctx, base, "vanphong")
	for _, width := range []int{1366, 390} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			browsertest.Do(t, ctx, chromedp.EmulateViewport(int64(width), 844))
			code := pnv.Code
			if width == 390 {
				code = long.Code
			}
			browsertest.Do(t, ctx, chromedp.Navigate(page+"#unit-extend"), chromedp.WaitVisible(`#withdraw-`+code))
			if browsertest.Get(t, ctx, chromedp.Evaluate[bool](sideways)) {
				t.Errorf("the extension page scrolls sideways at %d px", width)
			}
			if testing.Verbose() {
				browsertest.ScreenshotOf(t, ctx, `#unit-extend`, "table")
			}
			browsertest.Do(t, ctx, chromedp.Click(`#withdraw-`+code))
			browsertest.WaitFor(t, ctx, `!!document.querySelector("#withdraw-confirm") && document.readyState === "complete"`)
			text := browsertest.Get(t, ctx, chromedp.Text(`#withdraw-confirm`))
			name := map[string]string{pnv.Code: pnv.Name, long.Code: long.Name}[code]
			for _, want := range []string{"Hủy hạn riêng của " + name + "?", name + " đang có hạn riêng " + deadlineText(own),
				"Nếu hủy, đơn vị trở lại theo hạn của cả đợt: " + deadlineText(past), "Hạn của đợt đã qua.", "bị tính là quá hạn"} {
				if !strings.Contains(text, want) {
					t.Errorf("the confirmation at %d px lacks %q:\n%s", width, want, text)
				}
			}
			if browsertest.Get(t, ctx, chromedp.Evaluate[bool](sideways)) {
				t.Errorf("the confirmation scrolls sideways at %d px", width)
			}
			if !browsertest.Get(t, ctx, chromedp.Evaluate[bool](sideBySide)) {
				t.Errorf("at %d px “Quay lại” and “Hủy hạn riêng” are not side by side", width)
			}
			if testing.Verbose() {
				browsertest.Screenshot(t, ctx, "confirm")
			}

			// "Quay lại": back on the page, the unit still listed.
			browsertest.Do(t, ctx, chromedp.Click(`#withdraw-back`))
			browsertest.WaitFor(t, ctx, `!!document.querySelector("#withdraw-`+code+`") && !document.querySelector("#withdraw-confirm")`)
			unitID := map[string]int64{pnv.Code: pnv.ID, long.Code: long.ID}[code]
			if got, err := st.UnitDeadlines(bg, r.ID); err != nil || !got[unitID].Extended() {
				t.Fatalf("after “Quay lại”: unit deadlines %+v, %v; want %s's still", got, err, name)
			}

			// Asked again and confirmed.
			browsertest.Do(t, ctx, chromedp.Click(`#withdraw-`+code))
			browsertest.WaitFor(t, ctx, `!!document.querySelector("#withdraw-go") && document.readyState === "complete"`)
			browsertest.Do(t, ctx, chromedp.Click(`#withdraw-go`))
			browsertest.WaitFor(t, ctx, `!!document.querySelector("#unit-extended") && document.readyState === "complete"`)
			notice := browsertest.Get(t, ctx, chromedp.Text(`#unit-extended`))
			for _, want := range []string{"Đã hủy hạn riêng của " + name + "; đơn vị nay theo hạn của đợt, " + deadlineText(past) + ".",
				"Hạn này đã qua nên báo cáo của đơn vị nay là quá hạn.", "thông báo hủy hạn riêng trong ứng dụng"} {
				if !strings.Contains(notice, want) {
					t.Errorf("the notice at %d px lacks %q:\n%s", width, want, notice)
				}
			}
			if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#withdraw-`+code+`").length`)); n != 0 {
				t.Errorf("after the withdrawal the table still lists %s", name)
			}
			if browsertest.Get(t, ctx, chromedp.Evaluate[bool](sideways)) {
				t.Errorf("the page after the withdrawal scrolls sideways at %d px", width)
			}
			if testing.Verbose() {
				browsertest.ScreenshotOf(t, ctx, `#unit-extend`, "done")
			}
		})
	}
	if got, err := st.UnitDeadlines(bg, r.ID); err != nil || len(got) != 0 {
		t.Errorf("unit deadlines at the end: %+v, %v; want none", got, err)
	}

	// At 390 px, "Gia hạn cho cả đợt" asks too; "Quay lại sửa" gives the
	// form back as typed, and nothing changed.
	later := time.Now().In(tiendo.Zone).AddDate(0, 0, 5).Format("02/01/2006")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#deadline`),
		chromedp.SendKeys(`#deadline`, later), chromedp.SendKeys(`#reason`, "Chờ số liệu thống kê của Chi cục"),
		chromedp.Click(`#extend-round`))
	browsertest.WaitFor(t, ctx, `!!document.querySelector("#extend-confirm") && document.readyState === "complete"`)
	if text := browsertest.Get(t, ctx, chromedp.Text(`#extend-confirm`)); !strings.Contains(text, "sẽ đổi từ “"+deadlineText(past)+"” thành “") ||
		!strings.Contains(text, "2 đơn vị chưa gửi báo cáo") {
		t.Errorf("the round's confirmation lacks the deadlines or the units told:\n%s", text)
	}
	if browsertest.Get(t, ctx, chromedp.Evaluate[bool](sideways)) {
		t.Error("the round's confirmation scrolls sideways at 390 px")
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "round-confirm")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#extend-back`))
	browsertest.WaitFor(t, ctx, `!!document.querySelector("#extend-round") && document.readyState === "complete"`)
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.querySelector("#deadline").value + "|" + document.querySelector("#reason").value`)); got != later+"|Chờ số liệu thống kê của Chi cục" {
		t.Errorf("after “Quay lại sửa” the form holds %q, want what was typed", got)
	}
	if got, err := st.Round(bg, office, r.ID); err != nil || !got.Deadline.Equal(past) {
		t.Errorf("the round after “Quay lại sửa”: %v, %v; want its deadline unchanged", got.Deadline, err)
	}
}
