package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

// staleButton is the op of the notice's button: the parts to draw again.
var staleButton = regexp.MustCompile(`name="op" value="(regen:[^"]*)"[^>]*id="regen-stale"`)

// A report sent after the draft was made: the office's page names the unit
// and the parts that use its report and would change (not those that do
// not), and one button draws exactly those again, after asking, keeping the
// office's edits elsewhere; then the notice is gone.
func TestConsolidatedStaleDraftNamesPartsAndRegenerates(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	x.submitAs("pnv", x.a)
	draftReport(t, x, office, x.round)
	if _, body := x.get(office, page); strings.Contains(body, `id="stale"`) {
		t.Fatalf("a draft made after every report there is is called out of date")
	}

	// The office edits task 1's part (Phòng Nội vụ's) by hand.
	c := storedReport(t, x, x.round)
	task1, task2 := consolidate.TaskKey(x.round.Tasks[0].ID), consolidate.TaskKey(x.round.Tasks[1].ID)
	form := reportForm(c, "save")
	i1 := partIndex(t, c, task1)
	form.Set("p"+itoa(int64(i1))+".text", "Nhiệm vụ 1 do Văn phòng viết lại.")
	if code, loc, _ := read(x.post(office, page, form)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("save: %d %s", code, loc)
	}
	x.submitAs("cah", x.b) // Công an huyện reports after the draft

	_, body := x.get(office, page)
	notice := between(t, body, `<aside class="alert" id="stale"`, `</aside>`)
	for _, want := range []string{"Có báo cáo mới của Công an huyện gửi sau khi lập dự thảo: cần tạo lại",
		`href="#part-opening">phần mở đầu</a>`, `href="#part-` + task2 + `">phần nhiệm vụ 2</a>`,
		`và <a href="#part-late-units">danh sách đơn vị báo cáo chậm, chưa báo cáo</a>.`} {
		if !strings.Contains(notice, want) {
			t.Errorf("the notice lacks %q:\n%s", want, notice)
		}
	}
	for _, not := range []string{"phần nhiệm vụ 1", "phần kết", "phần khó khăn"} {
		if strings.Contains(notice, not+"<") {
			t.Errorf("the notice names %s, which Công an huyện's report does not change:\n%s", not, notice)
		}
	}
	if !strings.Contains(body, `id="stale-`+task2+`"`) || strings.Contains(body, `id="stale-`+task1+`"`) {
		t.Errorf("the stale mark is not on task 2's part alone")
	}
	m := staleButton.FindStringSubmatch(notice)
	if m == nil {
		t.Fatalf("the notice has no button drawing the parts again:\n%s", notice)
	}
	keys := strings.Split(strings.TrimPrefix(m[1], "regen:"), ",")
	if len(keys) < 3 || keys[0] != "opening" || !contains(keys, task2) || !contains(keys, "late-units") || contains(keys, task1) {
		t.Errorf("the button draws %v again, want the opening, task 2 and the late units, not task 1", keys)
	}
	if !strings.Contains(notice, `form="consolidated-form"`) || !strings.Contains(notice, `formaction="`+page+`#regen-confirm"`) {
		t.Errorf("the button does not post the form (what is typed) landing on the question:\n%s", notice)
	}

	// The button asks first, saving nothing, the form as typed.
	c = storedReport(t, x, x.round)
	form = reportForm(c, m[1])
	form.Set("subject", "Trích yếu vừa gõ")
	code, _, body := read(x.post(office, page, form))
	if code != http.StatusOK || !strings.Contains(body, `id="regen-confirm"`) || !strings.Contains(body, "Thay nội dung "+itoa(int64(len(keys)))+" phần này?") {
		t.Fatalf("the button: %d, want the page asking first", code)
	}
	if !strings.Contains(body, `value="Trích yếu vừa gõ"`) || !strings.Contains(body, ">Nhiệm vụ 1 do Văn phòng viết lại.</textarea>") {
		t.Errorf("the question's page lost what was typed")
	}
	if got := storedReport(t, x, x.round); got.Version != c.Version {
		t.Errorf("asking saved: version %d, want %d", got.Version, c.Version)
	}
	yes := regexp.MustCompile(`value="(regen-confirm:[^"]*)" id="regen-yes"`).FindStringSubmatch(body)
	if yes == nil || yes[1] != "regen-confirm:"+strings.Join(keys, ",") {
		t.Fatalf("the question's yes is %v, want the same parts", yes)
	}

	form.Set("op", yes[1])
	code, _, body = read(x.post(office, page, form))
	if code != http.StatusOK || !strings.Contains(body, "phần từ báo cáo mới nhất của đơn vị và lưu lại") {
		t.Fatalf("confirmed: %d, want the page saying what was replaced", code)
	}
	got := storedReport(t, x, x.round)
	if !strings.Contains(got.Parts[0].Text, "02 cơ quan, đơn vị") {
		t.Errorf("the opening drawn again says %q, want both reports counted", got.Parts[0].Text)
	}
	if got.Parts[i1].Text != "Nhiệm vụ 1 do Văn phòng viết lại." || got.Subject != "Trích yếu vừa gõ" || got.Version != c.Version+1 {
		t.Errorf("after drawing again: task 1 %q, subject %q, version %d; want the edits kept, one version on", got.Parts[i1].Text, got.Subject, got.Version)
	}
	if strings.Contains(body, `id="stale"`) {
		t.Errorf("the page still calls the draft out of date after the parts were drawn again")
	}
	if _, body = x.get(office, page); strings.Contains(body, `id="stale"`) {
		t.Errorf("reloaded, the page still calls the draft out of date")
	}
	// Drawn after the report came, the opening edited by hand is not out
	// of date: the page knows when it was drawn, not only what it says.
	form = reportForm(got, "save")
	form.Set("p0.text", "Mở đầu Văn phòng viết lại sau khi tạo lại.")
	if code, loc, _ := read(x.post(office, page, form)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("save: %d %s", code, loc)
	}
	if _, body = x.get(office, page); strings.Contains(body, `id="stale"`) {
		t.Errorf("an opening drawn after the last report and then edited is called out of date:\n%s", between(t, body, `id="stale"`, `</aside>`))
	}
}

// "Tạo lại phần này" posts the form to the page's address with the
// question's fragment, and the question carries that id: the browser lands
// on it, without JavaScript, instead of at the top of a long page.
func TestConsolidatedRegenerateLandsOnTheQuestion(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	draftReport(t, x, office, x.round)
	_, body := x.get(office, page)
	if n := strings.Count(body, `formaction="`+page+`#regen-confirm"`); n < 2 {
		t.Errorf("%d regenerate buttons land on the question, want every part's", n)
	}
	c := storedReport(t, x, x.round)
	form := reportForm(c, "regen:opening")
	form.Set("p0.text", "Sửa tay.")
	_, _, body = read(x.post(office, page, form))
	aside := between(t, body, `<aside class="alert" id="regen-confirm"`, `</aside>`)
	if !strings.Contains(aside, "Thay nội dung phần này?") || !strings.Contains(aside, `value="regen-confirm:opening"`) {
		t.Errorf("the question:\n%s", aside)
	}
	if strings.Count(body, `id="regen-confirm"`) != 1 {
		t.Errorf("the id the browser lands on is not there once")
	}
}

// The leader reading a pending report that is older than reports sent
// since sees which parts, and approves it only by ticking that they know;
// the return form offers the request to the office ready written.
func TestConsolidatedApproveStaleAsksToConfirm(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office, leader := x.login("vanphong"), x.login("lanhdao")
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	draftReport(t, x, office, x.round)
	c := storedReport(t, x, x.round)
	sent, err := x.st.ActOnDoc(ctx, store.Actor{}, officeUser, x.round.ID, tiendo.DocReport, store.DocSend, c.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	x.submitAs("pnv", x.a)

	_, body := x.get(leader, page)
	want := "Có báo cáo mới của Phòng Nội vụ gửi sau khi lập dự thảo: cần tạo lại phần mở đầu"
	if !before(body, `id="stale"`, `class="sheet-preview"`) || !strings.Contains(between(t, body, `id="stale"`, `</aside>`), want) {
		t.Errorf("the leader's page does not say, before the report, what is out of date")
	}
	if !before(body, `id="approve-stale"`, `id="approve"`) || !strings.Contains(body, `id="confirm_stale"`) {
		t.Errorf("the approval form lacks the notice and its box")
	}
	if !strings.Contains(body, ">Đề nghị Văn phòng tạo lại phần mở đầu") {
		t.Errorf("the return form does not offer the request ready written")
	}

	v := itoa(int64(sent.Version))
	code, _, body := read(x.post(leader, page, url.Values{"version": {v}, "op": {"approve"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Báo cáo chưa được duyệt: "+want) {
		t.Fatalf("approving unconfirmed: %d, want 422 saying why", code)
	}
	if got := storedReport(t, x, x.round); got.Status != tiendo.DocPending {
		t.Errorf("approved unconfirmed: %s", got.Status)
	}
	if code, loc := x.postDoc(leader, page, url.Values{"version": {v}, "op": {"approve"}, "confirm_stale": {"1"}}); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=approve") {
		t.Fatalf("approving confirmed: %d %s", code, loc)
	}
	// Approved, the page still says what it was approved without.
	if _, body = x.get(office, page); !strings.Contains(body, `id="stale"`) || !strings.Contains(body, "Rút lại để sửa") {
		t.Errorf("the approved report's page does not say it is out of date, and what to do")
	}
}

// A report sent again after its return names its unit too.
func TestConsolidatedStaleAfterResubmission(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office := x.login("vanphong")
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	x.submitAs("pnv", x.a)
	x.submitAs("cah", x.b)
	draftReport(t, x, office, x.round)
	rep := x.reportOf(x.b, x.round)
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, officeUser, x.round.ID, x.b.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: rep.Version, Comment: "Bổ sung số liệu"}); err != nil {
		t.Fatal(err)
	}
	u, _ := x.st.UserByUsername(ctx, "cah")
	rep, err := x.st.Report(ctx, u, x.round.ID, x.b.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range rep.Sections {
		sec.ResultVsPlan = "Đã bổ sung số liệu theo yêu cầu."
	}
	if err := x.st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, u, x.round.ID, x.b.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	_, body := x.get(office, page)
	notice := between(t, body, `<aside class="alert" id="stale"`, `</aside>`)
	if !strings.Contains(notice, "Có báo cáo mới của Công an huyện gửi sau khi lập dự thảo") || !strings.Contains(notice, "phần nhiệm vụ 2") {
		t.Errorf("the resubmitted report is not named:\n%s", notice)
	}
	if strings.Contains(notice, "phần mở đầu") {
		t.Errorf("the opening is named, though it counts the same two reports:\n%s", notice)
	}
}

// partIndex is the index of the part of key in c.
func partIndex(t *testing.T, c *tiendo.Document, key string) int {
	t.Helper()
	for i, p := range c.Parts {
		if p.Key == key {
			return i
		}
	}
	t.Fatalf("no part %q", key)
	return -1
}

// between is body from the first from to the next to, or fails.
func between(t *testing.T, body, from, to string) string {
	t.Helper()
	i := strings.Index(body, from)
	if i < 0 {
		t.Fatalf("no %q in the page", from)
	}
	j := strings.Index(body[i:], to)
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The page keeps what it found until the store changes: a view after one
// late report names it, and a view after the next report names both.
func TestConsolidatedStaleFollowsEachNewReport(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	draftReport(t, x, office, x.round)
	x.submitAs("pnv", x.a)
	for range 2 { // the second view is answered from what the first found
		_, body := x.get(office, page)
		if notice := between(t, body, `<aside class="alert" id="stale"`, `</aside>`); !strings.Contains(notice, "Có báo cáo mới của Phòng Nội vụ gửi sau") {
			t.Fatalf("after Phòng Nội vụ's report:\n%s", notice)
		}
	}
	x.submitAs("cah", x.b)
	_, body := x.get(office, page)
	if notice := between(t, body, `<aside class="alert" id="stale"`, `</aside>`); !strings.Contains(notice, "Công an huyện") || !strings.Contains(notice, "Phòng Nội vụ") {
		t.Errorf("after Công an huyện's report too, the notice names:\n%s", notice)
	}
}

// A save refused with the form typed as a fresh draft would say is no
// answer about the saved draft: the next view still finds the saved one
// out of date. Regenerate keys beyond the report's parts are refused, and
// only the office may ask.
func TestConsolidatedStaleNotTakenFromATypedForm(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office := x.login("vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	x.submitAs("pnv", x.a)
	draftReport(t, x, office, x.round)
	x.submitAs("cah", x.b)

	c := storedReport(t, x, x.round)
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	in, err := reportdoc.Input(ctx, x.st, officeUser, x.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	fresh := map[string]consolidate.Section{}
	for _, sec := range consolidate.Draft(in) {
		fresh[sec.Key] = sec
	}
	// Every part typed as a fresh draft says it but the opening, which is
	// then asked to be drawn again: the question is shown, nothing saved.
	form := reportForm(c, "regen:"+consolidate.KeyOpening)
	for i, part := range c.Parts {
		if part.Key != consolidate.KeyOpening {
			form.Set("p"+itoa(int64(i))+".heading", fresh[part.Key].Heading)
			form.Set("p"+itoa(int64(i))+".text", fresh[part.Key].Text)
		}
	}
	if code, _, body := read(x.post(office, page, form)); code != http.StatusOK || !strings.Contains(body, `id="regen-confirm"`) {
		t.Fatalf("regenerate the opening: %d, want the question", code)
	}
	_, body := x.get(office, page)
	if notice := between(t, body, `<aside class="alert" id="stale"`, `</aside>`); !strings.Contains(notice, "danh sách đơn vị báo cáo chậm") {
		t.Errorf("after a question asked of the form as typed, the saved draft's notice is:\n%s", notice)
	}

	keys := []string{"opening", "opening"} // a repeat counts once
	for i := range len(c.Parts) + 1 {
		keys = append(keys, "k"+itoa(int64(i)))
	}
	many := reportForm(c, "regen:"+strings.Join(keys, ","))
	if code, _, body := read(x.post(office, page, many)); code != http.StatusUnprocessableEntity || !strings.Contains(body, "không thể tạo lại") {
		t.Errorf("more keys than parts: %d, want 422 saying so", code)
	}
	leader := x.login("lanhdao")
	if code, _, _ := read(x.post(leader, page, reportForm(c, "regen:opening"))); code != http.StatusForbidden {
		t.Errorf("the leader regenerates a part: %d, want 403", code)
	}
}

// A province's draft, its communes' texts merged, runs past the megabyte
// other forms are held to: a save of a part of 2 MB is kept.
func TestConsolidatedSavesALargeDraft(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	x.submitAs("pnv", x.a)
	draftReport(t, x, office, x.round)
	c := storedReport(t, x, x.round)
	long := strings.Repeat("Xã đã hoàn thành kế hoạch giải phóng mặt bằng đúng tiến độ. ", 2<<20/64)
	form := reportForm(c, "save")
	form.Set("p0.text", long)
	if code, loc, _ := read(x.post(office, page, form)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("save of a %d KB part: %d %s", len(long)>>10, code, loc)
	}
	if got := storedReport(t, x, x.round).Parts[0].Text; len(got) < len(long)-100 {
		t.Errorf("the saved part has %d bytes, want about %d", len(got), len(long))
	}
}

// A report the draft counted and the office returned to its unit since:
// drafting again would no longer count it, so the page names the unit and
// the parts that use its report, the leader approves only by ticking that
// they know, and drawing the parts again clears it.
func TestConsolidatedStaleAfterReturn(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office, leader := x.login("vanphong"), x.login("lanhdao")
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	x.submitAs("pnv", x.a)
	x.submitAs("cah", x.b)
	draftReport(t, x, office, x.round)
	c := storedReport(t, x, x.round)
	sent, err := x.st.ActOnDoc(ctx, store.Actor{}, officeUser, x.round.ID, tiendo.DocReport, store.DocSend, c.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, body := x.get(leader, page); strings.Contains(body, `id="stale"`) {
		t.Fatalf("a draft of every report there is is called out of date")
	}
	rep := x.reportOf(x.b, x.round)
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, officeUser, x.round.ID, x.b.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: rep.Version, Comment: "Bổ sung số liệu"}); err != nil {
		t.Fatal(err)
	}

	want := "Báo cáo của Công an huyện bị trả lại để bổ sung sau khi lập dự thảo: cần tạo lại phần mở đầu"
	_, body := x.get(leader, page)
	notice := between(t, body, `id="stale"`, `</aside>`)
	task1, task2 := consolidate.TaskKey(x.round.Tasks[0].ID), consolidate.TaskKey(x.round.Tasks[1].ID)
	if !strings.Contains(notice, want) || !strings.Contains(notice, "phần nhiệm vụ 2") || strings.Contains(notice, "phần nhiệm vụ 1") {
		t.Errorf("the leader's page does not name the returned report and its parts:\n%s", notice)
	}
	if !strings.Contains(body, ">Đề nghị Văn phòng tạo lại phần mở đầu") || !strings.Contains(body, "báo cáo của Công an huyện đã bị trả lại để bổ sung.<") {
		t.Errorf("the return form does not offer the request ready written")
	}
	v := itoa(int64(sent.Version))
	code, _, body := read(x.post(leader, page, url.Values{"version": {v}, "op": {"approve"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Báo cáo chưa được duyệt: "+want) {
		t.Errorf("approving unconfirmed: %d, want 422 saying why", code)
	}

	// The office withdraws it and draws the parts again.
	if _, err := x.st.ActOnDoc(ctx, store.Actor{}, officeUser, x.round.ID, tiendo.DocReport, store.DocWithdraw, sent.Version, ""); err != nil {
		t.Fatal(err)
	}
	_, body = x.get(office, page)
	notice = between(t, body, `<aside class="alert" id="stale"`, `</aside>`)
	if !strings.Contains(notice, "Báo cáo của Công an huyện bị trả lại để bổ sung sau khi lập dự thảo: cần tạo lại <a") {
		t.Errorf("the office's notice:\n%s", notice)
	}
	mark := between(t, body, `id="stale-`+task2+`"`, `</p>`)
	if !strings.Contains(mark, "Phần này vẫn tính báo cáo đã bị trả lại để bổ sung của:</strong> Công an huyện.") || strings.Contains(mark, "gửi sau") {
		t.Errorf("task 2's mark:\n%s", mark)
	}
	if strings.Contains(body, `id="stale-`+task1+`"`) {
		t.Errorf("task 1, which Công an huyện's report does not touch, is marked")
	}
	m := staleButton.FindStringSubmatch(notice)
	if m == nil {
		t.Fatalf("the notice has no button drawing the parts again:\n%s", notice)
	}
	c = storedReport(t, x, x.round)
	form := reportForm(c, strings.Replace(m[1], "regen:", "regen-confirm:", 1))
	if code, _, body := read(x.post(office, page, form)); code != http.StatusOK || strings.Contains(body, `id="stale"`) {
		t.Fatalf("drawn again: %d, stale notice shown: %v", code, strings.Contains(body, `id="stale"`))
	}
	got := storedReport(t, x, x.round)
	if late := got.Parts[partIndex(t, got, consolidate.KeyLateUnits)].Text; !strings.Contains(late, "chưa gửi lại báo cáo sau khi được trả lại để bổ sung: Công an huyện") {
		t.Errorf("the late units drawn again: %q", late)
	}
	if _, body = x.get(office, page); strings.Contains(body, `id="stale"`) {
		t.Errorf("reloaded, the page still calls the draft out of date")
	}
}

// staleNotice is the page's out-of-date notice, "" when it has none.
func staleNotice(t *testing.T, body string) string {
	t.Helper()
	if !strings.Contains(body, `id="stale"`) {
		return ""
	}
	return between(t, body, `<aside class="alert" id="stale"`, `</aside>`)
}

// The office's page answers which parts are out of date from what it kept
// until something the answer is drawn from changes, and only then: a
// login, a report in another round, a user added or a unit's draft not
// yet sent leave it kept; a report sent, a report returned, a unit
// renamed, a task edited, the issuing body set, the document saved and a
// new day each have it sought again, and every answer is the one a server
// that has kept nothing gives.
func TestConsolidatedStaleKeptUntilItsInputChanges(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	clock, pastMidnight := beforeMidnight()
	x.st.Now = clock

	office := x.login("vanphong")
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	srv := x.srv.Config.Handler.(*web.Server)
	draftReport(t, x, office, x.round)
	x.submitAs("pnv", x.a) // after the draft: the report is out of date

	found := web.StalesFound(srv)
	view := func(step string, sought bool, want string) {
		t.Helper()
		_, body := x.get(office, page)
		notice := staleNotice(t, body)
		fresh := &app{t: t, st: x.st}
		fresh.srv = newServer(t, x.st)
		_, afresh := fresh.get(fresh.login("vanphong"), page)
		if want := staleNotice(t, afresh); notice != want {
			t.Errorf("%s: the notice is not the one sought afresh:\n%s\nwant:\n%s", step, notice, want)
		}
		if !strings.Contains(notice, want) {
			t.Errorf("%s: the notice does not say %q:\n%s", step, want, notice)
		}
		n := web.StalesFound(srv)
		switch {
		case sought && n == found:
			t.Errorf("%s: the answer kept was shown, not sought again", step)
		case !sought && n != found:
			t.Errorf("%s: sought %d more times, want the answer kept", step, n-found)
		}
		found = n
	}
	view("the first view", true, "Có báo cáo mới của Phòng Nội vụ gửi sau khi lập dự thảo")
	view("shown again", false, "Phòng Nội vụ")

	x.login("cah")
	view("after a login", false, "Phòng Nội vụ")
	other := &tiendo.Round{Title: "Báo cáo tháng", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ của tháng", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, other); err != nil {
		t.Fatal(err)
	}
	storetest.Submit(t, x.st, "pnv", other.ID, x.a.ID)
	view("after a report in another round", false, "Phòng Nội vụ")
	if err := x.st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "xa1", Role: tiendo.RoleReader}, pw); err != nil {
		t.Fatal(err)
	}
	view("after a user added", false, "Phòng Nội vụ")
	cah, _ := x.st.UserByUsername(ctx, "cah")
	rep, err := x.st.Report(ctx, cah, x.round.ID, x.b.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range rep.Sections {
		sec.ResultVsPlan = "Đang soạn, chưa gửi."
	}
	if err := x.st.SaveReport(ctx, store.Actor{}, cah, rep); err != nil {
		t.Fatal(err)
	}
	view("after a draft not yet sent", false, "Phòng Nội vụ")

	x.submitAs("cah", x.b)
	view("a report sent", true, "Công an huyện")
	rep = x.reportOf(x.b, x.round)
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, officeUser, x.round.ID, x.b.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: rep.Version, Comment: "Bổ sung số liệu"}); err != nil {
		t.Fatal(err)
	}
	view("a report returned", true, "báo cáo của Công an huyện bị trả lại")
	x.a.Name = "Phòng Nội vụ huyện"
	if err := x.st.UpdateUnit(ctx, store.Actor{}, x.a); err != nil {
		t.Fatal(err)
	}
	view("a unit renamed", true, "báo cáo mới của Phòng Nội vụ huyện")
	if err := x.st.UpdateTaskText(ctx, store.Actor{}, officeUser, x.round.ID, x.round.Tasks[0].ID, "Nâng cao chỉ số cải cách hành chính, sửa theo công văn"); err != nil {
		t.Fatal(err)
	}
	view("a task edited", true, "Phòng Nội vụ huyện")
	admin, _ := x.st.UserByUsername(ctx, "admin")
	if err := x.st.SetOwnIssuer(ctx, store.Actor{}, admin, store.OwnIssuer{Name: "Ủy ban nhân dân huyện Bắc Sơn"}); err != nil {
		t.Fatal(err)
	}
	view("the issuing body set", true, "Phòng Nội vụ huyện")
	c := storedReport(t, x, x.round)
	form := reportForm(c, "save")
	form.Set("subject", "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm")
	if code, loc, _ := read(x.post(office, page, form)); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=saved") {
		t.Fatalf("save: %d %s", code, loc)
	}
	view("the document saved", true, "Phòng Nội vụ huyện")
	view("shown again", false, "Phòng Nội vụ huyện")
	pastMidnight()
	view("the next day", true, "Phòng Nội vụ huyện")
	view("shown again the next day", false, "Phòng Nội vụ huyện")
}

// Two instances of the app over one store: the leader reads the report on
// one while reports come, and a unit is renamed, through the other. Each
// change is on the next view; a login on the other instance does not have
// the answer sought again.
func TestConsolidatedStaleAcrossInstances(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	x, y := twoInstances(t)
	r := x.round
	page := "/rounds/" + itoa(r.ID) + "/consolidated"
	leader, office := x.login("lanhdao"), y.login("vanphong")
	draftReport(t, y, office, r)
	if code, loc := y.postDoc(office, page, reportForm(storedReport(t, y, r), "send")); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("send: %d %s", code, loc)
	}
	srv := x.srv.Config.Handler.(*web.Server)
	notice := func(step, want string) string {
		t.Helper()
		_, body := x.get(leader, page)
		n := staleNotice(t, body)
		if want == "" && n != "" || !strings.Contains(n, want) {
			t.Errorf("%s: the leader's notice is %q, want it to say %q", step, n, want)
		}
		return n
	}
	notice("sent", "")
	storetest.Submit(t, y.st, "pnv", r.ID, x.a.ID)
	notice("a report came through the other instance", "Có báo cáo mới của Phòng Nội vụ gửi sau")
	found := web.StalesFound(srv)
	y.login("cah")
	notice("after a login on the other instance", "Phòng Nội vụ")
	if got := web.StalesFound(srv); got != found {
		t.Errorf("after a login, sought %d more times, want the answer kept", got-found)
	}
	storetest.Submit(t, y.st, "cah", r.ID, x.b.ID)
	notice("a second report came", "Công an huyện")
	x.b.Name = "Công an huyện Hữu Lũng"
	if err := y.st.UpdateUnit(ctx, store.Actor{}, x.b); err != nil {
		t.Fatal(err)
	}
	notice("a unit renamed through the other instance", "Công an huyện Hữu Lũng")
}

// beforeMidnight returns a clock half an hour before the next midnight in
// tiendo.Zone, and what moves it an hour on, past midnight.
func beforeMidnight() (clock func() time.Time, pastMidnight func()) {
	var shift atomic.Int64
	now := time.Now().In(tiendo.Zone)
	midnight := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, tiendo.Zone)
	shift.Store(int64(midnight.Add(-30 * time.Minute).Sub(now)))
	return func() time.Time { return time.Now().Add(time.Duration(shift.Load())) }, func() { shift.Add(int64(time.Hour)) }
}
