package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
)

// printRound is a round of a district's People's Committee with a target,
// so that its consolidated report has a place name and an indicator table.
func printRound(t *testing.T, x *app) *tiendo.Round {
	t.Helper()
	r := &tiendo.Round{Title: "Báo cáo nhiệm vụ trọng tâm 6 tháng", Issuer: "Ủy ban nhân dân huyện Hữu Lũng", Status: tiendo.RoundOpen,
		Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Nâng cao chỉ số cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}},
			{Label: "2", Text: "Giảm số vụ phạm pháp hình sự 5% trở lên", Assignees: []tiendo.Assignee{{UnitID: x.b.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "giảm 5% trở lên", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", Direction: "decrease"}}},
		}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return r
}

// draftReport has the office draft round r's consolidated report on its
// page, as the button does.
func draftReport(t *testing.T, x *app, office *http.Client, r *tiendo.Round) {
	t.Helper()
	resp := x.post(office, "/rounds/"+itoa(r.ID)+"/consolidated/new", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("draft: %d", resp.StatusCode)
	}
}

// issueReport drafts round r's report, has it sent and approved, and issues
// it on the page with a vice chairman's signature.
func issueReport(t *testing.T, x *app, office *http.Client, r *tiendo.Round) *tiendo.Document {
	t.Helper()
	ctx := context.Background()
	draftReport(t, x, office, r)
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	ld, _ := x.st.UserByUsername(ctx, "lanhdao")
	c, err := x.st.Doc(ctx, vp, r.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	if c, err = x.st.ActOnDoc(ctx, store.Actor{}, vp, r.ID, tiendo.DocReport, store.DocSend, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	if c, err = x.st.ActOnDoc(ctx, store.Actor{UserID: ld.ID}, ld, r.ID, tiendo.DocReport, store.DocApprove, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	// The office's home page says what waits for it.
	if _, home := x.get(office, "/"); !strings.Contains(home, "Văn bản chờ Văn phòng xử lý (1)") || !strings.Contains(home, "lãnh đạo đã duyệt, chờ cấp số và ban hành") {
		t.Errorf("the office's home page does not show the approved report waiting to be issued")
	}
	resp := x.post(office, "/rounds/"+itoa(r.ID)+"/consolidated", url.Values{"version": {itoa(int64(c.Version))}, "op": {"issue"}, "confirm_issue": {"1"},
		"signer_authority": {"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"}, "signer_title": {"PHÓ CHỦ TỊCH"}, "signer_name": {"Hoàng Văn Minh"}})
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=issued") {
		t.Fatalf("issue: %d %s", resp.StatusCode, loc)
	}
	if c, err = x.st.Doc(ctx, vp, r.ID, tiendo.DocReport); err != nil || c.Status != tiendo.DocIssued {
		t.Fatalf("issued report: %+v %v", c, err)
	}
	return c
}

// docxParagraphs is the text of every non-empty paragraph of a DOCX's body,
// table cells included, with runs of spaces as one, after those of its
// first page's header (a draft's "DỰ THẢO").
func docxParagraphs(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var first, body []byte
	for _, f := range zr.File {
		switch f.Name {
		case "word/headerTiendoFirst.xml":
			rc, _ := f.Open()
			first, _ = io.ReadAll(rc)
			rc.Close()
		case "word/document.xml":
			rc, _ := f.Open()
			body, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	dec := xml.NewDecoder(io.MultiReader(bytes.NewReader(first), bytes.NewReader(body)))
	var out []string
	var cur strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("word/document.xml: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
			if tok.Name.Local == "p" {
				cur.Reset()
			}
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		case xml.EndElement:
			inText = false
			if tok.Name.Local == "p" {
				if s := squeeze(cur.String()); s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

var (
	sheetRE = regexp.MustCompile(`(?s)<article class="sheet[ "].*?</article>`)
	lineRE  = regexp.MustCompile(`(?s)<(p|td|th|caption)\b[^>]*>(.*?)</(?:p|td|th|caption)>`)
	tagRE   = regexp.MustCompile(`<[^>]*>`)
)

// sheetParagraphs is the text of every line of the page's sheet, as
// docxParagraphs gives a DOCX's: a <br> parts two lines.
func sheetParagraphs(t *testing.T, page string) []string {
	t.Helper()
	sheet := sheetRE.FindString(page)
	if sheet == "" {
		t.Fatalf("no sheet on the page:\n%s", page)
	}
	var out []string
	for _, m := range lineRE.FindAllStringSubmatch(sheet, -1) {
		for _, line := range strings.Split(m[2], "<br>") {
			if s := squeeze(html.UnescapeString(tagRE.ReplaceAllString(line, ""))); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// sameLines fails unless the sheet and the DOCX have the same lines, in the
// same order.
func sameLines(t *testing.T, what string, sheet, docx []string) {
	t.Helper()
	if slices.Equal(sheet, docx) {
		return
	}
	for i := range max(len(sheet), len(docx)) {
		var s, d string
		if i < len(sheet) {
			s = sheet[i]
		}
		if i < len(docx) {
			d = docx[i]
		}
		if s != d {
			t.Errorf("%s: line %d of the sheet is %q, of the DOCX %q (%d and %d lines)", what, i+1, s, d, len(sheet), len(docx))
			return
		}
	}
}

// The print view of an issued report is the page its DOCX and PDF have:
// header, number and date line, roman-numbered parts, the indicator table,
// "Nơi nhận:" and the signature, line for line as the frozen DOCX; and it
// stays so when the data change after issuing.
func TestConsolidatedPrintIssued(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office := x.login("vanphong")
	r := printRound(t, x)
	c := issueReport(t, x, office, r)

	code, page := x.get(x.login("huyenuy"), "/rounds/"+itoa(r.ID)+"/consolidated/print")
	if code != http.StatusOK {
		t.Fatalf("print view: %d\n%s", code, page)
	}
	lines := sheetParagraphs(t, page)
	reader, _ := x.st.UserByUsername(ctx, "huyenuy")
	docx, err := x.st.IssuedFile(ctx, reader, r.ID, tiendo.DocReport, "docx")
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "issued", lines, docxParagraphs(t, docx))

	date := c.IssuedAt.In(tiendo.Zone)
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN", "HUYỆN HỮU LŨNG", "Số: 01/BC-UBND",
		"Hữu Lũng, ngày " + date.Format("02") + " tháng " + map[bool]string{true: "0", false: ""}[date.Month() < 3] + itoa(int64(date.Month())) + " năm " + itoa(int64(date.Year())),
		"BÁO CÁO", c.Subject, "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM",
		"Chỉ tiêu", "Chưa có số liệu",
		"Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Minh",
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("the print view lacks the line %q:\n%q", want, lines)
		}
	}
	if !strings.Contains(strings.Join(lines, "\n"), "\n- Lưu: VT, VP.") {
		t.Errorf("the print view has no file copy in Nơi nhận:\n%q", lines)
	}
	if slices.Contains(lines, "DỰ THẢO") {
		t.Error("the issued report is marked DỰ THẢO")
	}
	if !strings.Contains(page, `<table class="sheet-table">`) || !strings.Contains(page, `class="sheet-h1"`) {
		t.Error("the print view has no indicator table or no part headings")
	}

	// A unit reports after issuing: the report as drafted now would count
	// it, the issued one does not, and neither does its print view.
	cah := &tiendo.User{Role: tiendo.RoleReporter, UnitID: x.b.ID}
	rep, err := x.st.Report(ctx, cah, r.ID, x.b.ID)
	if err != nil {
		t.Fatal(err)
	}
	v := 6.0
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", "Số vụ phạm pháp hình sự giảm 6%."
		for i := range sec.Actuals {
			sec.Actuals[i].Value = &v
		}
	}
	if err := x.st.SaveReport(ctx, store.Actor{}, cah, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, cah, r.ID, x.b.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	in, err := reportdoc.Input(ctx, x.st, reader, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rows := consolidate.IndicatorRows(in); len(rows) != 1 || rows[0].Actual == nil {
		t.Fatalf("the unit's figure does not reach the report's data: %+v", rows)
	}
	_, page = x.get(office, "/rounds/"+itoa(r.ID)+"/consolidated/print")
	sameLines(t, "issued, after a unit reported", sheetParagraphs(t, page), docxParagraphs(t, docx))
}

// A draft prints as the draft's DOCX does: no number, the blanks of the
// date, the usual signature without a name; the screen says it is a draft.
func TestConsolidatedPrintDraft(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	r := printRound(t, x)
	draftReport(t, x, office, r)
	code, page := x.get(office, "/rounds/"+itoa(r.ID)+"/consolidated/print")
	if code != http.StatusOK {
		t.Fatalf("print view: %d", code)
	}
	resp, err := office.Get(x.srv.URL + "/rounds/" + itoa(r.ID) + "/consolidated/file/docx")
	if err != nil {
		t.Fatal(err)
	}
	docx, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	lines := sheetParagraphs(t, page)
	sameLines(t, "draft", lines, docxParagraphs(t, docx))
	// The day is blank; the month and year are the draft's (Decree 30).
	now := time.Now().In(tiendo.Zone)
	month := fmt.Sprint(int(now.Month()))
	if now.Month() <= 2 {
		month = fmt.Sprintf("%02d", int(now.Month()))
	}
	for _, want := range []string{"DỰ THẢO", "Số: /BC-UBND", fmt.Sprintf("Hữu Lũng, ngày tháng %s năm %d", month, now.Year()), "TM. ỦY BAN NHÂN DÂN"} {
		if !slices.Contains(lines, want) {
			t.Errorf("the draft's print view lacks %q:\n%q", want, lines)
		}
	}
	// The blanks keep their width, as in the PDF.
	if !strings.Contains(page, "Số:       /BC-UBND") {
		t.Error("the draft's number line lost its blank")
	}
	if !strings.Contains(page, `class="sheet sheet-draft"`) || !strings.Contains(page, "<strong>Dự thảo</strong>") {
		t.Error("the print view does not say the report is a draft")
	}
}

// The consolidated page shows a leader the report as it prints: the sheet,
// not headings in the page's own large type.
func TestConsolidatedPreviewIsTheSheet(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office := x.login("vanphong")
	r := printRound(t, x)
	draftReport(t, x, office, r)
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	c, _ := x.st.Doc(ctx, vp, r.ID, tiendo.DocReport)
	if _, err := x.st.ActOnDoc(ctx, store.Actor{}, vp, r.ID, tiendo.DocReport, store.DocSend, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	code, page := x.get(x.login("lanhdao"), "/rounds/"+itoa(r.ID)+"/consolidated")
	if code != http.StatusOK {
		t.Fatalf("page: %d", code)
	}
	lines := sheetParagraphs(t, page)
	for _, want := range []string{"Số: /BC-UBND", "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "Chỉ tiêu"} {
		if !slices.Contains(lines, want) {
			t.Errorf("the preview lacks %q:\n%q", want, lines)
		}
	}
	if preview := sheetRE.FindString(page); strings.Contains(preview, "<h2") || strings.Contains(preview, "<h3") {
		t.Error("the preview sets its headings as the page's headings")
	}
	// The office sees it too once the report has left its hands.
	if _, p := x.get(office, "/rounds/"+itoa(r.ID)+"/consolidated"); !strings.Contains(p, `class="sheet-preview"`) {
		t.Error("the office does not see the preview of a report sent for approval")
	}
}

// The stylesheet prints the sheet on A4 in a serif type, without the menu.
func TestPrintStyles(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	_, page := x.get(x.login("vanphong"), "/")
	href := regexp.MustCompile(`href="(/static/css/app\.[0-9a-f]+\.css)"`).FindStringSubmatch(page)
	if href == nil {
		t.Fatal("no app.css on the page")
	}
	_, css := x.get(x.client(), href[1])
	for _, want := range []string{"@page sheet", "size: A4", "margin: 20mm 15mm 20mm 30mm", "@top-center { content: counter(page)",
		`.sheet { page: sheet;`, `"Times New Roman", "Liberation Serif", serif; font-size: 14pt`, "@media print", "body > header"} {
		if !strings.Contains(css, want) {
			t.Errorf("app.css lacks %q", want)
		}
	}
}

// A report issued before its model was kept with its files is drawn again
// from today's data, with the register's number, date and signer, and the
// screen says so.
func TestConsolidatedPrintOfAnOlderIssue(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office := x.login("vanphong")
	r := printRound(t, x)
	draftReport(t, x, office, r)
	vp, _ := x.st.UserByUsername(ctx, "vanphong")
	ld, _ := x.st.UserByUsername(ctx, "lanhdao")
	c, _ := x.st.Doc(ctx, vp, r.ID, tiendo.DocReport)
	c, _ = x.st.ActOnDoc(ctx, store.Actor{}, vp, r.ID, tiendo.DocReport, store.DocSend, c.Version, "")
	c, _ = x.st.ActOnDoc(ctx, store.Actor{}, ld, r.ID, tiendo.DocReport, store.DocApprove, c.Version, "")
	older := store.Issue{Issuer: "UBND", Symbol: reportdoc.Symbol, DocType: "BC", Signer: "Hoàng Văn Minh",
		Render: func(int, time.Time) (map[string][]byte, error) {
			return map[string][]byte{"docx": []byte("x"), "pdf": []byte("x")}, nil
		}}
	if _, err := x.st.IssueDoc(ctx, store.Actor{}, vp, r.ID, tiendo.DocReport, c.Version, older); err != nil {
		t.Fatal(err)
	}
	code, page := x.get(office, "/rounds/"+itoa(r.ID)+"/consolidated/print")
	if code != http.StatusOK {
		t.Fatalf("print view: %d", code)
	}
	lines := sheetParagraphs(t, page)
	for _, want := range []string{"Số: 01/BC-UBND", "Hoàng Văn Minh", "Nơi nhận:"} {
		if !slices.Contains(lines, want) {
			t.Errorf("the print view lacks %q:\n%q", want, lines)
		}
	}
	if !strings.Contains(page, "được dựng lại từ số liệu hiện tại") {
		t.Error("the print view does not say it was drawn again")
	}
}
