package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/document"
	"tiendo/internal/store"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

// matrixQuery is the matrix as the round page's address asks for it: the
// states and the unit it is filtered by, and the order of its rows. The
// page, its column headers, its filter form and its XLSX link all read and
// write the same parameters, so that a sort survives a filter and the
// spreadsheet holds what the office sees.
type matrixQuery struct {
	States []watch.CellState
	Unit   int64
	Order  watch.Order
}

// parseMatrixQuery reads ?state=missing&state=draft&unit=3&sort=state&dir=asc.
// What it cannot read is left out: a state no report has filters nothing
// in, an order it does not know is the default one.
func parseMatrixQuery(q url.Values) matrixQuery {
	var mq matrixQuery
	for _, v := range q["state"] {
		st := watch.CellState(v)
		if !slices.Contains(mq.States, st) {
			mq.States = append(mq.States, st)
		}
	}
	mq.Unit, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	mq.Order = watch.ParseOrder(q.Get("sort"), q.Get("dir"))
	return mq
}

// values writes mq back as parameters, leaving out what is the default, so
// that the plain page keeps its plain address.
func (mq matrixQuery) values() url.Values {
	v := url.Values{}
	for _, st := range mq.States {
		v.Add("state", string(st))
	}
	if mq.Unit != 0 {
		v.Set("unit", strconv.FormatInt(mq.Unit, 10))
	}
	if mq.Order != watch.DefaultOrder {
		v.Set("sort", string(mq.Order.By))
		v.Set("dir", mq.Order.Dir())
	}
	return v
}

// apply filters and orders the round's full matrix.
func (mq matrixQuery) apply(full *watch.Matrix) *watch.Matrix {
	return full.Filter(mq.States, mq.Unit).Sort(mq.Order)
}

// query is mq's parameters after a "?", or "" for the plain page.
func (mq matrixQuery) query() string {
	if enc := mq.values().Encode(); enc != "" {
		return "?" + enc
	}
	return ""
}

// sortHeader is a column header of the matrix that orders it: a link to
// the page in the column's order (or, for the column the rows are in now,
// the other way round), keeping the filter.
type sortHeader struct {
	Href  string
	Title string // what a click does: "Sắp xếp theo tên đơn vị (Z → A)"
	// Aria is the header's aria-sort, for the column the rows are in:
	// "ascending" or "descending"; "" for the others.
	Aria  string
	Arrow string // "▲", "▼", or "↕" on a column that does not order the rows now
}

// sortHeaders are the matrix's sorting headers, by column (watch.SortBy).
func sortHeaders(roundID int64, mq matrixQuery) map[string]sortHeader {
	out := map[string]sortHeader{}
	for _, by := range []watch.SortBy{watch.ByUnit, watch.ByState, watch.BySent} {
		h := sortHeader{Arrow: "↕"}
		next := watch.Natural(by)
		if mq.Order.By == by {
			next = mq.Order.Reverse()
			h.Aria, h.Arrow = "ascending", "▲"
			if mq.Order.Desc {
				h.Aria, h.Arrow = "descending", "▼"
			}
		}
		to := mq
		to.Order = next
		h.Href = fmt.Sprintf("/rounds/%d%s#matrix-h", roundID, to.query())
		h.Title = "Sắp xếp " + next.Label()
		out[string(by)] = h
	}
	return out
}

// matrixFilterText says what the matrix is filtered by, for the
// spreadsheet's heading: "trạng thái Chưa bắt đầu, Đang soạn; đơn vị Phòng
// Nội vụ", or "" when it is not.
func matrixFilterText(mq matrixQuery, units map[int64]*tiendo.Unit) string {
	var parts []string
	var labels []string
	for _, st := range mq.States {
		if l := st.Label(); l != "" {
			labels = append(labels, l)
		}
	}
	if len(labels) > 0 {
		parts = append(parts, "trạng thái "+strings.Join(labels, ", "))
	}
	if mq.Unit != 0 {
		parts = append(parts, "đơn vị "+unitName(units, mq.Unit))
	}
	return strings.Join(parts, "; ")
}

// handleMatrixXLSX downloads the round's matrix as a spreadsheet, as the
// watch page shows it to the office: the same filter and the same order
// (the page's link carries its parameters), one row per unit, one column
// per task with the unit's state in words, and the unit's sent time and
// timeliness, under a heading that names the round and its directive.
// Whoever sees the page's matrix may download it: those who read every
// unit's reports.
func (s *Server) handleMatrixXLSX(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	if tiendo.ScopeOf(u, tiendo.ActionReadReport) != tiendo.ScopeAll {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng, lãnh đạo và người xem được tải bảng theo dõi của cả đợt báo cáo.")
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := loadRound(r.Context(), s.store, u, id)
	if err != nil {
		return err
	}
	own, err := s.store.UnitDeadlines(r.Context(), id)
	if err != nil {
		return err
	}
	mq := parseMatrixQuery(r.URL.Query())
	full := watch.BuildMatrix(d.Round, d.Ordered, d.States)
	m := mq.apply(full)
	var buf bytes.Buffer
	if err := document.WriteWorkbookXLSX(&buf, matrixWorkbook(d.Round, m, len(full.Rows), matrixFilterText(mq, d.Units), mq.Order, own, s.store.Clock())); err != nil {
		return err
	}
	name, ascii := matrixFileName(d.Round)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", attachmentDisposition(name, ascii))
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = buf.WriteTo(w)
	return err
}

// matrixFileName names the downloaded matrix: "Bảng theo dõi - Báo cáo
// ... 2026.xlsx", and the same in plain ASCII for the clients that read
// only that ("bang-theo-doi-bao-cao-...-2026.xlsx").
func matrixFileName(r *tiendo.Round) (name, ascii string) {
	title := strings.Map(func(c rune) rune {
		// What Windows, macOS or a mail client will not take in a name.
		if c < 0x20 || c == 0x7f || strings.ContainsRune(`\/:*?"<>|`, c) {
			return ' '
		}
		return c
	}, vi.NFC(r.Title))
	title = strings.Join(strings.Fields(title), " ")
	if utf8.RuneCountInString(title) > 80 {
		title = strings.TrimSpace(string([]rune(title)[:80]))
	}
	if title == "" {
		title = "Đợt " + strconv.FormatInt(r.ID, 10)
	}
	name = "Bảng theo dõi - " + title + ".xlsx"
	var b strings.Builder
	dash := false
	for _, c := range vi.Fold(name[:len(name)-len(".xlsx")]) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	ascii = strings.TrimSuffix(b.String(), "-")
	if ascii == "" {
		ascii = "bang-theo-doi-dot-" + strconv.FormatInt(r.ID, 10)
	}
	return name, ascii + ".xlsx"
}

// attachmentDisposition is a Content-Disposition that gives a download its
// Vietnamese name where the browser reads RFC 6266's filename* (all of
// today's), and a plain ASCII name where it does not.
func attachmentDisposition(name, ascii string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		// RFC 5987's attr-char: everything else is percent-encoded.
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, b.String())
}

// matrixWorkbook is the spreadsheet of matrix m of round r, which shows
// m's rows of all the round's units, filtered as filter says and in order
// o, taken at now. own are the units of the round the office gave a
// deadline of their own (store.UnitDeadlines): when one of them is later
// than the round's, a "Hạn riêng" column gives it, with its reason, as the
// page says "gia hạn: ..." beside the unit.
func matrixWorkbook(r *tiendo.Round, m *watch.Matrix, all int, filter string, o watch.Order, own map[int64]store.UnitDeadline, now time.Time) document.Workbook {
	lines := []string{"Đợt báo cáo: " + r.Title}
	if doc := directiveLine(r); doc != "" {
		lines = append(lines, doc)
	}
	if r.Subject != "" {
		lines = append(lines, "Trích yếu: "+r.Subject)
	}
	due := "Hạn gửi báo cáo: " + deadlinePhrase(r.Deadline)
	if !r.OriginalDeadline.IsZero() {
		due += " (đã gia hạn, hạn ban đầu " + deadlinePhrase(r.OriginalDeadline) + ")"
	}
	lines = append(lines, due)
	shown := fmt.Sprintf("Gồm %d/%d đơn vị được yêu cầu báo cáo", len(m.Rows), all)
	if filter != "" {
		shown += ", lọc theo " + filter
	}
	lines = append(lines, shown+"; xếp "+o.Label()+". Số liệu lúc "+formatDateTime(now)+".")

	header := []string{"STT", "Đơn vị", "Trạng thái báo cáo", "Gửi lúc", "Đúng hạn/Quá hạn"}
	widths := []float64{5, 40, 17, 17, 15}
	extended := false
	for _, d := range own {
		extended = extended || d.Extended()
	}
	if extended {
		header, widths = append(header, "Hạn riêng"), append(widths, 30)
	}
	for _, l := range m.Labels {
		header = append(header, "NV "+l)
		widths = append(widths, float64(max(9, utf8.RuneCountInString(l)+5)))
	}
	across := 0.0
	for _, w := range widths {
		across += w
	}
	rows := make([][]document.Cell, 0, len(m.Rows))
	for i, row := range m.Rows {
		when, timely := "", "Chưa gửi"
		if !row.SentAt.IsZero() {
			when, timely = formatDateTime(row.SentAt), "Đúng hạn"
			if row.Late {
				timely = "Quá hạn"
			}
		}
		cells := []document.Cell{document.Number(float64(i + 1)), document.Text(row.Unit.Name),
			document.Text(row.State.Label()), document.Text(when), document.Text(timely)}
		if extended {
			text := ""
			if d, ok := own[row.Unit.ID]; ok && d.Extended() {
				text = deadlinePhrase(d.Deadline)
				if d.Reason != "" {
					text += " (lý do: " + d.Reason + ")"
				}
			}
			cells = append(cells, document.Text(text))
		}
		for _, c := range row.Cells {
			text := ""
			if c.Role != "" {
				text = c.State.Label()
				if c.Role == tiendo.Support {
					text += " (phối hợp)"
				}
			}
			cells = append(cells, document.Text(text))
		}
		rows = append(rows, cells)
	}
	// The columns say "NV 4": under the table, what each task is.
	notes := []string{"Các nhiệm vụ:"}
	for i, t := range m.Tasks {
		if i < len(m.Labels) {
			notes = append(notes, "NV "+m.Labels[i]+": "+t.Text)
		}
	}
	return document.Workbook{Name: "Theo dõi", Lines: lines, Notes: notes, Across: across, Landscape: true, At: now,
		Table: document.Table{Title: "BẢNG THEO DÕI TÌNH HÌNH GỬI BÁO CÁO", Header: header, Widths: widths, Rows: rows}}
}

// directiveLine names the directive a round comes from, as running text
// cites it: "Văn bản: Số 123/UBND-VP ngày 01/6/2022 của UBND huyện Hữu
// Lũng" (the date as the report writes it, document.ShortDate; the issuer
// in sentence form, consolidate.IssuerName), or "" when the round records
// none of it.
func directiveLine(r *tiendo.Round) string {
	var parts []string
	if r.DocNumber != "" || r.DocSymbol != "" {
		num := r.DocNumber
		if r.DocSymbol != "" {
			if num == "" {
				num = "…" // not numbered yet: the symbol alone read as the number
			}
			num += "/" + r.DocSymbol
		}
		parts = append(parts, "Số "+num)
	}
	if d, err := time.ParseInLocation("2006-1-2", r.DocDate, tiendo.Zone); err == nil {
		parts = append(parts, "ngày "+document.ShortDate(d))
	} else if d, err := time.ParseInLocation("2006-1", r.DocDate, tiendo.Zone); err == nil {
		parts = append(parts, fmt.Sprintf("tháng %d/%d", int(d.Month()), d.Year()))
	}
	if is := consolidate.IssuerName(r.Issuer); is != "" {
		parts = append(parts, "của "+is)
	}
	if len(parts) == 0 {
		return ""
	}
	return "Văn bản: " + strings.Join(parts, " ")
}

// deadlinePhrase is a deadline in running text, its day as the report
// writes dates (document.ShortDate): "trước ngày 07/6/2022", "trước 17:00
// ngày 07/6/2022"; "chưa có" without one.
func deadlinePhrase(d time.Time) string {
	if d.IsZero() {
		return "chưa có"
	}
	d = d.In(tiendo.Zone)
	if d.Hour() == 0 && d.Minute() == 0 {
		return "trước ngày " + document.ShortDate(d)
	}
	return "trước " + d.Format("15:04") + " ngày " + document.ShortDate(d)
}
