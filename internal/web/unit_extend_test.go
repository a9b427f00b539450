package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// deadlineText writes a deadline as the pages do: "trước ngày 08/12/2026",
// or "trước 14:05 ngày 08/12/2026" when it has a time of day.
func deadlineText(t time.Time) string {
	t = t.In(tiendo.Zone)
	if t.Hour() == 0 && t.Minute() == 0 {
		return "trước ngày " + t.Format("02/01/2006")
	}
	return "trước " + t.Format("15:04") + " ngày " + t.Format("02/01/2006")
}

// The office extends the deadline for one unit from the round's extension
// page: it picks the unit among those still owing (in Vietnamese order,
// each with its deadline), types a day and a time (the round's deadline has
// one) and a reason, and comes back to the page, which says what was done
// and lists the unit's own deadline. The unit's reporter is told, and
// reads its own deadline on its home and report pages; the other unit and
// the round page keep the round's.
func TestUnitExtend(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	path := fmt.Sprintf("/rounds/%d/extend", x.round.ID)
	c := x.login("vanphong")
	old := x.round.Deadline.In(tiendo.Zone)

	code, body := x.get(c, path)
	clock := old.Format("15:04")
	for _, want := range []string{`action="` + path + `/unit#unit-extend"`, `<select id="unit" name="unit"`,
		`<option value="cah">Công an huyện (hạn hiện tại: ` + deadlineText(old) + `)</option>`,
		`<option value="pnv">Phòng Nội vụ (hạn hiện tại: ` + deadlineText(old) + `)</option>`,
		`name="unit_deadline"`, `name="unit_time" value="` + clock + `"`, `name="unit_reason"`} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("extension page: %d, missing %q", code, want)
		}
	}
	if strings.Index(body, `value="cah"`) > strings.Index(body, `value="pnv"`) {
		t.Error("the units are not in Vietnamese order: Công an huyện must come before Phòng Nội vụ")
	}

	day := old.AddDate(0, 0, 2)
	want := time.Date(day.Year(), day.Month(), day.Day(), 16, 30, 0, 0, tiendo.Zone)
	resp := x.post(c, path+"/unit", url.Values{"unit": {"pnv"}, "unit_deadline": {day.Format("02/01/2006")}, "unit_time": {"16:30"},
		"unit_reason": {"Trưởng phòng đi công tác"}})
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	// The redirect carries what the unit was told: one notice (pnv's
	// account), no e-mail (no address).
	if resp.StatusCode != http.StatusSeeOther || loc != path+"?emails=0&notices=1&ok=unit&unit=pnv#unit-extend" {
		t.Fatalf("saving the extension for a unit: %d %q, want 303 to %s?emails=0&notices=1&ok=unit&unit=pnv#unit-extend", resp.StatusCode, loc, path)
	}
	_, body = x.get(c, loc)
	// The notice is in the unit's part of the page, where the redirect
	// lands, not above the button that extends the whole round.
	if i, j := strings.Index(body, `id="unit-extend"`), strings.Index(body, `id="unit-extended"`); i < 0 || j < i {
		t.Errorf("the notice of the unit's extension is not inside its section (section at %d, notice at %d)", i, j)
	}
	if !strings.Contains(body, `<button type="submit" id="extend-round">Gia hạn cho cả đợt</button>`) || strings.Contains(body, ">Hủy</a>") {
		t.Errorf("the whole round's button should say \"Gia hạn cho cả đợt\", and no link says \"Hủy\"")
	}
	for _, want := range []string{
		`id="unit-extended">Đã gia hạn gửi báo cáo cho Phòng Nội vụ đến ` + deadlineText(want) + `; các đơn vị khác giữ hạn của đợt.`,
		"Phòng Nội vụ đã có thông báo hạn mới trong ứng dụng (1 tài khoản); không gửi e-mail vì đơn vị và các tài khoản của đơn vị chưa có địa chỉ e-mail.",
		`<td>Phòng Nội vụ</td><td data-label="Hạn riêng">` + deadlineText(want) + `</td><td data-label="Lý do">Trưởng phòng đi công tác</td>`,
		`<option value="pnv">Phòng Nội vụ (hạn hiện tại: ` + deadlineText(want) + `)</option>`,
		"hạn hiện tại: " + deadlineText(old), // the round's, at the top
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page after the extension lacks %q", want)
		}
	}

	// The store holds it; the unit's reporter is told and reads it.
	rep := x.login("pnv")
	round, err := x.st.RoundForUnit(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, x.round.ID, x.a.ID)
	if err != nil || !round.Deadline.Equal(want) {
		t.Errorf("unit a's deadline = %v, %v; want %v", round.Deadline, err, want)
	}
	notes, _, err := x.st.Notifications(context.Background(), &tiendo.User{ID: x.userID("pnv")}, 10)
	if err != nil || len(notes) == 0 || !strings.Contains(notes[0].Title, "của Phòng Nội vụ được gia hạn đến "+deadlineText(want)+". Lý do: Trưởng phòng đi công tác") {
		t.Errorf("unit a's notifications: %+v, %v; want the extension first", notes, err)
	}
	notesB, _, err := x.st.Notifications(context.Background(), &tiendo.User{ID: x.userID("cah")}, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notesB {
		if n.Kind == store.KindDeadlineExtended || strings.Contains(n.Title, "gia hạn") {
			t.Errorf("unit b was told of unit a's extension: %+v", n)
		}
	}
	for _, page := range []string{"/", fmt.Sprintf("/rounds/%d/reports/pnv", x.round.ID)} {
		if _, body := x.get(rep, page); !strings.Contains(body, deadlineText(want)) || !strings.Contains(body, "đã gia hạn, hạn ban đầu "+deadlineText(old)) {
			t.Errorf("unit a's %s does not show its own deadline %q, extended from %q", page, deadlineText(want), deadlineText(old))
		}
	}
	if _, body := x.get(x.login("cah"), "/"); strings.Contains(body, deadlineText(want)) || !strings.Contains(body, deadlineText(old)) {
		t.Errorf("unit b's home shows unit a's deadline, or not the round's")
	}
	if _, body := x.get(c, fmt.Sprintf("/rounds/%d", x.round.ID)); !strings.Contains(body, "Hạn gửi: "+deadlineText(old)) || strings.Contains(body, "đã gia hạn") {
		t.Errorf("the round page no longer shows the round's own deadline, unextended")
	}
	// The office's matrix says which unit has its own deadline, and why;
	// once the round is locked it offers "Mở lại" to the unit held to the
	// round's deadline, not to the one that may still report.
	if err := x.st.LockRound(context.Background(), store.Actor{UserID: x.userID("vanphong")}, x.round.ID, true); err != nil {
		t.Fatal(err)
	}
	_, body = x.get(c, fmt.Sprintf("/rounds/%d", x.round.ID))
	if want := `<small class="muted extended" title="Lý do: Trưởng phòng đi công tác">gia hạn: ` + deadlineText(want) + `</small>`; !strings.Contains(body, want) {
		t.Errorf("the matrix lacks %q", want)
	}
	if strings.Count(body, `class="muted extended"`) != 1 {
		t.Errorf("the matrix marks %d units as extended, want 1", strings.Count(body, `class="muted extended"`))
	}
	if !strings.Contains(body, fmt.Sprintf(`action="/rounds/%d/reopen/cah"`, x.round.ID)) || strings.Contains(body, fmt.Sprintf(`action="/rounds/%d/reopen/pnv"`, x.round.ID)) {
		t.Errorf("in the locked round, \"Mở lại\" should be offered to cah only, not to pnv, which may report until its own deadline")
	}
	// The audit page names the act, the unit and the reason.
	_, body = x.get(x.login("admin"), "/admin/audit?action=extend")
	for _, want := range []string{"Gia hạn gửi báo cáo", "Phòng Nội vụ", "Trưởng phòng đi công tác"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
	// The unit is what the act was about, not a change from nothing.
	if regexp.MustCompile(`Đơn vị:</span>\s*<span[^>]*>\(trống\)`).MatchString(body) {
		t.Errorf("the audit page shows the unit as a change from nothing")
	}
}

// A unit not chosen, not known or that has sent, a day or a time that
// cannot be read, a day not later than the unit's deadline: the form comes
// back (422) with what was typed, the field marked and the reason in
// Vietnamese; nothing changes.
func TestUnitExtendBadInputKeepsTyped(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	path := fmt.Sprintf("/rounds/%d/extend/unit", x.round.ID)
	c := x.login("vanphong")
	storetest.Submit(t, x.st, "cah", x.round.ID, x.b.ID)
	old := x.round.Deadline.In(tiendo.Zone)
	later := old.AddDate(0, 0, 3).Format("02/01/2006")
	for _, tc := range []struct {
		name, unit, day, clock, field, want string
	}{
		{"no unit", "", later, "", "unit", "Vui lòng chọn đơn vị được gia hạn."},
		{"unknown unit", "khong-co", later, "", "unit", "Không có đơn vị này; hãy chọn một đơn vị trong danh sách."},
		{"a unit that has sent", "cah", later, "", "unit", "Công an huyện đã gửi báo cáo nên không cần gia hạn"},
		{"impossible day", "pnv", "31/02/2099", "", "unit_deadline", "Không có ngày 31/02/2099: hãy kiểm tra lại ngày và tháng."},
		{"empty day", "pnv", "", "", "unit_deadline", "Hãy nhập hạn gửi báo cáo, ví dụ 07/06/2026."},
		{"earlier day", "pnv", old.AddDate(0, 0, -1).Format("02/01/2006"), "", "unit_deadline", "Hạn mới phải sau hạn hiện tại của đơn vị (" + deadlineText(old) + ")"},
		{"bad time", "pnv", later, "25:70", "unit_time", "Giờ chưa đúng: viết giờ:phút như 17:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := x.post(c, path, url.Values{"unit": {tc.unit}, "unit_deadline": {tc.day}, "unit_time": {tc.clock}, "unit_reason": {"Lý do <gấp> & rõ"}})
			body := bodyOf(resp)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", resp.StatusCode, body)
			}
			for _, want := range []string{tc.want, `id="` + tc.field + `-err"`, `value="` + tc.day + `"`, ">Lý do &lt;gấp&gt; &amp; rõ</textarea>",
				`aria-invalid="true"`, `role="alert"`} {
				if !strings.Contains(body, want) {
					t.Errorf("the form again is missing %q", want)
				}
			}
			// The wrong field takes the focus: the form is far down the
			// page, under the whole round's.
			if n := strings.Count(body, " autofocus"); n != 1 || !regexp.MustCompile(`id="`+tc.field+`"[^>]*autofocus`).MatchString(body) {
				t.Errorf("%d fields take the focus; want %s alone", n, tc.field)
			}
			if tc.unit == "pnv" && !strings.Contains(body, `<option value="pnv" selected>`) {
				t.Error("the form again lost the unit chosen")
			}
			if tc.clock != "" && !strings.Contains(body, `name="unit_time" value="`+tc.clock+`"`) {
				t.Error("the form again lost the time typed")
			}
		})
	}
	if got, err := x.st.UnitDeadlines(context.Background(), x.round.ID); err != nil || len(got) != 0 {
		t.Errorf("unit deadlines after refused extensions: %+v, %v; want none", got, err)
	}
	if code, body := x.get(c, fmt.Sprintf("/rounds/%d/extend", x.draft.ID)); code != http.StatusConflict || !strings.Contains(body, "Sửa đợt báo cáo") {
		t.Errorf("a draft's extension page: %d, want 409 pointing to the edit form", code)
	}
	resp := x.post(c, fmt.Sprintf("/rounds/%d/extend/unit", x.draft.ID), url.Values{"unit": {"pnv"}, "unit_deadline": {"01/12/2099"}})
	if body := bodyOf(resp); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Sửa đợt báo cáo") {
		t.Errorf("extending for a unit of a draft: %d, want 409 pointing to the edit form", resp.StatusCode)
	}
}

// A round whose deadline has passed, extended for one unit: the unit's
// reporter reads on the round page (and in the API's round) that it has
// days left, as its home says, and not that it is overdue; the other unit
// and the office read the round's deadline, passed. The office's download
// of the matrix gives the unit's own deadline in a "Hạn riêng" column. A
// unit with nobody to tell (no account, no address) is extended, and the
// page says so, and that the office must telephone it.
func TestUnitExtendOverdueRound(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	nobody := &tiendo.Unit{Code: "dqltt", Name: "Đội Quản lý thị trường"}
	if err := x.st.CreateUnit(ctx, store.Actor{}, nobody); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-26 * time.Hour).Truncate(time.Minute).In(tiendo.Zone)
	r := &tiendo.Round{Title: "Báo cáo quá hạn", Status: tiendo.RoundOpen, Deadline: old,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ chung", Assignees: []tiendo.Assignee{
			{UnitID: x.a.ID, Role: tiendo.Lead}, {UnitID: x.b.ID, Role: tiendo.Lead}, {UnitID: nobody.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	c := x.login("vanphong")
	day := time.Now().In(tiendo.Zone).AddDate(0, 0, 3)
	own := time.Date(day.Year(), day.Month(), day.Day(), 16, 30, 0, 0, tiendo.Zone)
	path := fmt.Sprintf("/rounds/%d/extend", r.ID)
	resp := x.post(c, path+"/unit", url.Values{"unit": {"pnv"}, "unit_deadline": {day.Format("02/01/2006")}, "unit_time": {"16:30"},
		"unit_reason": {"Trưởng phòng đi công tác"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("extending for pnv: %d, want 303", resp.StatusCode)
	}

	// The unit's round page, as its home: days left, not overdue.
	page := fmt.Sprintf("/rounds/%d", r.ID)
	rep := x.login("pnv")
	_, home := x.get(rep, "/")
	_, body := x.get(rep, page)
	for _, want := range []string{"Hạn gửi: " + deadlineText(own), "đã gia hạn, hạn ban đầu " + deadlineText(old), `<strong class="due">còn 3 ngày</strong>`} {
		if !strings.Contains(body, want) {
			t.Errorf("unit a's round page lacks %q", want)
		}
	}
	if !strings.Contains(home, "còn 3 ngày") || strings.Contains(body, `<strong class="late">`) {
		t.Errorf("unit a's round page says it is overdue, or its home does not say it has 3 days left")
	}
	for _, who := range []string{"cah", "vanphong"} {
		if _, body := x.get(x.login(who), page); !strings.Contains(body, "Hạn gửi: "+deadlineText(old)) || !strings.Contains(body, `<strong class="late">`) ||
			strings.Contains(body, deadlineText(own)+"</p>") || strings.Contains(body, "đã gia hạn, hạn ban đầu") {
			t.Errorf("%s's round page does not show the round's deadline, passed", who)
		}
	}

	// The matrix as a spreadsheet: the unit's own deadline, with why.
	code, xlsx := x.get(c, page+"/matrix.xlsx")
	if code != 200 {
		t.Fatalf("GET matrix.xlsx: %d", code)
	}
	wb, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx)))
	if err != nil {
		t.Fatalf("the download is not a workbook: %v", err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(wb.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	col, units := -1, map[string][]string{}
	for _, row := range rows {
		if len(row) > 1 && row[0] == "STT" {
			col = slices.Index(row, "Hạn riêng")
		} else if len(row) > 1 && col >= 0 {
			units[row[1]] = row
		}
	}
	cell := func(name string) string {
		if row := units[name]; col >= 0 && col < len(row) {
			return row[col]
		}
		return ""
	}
	if col < 0 {
		t.Fatalf("the sheet has no “Hạn riêng” column:\n%q", rows)
	}
	if got, want := cell("Phòng Nội vụ"), deadlineText(own)+" (lý do: Trưởng phòng đi công tác)"; got != want {
		t.Errorf("Phòng Nội vụ's own deadline in the sheet = %q, want %q", got, want)
	}
	if got := cell("Công an huyện"); got != "" || len(units) != 3 {
		t.Errorf("Công an huyện's own deadline in the sheet = %q, want none; rows %q", got, rows)
	}

	// A unit with no account and no address: extended, and the office is
	// told it must tell the unit itself.
	resp = x.post(c, path+"/unit", url.Values{"unit": {"dqltt"}, "unit_deadline": {day.Format("02/01/2006")}, "unit_time": {"16:30"}})
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("extending for dqltt: %d, want 303", resp.StatusCode)
	}
	_, body = x.get(c, loc)
	want := "Đã gia hạn gửi báo cáo cho Đội Quản lý thị trường đến " + deadlineText(own) + "; các đơn vị khác giữ hạn của đợt. " +
		"Đội Quản lý thị trường chưa có tài khoản nào để nhận thông báo, cũng không có địa chỉ e-mail; hãy báo cho đơn vị bằng điện thoại."
	if !strings.Contains(body, want) || strings.Contains(body, "Đội Quản lý thị trường đã có thông báo") {
		t.Errorf("the page after extending for a unit nobody can be told of lacks %q", want)
	}
}
