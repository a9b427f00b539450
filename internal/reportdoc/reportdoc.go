// Package reportdoc joins the store to the consolidated report: it gathers a
// round's reports into the input package consolidate drafts from, and turns
// a consolidated report (draft or issued) into its DOCX, PDF and XLSX files
// through package document. The pages and the API both use it, so a draft
// downloaded from either is the same file.
package reportdoc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/document"
	"tiendo/internal/store"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

// Input loads everything round roundID's consolidated report is drafted
// from, as user u may see it.
func Input(ctx context.Context, st *store.Store, u *tiendo.User, roundID int64) (consolidate.Input, error) {
	return input(ctx, st, u, roundID, true)
}

// docInput is Input for laying out a report already drafted (build): the
// document takes its text from the report's parts, and of the units'
// reports only which ones count (consolidate.MetaFor and
// consolidate.IndicatorRows read no report's text), so the reports are
// given without their sections, from the round's report states, rather
// than read whole, unit by unit (for a province, 3,321 reports and 25 MB of
// text). TestDocInputLaysOutAsInput holds the two to the same document.
func docInput(ctx context.Context, st *store.Store, u *tiendo.User, roundID int64) (consolidate.Input, error) {
	return input(ctx, st, u, roundID, false)
}

// input is Input, with the reports read whole when texts is set, or only
// their states otherwise (docInput).
func input(ctx context.Context, st *store.Store, u *tiendo.User, roundID int64, texts bool) (consolidate.Input, error) {
	if tiendo.ScopeOf(u, tiendo.ActionReadReport) != tiendo.ScopeAll {
		return consolidate.Input{}, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng và lãnh đạo được lập báo cáo tổng hợp.")
	}
	round, err := st.Round(ctx, u, roundID)
	if err != nil {
		return consolidate.Input{}, err
	}
	units, err := st.Units(ctx)
	if err != nil {
		return consolidate.Input{}, err
	}
	byID := make(map[int64]*tiendo.Unit, len(units))
	for _, x := range units {
		byID[x.ID] = x
	}
	// Units under another asked unit report through it: the office drafts
	// from the units that report to it directly.
	round = watch.OfficeView(round, units)
	asked := make(map[int64]bool, len(round.UnitIDs))
	for _, id := range round.UnitIDs {
		asked[id] = true
	}
	var reports []*tiendo.UnitReport
	if texts {
		if reports, err = st.RoundReports(ctx, round); err != nil {
			return consolidate.Input{}, err
		}
	}
	raw, err := st.ReportStates(ctx, roundID)
	if err != nil {
		return consolidate.Input{}, err
	}
	if !texts {
		// The reports RoundReports would give (those that count, of the
		// units asked), as their states have them.
		for _, id := range round.UnitIDs {
			if s := raw[id]; s != nil && s.Status.Sent() {
				reports = append(reports, &tiendo.UnitReport{RoundID: roundID, UnitID: id, Status: s.Status, Version: s.Version,
					SubmittedAt: s.SubmittedAt, Late: s.Late, UpdatedAt: s.UpdatedAt})
			}
		}
	}
	states := make(map[int64]watch.State, len(raw))
	// The report is the body running tiendo's, whoever issued the round's
	// directive; until the administrator sets that body, the round's issuer
	// stands in for it (and the report's page says so).
	own, err := st.OwnIssuer(ctx)
	if err != nil {
		return consolidate.Input{}, err
	}
	in := consolidate.Input{Round: round, Units: byID, Reports: reports, Issuer: round.Issuer, Place: own.Place, Now: st.Clock()}
	if own.Name != "" {
		in.Issuer = own.Name
	}
	if round.Source == "" {
		if in.Earlier, err = st.EarlierSource(ctx, roundID); err != nil {
			return consolidate.Input{}, err
		}
	}
	for _, x := range units { // late, missing and returned units in Vietnamese order
		s, ok := raw[x.ID]
		if !ok || !asked[x.ID] {
			continue
		}
		states[x.ID] = watch.State{Status: s.Status, SubmittedAt: s.SubmittedAt, Late: s.Late}
		switch {
		case s.SubmittedAt.IsZero():
			in.Missing = append(in.Missing, x.ID)
		case !s.Status.Sent(): // came, and is back with the unit for revision
			in.Returned = append(in.Returned, x.ID)
		case s.Late:
			in.Late = append(in.Late, x.ID)
		}
	}
	actuals, err := st.RoundActuals(ctx, roundID)
	if err != nil {
		return consolidate.Input{}, err
	}
	wa := make([]watch.Actual, len(actuals))
	for i, a := range actuals {
		wa[i] = watch.Actual{UnitID: a.UnitID, TargetID: a.TargetID, Value: a.Value, SamePeriod: a.SamePeriod}
	}
	if in.Window, _, err = st.RoundWindow(ctx, round); err != nil {
		return consolidate.Input{}, err
	}
	in.Targets = watch.Targets(round, in.Window, wa, states, st.Clock())
	return in, nil
}

// Parts converts the drafted sections into the stored parts.
func Parts(sections []consolidate.Section) []tiendo.ReportPart {
	out := make([]tiendo.ReportPart, len(sections))
	for i, s := range sections {
		out[i] = tiendo.ReportPart{Key: s.Key, Heading: s.Heading, Text: s.Text}
	}
	return out
}

func sections(parts []tiendo.ReportPart) []consolidate.Section {
	out := make([]consolidate.Section, len(parts))
	for i, p := range parts {
		out[i] = consolidate.Section{Key: p.Key, Heading: p.Heading, Text: p.Text}
	}
	return out
}

// Signer is who signs the issued report and the authority they sign with.
type Signer struct {
	Authority []string `json:"authority"` // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
	Title     string   `json:"title"`     // "PHÓ CHỦ TỊCH"
	Name      string   `json:"name"`
}

// DefaultSigner is the usual signature of a district's report to the Party
// committee: a vice chairman signing for the chairman.
func DefaultSigner(name string) Signer {
	return Signer{Authority: []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"}, Title: "PHÓ CHỦ TỊCH", Name: name}
}

// Symbol is the consolidated report's symbol: "BC-" and the issuer's short form.
const Symbol = "BC-UBND"

// Meta describes the document around the content: who issues it, its
// number and date (zero while a draft), the signer and the distribution,
// starting from what consolidate proposes for the round.
func Meta(in consolidate.Input, c *tiendo.Document, number int, date time.Time, signer Signer) consolidate.Meta {
	m := consolidate.MetaFor(in)
	m.Symbol, m.Date, m.Drafted = Symbol, date, c.UpdatedAt
	if c.Subject != "" {
		m.Subject = c.Subject
	}
	if number > 0 {
		m.Number = fmt.Sprint(number)
	}
	if len(signer.Authority) > 0 || signer.Title != "" || signer.Name != "" {
		m.Signer = document.Signer{Authority: signer.Authority, Title: signer.Title, Name: signer.Name}
	}
	return m
}

// Files renders the consolidated report as DOCX and PDF, and its indicator
// table as XLSX; ModelFile holds the document they were drawn from.
func Files(in consolidate.Input, c *tiendo.Document, meta consolidate.Meta) (map[string][]byte, error) {
	doc, table := build(in, c, meta)
	return render(doc, &table)
}

// build lays the consolidated report out as a document, with its indicator
// table.
func build(in consolidate.Input, c *tiendo.Document, meta consolidate.Meta) (*document.Document, document.Table) {
	l := &Layout{meta: meta, table: indicatorTable(in), draft: unapproved(c)}
	doc, table := l.Document(c), l.table
	// The spreadsheet goes out as a file of its own: it names its report.
	table.Attached = document.AttachedTo(doc)
	return doc, table
}

// attachedTable is the indicator table as build gives it, without laying
// the report's text out: the line that names its report
// (document.AttachedTo) reads only the page around the text (meta), and a
// province's text is 25 MB.
func attachedTable(in consolidate.Input, meta consolidate.Meta) document.Table {
	table := indicatorTable(in)
	table.Attached = document.AttachedTo(consolidate.ToDocument(meta, nil, table))
	return table
}

// indicatorTable is the report's indicator table.
func indicatorTable(in consolidate.Input) document.Table {
	return document.IndicatorTable("BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", consolidate.IndicatorRows(in))
}

// unapproved reports whether c is still a draft or waits for the leader:
// its files then carry "DỰ THẢO" (document.Document.DraftMark).
func unapproved(c *tiendo.Document) bool {
	return c.Status == tiendo.DocDraft || c.Status == tiendo.DocPending
}

// ModelFile is the kind of the issued file that keeps, as JSON, the
// document.Document the DOCX and PDF were drawn from, so that a view of an
// issued document (the print view) shows what was frozen, not what today's
// data would give. It is not offered for download.
const ModelFile = "json"

// writers writes each kind of file: the document as DOCX, PDF and its
// model, the indicator table as XLSX. Each kind is written alone, so that
// a download renders only the file asked for: a province's PDF takes
// seconds, and its spreadsheet is 7 KB.
var writers = map[string]func(b *bytes.Buffer, doc *document.Document, table *document.Table) error{
	"docx": func(b *bytes.Buffer, doc *document.Document, _ *document.Table) error {
		return document.WriteDOCX(b, doc)
	},
	"pdf": func(b *bytes.Buffer, doc *document.Document, _ *document.Table) error {
		return document.WritePDF(b, doc)
	},
	ModelFile: func(b *bytes.Buffer, doc *document.Document, _ *document.Table) error {
		return json.NewEncoder(b).Encode(doc)
	},
	"xlsx": func(b *bytes.Buffer, _ *document.Document, table *document.Table) error {
		return document.WriteXLSX(b, *table)
	},
}

// render writes doc as DOCX and PDF, and table, when given, as XLSX; the
// model goes with them.
func render(doc *document.Document, table *document.Table) (map[string][]byte, error) {
	out := map[string][]byte{}
	for kind := range writers {
		if kind == "xlsx" && table == nil {
			continue
		}
		data, err := renderOne(doc, table, kind)
		if err != nil {
			return nil, err
		}
		out[kind] = data
	}
	return out, nil
}

// renderOne writes the file of kind alone, as render writes it.
func renderOne(doc *document.Document, table *document.Table, kind string) ([]byte, error) {
	write, ok := writers[kind]
	if !ok || (kind == "xlsx" && table == nil) {
		return nil, fmt.Errorf("reportdoc: no %s file of this document", kind)
	}
	var b bytes.Buffer
	if err := write(&b, doc, table); err != nil {
		return nil, fmt.Errorf("reportdoc: %s: %w", kind, err)
	}
	return b.Bytes(), nil
}

// checkSigner refuses to issue without the signer's title and name.
func checkSigner(signer Signer) error {
	if strings.TrimSpace(signer.Name) == "" || strings.TrimSpace(signer.Title) == "" {
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy ghi chức vụ và họ tên người ký.",
			Fields: map[string]string{"signer_name": "Hãy ghi họ tên người ký.", "signer_title": "Hãy ghi chức vụ người ký."}}
	}
	return nil
}

// registerSeries is the outgoing register's series for an issuer: one per
// issuing body, whatever the document.
func registerSeries(issuer string) string {
	if issuer == "" {
		return "UBND"
	}
	return issuer
}

// ContentTypes maps a file kind to its media type.
var ContentTypes = map[string]string{
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"pdf":  "application/pdf",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// FileName is the name a download of document c (either kind) is saved
// under, the same from the pages and the API: once issued, the number as
// the register writes it, the symbol and the year, as the register's
// numbers run per year ("bao-cao-tong-hop-so-01-BC-UBND-2026.docx",
// "cong-van-so-02-UBND-VP-2026.pdf"); before that, the draft's round
// ("du-thao-bao-cao-tong-hop-dot-7.docx"). ASCII only: diacritics
// folded, đ as d, anything else that is not a letter or digit a hyphen.
func FileName(c *tiendo.Document, kind string) string {
	what := "bao-cao-tong-hop"
	if c.Kind == tiendo.DocDirective {
		what = "cong-van"
	}
	if c.Status != tiendo.DocIssued {
		return fmt.Sprintf("du-thao-%s-dot-%d.%s", what, c.RoundID, kind)
	}
	name := fmt.Sprintf("%s-so-%02d-%s", what, c.Number, asciiName(c.Symbol))
	if !c.IssuedAt.IsZero() {
		name += fmt.Sprintf("-%d", c.IssuedAt.In(tiendo.Zone).Year())
	}
	return name + "." + kind
}

// asciiName writes s in ASCII for a file name, keeping its case: "QĐ-UBND"
// is "QD-UBND"; a run of anything but letters and digits is one hyphen.
func asciiName(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range vi.NFC(s) {
		f := vi.FoldRune(r)
		if f < 0 {
			continue
		}
		if f >= utf8.RuneSelf || !(unicode.IsLetter(f) || unicode.IsDigit(f)) {
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		if unicode.IsUpper(r) {
			f = unicode.ToUpper(f)
		}
		b.WriteRune(f)
	}
	return b.String()
}

// PartField is the name of part i's text in the API's body, for the
// message CheckFilled gives beside it.
func PartField(i int) string { return fmt.Sprintf("parts[%d].text", i) }

// Issue issues round id's approved consolidated report signed by signer:
// the files are rendered inside the issuing transaction, with the number
// the register gives and today's date.
func Issue(ctx context.Context, st *store.Store, u *tiendo.User, a store.Actor, id int64, version int, signer Signer) (*tiendo.Document, error) {
	if err := checkSigner(signer); err != nil {
		return nil, err
	}
	in, err := docInput(ctx, st, u, id)
	if err != nil {
		return nil, err
	}
	c, err := st.Doc(ctx, u, id, tiendo.DocReport)
	if err != nil {
		return nil, err
	}
	if c.Status == tiendo.DocApproved && c.Version == version {
		// The text IssueDoc freezes, at the version it checks: approved
		// before parts could not be left empty, it goes back to be
		// filled in.
		if err := consolidate.CheckFilled(in.Round, c.Parts, consolidate.StepIssue, PartField); err != nil {
			return nil, err
		}
	}
	return st.IssueDoc(ctx, a, u, id, tiendo.DocReport, version, store.Issue{
		Issuer: registerSeries(in.Issuer), Symbol: Symbol, DocType: "BC", Signer: signer.Name,
		Render: func(number int, date time.Time) (map[string][]byte, error) {
			return Files(in, c, Meta(in, c, number, date, signer))
		},
	})
}

// File returns one file ("docx", "pdf", "xlsx") of round id's consolidated
// report: the frozen one once issued, the draft rendered now before that,
// that file alone (DraftFile). The report comes with it as read, without
// its text (store.DocHead) when the file needs none.
func File(ctx context.Context, st *store.Store, u *tiendo.User, id int64, kind string) ([]byte, *tiendo.Document, error) {
	if ContentTypes[kind] == "" {
		return nil, nil, tiendo.Errorf(tiendo.ENOTFOUND, "Không có định dạng %q; chọn docx, pdf hoặc xlsx.", kind)
	}
	// Without its text first: an issued report's file is kept whole, and
	// a province's text is 25 MB.
	c, err := st.DocHead(ctx, u, id, tiendo.DocReport)
	if err != nil {
		return nil, nil, err
	}
	if c.Status != tiendo.DocIssued && kind != "xlsx" { // the spreadsheet has none of the text
		if c, err = st.Doc(ctx, u, id, tiendo.DocReport); err != nil {
			return nil, nil, err
		}
	}
	if c.Status == tiendo.DocIssued { // issued, perhaps since its head was read
		data, err := st.IssuedFile(ctx, u, id, tiendo.DocReport, kind)
		return data, c, err
	}
	data, _, err := DraftFile(ctx, st, u, c, kind)
	if err != nil {
		return nil, nil, err
	}
	return data, c, nil
}

// DraftFile renders the file of kind ("docx", "pdf", "xlsx") of report c,
// not issued, as read with its text (store.Doc; the spreadsheet, which has
// none of it, takes c without, store.DocHead), from today's data as u may
// see it: the file File gives of it, that file alone. signer is the name
// it is signed with (an approved draft's approver), for a caller that
// keeps the file under the name it read before (the web's fileCache).
func DraftFile(ctx context.Context, st *store.Store, u *tiendo.User, c *tiendo.Document, kind string) (data []byte, signer string, err error) {
	if ContentTypes[kind] == "" {
		return nil, "", tiendo.Errorf(tiendo.ENOTFOUND, "Không có định dạng %q; chọn docx, pdf hoặc xlsx.", kind)
	}
	if c.Status == tiendo.DocIssued || (c.Parts == nil && kind != "xlsx") {
		return nil, "", fmt.Errorf("reportdoc: report %d is issued, or read without its text", c.ID)
	}
	in, err := docInput(ctx, st, u, c.RoundID)
	if err != nil {
		return nil, "", err
	}
	meta := Meta(in, c, 0, time.Time{}, draftSigner(ctx, st, c))
	var doc *document.Document
	var table document.Table
	if kind == "xlsx" {
		table = attachedTable(in, meta)
	} else {
		doc, table = build(in, c, meta)
	}
	if data, err = renderOne(doc, &table, kind); err != nil {
		return nil, "", err
	}
	return data, meta.Signer.Name, nil
}

// Model returns round id's consolidated report as the document its files
// are drawn from, for a view that shows what they show: once issued, the one
// frozen with the files; before that, the draft as File renders it now, with
// the number and date left blank. rebuilt is true for a report issued before
// the model was frozen with its files: it is then drawn again from today's
// data, with the register's number, date and signer's name under the usual
// authority, and may differ from the files.
func Model(ctx context.Context, st *store.Store, u *tiendo.User, id int64) (doc *document.Document, c *tiendo.Document, rebuilt bool, err error) {
	if c, err = st.Doc(ctx, u, id, tiendo.DocReport); err != nil {
		return nil, nil, false, err
	}
	doc, rebuilt, err = ModelOf(ctx, st, u, c)
	if err != nil {
		return nil, nil, false, err
	}
	return doc, c, rebuilt, nil
}

// ModelOf is Model for the report c, as the caller has just read it from
// the store (store.Doc, as u), rather than read it again: a province's
// report is 25 MB of text.
func ModelOf(ctx context.Context, st *store.Store, u *tiendo.User, c *tiendo.Document) (doc *document.Document, rebuilt bool, err error) {
	if c.Status == tiendo.DocIssued {
		data, err := st.IssuedFile(ctx, u, c.RoundID, tiendo.DocReport, ModelFile)
		if err == nil {
			doc = new(document.Document)
			if err := json.Unmarshal(data, doc); err != nil {
				return nil, false, fmt.Errorf("reportdoc: the frozen model of report %d: %w", c.ID, err)
			}
			return doc, false, nil
		}
		if tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
			return nil, false, err
		}
	}
	l, err := LayoutOf(ctx, st, u, c)
	if err != nil {
		return nil, false, err
	}
	return l.Document(c), l.Rebuilt, nil
}

// Layout is what report c's document is drawn from besides the text of its
// parts, from today's data: the page around the text (issuer, place, date
// line, subject, signature, distribution), the indicator table, and the
// "DỰ THẢO" mark. It is small, and cheap to read (docInput); the document
// is Document(c), a function of the layout and c's parts alone. So two
// readings of the same version of c whose layouts are Same give the same
// document: a page that has laid the document out may show it again
// without laying it out again, whatever else changed in the store.
type Layout struct {
	meta  consolidate.Meta
	table document.Table
	draft bool
	// Rebuilt is true for a report issued before its model was frozen
	// with its files (Model).
	Rebuilt bool
}

// LayoutOf reads the layout of report c, as u may see it, from today's
// data: a draft's, or an issued report's drawn again (Rebuilt). An issued
// report's document is the model frozen with its files: ModelOf gives it.
func LayoutOf(ctx context.Context, st *store.Store, u *tiendo.User, c *tiendo.Document) (*Layout, error) {
	in, err := docInput(ctx, st, u, c.RoundID)
	if err != nil {
		return nil, err
	}
	l := &Layout{meta: Meta(in, c, 0, time.Time{}, draftSigner(ctx, st, c)), draft: unapproved(c)}
	if c.Status == tiendo.DocIssued {
		l.meta, l.Rebuilt = Meta(in, c, c.Number, c.IssuedAt, DefaultSigner(c.Signer)), true
		l.meta.Symbol = c.Symbol
	}
	l.table = indicatorTable(in)
	return l, nil
}

// Document lays report c out with l, its layout (LayoutOf(c)).
func (l *Layout) Document(c *tiendo.Document) *document.Document {
	doc := consolidate.ToDocument(l.meta, sections(c.Parts), l.table)
	doc.DraftMark = l.draft
	return doc
}

// Same reports whether l and o lay a report's text out alike.
func (l *Layout) Same(o *Layout) bool {
	return l != nil && o != nil && reflect.DeepEqual(*l, *o)
}

// draftSigner is the signature of an unissued report: the approving
// leader's name once it is approved (approving is consenting to sign, and
// the leader sees who will sign before it goes out), else none yet.
func draftSigner(ctx context.Context, st *store.Store, c *tiendo.Document) Signer {
	if c.Status != tiendo.DocApproved || c.ApprovedBy == 0 {
		return DefaultSigner("")
	}
	leader, err := st.User(ctx, c.ApprovedBy)
	if err != nil {
		return DefaultSigner("")
	}
	return DefaultSigner(leader.FullName)
}
