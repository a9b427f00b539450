package bulk_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// retiredSystem is system() with commune B merged on 1 July 2025.
func retiredSystem() ([]*tiendo.Unit, []*tiendo.User) {
	units, users := system()
	units[2].RetiredOn = time.Date(2025, 7, 1, 0, 0, 0, 0, tiendo.Zone)
	units[2].RetiredNote = "Sáp nhập vào xã A"
	return units, users
}

func unitRow(p *bulk.Plan, code string) *bulk.UnitChange {
	for i := range p.Units {
		if p.Units[i].Unit.Code == code {
			return &p.Units[i]
		}
	}
	return nil
}

func errorsText(p *bulk.Plan) string {
	var b strings.Builder
	for _, e := range p.Errors {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

func TestExportCarriesRetirement(t *testing.T) {
	units, users := retiredSystem()
	f := roundTrip(t, bulk.Export(units, users))
	if f.Units[2].Code != "xa-b" || f.Units[2].Retired != "01/07/2025" || f.Units[2].RetiredNote != "Sáp nhập vào xã A" || f.Units[1].Retired != "" {
		t.Errorf("exported rows %+v", f.Units)
	}
	if p := bulk.Compare(f, units, users, store.BulkChecks()); !p.OK() || p.Changes() {
		t.Errorf("export read back plans changes or errors:\n%s%+v", errorsText(p), p.Units)
	}
}

func TestImportRetiresAndReactivates(t *testing.T) {
	units, users := retiredSystem()
	f := roundTrip(t, bulk.Export(units, users))
	f.Units[1].Retired, f.Units[1].RetiredNote = "1/7/2025", "Sáp nhập vào xã B" // retire A
	f.Units[2].Retired = ""                                                      // bring B back
	p := bulk.Compare(f, units, users, store.BulkChecks())
	if !p.OK() {
		t.Fatalf("errors:\n%s", errorsText(p))
	}
	a, b := unitRow(p, "xa-a"), unitRow(p, "xa-b")
	if a.Op != bulk.OpUpdate || !a.Retires() || a.State() != "Ngừng hoạt động từ 01/07/2025" || a.Unit.RetiredNote != "Sáp nhập vào xã B" {
		t.Errorf("xa-a: %s %q %+v", a.Op, a.State(), a.Unit)
	}
	found := false
	for _, c := range a.Changes {
		found = found || c.Column == bulk.ColRetired && c.Old == "" && c.New == "01/07/2025"
	}
	if !found {
		t.Errorf("xa-a changes %+v, want “Ngừng hoạt động”: “” → 01/07/2025", a.Changes)
	}
	if b.Op != bulk.OpUpdate || !b.Reactivates() || b.State() != "Hoạt động trở lại" || b.Unit.RetiredNote != "" {
		t.Errorf("xa-b: %s %q %+v", b.Op, b.State(), b.Unit)
	}
	// A file without the column leaves the state as it is.
	f.UnitCols = map[string]bool{bulk.ColCode: true, bulk.ColName: true}
	p = bulk.Compare(f, units, users, store.BulkChecks())
	if b := unitRow(p, "xa-b"); b == nil || !b.Unit.Retired() || b.Op != bulk.OpSame {
		t.Errorf("without the column: %+v, want xa-b kept retired and unchanged", b)
	}
}

func TestImportRetirementRules(t *testing.T) {
	units, users := retiredSystem()
	tomorrow := time.Now().In(tiendo.Zone).AddDate(0, 0, 1).Format("02/01/2006")
	for _, c := range []struct {
		name       string
		rows       []bulk.UnitRow
		row        int
		col, inMsg string
	}{
		{"not a day", []bulk.UnitRow{{Code: "xa-a", Name: "Ủy ban nhân dân xã A", Parent: "tinh", Retired: "tháng 7"}},
			3, bulk.ColRetired, "không phải ngày"},
		{"a day to come", []bulk.UnitRow{{Code: "xa-a", Name: "Ủy ban nhân dân xã A", Parent: "tinh", Retired: tomorrow}},
			3, bulk.ColRetired, "chưa đến"},
		{"a parent of a working unit", []bulk.UnitRow{{Code: "tinh", Name: "Ủy ban nhân dân tỉnh", Retired: "01/07/2025"}},
			3, bulk.ColRetired, "“Ủy ban nhân dân xã A” (mã xa-a) vẫn đang hoạt động"},
		{"a working unit moved under a retired one", []bulk.UnitRow{{Code: "xa-a", Name: "Ủy ban nhân dân xã A", Parent: "xa-b"}},
			3, bulk.ColParent, "đơn vị cấp trên “xa-b” đã ngừng hoạt động"},
		{"a new working unit under a retired one", []bulk.UnitRow{{Code: "thon", Name: "Thôn 1", Parent: "xa-b"}},
			3, bulk.ColParent, "đã ngừng hoạt động"},
		{"a parent retired in the file, its child later in the file", []bulk.UnitRow{
			{Code: "moi", Name: "Xã mới", Parent: "tinh", Retired: "01/07/2025"}, {Code: "thon", Name: "Thôn 2", Parent: "moi"}},
			4, bulk.ColParent, "đã ngừng hoạt động"},
	} {
		p := bulk.Compare(&bulk.File{Units: c.rows}, units, users, store.BulkChecks())
		ok := false
		for _, e := range p.Errors {
			ok = ok || e.Row == c.row && e.Column == c.col && strings.Contains(e.Message, c.inMsg)
		}
		if !ok {
			t.Errorf("%s: errors\n%swant row %d, column %q, with %q", c.name, errorsText(p), c.row, c.col, c.inMsg)
		}
	}
	// Retiring the children in the same file lets the parent go.
	rows := []bulk.UnitRow{
		{Code: "tinh", Name: "Ủy ban nhân dân tỉnh", Retired: "01/07/2025"},
		{Code: "xa-a", Name: "Ủy ban nhân dân xã A", Parent: "tinh", Retired: "01/07/2025"},
	}
	if p := bulk.Compare(&bulk.File{Units: rows}, units, users, store.BulkChecks()); !p.OK() {
		t.Errorf("retire a parent with its children: errors\n%s", errorsText(p))
	}
}

// A day typed in Excel as a date (a number shown through a format) reads
// as that day, whatever the format shows.
func TestImportExcelDateCell(t *testing.T) {
	units, users := system()
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", bulk.SheetUnits)
	for i, h := range []string{bulk.ColCode, bulk.ColName, bulk.ColParent, bulk.ColRetired} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		x.SetCellStr(bulk.SheetUnits, cell, h)
	}
	x.SetCellStr(bulk.SheetUnits, "A2", "xa-a")
	x.SetCellStr(bulk.SheetUnits, "B2", "Ủy ban nhân dân xã A")
	x.SetCellStr(bulk.SheetUnits, "C2", "tinh")
	style, _ := x.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy: 1 July shows as "07-01-25"
	x.SetCellValue(bulk.SheetUnits, "D2", time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))
	x.SetCellStyle(bulk.SheetUnits, "D2", "D2", style)
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := bulk.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Units) != 1 || f.Units[0].Retired != "01/07/2025" {
		t.Fatalf("read %+v, want the day 01/07/2025", f.Units)
	}
	p := bulk.Compare(f, units, users, store.BulkChecks())
	if a := unitRow(p, "xa-a"); a == nil || !a.Retires() {
		t.Errorf("plan %+v\n%s", p.Units, errorsText(p))
	}
}
