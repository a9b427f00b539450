package bulk_test

import (
	"strings"
	"testing"

	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// The row of the user walk: the only admin made a reader. The preview
// refuses it, on the role column; with a second admin it goes through and
// the importer, if that is them, is warned.
func TestLastAdminRow(t *testing.T) {
	units, users := system()
	f := roundTrip(t, &bulk.File{Users: []bulk.UserRow{{Username: "admin", FullName: "Quản trị hệ thống", Role: "Người xem"}}})
	plan := bulk.Compare(f, units, users, store.BulkChecks())
	if plan.OK() || len(plan.Errors) != 1 {
		t.Fatalf("errors = %+v, want one", plan.Errors)
	}
	if p := plan.Errors[0]; p.Row != 3 || p.Column != bulk.ColRole || !strings.Contains(p.Message, "quản trị hệ thống cuối cùng còn hoạt động") {
		t.Errorf("error = %+v, want row 3, role column, the last administrator", p)
	}
	if len(plan.Users) != 0 {
		t.Errorf("the refused row is still planned: %+v", plan.Users)
	}

	// Another admin in the file: the demotion may go, and is flagged for
	// the admin importing it, and for nobody else.
	f = roundTrip(t, &bulk.File{Users: []bulk.UserRow{
		{Username: "admin", FullName: "Quản trị hệ thống", Role: "Người xem"},
		{Username: "admin2", FullName: "Quản trị hai", Role: "Quản trị", Password: "mật khẩu đủ dài nhé"},
	}})
	plan = bulk.Compare(f, units, users, store.BulkChecks())
	if !plan.OK() {
		t.Fatalf("errors = %+v, want none", plan.Errors)
	}
	if mine := plan.MarkSelf("xaa.cb"); len(mine) != 0 || len(plan.Warnings) != 0 {
		t.Errorf("another user's import flagged: %+v, %+v", mine, plan.Warnings)
	}
	mine := plan.MarkSelf("admin")
	if len(mine) != 1 || len(plan.Warnings) != 1 || !strings.Contains(plan.Warnings[0].Message, "tài khoản của chính bạn") ||
		!strings.Contains(plan.Warnings[0].Message, "“Quản trị” sang “Người xem”") {
		t.Errorf("self change: %+v, warnings %+v", mine, plan.Warnings)
	}
}

// An alias that is another unit's name, in the system or in the file, is an
// error on the aliases column naming that unit.
func TestAliasClashRows(t *testing.T) {
	units, users := system()
	f := roundTrip(t, &bulk.File{Units: []bulk.UnitRow{
		{Code: "xa-c", Name: "Ủy ban nhân dân xã C", Aliases: "xã C; UBND XA B"},                      // another's name? no: xa-b has no short name
		{Code: "xa-d", Name: "Ủy ban nhân dân xã D", Aliases: "xa a"},                                 // xa-a's alias
		{Code: "xa-e", Name: "Ủy ban nhân dân xã E", Aliases: "Ủy ban nhân dân xã D"},                 // a name in the file
		{Code: "xa-f", Name: "Ủy ban nhân dân xã F", Aliases: "Ủy ban nhân dân xã F; UBND xã F"},      // its own name: fine
		{Code: "xa-g", Name: "Ủy ban nhân dân xã G", ShortName: "UBND xã A huyện X", Aliases: "xã G"}, // a name that is xa-a's alias
	}})
	plan := bulk.Compare(f, units, users, store.BulkChecks())
	// Row 4's name is row 5's alias, so both rows say so.
	want := map[[2]any]string{
		{4, bulk.ColAliases}:   "“Ủy ban nhân dân xã A” (mã xa-a)",
		{4, bulk.ColName}:      "“Ủy ban nhân dân xã E” (mã xa-e)",
		{5, bulk.ColAliases}:   "“Ủy ban nhân dân xã D” (mã xa-d)",
		{7, bulk.ColShortName}: "“Ủy ban nhân dân xã A” (mã xa-a)",
	}
	got := map[[2]any]string{}
	for _, p := range plan.Errors {
		got[[2]any{p.Row, p.Column}] = p.Message
	}
	if len(got) != len(want) {
		t.Errorf("errors = %+v, want %d", plan.Errors, len(want))
	}
	for at, name := range want {
		if !strings.Contains(got[at], name) {
			t.Errorf("row %d, column %s: %q, want it to name %s", at[0], at[1], got[at], name)
		}
	}
}
