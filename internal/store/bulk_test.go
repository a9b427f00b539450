package store_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// provinceFile is a real workbook, read back: n communes listed before
// the province they belong to, and a reporter for each commune; every
// other reporter has a typed initial password, the rest get one made.
func provinceFile(tb testing.TB, n int) *bulk.File {
	tb.Helper()
	f := &bulk.File{}
	for i := 1; i <= n; i++ {
		f.Units = append(f.Units, bulk.UnitRow{Code: fmt.Sprintf("xa-%03d", i), Name: fmt.Sprintf("Ủy ban nhân dân xã Số %d", i),
			ShortName: fmt.Sprintf("UBND xã Số %d", i), Parent: "TINH", Aliases: fmt.Sprintf("xã Số %d; UBND xã %d", i, i),
			Email: fmt.Sprintf("xa%03d@tinh.gov.vn", i)})
		u := bulk.UserRow{Username: fmt.Sprintf("xa%03d.canbo", i), FullName: fmt.Sprintf("Nguyễn Văn Số %d", i),
			Role: "Cán bộ đơn vị", Unit: fmt.Sprintf("xa-%03d", i)}
		if i%2 == 0 {
			u.Password = fmt.Sprintf("cây bàng số %d đã ra lá", i)
		}
		f.Users = append(f.Users, u)
	}
	f.Units = append(f.Units, bulk.UnitRow{Code: "tinh", Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND tỉnh"})
	var buf bytes.Buffer
	if err := bulk.Write(&buf, f); err != nil {
		tb.Fatal(err)
	}
	got, err := bulk.Read(buf.Bytes())
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

func newAdmin(t testing.TB, s *store.Store) *tiendo.User {
	t.Helper()
	admin := &tiendo.User{Username: "quantri", Role: tiendo.RoleAdmin}
	if err := s.CreateUser(ctx, store.Actor{}, admin, "mật khẩu quản trị dài"); err != nil {
		t.Fatal(err)
	}
	return admin
}

// A province's 100 communes and their 100 reporters load in one go.
func TestBulkImportProvince(t *testing.T) {
	s := storetest.Open(t)
	admin := newAdmin(t, s)
	f := provinceFile(t, 100)
	id, err := s.SaveBulkUpload(ctx, admin.ID, "tinh.xlsx", []byte("the file's bytes"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.PlanBulk(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.OK() || len(plan.Units) != 101 || len(plan.Users) != 100 {
		t.Fatalf("plan: %d errors (%v), %d units, %d users", len(plan.Errors), plan.Errors, len(plan.Units), len(plan.Users))
	}
	actor := store.Actor{UserID: admin.ID, Address: "127.0.0.1"}
	res, err := s.ApplyBulk(ctx, actor, f, plan.Fingerprint(), id)
	if err != nil {
		t.Fatal(err)
	}
	if res.UnitsAdded != 101 || res.UsersAdded != 100 || res.UnitsUpdated+res.UsersUpdated != 0 || len(res.Passwords) != 50 {
		t.Errorf("result %+v", res)
	}
	province, err := s.UnitByCode(ctx, "tinh")
	if err != nil {
		t.Fatal(err)
	}
	units, _ := s.Units(ctx)
	if len(units) != 101 {
		t.Errorf("%d units, want 101", len(units))
	}
	for _, u := range units {
		if u.Code != "tinh" && u.ParentID != province.ID {
			t.Errorf("%s: parent %d, want the province %d", u.Code, u.ParentID, province.ID)
		}
	}
	xa7, _ := s.UnitByCode(ctx, "xa-007")
	if xa7.Email != "xa007@tinh.gov.vn" || len(xa7.Aliases) != 2 || xa7.Aliases[1] != "UBND xã 7" {
		t.Errorf("xa-007: %+v", xa7)
	}
	u7, err := s.UserByUsername(ctx, "xa007.canbo")
	if err != nil || u7.UnitID != xa7.ID || u7.Role != tiendo.RoleReporter || u7.FullName != "Nguyễn Văn Số 7" {
		t.Errorf("xa007.canbo: %+v %v", u7, err)
	}
	// Both kinds of initial password log in.
	if _, err := s.Authenticate(ctx, "xa008.canbo", "cây bàng số 8 đã ra lá"); err != nil {
		t.Errorf("typed password: %v", err)
	}
	gen := res.Passwords[0]
	if gen.Username != "xa001.canbo" || gen.UnitCode != "xa-001" || len(gen.Password) != 14 {
		t.Errorf("generated %+v", gen)
	}
	if _, err := s.Authenticate(ctx, gen.Username, gen.Password); err != nil {
		t.Errorf("generated password: %v", err)
	}
	// Each change has its audit row, and the import one more.
	for entity, want := range map[string]int{"unit": 101, "user": 100 + 1, "bulk_upload": 1} { // +1: the admin
		got, err := s.AuditSearch(ctx, store.AuditFilter{Entity: entity, Limit: 500})
		if err != nil || len(got) != want {
			t.Errorf("audit %s: %d rows, want %d (%v)", entity, len(got), want, err)
		}
	}
	// The upload is gone: confirming again imports nothing twice.
	if _, err := s.BulkUpload(ctx, admin.ID, id); code(err) != tiendo.ENOTFOUND {
		t.Errorf("upload after apply: %v, want not found", err)
	}
	if _, err := s.ApplyBulk(ctx, actor, f, "", id); code(err) != tiendo.ENOTFOUND {
		t.Errorf("second apply: %v, want not found", err)
	}
	// The same file again changes nothing.
	again, err := s.PlanBulk(ctx, f)
	if err != nil || !again.OK() || again.Changes() {
		t.Errorf("plan after import: %v, errors %v, changes %v", err, again.Errors, again.Changes())
	}
}

// One bad row and nothing is written; nor when the data changed since the
// preview.
func TestBulkAllOrNothing(t *testing.T) {
	s := storetest.Open(t)
	admin := newAdmin(t, s)
	actor := store.Actor{UserID: admin.ID}
	f := provinceFile(t, 100)
	f.Users[99].Unit = "xa-999" // no such unit
	plan, err := s.PlanBulk(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Errors) != 1 || plan.Errors[0].Row != 102 || plan.Errors[0].Column != bulk.ColUnit {
		t.Fatalf("errors %v, want one on row 102", plan.Errors)
	}
	if _, err := s.ApplyBulk(ctx, actor, f, "", 0); code(err) != tiendo.EINVALID {
		t.Errorf("apply with an error: %v, want invalid", err)
	}
	if units, _ := s.Units(ctx); len(units) != 0 {
		t.Errorf("%d units written by a refused import", len(units))
	}

	// The data changes between the preview and the confirmation.
	f.Users[99].Unit = "xa-100"
	plan, err = s.PlanBulk(ctx, f)
	if err != nil || !plan.OK() {
		t.Fatal(err, plan.Errors)
	}
	if err := s.CreateUnit(ctx, actor, &tiendo.Unit{Code: "xa-050", Name: "Xã 50 do người khác vừa thêm"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyBulk(ctx, actor, f, plan.Fingerprint(), 0); code(err) != tiendo.ECONFLICT {
		t.Errorf("apply after a change: %v, want conflict", err)
	}
	units, _ := s.Units(ctx)
	users, _ := s.Users(ctx)
	if len(units) != 1 || len(users) != 1 {
		t.Errorf("%d units, %d users after a refused import; want only what was there", len(units), len(users))
	}
	// Previewed again, it applies: xa-050 is now an update.
	plan, _ = s.PlanBulk(ctx, f)
	res, err := s.ApplyBulk(ctx, actor, f, plan.Fingerprint(), 0)
	if err != nil || res.UnitsAdded != 100 || res.UnitsUpdated != 1 {
		t.Errorf("apply: %+v %v", res, err)
	}
}

// An update changes only what the file says, and a new role or unit ends
// the user's sessions, as the user form does.
func TestBulkUpdate(t *testing.T) {
	f := newFixture(t)
	secret, err := f.s.CreateSession(ctx, f.repA.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	file := &bulk.File{
		Units:    []bulk.UnitRow{{Code: "pnv", Name: "Phòng Nội vụ huyện", Parent: "cah"}},
		Users:    []bulk.UserRow{{Username: "pnv", Role: "Lãnh đạo đơn vị", Unit: "pnv"}, {Username: "vanphong", FullName: "Văn phòng HĐND và UBND"}},
		UnitCols: map[string]bool{bulk.ColCode: true, bulk.ColName: true, bulk.ColParent: true},
		UserCols: map[string]bool{bulk.ColUsername: true, bulk.ColRole: true, bulk.ColUnit: true},
	}
	file.Users[1].Role = "office"
	res, err := f.s.ApplyBulk(ctx, store.Actor{}, file, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.UnitsUpdated != 1 || res.UsersUpdated != 1 || res.UsersAdded+res.UnitsAdded != 0 {
		t.Errorf("result %+v, want one unit and one user updated (vanphong unchanged)", res)
	}
	a, _ := f.s.Unit(ctx, f.a.ID)
	if a.Name != "Phòng Nội vụ huyện" || a.ParentID != f.b.ID || len(a.Aliases) != 1 {
		t.Errorf("unit %+v: want the new name and parent, the aliases kept", a)
	}
	u, _ := f.s.User(ctx, f.repA.ID)
	if u.Role != tiendo.RoleUnitHead || u.UnitID != f.a.ID {
		t.Errorf("user %+v", u)
	}
	if _, err := f.s.SessionUser(ctx, secret); err == nil {
		t.Error("the session outlived a change of role")
	}
	if o, _ := f.s.User(ctx, f.office.ID); o.FullName != "Văn phòng" {
		t.Errorf("office full name %q: a column the file lacks must stay", o.FullName)
	}
}

// An upload is its uploader's alone, and lasts a day: it may hold initial
// passwords.
func TestBulkUploadExpires(t *testing.T) {
	f := newFixture(t)
	start := time.Now()
	f.s.Now = func() time.Time { return start }
	id, err := f.s.SaveBulkUpload(ctx, f.office.ID, "../../danh sách\r\n.xlsx", []byte("PK"))
	if err != nil {
		t.Fatal(err)
	}
	up, err := f.s.BulkUpload(ctx, f.office.ID, id)
	if err != nil || up.Name != "danh sách__.xlsx" || string(up.Data) != "PK" {
		t.Errorf("upload %+v %v", up, err)
	}
	if _, err := f.s.BulkUpload(ctx, f.repA.ID, id); code(err) != tiendo.ENOTFOUND {
		t.Errorf("another user's upload: %v, want not found", err)
	}
	f.s.Now = func() time.Time { return start.Add(store.BulkUploadAge + time.Minute) }
	if _, err := f.s.BulkUpload(ctx, f.office.ID, id); code(err) != tiendo.ENOTFOUND {
		t.Errorf("a day-old upload: %v, want not found", err)
	}
	if _, err := f.s.SaveBulkUpload(ctx, f.office.ID, "moi.xlsx", []byte("PK")); err != nil {
		t.Fatal(err)
	}
	f.s.Now = func() time.Time { return start } // the old row is gone, not just hidden
	if _, err := f.s.BulkUpload(ctx, f.office.ID, id); code(err) != tiendo.ENOTFOUND {
		t.Errorf("a day-old upload after the next one: %v, want purged", err)
	}
}

// How long a province's 100 communes and 100 reporters take to load, from
// the uploaded file's bytes to the commit; half the passwords are made by
// the store, all are hashed. "units" is the same file without its users
// sheet: the cost of the transaction alone.
//
//	go test -run '^$' -bench BulkImport -benchtime 5x ./internal/store
func BenchmarkBulkImport(b *testing.B) {
	full := provinceFile(b, 100)
	nation := provinceFile(b, 3320) // every commune of the country, under one unit
	for _, bc := range []struct {
		name         string
		file         *bulk.File
		units, users int
	}{
		{"units+users", &bulk.File{Units: full.Units, Users: full.Users}, 101, 100},
		{"units", &bulk.File{Units: full.Units}, 101, 0},
		{"units-3321", &bulk.File{Units: nation.Units}, 3321, 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var buf bytes.Buffer
			if err := bulk.Write(&buf, bc.file); err != nil {
				b.Fatal(err)
			}
			data := buf.Bytes()
			for b.Loop() {
				b.StopTimer()
				s := storetest.Open(b)
				b.StartTimer()
				f, err := bulk.Read(data)
				if err != nil {
					b.Fatal(err)
				}
				plan, err := s.PlanBulk(ctx, f)
				if err != nil || !plan.OK() {
					b.Fatal(err, plan.Errors)
				}
				res, err := s.ApplyBulk(ctx, store.Actor{}, f, plan.Fingerprint(), 0)
				if err != nil || res.UnitsAdded != bc.units || res.UsersAdded != bc.users {
					b.Fatal(err, res)
				}
			}
		})
	}
}
