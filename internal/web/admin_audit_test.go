package web_test

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// auditScene is an app in which people have done the things the audit log
// records most: units, users, a round, a unit report and a document.
type auditScene struct {
	*app
	admin, office, leader, pnv *tiendo.User
	gd                         *tiendo.Unit
	body                       string // a long section text, about 12 KB
	firstSave                  int64  // the audit row of the report's first save
}

func newAuditScene(t *testing.T) *auditScene {
	t.Helper()
	x := &auditScene{app: newApp(t)}
	ctx := context.Background()
	for name, u := range map[string]**tiendo.User{"admin": &x.admin, "vanphong": &x.office, "lanhdao": &x.leader, "pnv": &x.pnv} {
		var err error
		if *u, err = x.st.UserByUsername(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	as := func(u *tiendo.User) store.Actor { return store.Actor{UserID: u.ID, Address: "192.0.2.7"} }

	// A unit whose name has "&", which JSON writes as \u0026.
	x.gd = &tiendo.Unit{Code: "gddt", Name: "Phòng GD&ĐT", ShortName: "GD&ĐT", Aliases: []string{"Phòng Giáo dục và Đào tạo"}}
	if err := x.st.CreateUnit(ctx, as(x.admin), x.gd); err != nil {
		t.Fatal(err)
	}
	x.gd.Email = "gddt@huulung.example"
	if err := x.st.UpdateUnit(ctx, as(x.admin), x.gd); err != nil {
		t.Fatal(err)
	}
	// A user, then locked.
	u := &tiendo.User{Username: "gv", FullName: "Trần Thị Giáo", Role: tiendo.RoleReporter, UnitID: x.gd.ID}
	if err := x.st.CreateUser(ctx, as(x.admin), u, pw); err != nil {
		t.Fatal(err)
	}
	u.Disabled = true
	if err := x.st.UpdateUser(ctx, as(x.admin), u); err != nil {
		t.Fatal(err)
	}
	// The draft round's deadline moves.
	if err := x.st.UpdateDraftRound(ctx, as(x.office), x.office, x.draft.ID, store.RoundEdit{Title: x.draft.Title,
		Deadline: tiendo.DeadlineBefore(2026, 6, 7), Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2026, Index: 1}}); err != nil {
		t.Fatal(err)
	}
	// Phòng Nội vụ writes a long report, sends it; the office returns it.
	x.body = strings.Repeat("Đơn vị đã triển khai kế hoạch cải cách hành chính & số hóa hồ sơ. ", 180)
	rep, err := x.st.Report(ctx, x.pnv, x.round.ID, x.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", x.body
	}
	if err := x.st.SaveReport(ctx, as(x.pnv), x.pnv, rep); err != nil {
		t.Fatal(err)
	}
	saves, err := x.st.AuditSearch(ctx, store.AuditFilter{Action: "save", Limit: 1})
	if err != nil || len(saves) != 1 {
		t.Fatalf("the first save's audit row: %v, %d rows", err, len(saves))
	}
	x.firstSave = saves[0].ID
	if _, err := x.st.ActOnReport(ctx, as(x.pnv), x.pnv, x.round.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	returned, err := x.st.ActOnReport(ctx, as(x.office), x.office, x.round.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: rep.Version + 1, Comment: "Bổ sung số liệu quý II"})
	if err != nil {
		t.Fatal(err)
	}
	// The unit adds its obstacles, and nothing else.
	rep, err = x.st.Report(ctx, x.pnv, x.round.ID, x.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	rep.Version = returned.Version
	for _, sec := range rep.Sections {
		sec.Obstacles = "Thiếu kinh phí số hóa"
	}
	if err := x.st.SaveReport(ctx, as(x.pnv), x.pnv, rep); err != nil {
		t.Fatal(err)
	}
	// The consolidated report goes to the leader, who approves it.
	doc := &tiendo.Document{Kind: tiendo.DocReport, RoundID: x.round.ID, Subject: "Báo cáo kết quả", Parts: []tiendo.ReportPart{{Key: "opening", Heading: "Mở đầu", Text: "Thực hiện công văn"}}}
	if err := x.st.CreateDoc(ctx, as(x.office), x.office, doc); err != nil {
		t.Fatal(err)
	}
	if err := x.st.SendDoc(ctx, as(x.office), x.office, doc); err != nil {
		t.Fatal(err)
	}
	approved, err := x.st.ActOnDoc(ctx, as(x.leader), x.leader, x.round.ID, tiendo.DocReport, store.DocApprove, doc.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.IssueDoc(ctx, as(x.office), x.office, x.round.ID, tiendo.DocReport, approved.Version, store.Issue{Issuer: "UBND huyện Hữu Lũng",
		Symbol: "BC-UBND", DocType: "BC", Signer: "Hoàng Văn Minh",
		Render: func(int, time.Time) (map[string][]byte, error) { return map[string][]byte{"docx": []byte("x")}, nil }}); err != nil {
		t.Fatal(err)
	}
	// The rest of what the log records: a file attached and removed, the
	// round locked and one unit let back in, a reminder, a cut-off day,
	// everyone's sessions ended.
	a, err := x.st.AddAttachment(ctx, as(x.pnv), x.pnv, x.round.ID, x.a.ID, "so-lieu.pdf", []byte("%PDF-1.4 số liệu"))
	if err != nil {
		t.Fatal(err)
	}
	if err := x.st.RemoveAttachment(ctx, as(x.pnv), x.pnv, x.round.ID, x.a.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := x.st.LockRound(ctx, as(x.office), x.round.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := x.st.ReopenUnit(ctx, as(x.office), x.round.ID, x.b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.EnqueueNudge(ctx, as(x.office), x.round.ID, []*store.Message{{Kind: store.KindAdhoc, DedupeKey: "nudge:1",
		RoundID: x.round.ID, UnitID: x.b.ID, Email: "cah@huulung.example", Subject: "Đôn đốc"}}, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := x.st.SetCutoffDay(ctx, as(x.admin), x.admin, "UBND huyện Hữu Lũng", 15); err != nil {
		t.Fatal(err)
	}
	if _, _, err := x.st.LogoutEverywhere(ctx, as(x.admin), x.admin, x.pnv.ID); err != nil {
		t.Fatal(err)
	}
	return x
}

// auditRow returns the page's row for the newest audit row with action
// about entity (about entity #id, when ids gives one), or fails.
func (x *auditScene) auditRow(body, action, entity string, ids ...int64) string {
	x.t.Helper()
	f := store.AuditFilter{Action: action, Entity: entity, Limit: 1}
	if len(ids) > 0 {
		f.EntityID = ids[0]
	}
	rows, err := x.st.AuditSearch(context.Background(), f)
	if err != nil || len(rows) != 1 {
		x.t.Fatalf("audit rows %s %s: %v, %d rows", action, entity, err, len(rows))
	}
	return auditRowByID(x.t, body, rows[0].ID)
}

// auditRowByID returns the page's row for audit row id, or fails.
func auditRowByID(t *testing.T, body string, id int64) string {
	t.Helper()
	loc := regexp.MustCompile(`<tr>\n<td[^>]*>` + itoa(id) + `</td>`).FindStringIndex(body)
	if loc == nil {
		t.Fatalf("the page has no row #%d", id)
	}
	start := loc[0]
	end := strings.Index(body[start:], "</tr>")
	return body[start : start+end]
}

// changesOf is the text of a row's "Thay đổi" cell, tags removed and
// entities decoded: what a person reads.
func changesOf(row string) string {
	cells := strings.Split(row, "<td")
	return readText(cells[len(cells)-1])
}

var (
	auditTagRE    = regexp.MustCompile(`<[^>]*>`)
	auditHiddenRE = regexp.MustCompile(`<span class="visually-hidden">[^<]*</span>`)
)

// readText is h as it reads on screen: no tags, no text for screen readers
// only, entities decoded, white space collapsed.
func readText(h string) string {
	h = auditTagRE.ReplaceAllString(auditHiddenRE.ReplaceAllString(h, ""), " ")
	return strings.Join(strings.Fields(html.UnescapeString(h)), " ")
}

// The "Thay đổi" column reads as Vietnamese: each changed field by its
// name, its values as people write them (states by their names, days as
// dd/mm/yyyy, yes and no, "(trống)"), only what changed, "&" as "&", and a
// long text cut short with the whole behind a disclosure. No JSON.
func TestAuditChangesReadAsVietnamese(t *testing.T) {
	t.Parallel()
	x := newAuditScene(t)
	code, body := x.get(x.login("admin"), "/admin/audit")
	if code != 200 {
		t.Fatalf("audit page: %d\n%s", code, body)
	}
	start := strings.Index(body, `aria-label="Nhật ký các thay đổi"`)
	if start < 0 {
		t.Fatalf("the audit page has no table of changes:\n%s", body)
	}
	table := body[start:]
	for _, raw := range []string{`{&#34;`, `{"`, `\u0026`, `&#34;status&#34;`, `":`, `Trước:`} {
		if strings.Contains(table, raw) {
			t.Errorf("audit page shows raw JSON %q", raw)
		}
	}
	for _, c := range []struct {
		action, entity string
		want           []string
		not            []string
	}{
		{"approve", "document", []string{"Trạng thái: Chờ lãnh đạo duyệt → Đã duyệt, chờ ban hành"}, []string{"Ý kiến", "pending", "approved"}},
		{"return", "unit_report", []string{"Trạng thái: Đã gửi → Trả lại Ý kiến kèm theo: Bổ sung số liệu quý II", "Phiên bản: 2 → 3"}, []string{"submitted", "returned", "(trống)"}},
		{"submit", "unit_report", []string{"Trạng thái: Đang soạn → Đã gửi", "Gửi muộn: Không"}, []string{"(trống)"}},
		{"update", "unit", []string{"Thư điện tử: (trống) → gddt@huulung.example"}, []string{"Tên đơn vị", "Mã đơn vị"}},
		{"create", "unit", []string{"Tên đơn vị: Phòng GD&ĐT", "Tên ngắn: GD&ĐT", "Mã đơn vị: gddt", "Tên gọi khác trong văn bản: Phòng Giáo dục và Đào tạo"}, []string{"(trống)"}},
		{"update", "user", []string{"Khóa tài khoản: Không → Có"}, []string{"Tên đăng nhập", "Họ và tên"}},
		{"create", "user", []string{"Tên đăng nhập: gv", "Họ và tên: Trần Thị Giáo", "Vai trò: Cán bộ đơn vị", "Đơn vị: Phòng GD&ĐT", "Khóa tài khoản: Không"}, []string{"reporter"}},
		{"update", "round", []string{"Hạn gửi báo cáo: ", "→ 07/06/2026", "Kỳ báo cáo: ", "→ 6 tháng đầu năm 2026"}, []string{"Tên đợt báo cáo", "T00:00"}},
		// A later save: only the field that changed, from empty.
		{"save", "unit_report", []string{"Nhiệm vụ 1 › Khó khăn, vướng mắc: (trống) → Thiếu kinh phí số hóa"}, []string{"Kết quả đạt được", "Tình trạng thực hiện", "Trạng thái"}},
	} {
		got := changesOf(x.auditRow(body, c.action, c.entity))
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %s: want %q in\n%.1000s", c.action, c.entity, w, got)
			}
		}
		for _, n := range c.not {
			if strings.Contains(got, n) {
				t.Errorf("%s %s: want no %q in\n%.1000s", c.action, c.entity, n, got)
			}
		}
	}
	// The first save: a section written for the first time shows its
	// values, with no "(trống) →" for each.
	save := auditRowByID(t, body, x.firstSave)
	for _, w := range []string{"Trạng thái: Chưa gửi → Đang soạn", "Nhiệm vụ 1 › Tình trạng thực hiện: Đang thực hiện, đúng tiến độ", "Nhiệm vụ 1 › Kết quả đạt được so với kế hoạch: Đơn vị đã triển khai"} {
		if got := changesOf(save); !strings.Contains(got, w) {
			t.Errorf("first save: want %q in\n%.1000s", w, got)
		}
	}
	for _, c := range []struct {
		action, entity string
		want           []string
	}{
		{"issue", "document", []string{"Số: 1", "Ký hiệu: BC-UBND", "Loại văn bản: Báo cáo tổng hợp"}},
		{"attach", "unit_report", []string{"Tên tệp: so-lieu.pdf", "Loại tệp: application/pdf", "Dung lượng: 20 byte"}},
		{"detach", "unit_report", []string{"Tệp đã gỡ: so-lieu.pdf", "Giữ trong bản đã gửi: Không"}},
		{"reopen", "round", []string{"Đơn vị được mở lại để sửa: Công an huyện"}},
		{"remind", "round", []string{"Đơn vị được đôn đốc: Công an huyện", "Số thư nhắc đã xếp hàng gửi: 1"}},
		{"update", "issuer_setting", []string{"Ngày chốt số liệu hằng tháng: 0 → 15"}},
	} {
		got := changesOf(x.auditRow(body, c.action, c.entity))
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %s: want %q in\n%s", c.action, c.entity, w, got)
			}
		}
	}
	// Every field the store wrote for these changes has a Vietnamese name:
	// none is shown by its JSON name.
	for _, m := range regexp.MustCompile(`<span class="audit-field">([^<]*):</span>`).FindAllStringSubmatch(table, -1) {
		for _, part := range strings.Split(html.UnescapeString(m[1]), " › ") {
			if regexp.MustCompile(`^[a-z_]+$`).MatchString(part) {
				t.Errorf("a field is shown by its JSON name: %q", m[1])
			}
		}
	}
	// A created round shows its time as a day and hour, in Vietnam.
	if got := changesOf(x.auditRow(body, "create", "round", x.round.ID)); !regexp.MustCompile(`Hạn gửi báo cáo: \d\d:\d\d \d\d/\d\d/\d{4}`).MatchString(got) {
		t.Errorf("create round: want the deadline as HH:MM dd/mm/yyyy in\n%s", got)
	}

	// The 12 KB text is cut short, with the whole of it behind <details>.
	m := regexp.MustCompile(`(?s)<details class="audit-long"><summary>(.*?)</summary><div class="audit-full">(.*?)</div></details>`).FindStringSubmatch(save)
	if m == nil {
		t.Fatalf("save: want the long text behind <details>:\n%.2000s", save)
	}
	short, full := readText(m[1]), html.UnescapeString(m[2])
	if len(short) > 400 || !strings.Contains(short, "…") || !strings.HasPrefix(short, "Đơn vị đã triển khai kế hoạch cải cách hành chính & số hóa") {
		t.Errorf("save: the summary is %d bytes, want a short start ending in …: %q", len(short), short)
	}
	if full != strings.TrimSpace(x.body) {
		t.Errorf("save: the disclosed text is %d bytes, want the whole %d", len(full), len(x.body))
	}
}

// An audit row names what it is about, with a link to its page: a unit
// report by its unit and round, a round by its title, a user by username
// and full name, a unit by its name; the person who acted too.
func TestAuditNamesThings(t *testing.T) {
	t.Parallel()
	x := newAuditScene(t)
	_, body := x.get(x.login("admin"), "/admin/audit")
	cell := func(row string, i int) string { // the i-th cell, from 0
		return strings.Split(row, "<td")[i+1]
	}
	for _, c := range []struct {
		action, entity string
		want           string
	}{
		{"return", "unit_report", `<a href="/rounds/` + itoa(x.round.ID) + `/reports/pnv">Báo cáo của Phòng Nội vụ · Báo cáo nhiệm vụ trọng tâm năm nay</a>`},
		{"update", "round", `<a href="/rounds/` + itoa(x.draft.ID) + `">Đợt báo cáo: Đợt nháp chưa phát hành</a>`},
		{"approve", "document", `<a href="/rounds/` + itoa(x.round.ID) + `/consolidated">Báo cáo tổng hợp · Báo cáo nhiệm vụ trọng tâm năm nay</a>`},
		{"update", "unit", `<a href="/admin/units/` + itoa(x.gd.ID) + `">Đơn vị: Phòng GD&amp;ĐT</a>`},
		{"update", "user", `">Người dùng: gv</a><br><small class="muted">Trần Thị Giáo</small>`},
	} {
		if got := cell(x.auditRow(body, c.action, c.entity), 5); !strings.Contains(got, c.want) {
			t.Errorf("%s %s: the subject is\n%s\nwant %s", c.action, c.entity, got, c.want)
		}
	}
	if got, want := cell(x.auditRow(body, "approve", "document"), 2), `<a href="/admin/users/`+itoa(x.leader.ID)+`">lanhdao</a>`; !strings.Contains(got, want) {
		t.Errorf("who approved: %s, want %s", got, want)
	}
	if regexp.MustCompile(`>(Báo cáo của đơn vị|Đợt báo cáo|Đơn vị|Văn bản) #\d`).MatchString(body) {
		t.Errorf("the page still names things by number")
	}

	// A deleted draft keeps the title its deletion recorded.
	ctx := context.Background()
	if err := x.st.DeleteDraftRound(ctx, store.Actor{UserID: x.office.ID}, x.draft.ID); err != nil {
		t.Fatal(err)
	}
	_, body = x.get(x.login("admin"), "/admin/audit")
	if got := cell(x.auditRow(body, "delete", "round"), 5); !strings.Contains(got, ">Đợt báo cáo: Đợt nháp chưa phát hành (đã xóa)</td>") {
		t.Errorf("deleted round: %s", got)
	}
	if got := cell(x.auditRow(body, "update", "round"), 5); !strings.Contains(got, ">Đợt báo cáo: Đợt nháp chưa phát hành (đã xóa)</td>") {
		t.Errorf("an earlier edit of the deleted round: %s", got)
	}
	if got := cell(x.auditRow(body, "create", "round", x.draft.ID), 5); !strings.Contains(got, ">Đợt báo cáo: Đợt nháp chưa phát hành (đã xóa)</td>") {
		t.Errorf("the creation of the deleted round: %s", got)
	}
	if got := cell(x.auditRow(body, "create", "round", x.round.ID), 5); strings.Contains(got, "đã xóa") {
		t.Errorf("a round still there: %s", got)
	}
}

// The page loads names in one query per kind, not one per row: the
// handler makes its store calls outside any loop, and the helpers that
// build a row make none.
func TestAuditPageLoadsNamesOnce(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "admin_audit.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		var visit func(n ast.Node, loop bool)
		visit = func(n ast.Node, loop bool) {
			ast.Inspect(n, func(m ast.Node) bool {
				switch m := m.(type) {
				case *ast.ForStmt:
					visit(m.Body, true)
					return false
				case *ast.RangeStmt:
					visit(m.Body, true)
					return false
				case *ast.FuncLit:
					visit(m.Body, true) // a closure may be called many times
					return false
				case *ast.SelectorExpr:
					if inner, ok := m.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "store" {
						calls++
						if loop || !strings.HasPrefix(fn.Name.Name, "handleAudit") {
							t.Errorf("%s: %s calls the store (%s) once per row", fset.Position(m.Pos()), fn.Name.Name, m.Sel.Name)
						}
					}
				}
				return true
			})
		}
		visit(fn.Body, false)
	}
	if calls == 0 {
		t.Fatal("found no store calls in admin_audit.go: the test reads the wrong file")
	}
}

// The date filters are typed as dd/mm/yyyy like every other date field,
// not the browser's date picker (which shows "mm/dd/yyyy" in an English
// browser); a day that cannot be read is a 422 that keeps what was typed.
func TestAuditDateFilters(t *testing.T) {
	t.Parallel()
	x := newAuditScene(t)
	admin := x.login("admin")
	_, body := x.get(admin, "/admin/audit")
	for _, name := range []string{"from", "to"} {
		m := regexp.MustCompile(`<input name="` + name + `"[^>]*>`).FindString(body)
		if m == "" || strings.Contains(m, `type="date"`) || !strings.Contains(m, `placeholder="dd/mm/yyyy"`) || !strings.Contains(m, `inputmode="numeric"`) {
			t.Errorf("filter %s: %s, want a text field typed as dd/mm/yyyy", name, m)
		}
	}
	today := time.Now().In(tiendo.Zone).Format("02/01/2006")
	code, body := x.get(admin, "/admin/audit?action=approve&from="+today+"&to="+today)
	if code != 200 || !strings.Contains(body, "Chờ lãnh đạo duyệt") || !strings.Contains(body, `value="`+today+`"`) {
		t.Errorf("today's approvals: %d, want 200 with the approval and the days kept", code)
	}
	if code, body := x.get(admin, "/admin/audit?from=01/01/2000&to=31/12/2000"); code != 200 || !strings.Contains(body, "Không có bản ghi nào khớp bộ lọc.") {
		t.Errorf("the year 2000: %d, want no rows", code)
	}
	// Older links wrote the ISO day; they still work.
	if code, _ := x.get(admin, "/admin/audit?from="+time.Now().In(tiendo.Zone).Format(time.DateOnly)); code != 200 {
		t.Errorf("an ISO day: %d, want 200", code)
	}
	for _, c := range []struct{ query, typed, want string }{
		{"from=h%C3%B4m-qua", "hôm-qua", "Từ ngày “hôm-qua” chưa đúng: viết ngày/tháng/năm như 07/06/2026."},
		{"to=31/02/2026", "31/02/2026", "Không có ngày 31/02/2026: hãy kiểm tra lại ngày và tháng."},
		{"from=06/2026", "06/2026", "Từ ngày “06/2026” chưa đúng"},
		{"from=08/06/2026&to=07/06/2026", "07/06/2026", "“Đến ngày” đang trước “Từ ngày”"},
	} {
		code, body := x.get(admin, "/admin/audit?"+c.query)
		if code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(body), c.want) || !strings.Contains(body, `value="`+c.typed+`"`) ||
			!strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("%s: %d, want 422 with %q and %q kept in its field", c.query, code, c.want, c.typed)
		}
		if strings.Contains(body, "Không có bản ghi nào khớp bộ lọc.") {
			t.Errorf("%s: the page says no row matches a filter it could not read", c.query)
		}
	}
}

// The "Người thực hiện" box takes a username or any part of a full name,
// with or without diacritics; a part that fits several people shows all of
// their rows and names them.
func TestAuditUserFilterTakesNames(t *testing.T) {
	t.Parallel()
	x := newAuditScene(t)
	ctx := context.Background()
	x.pnv.FullName = "Nguyễn Văn Nội"
	if err := x.st.UpdateUser(ctx, store.Actor{UserID: x.admin.ID}, x.pnv); err != nil {
		t.Fatal(err)
	}
	admin := x.login("admin")
	const none = "Không có bản ghi nào khớp bộ lọc."
	for _, typed := range []string{"pnv", "nguyen van noi", "Văn Nội", "PNV"} {
		q := "/admin/audit?action=save&user=" + url.QueryEscape(typed)
		code, body := x.get(admin, q)
		if code != http.StatusOK || strings.Contains(body, none) || !strings.Contains(body, `value="`+typed+`"`) {
			t.Errorf("%s: %d, want Phòng Nội vụ's saves", q, code)
		}
		if code, body := x.get(admin, "/admin/audit?action=create&user="+url.QueryEscape(typed)); code != http.StatusOK || !strings.Contains(body, none) {
			t.Errorf("%s: the admin's creations shown for %q", q, typed)
		}
	}
	code, body := x.get(admin, "/admin/audit?user="+url.QueryEscape("văn"))
	if code != http.StatusOK || !strings.Contains(html.UnescapeString(body), "Đang xem việc của Hoàng Văn Minh (lanhdao), Nguyễn Văn Nội (pnv), vanphong (vanphong).") {
		t.Errorf("văn: %d, want the three people named\n%s", code, grep(html.UnescapeString(body), "Đang xem"))
	}
	code, body = x.get(admin, "/admin/audit?user="+url.QueryEscape("Lê Văn Không"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(body), "Không có người dùng nào có tên đăng nhập hoặc họ tên “Lê Văn Không”.") ||
		strings.Contains(body, none) {
		t.Errorf("nobody: %d, want 422 saying no such person", code)
	}
	const many = 21 // one more than a filter may name
	for i := range many {
		u := &tiendo.User{Username: fmt.Sprintf("cb%02d", i), FullName: fmt.Sprintf("Cán bộ số %d", i), Role: tiendo.RoleReader}
		if err := x.st.CreateUser(ctx, store.Actor{}, u, pw); err != nil {
			t.Fatal(err)
		}
	}
	code, body = x.get(admin, "/admin/audit?user="+url.QueryEscape("can bo"))
	if want := fmt.Sprintf("“can bo” khớp với %d người dùng", many); code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(body), want) {
		t.Errorf("too many: %d, want 422 with %q", code, want)
	}
}
