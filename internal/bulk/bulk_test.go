package bulk_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// xlsx writes f through bulk.Write and returns the file's bytes: every test
// goes through a real workbook, as an upload does.
func xlsx(t *testing.T, f *bulk.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := bulk.Write(&buf, f); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// roundTrip writes f and reads it back.
func roundTrip(t *testing.T, f *bulk.File) *bulk.File {
	t.Helper()
	got, err := bulk.Read(xlsx(t, f))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return got
}

// sheetFile builds a workbook by hand: sheet name -> rows of cells.
func sheetFile(t *testing.T, sheets map[string][][]string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	first := true
	for name, rows := range sheets {
		if first {
			x.SetSheetName("Sheet1", name)
			first = false
		} else if _, err := x.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				x.SetCellStr(name, cell, v)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// system is a province with two communes and two users.
func system() ([]*tiendo.Unit, []*tiendo.User) {
	units := []*tiendo.Unit{
		{ID: 1, Code: "tinh", Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND tỉnh", Aliases: []string{}},
		{ID: 2, ParentID: 1, Code: "xa-a", Name: "Ủy ban nhân dân xã A", ShortName: "UBND xã A", Aliases: []string{"xã A", "UBND xã A huyện X"}, Email: "xaa@example.gov.vn"},
		{ID: 3, ParentID: 1, Code: "xa-b", Name: "Ủy ban nhân dân xã B", Aliases: []string{}},
	}
	users := []*tiendo.User{
		{ID: 1, Username: "admin", FullName: "Quản trị", Role: tiendo.RoleAdmin},
		{ID: 2, Username: "xaa.cb", FullName: "Nguyễn Văn An", Email: "an@example.gov.vn", Role: tiendo.RoleReporter, UnitID: 2},
	}
	return units, users
}

func TestTemplate(t *testing.T) {
	data := xlsx(t, &bulk.File{})
	if _, err := bulk.Read(data); tiendo.ErrorCode(err) != tiendo.EINVALID || !strings.Contains(tiendo.ErrorMessage(err), "chưa có dòng dữ liệu") {
		t.Errorf("Read(template) = %v, want “chưa có dòng dữ liệu”", err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); strings.Join(got, "|") != "Đơn vị|Người dùng|Hướng dẫn" {
		t.Errorf("sheets %q", got)
	}
	for sheet, want := range map[string][]string{
		"Đơn vị":     {"Mã đơn vị", "Tên đơn vị", "Tên ngắn", "Mã đơn vị cấp trên", "Tên gọi khác", "Thư điện tử", "Ngừng hoạt động", "Ghi chú ngừng hoạt động"},
		"Người dùng": {"Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Mã đơn vị", "Mật khẩu ban đầu"},
	} {
		rows, _ := x.GetRows(sheet)
		if len(rows) < 2 || strings.Join(rows[0], "|") != strings.Join(want, "|") {
			t.Errorf("%s headers %q, want %q", sheet, rows[0], want)
			continue
		}
		for i, note := range rows[1] {
			if len(note) < 10 {
				t.Errorf("%s: column %q has no note (%q)", sheet, want[i], note)
			}
		}
	}
	dvs, err := x.GetDataValidations("Người dùng")
	if err != nil || len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "Cán bộ đơn vị") {
		t.Errorf("role drop-down: %v %+v", err, dvs)
	}
}

// Export, written and read back, plans no change.
func TestExportRoundTrip(t *testing.T) {
	units, users := system()
	f := roundTrip(t, bulk.Export(units, users))
	if len(f.Units) != 3 || len(f.Users) != 2 {
		t.Fatalf("read %d units, %d users; want 3, 2", len(f.Units), len(f.Users))
	}
	if f.Units[0].Row != 3 || f.Units[0].Code != "tinh" || f.Units[1].Parent != "tinh" {
		t.Errorf("units: %+v: want the province first, on row 3, then its communes", f.Units)
	}
	if f.Users[1].Role != "Cán bộ đơn vị" || f.Users[1].Unit != "xa-a" {
		t.Errorf("user row %+v", f.Users[1])
	}
	p := bulk.Compare(f, units, users, store.BulkChecks())
	if !p.OK() || len(p.Warnings) > 0 || p.Changes() {
		t.Fatalf("round trip: errors %v, warnings %v, changes %v", p.Errors, p.Warnings, p.Changes())
	}
	for _, c := range p.Units {
		if c.Op != bulk.OpSame {
			t.Errorf("unit row %d: %s %v", c.Row, c.Op, c.Changes)
		}
	}
	for _, c := range p.Users {
		if c.Op != bulk.OpSame {
			t.Errorf("user row %d: %s %v", c.Row, c.Op, c.Changes)
		}
	}
}

// Communes may name a province that comes later in the file.
func TestForwardParent(t *testing.T) {
	f := roundTrip(t, &bulk.File{
		Units: []bulk.UnitRow{
			{Code: "xa-1", Name: "UBND xã Một", Parent: "TINH-MOI"},
			{Code: "xa-2", Name: "UBND xã Hai", Parent: "tinh-moi"},
			{Code: "tinh-moi", Name: "UBND tỉnh mới", Parent: "huyen"},
			{Code: "huyen", Name: "UBND huyện"},
		},
		Users: []bulk.UserRow{{Username: "XA1.CanBo", FullName: "Lê Thị Hoa", Role: "cán bộ đơn vị", Unit: "XA-1"}},
	})
	p := bulk.Compare(f, nil, nil, store.BulkChecks())
	if !p.OK() {
		t.Fatalf("errors: %v", p.Errors)
	}
	if len(p.Units) != 4 || p.Units[0].Op != bulk.OpAdd || p.Units[0].ParentCode != "tinh-moi" || p.Units[0].Unit.ParentID != 0 {
		t.Errorf("units %+v", p.Units)
	}
	if u := p.Users[0]; u.Op != bulk.OpAdd || u.User.Username != "xa1.canbo" || u.UnitCode != "xa-1" || u.User.Role != tiendo.RoleReporter {
		t.Errorf("user %+v", u)
	}
}

func TestUpdates(t *testing.T) {
	units, users := system()
	// Only code, name and parent columns: short names, aliases and e-mail
	// stay as they are.
	data := sheetFile(t, map[string][][]string{
		"Đơn vị": {
			{"Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên"},
			{"xa-a", "Ủy ban nhân dân xã A", "xa-b"},
			{"xa-b", "UBND xã B (mới)", ""},
		},
		"Người dùng": {
			{"Tên đăng nhập", "Vai trò", "Mã đơn vị", "Thư điện tử"},
			{"xaa.cb", "Lãnh đạo đơn vị", "xa-b", ""},
		},
	})
	f, err := bulk.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	p := bulk.Compare(f, units, users, store.BulkChecks())
	if !p.OK() {
		t.Fatalf("errors %v", p.Errors)
	}
	a, b := p.Units[0], p.Units[1]
	if a.Op != bulk.OpUpdate || fmt.Sprint(a.Changes) != "[{Mã đơn vị cấp trên tinh xa-b}]" || a.Unit.ShortName != "UBND xã A" || len(a.Unit.Aliases) != 2 || a.Unit.ParentID != 3 {
		t.Errorf("xa-a: %s %v %+v", a.Op, a.Changes, a.Unit)
	}
	if b.Op != bulk.OpUpdate || fmt.Sprint(b.Changes) != "[{Tên đơn vị Ủy ban nhân dân xã B UBND xã B (mới)} {Mã đơn vị cấp trên tinh }]" {
		t.Errorf("xa-b: %s %v", b.Op, b.Changes)
	}
	u := p.Users[0]
	if u.Op != bulk.OpUpdate || u.User.FullName != "Nguyễn Văn An" || u.User.UnitID != 3 ||
		fmt.Sprint(u.Changes) != "[{Thư điện tử an@example.gov.vn } {Vai trò Cán bộ đơn vị Lãnh đạo đơn vị} {Mã đơn vị xa-a xa-b}]" {
		t.Errorf("user: %s %v %+v", u.Op, u.Changes, u.User)
	}
	// The fingerprint follows the system: the same file over changed data
	// is another plan.
	units[1].Name = "Đã đổi tên"
	if q := bulk.Compare(f, units, users, store.BulkChecks()); q.Fingerprint() == p.Fingerprint() {
		t.Error("fingerprint did not change with the data")
	}
	units[1].Name = "Ủy ban nhân dân xã A"
	if q := bulk.Compare(f, units, users, store.BulkChecks()); q.Fingerprint() != p.Fingerprint() {
		t.Error("fingerprint changed with nothing changed")
	}
}

func TestRowErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		units []bulk.UnitRow
		users []bulk.UserRow
		want  string // Problem.String() of the one error expected
	}{
		{"unknown parent", []bulk.UnitRow{{Code: "xa-c", Name: "UBND xã C", Parent: "XA-99"}}, nil,
			"Trang “Đơn vị”, dòng 3, cột “Mã đơn vị cấp trên”: không có đơn vị mã “XA-99” trong tệp hay trong hệ thống."},
		{"duplicate code", []bulk.UnitRow{{Code: "xa-c", Name: "C"}, {Code: "XA-C", Name: "C again"}}, nil,
			"Trang “Đơn vị”, dòng 4, cột “Mã đơn vị”: mã “XA-C” đã có ở dòng 3 của trang này. Mỗi đơn vị chỉ ghi một dòng."},
		{"own parent", []bulk.UnitRow{{Code: "xa-c", Name: "C", Parent: "xa-c"}}, nil,
			"Trang “Đơn vị”, dòng 3, cột “Mã đơn vị cấp trên”: một đơn vị không thể là đơn vị cấp trên của chính nó; hãy ghi mã đơn vị cấp trên khác hoặc để trống."},
		{"cycle through the system", []bulk.UnitRow{{Code: "tinh", Name: "Ủy ban nhân dân tỉnh", Parent: "xa-a"}}, nil,
			"Trang “Đơn vị”, dòng 3, cột “Mã đơn vị cấp trên”: các đơn vị cấp trên tạo thành vòng lặp: tinh → xa-a → tinh. Hãy sửa để chuỗi đơn vị cấp trên dừng ở một đơn vị cấp cao nhất."},
		{"bad code", []bulk.UnitRow{{Code: "Xã Một", Name: "UBND xã Một"}}, nil,
			"Trang “Đơn vị”, dòng 3, cột “Mã đơn vị”: mã đơn vị gồm chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (tối đa 40 ký tự), ví dụ: pnnptnt."},
		{"no name", []bulk.UnitRow{{Code: "xa-c"}}, nil,
			"Trang “Đơn vị”, dòng 3, cột “Tên đơn vị”: vui lòng nhập tên đơn vị."},
		{"no code", []bulk.UnitRow{{Name: "UBND xã C", Email: "c@x.vn"}}, nil,
			"Trang “Đơn vị”, dòng 3, cột “Mã đơn vị”: chưa có mã đơn vị. Mỗi dòng cần một mã để nhận ra đơn vị."},
		{"bad unit email", []bulk.UnitRow{{Code: "xa-c", Name: "C", Email: "xac@gmailcom"}}, nil,
			"Trang “Đơn vị”, dòng 3, cột “Thư điện tử”: “xac@gmailcom” không phải địa chỉ e-mail hợp lệ; hãy ghi dạng ten@donvi.gov.vn hoặc để trống."},
		{"unknown role", nil, []bulk.UserRow{{Username: "moi", Role: "Thư ký"}},
			"Trang “Người dùng”, dòng 3, cột “Vai trò”: không có vai trò “Thư ký”. Hãy ghi một trong: Quản trị, Văn phòng, Lãnh đạo, Lãnh đạo đơn vị, Cán bộ đơn vị, Người xem."},
		{"no role", nil, []bulk.UserRow{{Username: "moi"}},
			"Trang “Người dùng”, dòng 3, cột “Vai trò”: chưa ghi vai trò. Hãy ghi một trong: Quản trị, Văn phòng, Lãnh đạo, Lãnh đạo đơn vị, Cán bộ đơn vị, Người xem."},
		{"reporter without unit", nil, []bulk.UserRow{{Username: "moi", Role: "Cán bộ đơn vị"}},
			"Trang “Người dùng”, dòng 3, cột “Mã đơn vị”: vai trò “Cán bộ đơn vị” cần gắn với một đơn vị; hãy ghi mã đơn vị của người này."},
		{"unknown unit", nil, []bulk.UserRow{{Username: "moi", Role: "reporter", Unit: "xa-zz"}},
			"Trang “Người dùng”, dòng 3, cột “Mã đơn vị”: không có đơn vị mã “xa-zz” trong tệp hay trong hệ thống."},
		{"duplicate username", nil, []bulk.UserRow{{Username: "moi", Role: "reader"}, {Username: "Moi", Role: "reader"}},
			"Trang “Người dùng”, dòng 4, cột “Tên đăng nhập”: tên đăng nhập “Moi” đã có ở dòng 3 của trang này. Mỗi người dùng chỉ ghi một dòng."},
		{"bad username", nil, []bulk.UserRow{{Username: "nguyễn văn a", Role: "reader"}},
			"Trang “Người dùng”, dòng 3, cột “Tên đăng nhập”: tên đăng nhập gồm 2–40 chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới."},
		{"bad user email", nil, []bulk.UserRow{{Username: "moi", Role: "reader", Email: "Nguyễn <a@b.vn>"}},
			"Trang “Người dùng”, dòng 3, cột “Thư điện tử”: “Nguyễn <a@b.vn>” không phải địa chỉ e-mail hợp lệ; hãy ghi dạng ten@donvi.gov.vn hoặc để trống."},
		{"weak password", nil, []bulk.UserRow{{Username: "moi", Role: "reader", Password: "matkhau123"}},
			"Trang “Người dùng”, dòng 3, cột “Mật khẩu ban đầu”: mật khẩu này nằm trong danh sách mật khẩu hay dùng nhất (như “matkhau123”, “anhyeuem”, “abc@123”) nên rất dễ bị đoán; hãy chọn một câu dễ nhớ của riêng bạn, ví dụ “cây bàng trước sân đã ra lá”."},
		{"short password", nil, []bulk.UserRow{{Username: "moi", Role: "reader", Password: "ngắn"}},
			"Trang “Người dùng”, dòng 3, cột “Mật khẩu ban đầu”: mật khẩu cần ít nhất 10 ký tự; một câu dễ nhớ là lựa chọn tốt."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			units, users := system()
			f := roundTrip(t, &bulk.File{Units: tc.units, Users: tc.users})
			p := bulk.Compare(f, units, users, store.BulkChecks())
			if len(p.Errors) != 1 {
				t.Fatalf("errors %v, want one: %s", p.Errors, tc.want)
			}
			if got := p.Errors[0].String(); got != tc.want {
				t.Errorf("error\n got %s\nwant %s", got, tc.want)
			}
			if len(p.Units)+len(p.Users) != len(tc.units)+len(tc.users)-1 {
				t.Errorf("planned %d rows: the row in error must not be planned", len(p.Units)+len(p.Users))
			}
		})
	}
}

// A cycle inside the file is reported on each of its rows.
func TestCycleInFile(t *testing.T) {
	f := roundTrip(t, &bulk.File{Units: []bulk.UnitRow{
		{Code: "a", Name: "A", Parent: "b"},
		{Code: "b", Name: "B", Parent: "c"},
		{Code: "c", Name: "C", Parent: "a"},
		{Code: "d", Name: "D", Parent: "a"}, // under the loop, not in it
	}})
	p := bulk.Compare(f, nil, nil, store.BulkChecks())
	var got []string
	for _, e := range p.Errors {
		got = append(got, e.Where()+": "+e.Message[:strings.Index(e.Message, ".")])
	}
	want := []string{
		"Dòng 3, cột “Mã đơn vị cấp trên”: các đơn vị cấp trên tạo thành vòng lặp: a → b → c → a",
		"Dòng 4, cột “Mã đơn vị cấp trên”: các đơn vị cấp trên tạo thành vòng lặp: b → c → a → b",
		"Dòng 5, cột “Mã đơn vị cấp trên”: các đơn vị cấp trên tạo thành vòng lặp: c → a → b → c",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWarnings(t *testing.T) {
	units, users := system()
	data := sheetFile(t, map[string][][]string{
		"Người dùng": {
			{"Tên đăng nhập", "Vai trò", "Mã đơn vị", "Mật khẩu ban đầu", "Ghi chú"},
			{"xaa.cb", "Cán bộ đơn vị", "xa-a", "một mật khẩu rất dài"},
			{"vp.moi", "Văn phòng", "xa-a"},
		},
	})
	f, err := bulk.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	p := bulk.Compare(f, units, users, store.BulkChecks())
	if !p.OK() {
		t.Fatalf("errors %v", p.Errors)
	}
	var got []string
	for _, w := range p.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		"Trang “Người dùng”, dòng 1, cột “Ghi chú”: cột này không có trong mẫu nên được bỏ qua.",
		"Trang “Người dùng”, dòng 2, cột “Mật khẩu ban đầu”: tài khoản “xaa.cb” đã có nên mật khẩu trong tệp không được dùng; muốn đổi mật khẩu, hãy vào trang sửa người dùng.",
		"Trang “Người dùng”, dòng 3, cột “Mã đơn vị”: vai trò “Văn phòng” không gắn với đơn vị nào nên mã đơn vị “xa-a” được bỏ qua.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Users[0].Op != bulk.OpSame || p.Users[0].Password != "" || p.Users[1].User.UnitID != 0 || p.Users[1].UnitCode != "" {
		t.Errorf("users %+v", p.Users)
	}
}

// Headers are matched without diacritics or case, a title row above them is
// allowed, and a renamed sheet is known by its headers.
func TestReadLenient(t *testing.T) {
	data := sheetFile(t, map[string][][]string{
		"Sheet1": {
			{"DANH SÁCH ĐƠN VỊ"},
			{"MA DON VI", "ten don vi", "Ma don vi cap tren (*)"},
			{"  xa-1 ", "UBND xa\u0303 Một", ""},
			{},
			{"xa-2", "UBND xã Hai", "xa-1"},
		},
	})
	f, err := bulk.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if f.UnitSheet != "Sheet1" || len(f.Units) != 2 || f.Units[0].Row != 3 || f.Units[0].Code != "xa-1" || f.Units[0].Name != "UBND xã Một" || f.Units[1].Row != 5 {
		t.Errorf("read %+v", f)
	}
	if f.UnitCols[bulk.ColEmail] || !f.UnitCols[bulk.ColParent] {
		t.Errorf("columns %v", f.UnitCols)
	}
}

// A file made from the template before the column was renamed "Tên ngắn",
// as the unit form calls it, still reads its short names.
func TestReadOldShortNameHeader(t *testing.T) {
	data := sheetFile(t, map[string][][]string{
		"Đơn vị": {{"Mã đơn vị", "Tên đơn vị", "Tên viết tắt"}, {"xa-1", "Ủy ban nhân dân xã Một", "UBND xã Một"}},
	})
	f, err := bulk.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Units) != 1 || f.Units[0].ShortName != "UBND xã Một" || !f.UnitCols[bulk.ColShortName] {
		t.Errorf("read %+v, columns %v", f.Units, f.UnitCols)
	}
}

func TestReadRefuses(t *testing.T) {
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()
	for _, tc := range []struct {
		name string
		data []byte
		code string
		want string
	}{
		{"empty", nil, tiendo.EINVALID, "Tệp rỗng"},
		{"csv", []byte("Mã đơn vị,Tên đơn vị\nxa-1,UBND xã Một\n"), tiendo.EINVALID, "không phải bảng tính Excel (.xlsx)"},
		{"xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), tiendo.EINVALID, "Excel đời cũ (.xls)"},
		{"docx-like zip", zipped.Bytes(), tiendo.EINVALID, "Excel"},
		{"truncated", xlsx(t, &bulk.File{Units: []bulk.UnitRow{{Code: "a", Name: "A"}}})[:300], tiendo.EINVALID, "Không đọc được tệp Excel"},
		{"too large", append([]byte("PK\x03\x04"), make([]byte, bulk.MaxFileSize)...), tiendo.ETOOLARGE, "tối đa 10 MB"},
		{"no sheet", sheetFile(t, map[string][][]string{"Số liệu": {{"Chỉ tiêu", "Giá trị"}, {"a", "1"}}}), tiendo.EINVALID, "Tệp không có trang “Đơn vị” hay “Người dùng”"},
		{"no key column", sheetFile(t, map[string][][]string{"Đơn vị": {{"Tên đơn vị"}, {"UBND xã"}}}), tiendo.EINVALID, "Trang “Đơn vị” không có cột “Mã đơn vị”"},
		{"two code columns", sheetFile(t, map[string][][]string{"Đơn vị": {{"Mã đơn vị", "Tên đơn vị", "Mã"}, {"a", "A", "b"}}}), tiendo.EINVALID,
			"Trang “Đơn vị” có hai cột “Mã đơn vị” (cột A và cột C)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := bulk.Read(tc.data)
			if tiendo.ErrorCode(err) != tc.code || !strings.Contains(tiendo.ErrorMessage(err), tc.want) {
				t.Errorf("Read = %v, %v; want %s containing %q", f, err, tc.code, tc.want)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]tiendo.Role{
		"Cán bộ đơn vị": tiendo.RoleReporter, "can bo don vi": tiendo.RoleReporter, "  CÁN BỘ   ĐƠN VỊ ": tiendo.RoleReporter,
		"reporter": tiendo.RoleReporter, "unit_head": tiendo.RoleUnitHead, "Lãnh đạo đơn vị": tiendo.RoleUnitHead,
		"Lãnh đạo": tiendo.RoleLeader, "Quản trị": tiendo.RoleAdmin, "Người xem": tiendo.RoleReader, "office": tiendo.RoleOffice,
		"Văn phòng": tiendo.RoleOffice, "Thư ký": "", "": "",
	} {
		got, ok := bulk.ParseRole(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// Read never panics, whatever the bytes: a workbook damaged at any point is
// refused with a message.
func FuzzRead(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	var buf bytes.Buffer
	bulk.Write(&buf, &bulk.File{Units: []bulk.UnitRow{{Code: "a", Name: "A"}}})
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := bulk.Read(data)
		if err == nil && file == nil {
			t.Fatal("nil file without error")
		}
		if err != nil && tiendo.ErrorCode(err) == tiendo.EINTERNAL {
			t.Fatalf("internal error: %v", err)
		}
	})
}

// Errors come in the order a person goes through the file: the units sheet
// first, then row by row, although duplicates are found first.
func TestErrorsInFileOrder(t *testing.T) {
	f := roundTrip(t, &bulk.File{
		Units: []bulk.UnitRow{{Code: "a", Name: "A", Parent: "zz"}, {Code: "A", Name: "A again"}},
		Users: []bulk.UserRow{{Username: "moi", Role: "?"}},
	})
	p := bulk.Compare(f, nil, nil, store.BulkChecks())
	var got []string
	for _, e := range p.Errors {
		got = append(got, e.Sheet+" "+e.Where())
	}
	want := "Đơn vị Dòng 3, cột “Mã đơn vị cấp trên”|Đơn vị Dòng 4, cột “Mã đơn vị”|Người dùng Dòng 3, cột “Vai trò”"
	if strings.Join(got, "|") != want {
		t.Errorf("errors in order %q, want %q", strings.Join(got, "|"), want)
	}
}

// A row with several mistakes has each reported at its column, once.
func TestSeveralErrorsInARow(t *testing.T) {
	f := roundTrip(t, &bulk.File{Users: []bulk.UserRow{{Username: "Nguyễn A", Role: "Thư ký", Email: "a@b"}}})
	p := bulk.Compare(f, nil, nil, store.BulkChecks())
	var got []string
	for _, e := range p.Errors {
		got = append(got, e.Column)
	}
	if strings.Join(got, "|") != "Vai trò|Tên đăng nhập|Thư điện tử" {
		t.Errorf("errors at %q, want role, username and e-mail: %v", got, p.Errors)
	}
}

// A File built in code, without row numbers, is numbered as the template
// would be, and a repeated code is still planned once.
func TestRowsWithoutNumbers(t *testing.T) {
	p := bulk.Compare(&bulk.File{Units: []bulk.UnitRow{{Code: "a", Name: "A"}, {Code: "a", Name: "A"}}}, nil, nil, store.BulkChecks())
	if len(p.Errors) != 1 || p.Errors[0].String() != "Trang “Đơn vị”, dòng 4, cột “Mã đơn vị”: mã “a” đã có ở dòng 3 của trang này. Mỗi đơn vị chỉ ghi một dòng." || len(p.Units) != 1 {
		t.Errorf("errors %v, %d units planned", p.Errors, len(p.Units))
	}
}

// The note row under the headers is skipped even with a note edited.
func TestNoteRowSkipped(t *testing.T) {
	var tmpl bytes.Buffer
	bulk.Write(&tmpl, &bulk.File{})
	x, _ := excelize.OpenReader(bytes.NewReader(tmpl.Bytes()))
	x.SetCellStr("Đơn vị", "B2", "Ghi tên đầy đủ") // a note the office rewrote
	x.SetSheetRow("Đơn vị", "A3", &[]any{"xa-1", "UBND xã Một"})
	var buf bytes.Buffer
	x.WriteTo(&buf)
	x.Close()
	f, err := bulk.Read(buf.Bytes())
	if err != nil || len(f.Units) != 1 || f.Units[0].Row != 3 || f.Units[0].Code != "xa-1" {
		t.Errorf("read %+v, %v: want only row 3", f, err)
	}
}

// The template and the export print and read as a clerk needs: each data
// sheet one A4 page wide turned sideways with its header row on every
// page (not three pages wide), the note row high enough for the longest
// note (a fixed 75 pt cut "Ngừng hoạt động"'s note after eight lines),
// the guide's paragraphs wrapped inside a portrait page, and each sheet's
// dimension covering what it holds.
func TestPrintLayout(t *testing.T) {
	units, users := system()
	x, err := excelize.OpenReader(bytes.NewReader(xlsx(t, bulk.Export(units, users))))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	titles := map[string]string{}
	for _, n := range x.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	for sheet, dim := range map[string]string{"Đơn vị": "A1:H5", "Người dùng": "A1:F4", "Hướng dẫn": "A1:A10"} {
		layout, err := x.GetPageLayout(sheet)
		if err != nil || layout.Size == nil || *layout.Size != 9 || layout.FitToWidth == nil || *layout.FitToWidth != 1 ||
			layout.FitToHeight == nil || *layout.FitToHeight != 0 {
			t.Errorf("%s: paper %v, fit to %v page(s) wide, %v tall (%v); want A4 (9), 1 wide, 0 (as many as needed) tall",
				sheet, deref(layout.Size), deref(layout.FitToWidth), deref(layout.FitToHeight), err)
		}
		if props, _ := x.GetSheetProps(sheet); props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: not fitted to the page", sheet)
		}
		if got, _ := x.GetSheetDimension(sheet); got != dim {
			t.Errorf("%s: dimension %q, want %q", sheet, got, dim)
		}
		want, orientation := "'"+sheet+"'!$1:$1", "landscape"
		if sheet == "Hướng dẫn" {
			want, orientation = "", "portrait"
		}
		if layout.Orientation == nil || *layout.Orientation != orientation {
			t.Errorf("%s: orientation %q, want %s", sheet, deref(layout.Orientation), orientation)
		}
		if titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
	}

	// The note row holds the longest note: "Ngừng hoạt động" wraps to at
	// least 12 lines of 10 pt italic in its 18 characters.
	if h, _ := x.GetRowHeight("Đơn vị", 2); h < 12*13 {
		t.Errorf("the note row is %.1f pt high; want room for 12 lines of 10 pt", h)
	}
	// The guide fits a portrait page inside the margins (494 pt, about
	// 93 characters), and a paragraph of three lines or more is as high.
	if w, _ := x.GetColWidth("Hướng dẫn", "A"); w > 93 || w < 80 {
		t.Errorf("the guide is %.0f characters wide; want it to fit an A4 page", w)
	}
	rows, _ := x.GetRows("Hướng dẫn")
	for i, r := range rows {
		if len(r) == 0 || len([]rune(r[0])) < 300 {
			continue
		}
		if h, _ := x.GetRowHeight("Hướng dẫn", i+1); h < 3*15.75 {
			t.Errorf("guide row %d (%d characters) is %.1f pt high; want three lines at least", i+1, len([]rune(r[0])), h)
		}
	}
}

// deref is *p, or p's zero value when p is nil, for messages.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
