package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/store"
)

// A part left empty may be saved in a draft, but the report is not sent to
// the leader, approved or issued while it is: the office is told which
// parts and what to write, beside each part; a report sent or approved
// with one before (from an older tiendo) is refused at the next step. The
// draft's print view never shows a heading with nothing under it.
func TestConsolidatedEmptyPartRefused(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	r := printRound(t, x)
	office, boss := x.login("vanphong"), x.login("lanhdao")
	draftReport(t, x, office, r)
	path := "/rounds/" + itoa(r.ID) + "/consolidated"
	c := storedReport(t, x, r)
	task2 := slices.IndexFunc(c.Parts, func(p tiendo.ReportPart) bool { return p.Key == consolidate.TaskKey(r.Tasks[1].ID) })
	obstacles := slices.IndexFunc(c.Parts, func(p tiendo.ReportPart) bool { return p.Key == consolidate.KeyObstacles })
	if task2 < 0 || obstacles < 0 {
		t.Fatalf("the draft has no part for task 2 or for obstacles: %+v", c.Parts)
	}

	// Saved empty: a draft may be.
	form := reportForm(c, "save")
	form.Set("p"+itoa(int64(task2))+".text", "  \r\n ")
	form.Set("p"+itoa(int64(obstacles))+".text", "")
	if code, loc, _ := read(x.post(office, path, form)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("saving a draft with empty parts: %d %s, want it saved", code, loc)
	}
	// Its print view keeps the parts, each with a line that says it is
	// empty, not a heading followed by the next heading.
	_, print := x.get(office, path+"/print")
	lines := sheetParagraphs(t, print)
	headings := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "2. Nhiệm vụ 2") || strings.HasPrefix(l, "III. KHÓ KHĂN") {
			headings++
			if i+1 == len(lines) || lines[i+1] != consolidate.EmptyPart {
				t.Errorf("the heading %q is not followed by %q:\n%q", l, consolidate.EmptyPart, lines)
			}
		}
	}
	if headings != 2 {
		t.Errorf("the print view has %d of the headings of task 2 and of the obstacles, want both:\n%q", headings, lines)
	}

	// Sent: refused, the parts named, the message beside each, nothing sent.
	c = storedReport(t, x, r)
	form = reportForm(c, "send")
	form.Set("p0.text", "Mở đầu vừa sửa.")
	code, _, body := read(x.post(office, path, form))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("send with empty parts: %d, want 422", code)
	}
	for _, want := range []string{
		"Báo cáo chưa được trình lãnh đạo: 2 phần chưa có nội dung: phần nhiệm vụ 2; phần khó khăn, vướng mắc. Hãy viết nội dung cho các phần này, hoặc ghi “Không có.” nếu không có gì để báo cáo rồi trình lại.",
		`aria-invalid="true" aria-describedby="p` + itoa(int64(task2)) + `-text-err">`,
		`<small class="field-error" id="p` + itoa(int64(obstacles)) + `-text-err">Phần này chưa có nội dung: hãy viết nội dung, hoặc ghi “Không có.” nếu không có gì để báo cáo.</small>`,
		">Mở đầu vừa sửa.</textarea>", // what was typed stays
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused send lacks %s:\n%s", want, grep(body, "chưa có nội dung"))
		}
	}
	if got := storedReport(t, x, r); got.Status != tiendo.DocDraft || got.Version != c.Version {
		t.Errorf("after the refusal the report is %s at version %d, want the draft at %d", got.Status, got.Version, c.Version)
	}
	// "Không có." is content: with it the report goes.
	form.Set("p"+itoa(int64(task2))+".text", "Không có.")
	form.Set("p"+itoa(int64(obstacles))+".text", "Không có.")
	if code, loc, _ := read(x.post(office, path, form)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("send with every part written: %d %s", code, loc)
	}

	// Sent with an empty part by an older tiendo (the store sends it as
	// it is): the leader's approval is refused, and the issue too.
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	ld, _ := x.st.UserByUsername(ctx, "lanhdao")
	c = storedReport(t, x, r)
	if c, err := x.st.ActOnDoc(ctx, store.Actor{}, vp, r.ID, tiendo.DocReport, store.DocWithdraw, c.Version, ""); err != nil || c.Status != tiendo.DocDraft {
		t.Fatalf("withdraw: %v", err)
	}
	c = storedReport(t, x, r)
	c.Parts[obstacles].Text = ""
	if err := x.st.SendDoc(ctx, store.Actor{}, vp, c); err != nil {
		t.Fatal(err)
	}
	code, _, body = read(x.post(boss, path, url.Values{"version": {itoa(int64(c.Version))}, "op": {"approve"}, "confirm_stale": {"1"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Báo cáo chưa được duyệt: Phần khó khăn, vướng mắc chưa có nội dung. Hãy trả lại Văn phòng để viết nội dung cho phần này") {
		t.Errorf("approving with an empty part: %d, want 422 saying to return it:\n%s", code, grep(body, "chưa"))
	}
	if got := storedReport(t, x, r); got.Status != tiendo.DocPending {
		t.Errorf("after the refusal the report is %s, want it still pending", got.Status)
	}
	c, err := x.st.ActOnDoc(ctx, store.Actor{UserID: ld.ID}, ld, r.ID, tiendo.DocReport, store.DocApprove, c.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	code, _, body = read(x.post(office, path, url.Values{"version": {itoa(int64(c.Version))}, "op": {"issue"}, "confirm_issue": {"1"},
		"signer_authority": {"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"}, "signer_title": {"PHÓ CHỦ TỊCH"}, "signer_name": {"Hoàng Văn Minh"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Báo cáo chưa được ban hành: Phần khó khăn, vướng mắc chưa có nội dung. Hãy bấm “Rút lại để sửa”") {
		t.Errorf("issuing with an empty part: %d, want 422 saying to withdraw it:\n%s", code, grep(body, "chưa"))
	}
	if got := storedReport(t, x, r); got.Status != tiendo.DocApproved || got.Number != 0 {
		t.Errorf("after the refusal the report is %s, number %d", got.Status, got.Number)
	}
	if _, reg := x.get(office, "/register"); strings.Contains(reg, "BC-UBND") {
		t.Error("the refused issue took a number in the register")
	}
}
