package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo"
	"tiendo/internal/store"
)

// The register shows Decree 30's columns: where each document went, as it
// was issued (its "Kính gửi" and "Nơi nhận"), who keeps the file copy, the
// copies, the day it was sent, the receipt and the note; the office's
// clerk has a form to write the last three, the others none.
func TestRegisterColumns(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	r := printRound(t, x)
	c := issueReport(t, x, office, r)
	issueDirective(t, x, office, r)
	day := c.IssuedAt.In(tiendo.Zone).Format("02/01/2006")
	_, page := x.get(office, "/register")
	for _, want := range []string{
		`<th scope="col">Nơi nhận</th><th scope="col">Đơn vị lưu</th><th scope="col" title="Số lượng bản">Số bản</th><th scope="col">Ngày chuyển</th><th scope="col">Ký nhận</th><th scope="col">Ghi chú</th>`,
		// The công văn: its "Kính gửi" units, then its "Nơi nhận" but
		// "Như trên"; "Lưu: VT, VP"; one copy each.
		`<td data-label="Nơi nhận" class="register-recipients"><ul><li>Phòng Nội vụ</li><li>Công an huyện</li><li>CT, các PCT UBND huyện</li></ul></td>
<td data-label="Lưu">VT, VP</td>
<td data-label="Số bản" class="register-copies">5</td>
<td data-label="Ngày chuyển">` + day + `</td>`,
		// The report: "Lưu: VT, VP" too, three recipients and two copies kept.
		`<li>TT HĐND huyện</li>`, `<td data-label="Lưu">VT, VP</td>`,
		`<a href="/register.xlsx?year=` + day[6:] + `" download class="button secondary outline">Tải sổ (Excel)</a>`,
		`<form method="post" action="/register/`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the register lacks\n%s", want)
		}
	}
	for _, who := range []string{"lanhdao", "huyenuy"} {
		_, page := x.get(x.login(who), "/register")
		if !strings.Contains(page, `<li>Công an huyện</li>`) || strings.Contains(page, `action="/register/`) {
			t.Errorf("%s: the register without its recipients, or with the clerk's form", who)
		}
	}
	if _, all := x.get(office, "/register?year=all"); strings.Contains(all, "/register.xlsx") || !strings.Contains(all, "Chọn một năm để tải sổ (Excel)") {
		t.Error("every year's register offers a download: the numbers restart each year")
	}
}

// The office writes the copies, the receipt and a note into a line and is
// taken back to it, which then shows them with who wrote them; a number
// of copies that is not one comes back as typed, with the reason; the
// others may not write, nor another site's form.
func TestRegisterNotePost(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	r := printRound(t, x)
	c := issueReport(t, x, office, r)
	year := c.IssuedAt.In(tiendo.Zone).Format("2006")
	form := url.Values{"year": {year}, "copies": {"7"}, "receipt": {"Đ/c Lan (TT HĐND) đã nhận"}, "note": {"Gửi thêm bản giấy <b>đóng dấu</b>"}}

	for _, who := range []string{"lanhdao", "huyenuy", "pnv"} {
		resp := x.post(x.login(who), "/register/1/note", form)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s writes in the register: %d, want 403", who, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("POST", x.srv.URL+"/register/1/note", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://example.com")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, err := office.Do(req); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another site's form writes in the register: %d, want 403", resp.StatusCode)
	}
	if _, page := x.get(office, "/register"); strings.Contains(page, "Gửi thêm bản giấy") {
		t.Fatal("a refused form was written")
	}

	// Refused as typed, with the version it was shown with: sent again
	// once corrected, it still writes only over the line it was shown.
	bad := url.Values{"year": {year}, "copies": {"bảy"}, "receipt": {"đã nhận"}, "note": {"ghi chú đang gõ"}, "version": {"0123456789abcdef"}}
	code, _, page := x.postRead(office, "/register/1/note", bad)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Số lượng bản phải từ 1 đến 9999") ||
		!strings.Contains(page, `<input type="hidden" name="version" value="0123456789abcdef">`) ||
		!strings.Contains(page, `<details class="register-edit" open>`) || !strings.Contains(page, `value="bảy" aria-invalid="true"`) ||
		!strings.Contains(page, `<textarea id="note-1" name="note" rows="2">ghi chú đang gõ</textarea>`) {
		i := strings.Index(page, "<tbody>")
		t.Errorf("copies that are not a number: %d\n%s", code, page[i:])
	}

	form.Set("version", registerVersion(x, office, 1, year))
	resp := x.post(office, "/register/1/note", form)
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/register?year="+year+"&saved=1#dong-1" {
		t.Fatalf("the note: %d %s", resp.StatusCode, loc)
	}
	_, page = x.get(office, "/register?year="+year+"&saved=1")
	for _, want := range []string{
		`<td data-label="Số bản" class="register-copies">7</td>`,
		`<td data-label="Ký nhận" class="register-receipt">Đ/c Lan (TT HĐND) đã nhận</td>`,
		`<span class="register-note-text">Gửi thêm bản giấy &lt;b&gt;đóng dấu&lt;/b&gt;</span><small class="muted"> — vanphong ghi lúc `,
		`Đã ghi vào sổ.`,
		`<input id="copies-1" name="copies" inputmode="numeric" value="7">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the register after the note lacks\n%s", want)
		}
	}
	_, audit := x.get(x.login("admin"), "/admin/audit")
	if !strings.Contains(audit, "Dòng sổ văn bản đi") || !strings.Contains(audit, "Gửi thêm bản giấy") {
		t.Error("the audit page does not show the note written in the register")
	}
}

// registerVersion is the version of register line id (of year) that the
// register's page gives the clerk's form, as c reads the page.
func registerVersion(x *app, c *http.Client, id int, year string) string {
	x.t.Helper()
	_, page := x.get(c, "/register?year="+year)
	m := regexp.MustCompile(fmt.Sprintf(`action="/register/%d/note">\n<input type="hidden" name="year" value="[^"]*">\n<input type="hidden" name="version" value="([0-9a-f]+)">`, id)).FindStringSubmatch(page)
	if m == nil {
		x.t.Fatalf("the register's form of line %d carries no version", id)
	}
	return m[1]
}

// Two clerks write in one line from the same page: the second is refused
// (409) and nothing of it is written; the page says who wrote the line
// and when, shows what the line holds now under each field the second
// clerk typed otherwise, and keeps what was typed in the form, with the
// line's version now, so that sending it again writes it.
func TestRegisterNoteConflict(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	r := printRound(t, x)
	c := issueReport(t, x, office, r)
	year := c.IssuedAt.In(tiendo.Zone).Format("2006")
	clerk := &tiendo.User{Username: "vanthu2", FullName: "Trần Thị Thư", Role: tiendo.RoleOffice}
	if err := x.st.CreateUser(context.Background(), store.Actor{}, clerk, pw); err != nil {
		t.Fatal(err)
	}
	other := x.login("vanthu2")
	seen := registerVersion(x, office, 1, year) // both open the register
	if v := registerVersion(x, other, 1, year); v != seen {
		t.Fatalf("one line, two versions: %q and %q", seen, v)
	}

	resp := x.post(other, "/register/1/note", url.Values{"year": {year}, "version": {seen}, "receipt": {"Đ/c Lan (TT HĐND) đã nhận"}, "note": {"Gửi bản giấy ngày 05/3"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first clerk's note: %d", resp.StatusCode)
	}
	typed := url.Values{"year": {year}, "version": {seen}, "copies": {"3"}, "receipt": {"Đ/c Lan (TT HĐND) đã nhận"}, "note": {"Đã gọi điện nhắc\nTT HĐND huyện <ngày 06/3>"}}
	code, _, page := x.postRead(office, "/register/1/note", typed)
	now := registerVersion(x, office, 1, year)
	for _, want := range []string{
		"Dòng 01/BC-UBND của sổ văn bản đi đã được Trần Thị Thư ghi lúc ",
		"phần bạn ghi chưa được lưu",
		`<details class="register-edit" open>`,
		`<input type="hidden" name="version" value="` + now + `">`,
		"Những gì bạn gõ vẫn nằm nguyên trong các ô dưới đây.",
		// What was typed, in the form.
		`<input id="copies-1" name="copies" inputmode="numeric" value="3" aria-describedby="copies-1-theirs">`,
		`<textarea id="note-1" name="note" rows="2" aria-describedby="note-1-theirs">Đã gọi điện nhắc` + "\n" + `TT HĐND huyện <ngày 06/3></textarea>`,
		// What the line holds, under the fields that differ.
		`<small class="theirs" id="copies-1-theirs">Đang có trong sổ: để trống (5 bản, tính theo nơi nhận)</small>`,
		`<small class="theirs" id="note-1-theirs">Đang có trong sổ: Gửi bản giấy ngày 05/3</small>`,
		`<span class="register-note-text">Gửi bản giấy ngày 05/3</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused note's page lacks\n%s", want)
		}
	}
	if code != http.StatusConflict || now == seen || strings.Contains(page, `id="receipt-1-theirs"`) {
		i := strings.Index(page, "<tbody>")
		t.Fatalf("the second clerk's note, from the same page: %d, version %q (was %q)\n%s", code, now, seen, page[max(i, 0):])
	}
	if _, reg := x.get(office, "/register?year="+year); strings.Contains(reg, "Đã gọi điện nhắc") {
		t.Fatal("the refused note was written")
	}

	// Sent again from the refused page, once compared: written.
	typed.Set("version", now)
	resp = x.post(office, "/register/1/note", typed)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the note sent again over the line now: %d", resp.StatusCode)
	}
	if _, reg := x.get(office, "/register?year="+year); !strings.Contains(reg, `<td data-label="Số bản" class="register-copies">3</td>`) ||
		!strings.Contains(reg, "Đã gọi điện nhắc\nTT HĐND huyện &lt;ngày 06/3&gt;") {
		t.Error("the note sent again was not written")
	}
}

// The register of a year downloads as a spreadsheet in Decree 30's
// columns, in the order numbered, the numbers as the register writes them,
// in Times New Roman on landscape A4 with the header on every page; whoever
// reads the register may download it, the units may not, and every year at
// once is refused (the numbers restart each year).
func TestRegisterXLSX(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	r := printRound(t, x)
	c := issueReport(t, x, office, r)
	issueDirective(t, x, office, r)
	day := c.IssuedAt.In(tiendo.Zone).Format("02/01/2006")
	year := day[6:]
	resp := x.post(office, "/register/2/note", url.Values{"year": {year}, "receipt": {"Phòng Nội vụ đã nhận"}, "note": {"Đã gửi"},
		"version": {registerVersion(x, office, 2, year)}})
	resp.Body.Close()

	download := func(c *http.Client, path string) (int, []byte, http.Header) {
		t.Helper()
		resp, err := c.Get(x.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b, resp.Header
	}
	for _, who := range []string{"lanhdao", "huyenuy"} {
		if code, _, _ := download(x.login(who), "/register.xlsx?year="+year); code != http.StatusOK {
			t.Errorf("%s downloads the register: %d", who, code)
		}
	}
	if code, _, _ := download(x.login("pnv"), "/register.xlsx?year="+year); code != http.StatusForbidden {
		t.Errorf("a unit downloads the register: %d, want 403", code)
	}
	if code, body, _ := download(office, "/register.xlsx?year=all"); code != http.StatusUnprocessableEntity && code != http.StatusBadRequest ||
		!strings.Contains(string(body), "theo từng năm") {
		t.Errorf("every year at once: %d", code)
	}

	code, data, h := download(office, "/register.xlsx?year="+year)
	if code != http.StatusOK || h.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		!strings.Contains(h.Get("Content-Disposition"), `filename="so-van-ban-di-`+year+`.xlsx"`) {
		t.Fatalf("download: %d %v", code, h)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Sổ văn bản đi"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 6 || rows[0][0] != "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM "+year || rows[1][0] != "Cơ quan: Ủy ban nhân dân huyện Hữu Lũng" {
		t.Fatalf("the sheet's top: %q", rows)
	}
	head := []string{"Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký", "Nơi nhận văn bản",
		"Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú"}
	if got := strings.Join(rows[3], "|"); got != strings.Join(head, "|") {
		t.Errorf("header row =\n%s\nwant\n%s", got, strings.Join(head, "|"))
	}
	want := [][]string{
		{"01/BC-UBND", day, "Báo cáo: " + c.Subject, "Hoàng Văn Minh", "TT HĐND huyện; CT, các PCT UBND huyện; Các cơ quan, đơn vị liên quan", "VT, VP", "5", day},
		{"02/UBND-VP", day, "Công văn V/v báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm", "Hoàng Thị Bình", "Phòng Nội vụ; Công an huyện; CT, các PCT UBND huyện", "VT, VP", "5", day, "Phòng Nội vụ đã nhận", "Đã gửi"},
	}
	for i, w := range want {
		if got := strings.Join(rows[4+i], "|"); got != strings.Join(w, "|") {
			t.Errorf("row %d =\n%s\nwant\n%s", i+1, got, strings.Join(w, "|"))
		}
	}
	if n, _ := f.GetCellType(sheet, "G5"); n != excelize.CellTypeUnset && n != excelize.CellTypeNumber {
		t.Errorf("the copies are not a number: %v", n)
	}
	for _, cell := range []string{"A1", "A4", "C5", "E6"} {
		id, _ := f.GetCellStyle(sheet, cell)
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || st.Font.Family != "Times New Roman" {
			t.Errorf("%s is not in Times New Roman: %+v %v", cell, st, err)
		}
	}
	layout, err := f.GetPageLayout(sheet)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("page layout: %+v %v; want landscape A4 (9)", layout, err)
	}
	titles := ""
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == sheet {
			titles = d.RefersTo
		}
	}
	if titles != "'"+sheet+"'!$4:$4" {
		t.Errorf("the rows printed on every page: %q, want the header row 4", titles)
	}
}
