package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// reportForm is the consolidated report's form as stored, to post with op.
func reportForm(c *tiendo.Document, op string) url.Values {
	v := url.Values{"version": {itoa(int64(c.Version))}, "op": {op}, "subject": {c.Subject}}
	for i, p := range c.Parts {
		v.Set(fmt.Sprintf("p%d.heading", i), p.Heading)
		v.Set(fmt.Sprintf("p%d.text", i), p.Text)
	}
	return v
}

func storedReport(t *testing.T, x *app, r *tiendo.Round) *tiendo.Document {
	t.Helper()
	vp, _ := x.st.UserByUsername(context.Background(), "vanphong")
	c, err := x.st.Doc(context.Background(), vp, r.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var hiddenVersion = regexp.MustCompile(`name="version" value="(\d+)"`)

// A save refused because someone else saved first keeps what was typed,
// shows the other person's text under the field, and carries their
// version: the next "Lưu" saves, nothing typed lost.
func TestConsolidatedSaveConflictResolves(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := printRound(t, x)
	mine, theirs := x.login("vanphong"), x.login("vanphong")
	draftReport(t, x, mine, r)
	loaded := storedReport(t, x, r) // both pages show this version

	other := reportForm(loaded, "save")
	other.Set("p0.text", "Đoạn mở đầu do người khác sửa.")
	if code, loc, _ := read(x.post(theirs, "/rounds/"+itoa(r.ID)+"/consolidated", other)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("the other save: %d %s", code, loc)
	}
	form := reportForm(loaded, "save")
	form.Set("p0.text", "Đoạn mở đầu tôi vừa gõ.")
	code, _, body := read(x.post(mine, "/rounds/"+itoa(r.ID)+"/consolidated", form))
	if code != http.StatusConflict || !strings.Contains(body, "Văn bản đã được người khác lưu") {
		t.Fatalf("the stale save: %d, want 409 saying why", code)
	}
	for _, want := range []string{">Đoạn mở đầu tôi vừa gõ.</textarea>", "Bản đã lưu:", "Đoạn mở đầu do người khác sửa.", `id="theirs-note"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the conflict page lacks %q", want)
		}
	}
	m := hiddenVersion.FindStringSubmatch(body)
	if m == nil || m[1] != itoa(int64(loaded.Version+1)) {
		t.Fatalf("the conflict page's form carries version %v, want %d (the saved one)", m, loaded.Version+1)
	}
	form.Set("version", m[1])
	if code, loc, _ := read(x.post(mine, "/rounds/"+itoa(r.ID)+"/consolidated", form)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("the save after comparing: %d %s, want it saved", code, loc)
	}
	if got := storedReport(t, x, r); got.Parts[0].Text != "Đoạn mở đầu tôi vừa gõ." {
		t.Errorf("saved opening %q, want the text typed", got.Parts[0].Text)
	}
}

// "Tạo lại phần này" asks before it replaces what the part says, keeping
// every field as typed and saving nothing; confirmed, it saves and says
// what the part said before.
func TestRegenerateAsksFirst(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := printRound(t, x)
	office := x.login("vanphong")
	draftReport(t, x, office, r)
	before := storedReport(t, x, r)
	form := reportForm(before, "regen:opening")
	form.Set("p0.text", "Đoạn mở đầu Văn phòng đã sửa tay.")
	form.Set("subject", "Trích yếu vừa gõ")
	code, _, body := read(x.post(office, "/rounds/"+itoa(r.ID)+"/consolidated", form))
	if code != http.StatusOK || !strings.Contains(body, "Thay nội dung phần này?") || !strings.Contains(body, `value="regen-confirm:opening"`) {
		t.Fatalf("regenerate over hand edits: %d, want the page asking first", code)
	}
	for _, want := range []string{">Đoạn mở đầu Văn phòng đã sửa tay.</textarea>", `value="Trích yếu vừa gõ"`, before.Parts[0].Text} {
		if !strings.Contains(body, want) {
			t.Errorf("the question's page lacks %q", want)
		}
	}
	if got := storedReport(t, x, r); got.Version != before.Version {
		t.Errorf("asking saved the report: version %d, want %d", got.Version, before.Version)
	}

	form.Set("op", "regen-confirm:opening")
	code, _, body = read(x.post(office, "/rounds/"+itoa(r.ID)+"/consolidated", form))
	if code != http.StatusOK || !strings.Contains(body, "Nội dung cũ đã bị thay") || !strings.Contains(body, "Đoạn mở đầu Văn phòng đã sửa tay.") {
		t.Fatalf("confirmed regenerate: %d, want the page saying what was replaced", code)
	}
	got := storedReport(t, x, r)
	if got.Parts[0].Text != before.Parts[0].Text || got.Subject != "Trích yếu vừa gõ" || got.Version != before.Version+1 {
		t.Errorf("after the regenerate the report is %q / %q at version %d; want the part drawn again, the rest as typed", got.Parts[0].Text, got.Subject, got.Version)
	}
	// Nothing to replace: nothing asked.
	code, loc, _ := read(x.post(office, "/rounds/"+itoa(r.ID)+"/consolidated", reportForm(got, "regen:opening")))
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=regen-same") {
		t.Errorf("regenerate of an unchanged part: %d %s, want saved without asking", code, loc)
	}
}

// An approved report is issued under the leader who approved it: the page
// shows their name, fixed, and another name posted is refused in
// Vietnamese, nothing issued; withdrawn, it is a draft again.
func TestIssueUnderTheApprover(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	r := printRound(t, x)
	office := x.login("vanphong")
	draftReport(t, x, office, r)
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	ld, _ := x.st.UserByUsername(ctx, "lanhdao")
	c, err := x.st.ActOnDoc(ctx, store.Actor{}, vp, r.ID, tiendo.DocReport, store.DocSend, storedReport(t, x, r).Version, "")
	if err != nil {
		t.Fatal(err)
	}
	if c, err = x.st.ActOnDoc(ctx, store.Actor{UserID: ld.ID}, ld, r.ID, tiendo.DocReport, store.DocApprove, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	path := "/rounds/" + itoa(r.ID) + "/consolidated"
	// The approved draft shows who will sign it, in its print view and
	// its files.
	if _, print := x.get(office, path+"/print"); !strings.Contains(print, "Hoàng Văn Minh") {
		t.Error("the approved report's print view does not name the approver who will sign it")
	}
	_, page := x.get(office, path)
	if !strings.Contains(page, `id="signer_name" name="signer_name" value="Hoàng Văn Minh" readonly`) || !strings.Contains(page, "Người ký là lãnh đạo đã duyệt: Hoàng Văn Minh") {
		t.Errorf("the issue form does not fix the signer to the approver:\n%s", grep(page, "signer_name"))
	}
	code, _, body := read(x.post(office, path, url.Values{"version": {itoa(int64(c.Version))}, "op": {"issue"}, "confirm_issue": {"1"},
		"signer_authority": {"TM. ỦY BAN NHÂN DÂN"}, "signer_title": {"CHỦ TỊCH"}, "signer_name": {"Nguyễn Văn Không Duyệt"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Người ký phải là lãnh đạo đã duyệt báo cáo: Hoàng Văn Minh") {
		t.Errorf("issue under someone who did not approve: %d, want 422 naming the approver", code)
	}
	if got := storedReport(t, x, r); got.Status != tiendo.DocApproved || got.Number != 0 {
		t.Errorf("after the refusal the report is %s, number %d", got.Status, got.Number)
	}
	if _, reg := x.get(office, "/register"); strings.Contains(reg, "Không Duyệt") {
		t.Error("the register names the signer who did not approve")
	}
	if code, loc, _ := read(x.post(office, path, url.Values{"version": {itoa(int64(c.Version))}, "op": {"withdraw"}})); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=withdraw") {
		t.Errorf("withdraw the approved report: %d %s", code, loc)
	}
	if got := storedReport(t, x, r); got.Status != tiendo.DocDraft {
		t.Errorf("withdrawn, the report is %s, want a draft", got.Status)
	}
}

// A round made from the province's directive gets the district's report:
// headed, dated and numbered by the body running tiendo, as the
// administrator set it, in its one series; until it is set the form says
// so.
func TestReportOfAProvincialRound(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "directives", "tinh-2026-9thang-interleaved.txt"))
	if err != nil {
		t.Fatal(err)
	}
	province := &tiendo.Round{Title: "Báo cáo 9 tháng theo Công văn 1826/UBND-KT", Issuer: "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", Status: tiendo.RoundOpen,
		DocNumber: "1826", DocSymbol: "UBND-KT", DocDate: "2026-09-04", Subject: "V/v báo cáo tình hình thực hiện các chỉ tiêu kinh tế - xã hội 9 tháng năm 2026",
		Deadline: time.Now().Add(72 * time.Hour), Source: string(src),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Sở Tài chính chủ trì, phối hợp với Cục Thuế tỉnh báo cáo kết quả thu ngân sách nhà nước", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, province); err != nil {
		t.Fatal(err)
	}
	draftReport(t, x, office, province)
	if _, page := x.get(office, "/rounds/"+itoa(province.ID)+"/consolidated"); !strings.Contains(page, `id="issuer-unset"`) || !strings.Contains(page, "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN") {
		t.Errorf("with no body set, the form does not say the report takes the directive's issuer:\n%s", grep(page, "issuer"))
	}

	admin := x.login("admin")
	if code, _, body := read(x.post(admin, "/admin/issuer", url.Values{"name": {""}})); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Hãy nhập tên cơ quan ban hành văn bản.") {
		t.Errorf("an empty name: %d, want 422 saying what to enter", code)
	}
	if code, loc, _ := read(x.post(admin, "/admin/issuer", url.Values{"name": {"ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}})); code != http.StatusSeeOther || loc != "/admin/issuer?saved=1" {
		t.Fatalf("set the body: %d %s", code, loc)
	}
	if _, page := x.get(admin, "/admin/issuer"); !strings.Contains(page, `value="ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"`) || !strings.Contains(page, "“Hữu Lũng”") {
		t.Errorf("the setting's page does not show the body and its place")
	}

	first := issueReport(t, x, office, printRound(t, x)) // the district's own round
	// The opening is drawn again now that the body is known.
	c := storedReport(t, x, province)
	code, loc, _ := read(x.post(office, "/rounds/"+itoa(province.ID)+"/consolidated", reportForm(c, "regen-confirm:opening")))
	if code != http.StatusOK && code != http.StatusSeeOther {
		t.Fatalf("regenerate the opening: %d %s", code, loc)
	}
	_, print := x.get(office, "/rounds/"+itoa(province.ID)+"/consolidated/print")
	for _, want := range []string{"HUYỆN HỮU LŨNG", "Hữu Lũng, ngày", "của UBND tỉnh Lạng Sơn", "UBND huyện báo cáo"} {
		if !strings.Contains(print, want) {
			t.Errorf("the provincial round's report lacks %q", want)
		}
	}
	for _, bad := range []string{"TỈNH LẠNG SƠN</", "Lạng Sơn, ngày", "yêu cầu các sở", "UBND tỉnh báo cáo"} {
		if strings.Contains(print, bad) {
			t.Errorf("the provincial round's report has %q", bad)
		}
	}
	second := issueDrafted(t, x, office, province)
	if first.Number != 1 || second.Number != 2 {
		t.Errorf("numbers %d and %d, want 01 and 02 in the district's one series", first.Number, second.Number)
	}
}

// issueDrafted has round r's drafted report sent, approved by lanhdao and
// issued on its page under their name.
func issueDrafted(t *testing.T, x *app, office *http.Client, r *tiendo.Round) *tiendo.Document {
	t.Helper()
	ctx := context.Background()
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	ld, _ := x.st.UserByUsername(ctx, "lanhdao")
	c, err := x.st.ActOnDoc(ctx, store.Actor{}, vp, r.ID, tiendo.DocReport, store.DocSend, storedReport(t, x, r).Version, "")
	if err != nil {
		t.Fatal(err)
	}
	if c, err = x.st.ActOnDoc(ctx, store.Actor{UserID: ld.ID}, ld, r.ID, tiendo.DocReport, store.DocApprove, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	code, loc, body := read(x.post(office, "/rounds/"+itoa(r.ID)+"/consolidated", url.Values{"version": {itoa(int64(c.Version))}, "op": {"issue"}, "confirm_issue": {"1"},
		"signer_authority": {"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"}, "signer_title": {"PHÓ CHỦ TỊCH"}, "signer_name": {"Hoàng Văn Minh"}}))
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=issued") {
		t.Fatalf("issue: %d %s\n%s", code, loc, grep(body, "alert"))
	}
	return storedReport(t, x, r)
}
