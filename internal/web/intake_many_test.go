package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// manyDirective gives three tasks, each with a target, to communes of an
// office with more units than the preview lists in every task.
const manyDirective = `ỦY BAN NHÂN DÂN TỈNH AN BÌNH
Số: 45/UBND-VP
An Bình, ngày 02 tháng 6 năm 2031
V/v báo cáo kết quả thực hiện nhiệm vụ trọng tâm

Kính gửi: UBND xã số 1; UBND xã số 2; UBND xã số 3.

UBND tỉnh yêu cầu các đơn vị báo cáo cụ thể như sau:

1. Giao UBND xã số 1 chủ trì: nâng tỷ lệ hồ sơ trực tuyến đạt 80%.

2. Giao UBND xã số 2 chủ trì: giảm số hộ nghèo 5% so với cùng kỳ.

3. Giao UBND xã số 3 chủ trì: trồng mới 20 ha rừng.

Báo cáo gửi về UBND tỉnh trước ngày 10/7/2031.
`

// manyUnits is more units than the preview lists in every task.
const manyUnitsCount = 170

// newManyUnitsSession is the office of a province of manyUnitsCount units,
// with manyDirective's preview open: "UBND xã số 1" to "UBND xã số 167",
// two communes named "Xã Tân Lập" under two districts, and "Phòng Tài
// chính - Kế hoạch", whose short name is "Phòng TC-KH".
func newManyUnitsSession(t *testing.T) (*previewSession, string) {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t)
	units := []*tiendo.Unit{
		{Code: "huyen-a", Name: "Huyện Đông An"},
		{Code: "huyen-b", Name: "Huyện Tây An"},
		{Code: "tckh", Name: "Phòng Tài chính - Kế hoạch", ShortName: "Phòng TC-KH"},
	}
	for i := len(units); i < manyUnitsCount-2; i++ {
		units = append(units, &tiendo.Unit{Code: fmt.Sprintf("xa%03d", i-2), Name: fmt.Sprintf("UBND xã số %d", i-2)})
	}
	for _, u := range units {
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	for i, code := range []string{"tanlap-a", "tanlap-b"} {
		u := &tiendo.Unit{Code: code, Name: "Xã Tân Lập", ParentID: units[i].ID}
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}, pw); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	x := &previewSession{t: t, base: newServer(t, st).URL, c: &http.Client{Jar: jar}, st: st, seed: manyDirective}
	resp, err := x.c.PostForm(x.base+"/login", url.Values{"username": {"vanphong"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	body, ct := multipartForm(url.Values{"text": {manyDirective}}, "", nil)
	page := x.do("/rounds/new", ct, body)
	if n := len(taskFieldsets(page)); n != 3 {
		t.Fatalf("the preview has %d tasks, want 3", n)
	}
	return x, page
}

// post sends the preview form of page with op pressed and edit's changes,
// and returns the status and the page reached (a round made is a 303).
func (x *previewSession) post(page, op string, edit func(url.Values)) (int, string) {
	x.t.Helper()
	form := browserForm(x.t, page, "/rounds/preview")
	form.Set("op", op)
	if edit != nil {
		edit(form)
	}
	status, _, b := x.send(form)
	return status, b
}

// send posts form to the preview as the browser does, without following
// a redirect: the status, the redirect's location and the page.
func (x *previewSession) send(form url.Values) (status int, location, page string) {
	x.t.Helper()
	req, _ := http.NewRequest("POST", x.base+"/rounds/preview", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", x.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	c := *x.c
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		x.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// unitCode is the unit of code.
func (x *previewSession) unitCode(code string) int64 {
	x.t.Helper()
	return x.unitWhere(code, func(u *tiendo.Unit) bool { return u.Code == code })
}

// An office with many units gets a preview that names each unit a bounded
// number of times, not once per task and target: the units are listed
// once, for the tasks' unit fields to offer.
func TestIntakeManyUnitsListedOnce(t *testing.T) {
	t.Parallel()
	_, page := newManyUnitsSession(t)
	page = html.UnescapeString(page)
	for _, n := range []int{7, 50, 140} { // units no task names
		name := fmt.Sprintf("UBND xã số %d", n)
		if got := len(regexp.MustCompile(regexp.QuoteMeta(name)+`[^0-9]`).FindAllString(page, -1)); got > 2 {
			t.Errorf("“%s” is on the page %d times, want at most 2 (the list and “Kính gửi”)", name, got)
		}
	}
	if !strings.Contains(page, `<datalist id="unit-names">`) {
		t.Errorf("no list of the units on the preview")
	}
	// Units of one name are told apart in the list, each by its code and
	// by the unit above it.
	for _, want := range []string{`<option value="Xã Tân Lập (mã tanlap-a)" label="Huyện Đông An">`, `<option value="Xã Tân Lập (mã tanlap-b)" label="Huyện Tây An">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the list lacks %s", want)
		}
	}
	// The proposal still shows: the directive's lead in the lead field.
	form := browserForm(t, page, "/rounds/preview")
	if got := form.Get("t1.lead_name"); got != "UBND xã số 2" {
		t.Errorf("task 2's lead field holds %q, want “UBND xã số 2”", got)
	}
}

// Units chosen by name in the large office's form (folded, by short name,
// by the list's "(mã …)") survive the buttons that redraw the form, and
// the round is made with them.
func TestIntakeManyUnitsByName(t *testing.T) {
	t.Parallel()
	x, page := newManyUnitsSession(t)
	tckh, tanlapB := x.unitCode("tckh"), x.unitCode("tanlap-b")
	page = x.submit(page, "add-target:1", func(v url.Values) {
		v.Set("t0.lead_name", "ubnd xa so 12")
		v.Set("t0.support_add", "UBND xã số 13; Phòng TC-KH")
		v.Set("t0.g0.by_name", "  UBND XÃ SỐ 14 ")
		v.Set("t1.lead_name", "Xã Tân Lập (mã tanlap-b)")
		v.Set("t2.lead_name", "Mọi đơn vị được yêu cầu báo cáo")
	})
	check := func(when, page string) {
		t.Helper()
		if strings.Contains(page, `class="field-error"`) {
			t.Errorf("%s: field errors:\n%s", when, grep(html.UnescapeString(page), "field-error"))
		}
		form := browserForm(t, page, "/rounds/preview")
		for k, want := range map[string]string{
			"t0.lead_name": "UBND xã số 12", "t0.g0.by_name": "UBND xã số 14", "t0.support_add": "",
			"t1.lead_name": "Xã Tân Lập (mã tanlap-b)", "t2.lead_name": "Mọi đơn vị được yêu cầu báo cáo (mỗi đơn vị tự báo cáo)",
		} {
			if got := form.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", when, k, got, want)
			}
		}
		if got, want := form["t0.support"], []string{itoa(x.unitCode("xa013")), itoa(tckh)}; !slices.Equal(got, want) {
			t.Errorf("%s: task 1's supporting units ticked %v, want %v", when, got, want)
		}
	}
	check("after “Thêm chỉ tiêu”", page)
	page = x.submit(page, "add-task", nil)
	check("after “Thêm nhiệm vụ”", page)
	page = x.submit(page, "remove-task:3", nil)
	check("after “Xóa nhiệm vụ”", page)
	r := x.create(page, func(v url.Values) { v.Set("title", "Báo cáo nhiệm vụ trọng tâm") })
	if len(r.Tasks) != 3 {
		t.Fatalf("the round has %d tasks, want 3", len(r.Tasks))
	}
	roles := func(task *tiendo.Task) map[int64]tiendo.AssigneeRole {
		out := map[int64]tiendo.AssigneeRole{}
		for _, a := range task.Assignees {
			out[a.UnitID] = a.Role
		}
		return out
	}
	want0 := map[int64]tiendo.AssigneeRole{x.unitCode("xa012"): tiendo.Lead, x.unitCode("xa013"): tiendo.Support, tckh: tiendo.Support, x.unitCode("xa014"): tiendo.Lead}
	if got := roles(r.Tasks[0]); !maps.Equal(got, want0) {
		t.Errorf("task 1's units %v, want %v", got, want0)
	}
	if got := r.Tasks[0].Targets[0].ReportedBy; got != x.unitCode("xa014") {
		t.Errorf("task 1's target is reported by unit %d, want UBND xã số 14 (%d)", got, x.unitCode("xa014"))
	}
	if got := roles(r.Tasks[1]); !maps.Equal(got, map[int64]tiendo.AssigneeRole{tanlapB: tiendo.Lead}) {
		t.Errorf("task 2's units %v, want Xã Tân Lập of Huyện Tây An (%d) leading", got, tanlapB)
	}
	// Task 3 is led by every unit asked: the three of "Kính gửi" and
	// those given work elsewhere.
	if got := roles(r.Tasks[2]); len(got) != 3 || got[x.unitCode("xa003")] != tiendo.Lead {
		t.Errorf("task 3's units %v, want the three units of “Kính gửi” leading", got)
	}
}

// A name that finds no unit, or finds two, is refused beside its field
// with what to do, and the form keeps everything typed: the name itself,
// the other fields, the names found. No round is made.
func TestIntakeManyUnitsUnknownName(t *testing.T) {
	t.Parallel()
	x, page := newManyUnitsSession(t)
	before, err := x.st.Rounds(context.Background(), &tiendo.User{Role: tiendo.RoleOffice})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(v url.Values) {
		v.Set("title", "Tên đợt đã sửa")
		v.Set("t0.lead_name", "Xã Tân Lập")
		v.Set("t1.lead_name", "UBND xã số 20")
		v.Set("t1.g0.by_name", "UBND xã số 999")
		v.Set("t2.support_add", "UBND xã số 21; Phòng Không Có")
		v.Set("t2.g0.value", "25")
	}
	check := func(when string, status int, page string, wantStatus int) {
		t.Helper()
		if status != wantStatus {
			t.Fatalf("%s: status %d, want %d", when, status, wantStatus)
		}
		page = html.UnescapeString(page)
		form := browserForm(t, page, "/rounds/preview")
		for k, want := range map[string]string{
			"title": "Tên đợt đã sửa", "t0.lead_name": "Xã Tân Lập", "t1.lead_name": "UBND xã số 20",
			"t1.g0.by_name": "UBND xã số 999", "t2.support_add": "Phòng Không Có", "t2.g0.value": "25",
		} {
			if got := form.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q as typed", when, k, got, want)
			}
		}
		if got, want := form["t2.support"], []string{itoa(x.unitCode("xa021"))}; !slices.Equal(got, want) {
			t.Errorf("%s: task 3's supporting units ticked %v, want UBND xã số 21 %v", when, got, want)
		}
		fs := taskFieldsets(page)
		for i, want := range []string{
			"Có 2 đơn vị cùng tên “Xã Tân Lập”: “Xã Tân Lập” (mã tanlap-a), “Xã Tân Lập” (mã tanlap-b). Hãy chọn đúng đơn vị trong danh sách gợi ý",
			"Không có đơn vị nào tên “UBND xã số 999”. Hãy gõ vài chữ trong tên đơn vị rồi chọn trong danh sách gợi ý",
			"Không có đơn vị nào tên “Phòng Không Có”.",
		} {
			if !strings.Contains(fs[i], want) {
				t.Errorf("%s: task %d lacks the error %q:\n%s", when, i+1, want, grep(fs[i], "field-error"))
			}
		}
		if n := strings.Count(page, `class="field-error"`); n != 3 {
			t.Errorf("%s: %d field errors, want 3:\n%s", when, n, grep(page, "field-error"))
		}
	}
	status, redrawn := x.post(page, "add-target:0", edit)
	check("after “Thêm chỉ tiêu”", status, redrawn, http.StatusOK)
	status, refused := x.post(page, "create", edit)
	check("on “Tạo đợt báo cáo”", status, refused, http.StatusUnprocessableEntity)
	after, err := x.st.Rounds(context.Background(), &tiendo.User{Role: tiendo.RoleOffice})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Fatalf("a round was made with units unknown")
	}
	// Chosen from the list, the names find their units.
	r := x.create(refused, func(v url.Values) {
		v.Set("t0.lead_name", "Xã Tân Lập (mã tanlap-a)")
		v.Set("t1.g0.by_name", "UBND xã số 99")
		v.Set("t2.support_add", "")
	})
	if got := r.Tasks[0].Assignees; len(got) != 1 || got[0].UnitID != x.unitCode("tanlap-a") {
		t.Errorf("task 1's units %v, want Xã Tân Lập of Huyện Đông An", got)
	}
	if got := r.Tasks[1].Targets[0].ReportedBy; got != x.unitCode("xa099") {
		t.Errorf("task 2's target reported by %d, want UBND xã số 99", got)
	}
}

// What a review found in the large office's form: Enter presses a button
// that only shows the form again (not "Bỏ chọn tất cả"); a name typed
// exactly as one unit writes it finds that unit though another's folds
// alike; a retired unit typed is named as retired; a supporting unit
// retired while the form was open is taken out with an error that names
// it; the lead typed as supporting too stays the lead alone.
func TestIntakeManyUnitsReview(t *testing.T) {
	t.Parallel()
	x, _ := newManyUnitsSession(t)
	ctx := context.Background()
	for _, u := range []*tiendo.Unit{{Code: "dongson", Name: "Xã Đông Sơn"}, {Code: "dongson2", Name: "Xã Đồng Sơn"}, {Code: "xacu", Name: "Xã Cũ"}} {
		if err := x.st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.st.RetireUnit(ctx, store.Actor{}, x.unitCode("xacu"), time.Date(2025, 7, 1, 0, 0, 0, 0, tiendo.Zone), "Sáp nhập vào xã Mới"); err != nil {
		t.Fatal(err)
	}
	body, ct := multipartForm(url.Values{"text": {manyDirective}}, "", nil)
	page := x.do("/rounds/new", ct, body)

	// The form's first submit button, which Enter presses, is "check".
	if m := regexp.MustCompile(`<form method="post" action="/rounds/preview"[^>]*>\s*(?:\{\{[^}]*\}\})?\s*<button type="submit" name="op" value="([^"]+)"`).FindStringSubmatch(page); m == nil || m[1] != "check" {
		t.Errorf("the preview form's first button is %v, want op=check", m)
	}
	recipients := browserForm(t, page, "/rounds/preview")["recipients"]
	status, redrawn := x.post(page, "check", func(v url.Values) {
		v.Set("t0.lead_name", "Xã Đồng Sơn")
		v.Set("t1.lead_name", "xa dong son")
		v.Set("t2.lead_name", "Xã Cũ")
	})
	if status != http.StatusOK {
		t.Fatalf("op=check: status %d", status)
	}
	form := browserForm(t, html.UnescapeString(redrawn), "/rounds/preview")
	if got := form["recipients"]; len(recipients) == 0 || !slices.Equal(got, recipients) {
		t.Errorf("after op=check the recipients are %v, want %v kept", got, recipients)
	}
	if got := form.Get("t0.lead_name"); got != "Xã Đồng Sơn (mã dongson2)" {
		t.Errorf("“Xã Đồng Sơn” typed exactly: lead field %q, want the unit found", got)
	}
	fs := taskFieldsets(html.UnescapeString(redrawn))
	for i, want := range []string{"", "Có 2 đơn vị tên gần giống “xa dong son”", "Đơn vị “Xã Cũ” đã ngừng hoạt động từ ngày 01/07/2025 (Sáp nhập vào xã Mới)"} {
		if want == "" {
			if strings.Contains(fs[i], "field-error") {
				t.Errorf("task %d has an error: %s", i+1, grep(fs[i], "field-error"))
			}
		} else if !strings.Contains(fs[i], want) {
			t.Errorf("task %d lacks %q:\n%s", i+1, want, grep(fs[i], "field-error"))
		}
	}

	// A supporting unit retired while the form is open; the lead typed as
	// supporting too.
	status, redrawn = x.post(page, "check", func(v url.Values) {
		v.Set("t0.support_add", "UBND xã số 13; UBND xã số 1")
	})
	form = browserForm(t, html.UnescapeString(redrawn), "/rounds/preview")
	if got, want := form["t0.support"], []string{itoa(x.unitCode("xa013"))}; status != http.StatusOK || !slices.Equal(got, want) {
		t.Fatalf("supporting units %v (status %d), want UBND xã số 13 alone %v: the lead is not also supporting", got, status, want)
	}
	if err := x.st.RetireUnit(ctx, store.Actor{}, x.unitCode("xa013"), time.Date(2025, 7, 1, 0, 0, 0, 0, tiendo.Zone), ""); err != nil {
		t.Fatal(err)
	}
	status, redrawn = x.post(redrawn, "remove-target:1:0", nil)
	redrawn = html.UnescapeString(redrawn)
	form = browserForm(t, redrawn, "/rounds/preview")
	if status != http.StatusOK || len(form["t0.support"]) != 0 || !strings.Contains(taskFieldsets(redrawn)[0], "Đơn vị “UBND xã số 13” đã ngừng hoạt động từ ngày 01/07/2025 nên đã được bỏ khỏi ô này") {
		t.Errorf("a supporting unit retired meanwhile: status %d, ticked %v, errors:\n%s", status, form["t0.support"], grep(redrawn, "field-error"))
	}
	if strings.Contains(redrawn, `checked> </label>`) {
		t.Errorf("a ticked supporting unit without a name is left")
	}
}

// A large office's "Kính gửi" folds its checkboxes under the units at the
// top of its tree, each fold saying how many of its units are ticked and
// open only when some but not all are; every unit can still be ticked, and
// the folds follow the "every unit under" button.
func TestIntakeManyUnitsRecipientsFolded(t *testing.T) {
	t.Parallel()
	x, page := newManyUnitsSession(t)
	page = html.UnescapeString(page)
	if n := strings.Count(page, `name="recipients"`); n != manyUnitsCount {
		t.Errorf("%d checkboxes under “Kính gửi”, want one for each of the %d units", n, manyUnitsCount)
	}
	folds := regexp.MustCompile(`<details class="recipient-group"( open)?><summary>([^<]*)</summary>`)
	got := func(page string) []string {
		var out []string
		for _, m := range folds.FindAllStringSubmatch(page, -1) {
			out = append(out, m[2]+m[1])
		}
		return out
	}
	others := manyUnitsCount - 4
	want := []string{
		"Huyện Đông An và 1 đơn vị trực thuộc · đã chọn 0/2",
		"Huyện Tây An và 1 đơn vị trực thuộc · đã chọn 0/2",
		fmt.Sprintf("Các đơn vị khác (%d) · đã chọn 3/%d open", others, others),
	}
	if g := got(page); !slices.Equal(g, want) {
		t.Errorf("the folds are\n%q\nwant\n%q", g, want)
	}
	// Huyện Đông An ticked and every unit under it chosen: its fold says
	// so and stays closed, the choice needing no second look.
	_, page = x.post(page, "add-tree", func(f url.Values) {
		id := strconv.FormatInt(x.unitCode("huyen-a"), 10)
		f.Add("recipients", id)
		f.Set("tree", id)
	})
	page = html.UnescapeString(page)
	want[0] = "Huyện Đông An và 1 đơn vị trực thuộc · đã chọn 2/2"
	if g := got(page); !slices.Equal(g, want) {
		t.Errorf("after choosing Huyện Đông An's units the folds are\n%q\nwant\n%q", g, want)
	}
}
