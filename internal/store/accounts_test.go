package store_test

import (
	"errors"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// The last active administrator can be neither demoted nor locked, by the
// form's UpdateUser or by an import; with a second one, either can.
func TestLastAdminKept(t *testing.T) {
	f := newFixture(t)
	admin := newAdmin(t, f.s)
	demoted := *admin
	demoted.Role = tiendo.RoleReader
	if err := f.s.UpdateUser(ctx, store.Actor{}, &demoted); code(err) != tiendo.ECONFLICT || tiendo.ErrorMessage(err) != store.LastAdminMessage {
		t.Errorf("demote the last admin: %v, want conflict %q", err, store.LastAdminMessage)
	}
	locked := *admin
	locked.Disabled = true
	if err := f.s.UpdateUser(ctx, store.Actor{}, &locked); code(err) != tiendo.ECONFLICT {
		t.Errorf("lock the last admin: %v, want conflict", err)
	}
	if u, _ := f.s.User(ctx, admin.ID); u.Role != tiendo.RoleAdmin || u.Disabled {
		t.Fatalf("the last admin changed anyway: %+v", u)
	}

	// The import: the preview marks the row, applying refuses it.
	file := &bulk.File{Users: []bulk.UserRow{{Username: "quantri", FullName: "Quản trị hệ thống", Role: "Người xem"}}}
	plan, err := f.s.PlanBulk(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	if plan.OK() || len(plan.Errors) != 1 || plan.Errors[0].Column != bulk.ColRole || !strings.Contains(plan.Errors[0].Message, "quản trị hệ thống cuối cùng") {
		t.Errorf("preview errors = %+v, want one on the role column about the last administrator", plan.Errors)
	}
	if _, err := f.s.ApplyBulk(ctx, store.Actor{UserID: admin.ID}, file, "", 0); err == nil {
		t.Error("import demoted the last admin")
	}
	if u, _ := f.s.User(ctx, admin.ID); u.Role != tiendo.RoleAdmin {
		t.Fatalf("the import demoted the last admin: %+v", u)
	}
	// A file that adds another admin in the same go may demote this one.
	file.Users = append(file.Users, bulk.UserRow{Username: "quantri2", Role: "Quản trị", Password: "mật khẩu quản trị thứ hai"})
	if _, err := f.s.ApplyBulk(ctx, store.Actor{UserID: admin.ID}, file, "", 0); err != nil {
		plan, _ := f.s.PlanBulk(ctx, file)
		t.Fatalf("import with a new admin: %v %+v", err, plan.Errors)
	}
	second, err := f.s.UserByUsername(ctx, "quantri2")
	if err != nil {
		t.Fatal(err)
	}
	// quantri2 is now the last active admin: locking it is refused,
	// giving the role back to quantri first makes it possible.
	second.Disabled = true
	if err := f.s.UpdateUser(ctx, store.Actor{}, second); code(err) != tiendo.ECONFLICT {
		t.Errorf("lock the new last admin: %v, want conflict", err)
	}
	demoted.Role, demoted.Disabled = tiendo.RoleAdmin, false
	if err := f.s.UpdateUser(ctx, store.Actor{}, &demoted); err != nil {
		t.Fatal(err)
	}
	if err := f.s.UpdateUser(ctx, store.Actor{}, second); err != nil {
		t.Errorf("lock one of two admins: %v", err)
	}
	// A locked admin does not count: quantri is the last active one.
	demoted.Role = tiendo.RoleOffice
	if err := f.s.UpdateUser(ctx, store.Actor{}, &demoted); code(err) != tiendo.ECONFLICT {
		t.Errorf("demote the last active admin beside a locked one: %v, want conflict", err)
	}
}

// A locked account with the right password is told so; with a wrong one it
// gets the answer any wrong password gets. An open session ends with the
// same message, once, and stays ended when the account is unlocked.
func TestLockedAccount(t *testing.T) {
	f := newFixture(t)
	secret, err := f.s.CreateSession(ctx, f.office.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	f.office.Disabled = true
	if err := f.s.UpdateUser(ctx, store.Actor{}, f.office); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SessionUser(ctx, secret); !errors.Is(err, store.ErrAccountLocked) {
		t.Errorf("session of a locked account: %v, want %v", err, store.ErrAccountLocked)
	}
	if _, err := f.s.SessionUser(ctx, secret); code(err) != tiendo.EUNAUTHORIZED || errors.Is(err, store.ErrAccountLocked) {
		t.Errorf("the session again: %v, want the plain unauthorized", err)
	}
	_, errRight := f.s.Login(ctx, store.DefaultThrottle, "vanphong", "mật khẩu dài đủ", "10.0.0.1")
	if code(errRight) != tiendo.EUNAUTHORIZED || tiendo.ErrorMessage(errRight) != "Tài khoản đã bị khóa; hãy liên hệ quản trị hệ thống." {
		t.Errorf("locked, right password: %v", errRight)
	}
	_, errWrong := f.s.Login(ctx, store.DefaultThrottle, "vanphong", "không phải mật khẩu", "10.0.0.1")
	_, errUnknown := f.s.Login(ctx, store.DefaultThrottle, "khongco", "không phải mật khẩu", "10.0.0.1")
	if code(errWrong) != tiendo.EUNAUTHORIZED || tiendo.ErrorMessage(errWrong) != tiendo.ErrorMessage(errUnknown) {
		t.Errorf("locked, wrong password: %q; unknown user: %q: they must read the same", tiendo.ErrorMessage(errWrong), tiendo.ErrorMessage(errUnknown))
	}
	// Sessions opened before the lock stay closed after the unlock.
	secret2, _ := f.s.CreateSession(ctx, f.office.ID, "", "")
	f.office.Disabled = false
	if err := f.s.UpdateUser(ctx, store.Actor{}, f.office); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SessionUser(ctx, secret2); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("a session from the locked time works after the unlock: %v", err)
	}
	if _, err := f.s.Login(ctx, store.DefaultThrottle, "vanphong", "mật khẩu dài đủ", "10.0.0.2"); err != nil {
		t.Errorf("unlocked account: %v", err)
	}
}

// An alias may not be another unit's name, short name or alias, however it
// is written; a unit's own names are fine as aliases.
func TestUnitAliasClash(t *testing.T) {
	f := newFixture(t)
	f.b.ShortName = "CA huyện"
	if err := f.s.UpdateUnit(ctx, store.Actor{}, f.b); err != nil {
		t.Fatal(err)
	}
	for _, alias := range []string{"Phòng Nội vụ", "phong  noi VU", "PHÒNG NỘI VỤ HUYỆN", "Pho\u0300ng No\u0323\u0302i vu\u0323"} {
		u := &tiendo.Unit{Code: "ptc", Name: "Phòng Tài chính", Aliases: []string{"Tài chính", alias}}
		err := f.s.CreateUnit(ctx, store.Actor{}, u)
		var e *tiendo.Error
		if !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Fields["aliases"], "“Phòng Nội vụ” (mã pnv)") {
			t.Errorf("alias %q: %v (%v), want invalid naming Phòng Nội vụ", alias, err, e)
		}
	}
	// Against another's short name, on update.
	f.a.Aliases = []string{"Phòng Nội vụ", "ca  HUYEN"}
	err := f.s.UpdateUnit(ctx, store.Actor{}, f.a)
	var e *tiendo.Error
	if !errors.As(err, &e) || !strings.Contains(e.Fields["aliases"], "tên ngắn của đơn vị “Công an huyện”") {
		t.Errorf("alias = another's short name: %v", err)
	}
	// A unit's own name among its aliases is fine.
	f.a.Aliases = []string{"Phòng Nội vụ", "Phòng NV"}
	if err := f.s.UpdateUnit(ctx, store.Actor{}, f.a); err != nil {
		t.Errorf("own name as alias: %v", err)
	}
	// A name that is another unit's alias is refused too.
	u := &tiendo.Unit{Code: "pnv2", Name: "phòng nv"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, u); !errors.As(err, &e) || !strings.Contains(e.Fields["name"], "tên gọi khác của đơn vị “Phòng Nội vụ”") {
		t.Errorf("name = another's alias: %v", err)
	}
	// The import refuses what the form refuses.
	plan, err := f.s.PlanBulk(ctx, &bulk.File{Units: []bulk.UnitRow{{Code: "ptc", Name: "Phòng Tài chính", Aliases: "Tài chính; Phòng Nội vụ"}}})
	if err != nil {
		t.Fatal(err)
	}
	if plan.OK() || plan.Errors[0].Column != bulk.ColAliases || !strings.Contains(plan.Errors[0].Message, "Phòng Nội vụ") {
		t.Errorf("import preview errors = %+v, want one on the aliases naming Phòng Nội vụ", plan.Errors)
	}
}

// A unit's or a user's e-mail address is checked by the store, whatever
// form or import sends it: "abc" would be a mailbox reminders never reach.
func TestEmailChecked(t *testing.T) {
	f := newFixture(t)
	f.a.Email = "abc"
	if err := f.s.UpdateUnit(ctx, store.Actor{}, f.a); code(err) != tiendo.EINVALID || !strings.Contains(err.(*tiendo.Error).Fields["email"], "ten@donvi.gov.vn") {
		t.Errorf("unit e-mail 'abc': %v, want refused beside the field", err)
	}
	f.a.Email = " pnv@huulung.gov.vn "
	if err := f.s.UpdateUnit(ctx, store.Actor{}, f.a); err != nil {
		t.Errorf("a good address with spaces around: %v", err)
	}
	u := &tiendo.User{Username: "moi", Role: tiendo.RoleOffice, Email: "vanphong@gmailcom"}
	if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); code(err) != tiendo.EINVALID {
		t.Errorf("user e-mail without a dotted domain: %v, want refused", err)
	}
}

// The unit form's fields are checked in one pass: a bad code, an empty name
// and a bad e-mail address are marked together, on a new unit and on an
// edit, not the address only after the others are mended.
func TestUnitFormReportsEveryField(t *testing.T) {
	f := newFixture(t)
	u := &tiendo.Unit{Code: "Phòng NV", Name: " ", Email: "abc"}
	err := f.s.CreateUnit(ctx, store.Actor{}, u)
	if got := fields(err); code(err) != tiendo.EINVALID || got["code"] == "" || got["name"] == "" || !strings.Contains(got["email"], "ten@donvi.gov.vn") {
		t.Errorf("new unit: %v with fields %v; want code, name and email marked", err, got)
	}
	edit := *f.a
	edit.Name, edit.Email = "", "pnv@huulung"
	err = f.s.UpdateUnit(ctx, store.Actor{}, &edit)
	if got := fields(err); code(err) != tiendo.EINVALID || len(got) != 2 || got["name"] == "" || got["email"] == "" {
		t.Errorf("edit: %v with fields %v; want name and email marked", err, got)
	}
	if msg := tiendo.ErrorMessage(err); msg != "Thông tin đơn vị chưa hợp lệ, vui lòng sửa các ô được đánh dấu." {
		t.Errorf("edit: message %q", msg)
	}
	stored, err := f.s.Unit(ctx, f.a.ID)
	if err != nil || stored.Name != f.a.Name || stored.Email != f.a.Email {
		t.Errorf("after the refused edit the unit is %+v (%v); want it unchanged", stored, err)
	}
	// An unknown unit is still "not found", not a field error.
	if err := f.s.UpdateUnit(ctx, store.Actor{}, &tiendo.Unit{ID: 987654, Code: "x", Name: "X"}); code(err) != tiendo.ENOTFOUND {
		t.Errorf("edit of a unit that does not exist: %v, want not found", err)
	}
}

// An address stored before the check came does not block other changes:
// the administrator (or the command line) can still lock the account or
// change its role, and the unit's other fields are saved; only giving a
// new bad address is refused.
func TestStoredBadEmailDoesNotBlock(t *testing.T) {
	f := newFixture(t)
	if err := f.s.SetEmailUnchecked(ctx, "users", f.repA.ID, "ke toan@pnv"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetEmailUnchecked(ctx, "units", f.a.ID, "abc"); err != nil {
		t.Fatal(err)
	}
	u, err := f.s.User(ctx, f.repA.ID)
	if err != nil {
		t.Fatal(err)
	}
	u.Disabled = true
	if err := f.s.UpdateUser(ctx, store.Actor{}, u); err != nil {
		t.Errorf("locking a user whose stored address is bad: %v", err)
	}
	unit, err := f.s.Unit(ctx, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	unit.ShortName = "PNV"
	if err := f.s.UpdateUnit(ctx, store.Actor{}, unit); err != nil {
		t.Errorf("renaming a unit whose stored address is bad: %v", err)
	}
	unit.Email = "abc@"
	if err := f.s.UpdateUnit(ctx, store.Actor{}, unit); code(err) != tiendo.EINVALID {
		t.Errorf("giving a new bad address: %v, want refused", err)
	}
}
