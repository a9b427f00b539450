package web

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"tiendo/internal/document"
	"tiendo/internal/store"
)

// The outgoing register of a year as a spreadsheet ("Tải sổ (Excel)"), in
// the columns of the register Decree 30 (Phụ lục IV) has the records clerk
// keep, in order, one line a document in the order they were numbered:
// printed on landscape A4 in Times New Roman with the header on every page,
// to be filed at the year's end as the register of that year.

// registerXLSXPath is the download: ?year=2026, this year by default.
const registerXLSXPath = "/register.xlsx"

// registerColumns are the register's columns, as Phụ lục IV names them,
// and their relative widths on the page.
var registerColumns = []struct {
	Head  string
	Width float64
}{
	{"Số, ký hiệu văn bản", 11},
	{"Ngày tháng văn bản", 10},
	{"Tên loại và trích yếu nội dung văn bản", 30},
	{"Người ký", 13},
	{"Nơi nhận văn bản", 26},
	{"Đơn vị, người nhận bản lưu", 10},
	{"Số lượng bản", 7},
	{"Ngày chuyển", 10},
	{"Ký nhận", 12},
	{"Ghi chú", 16},
}

// registerWorkbook is the register lines of year (newest first, as the
// store gives them) as a spreadsheet, under the issuing body's name.
func registerWorkbook(year int, issuer string, lines []store.RegisterLine) document.Workbook {
	t := document.Table{Title: fmt.Sprintf("SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM %d", year)}
	for _, c := range registerColumns {
		t.Header = append(t.Header, c.Head)
		t.Widths = append(t.Widths, c.Width)
	}
	for _, l := range slices.Backward(lines) { // in the order numbered
		line := newRegisterLine(l)
		day := formatDate(l.IssuedAt)
		t.Rows = append(t.Rows, []document.Cell{
			document.Text(fmt.Sprintf("%02d/%s", l.Number, l.Symbol)),
			document.Text(day),
			document.Text(line.TypeAndSubject()),
			document.Text(l.Signer),
			document.Text(strings.Join(l.Recipients, "; ")),
			document.Text(l.FileCopy),
			{Value: float64(l.CopyCount()), IsNumber: true},
			document.Text(day), // sent on tiendo as it is issued
			document.Text(l.Receipt),
			document.Text(l.Note),
		})
	}
	var top []string
	if issuer = strings.TrimSpace(strings.ReplaceAll(issuer, "\n", " ")); issuer != "" {
		top = append(top, "Cơ quan: "+issuer)
	}
	return document.Workbook{Name: "Sổ văn bản đi", Lines: top, Table: t, Across: 190, Landscape: true}
}

// handleRegisterXLSX downloads the outgoing register of a year. Whoever
// may read the register may download it (the store checks).
func (s *Server) handleRegisterXLSX(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	year, err := s.registerYear(r.URL.Query().Get("year"), false)
	if err != nil {
		return err
	}
	lines, err := s.store.OutgoingRegister(r.Context(), u, year)
	if err != nil {
		return err
	}
	issuer := ""
	if len(lines) > 0 {
		issuer = lines[0].Issuer
	} else if own, err := s.store.OwnIssuer(r.Context()); err == nil {
		issuer = own.Name
	}
	wb := registerWorkbook(year, issuer, lines)
	wb.At = s.store.Clock()
	var buf bytes.Buffer
	if err := document.WriteWorkbookXLSX(&buf, wb); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", attachmentDisposition(fmt.Sprintf("Sổ văn bản đi năm %d.xlsx", year), fmt.Sprintf("so-van-ban-di-%d.xlsx", year)))
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = buf.WriteTo(w)
	return err
}
