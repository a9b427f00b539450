package reportdoc

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/document"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// docRound is a round of every shape the report's layout reads of the
// units' reports: a task twelve units lead (one row a target for all of
// them), one three lead (a row each, the unit named), one led by a unit
// with a supporting one, a unit under another asked unit (reporting
// through it), and reports submitted, accepted, returned (values saved,
// not counted), a draft with values, and none.
func docRound(t *testing.T, st *store.Store) (*tiendo.Round, *tiendo.User, []int64) {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	for i := range 14 {
		u := &tiendo.Unit{Code: fmt.Sprintf("xa%02d", i+1), Name: fmt.Sprintf("UBND xã số %d", i+1)}
		if i == 13 {
			u.ParentID = ids[0] // under xã số 1
		}
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	office := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	if err := st.CreateUser(ctx, store.Actor{}, office, "mật khẩu thử nghiệm"); err != nil {
		t.Fatal(err)
	}
	lead := func(ids ...int64) (as []tiendo.Assignee) {
		for _, id := range ids {
			as = append(as, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		return as
	}
	target := func(text string, v float64, unit string) []*tiendo.Target {
		return []*tiendo.Target{{Text: text, Comparator: tiendo.AtLeast, Value: v, Unit: unit}}
	}
	r := &tiendo.Round{Title: "Báo cáo 6 tháng", Issuer: "Ủy ban nhân dân huyện Hữu Lũng", Status: tiendo.RoundOpen,
		Deadline: time.Now().Add(48 * time.Hour), Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: time.Now().Year()}, UnitIDs: ids,
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Thu ngân sách", Assignees: lead(ids[:12]...), Targets: target("thu ngân sách đạt 100%", 100, "%")},
			{Label: "2", Text: "Xây dựng trường chuẩn", Assignees: lead(ids[0], ids[1], ids[2]), Targets: target("02 trường đạt chuẩn", 2, "trường")},
			{Label: "3", Text: "Giảm nghèo", Assignees: append(lead(ids[3]), tiendo.Assignee{UnitID: ids[4], Role: tiendo.Support}),
				Targets: target("giảm tỷ lệ hộ nghèo 3%", 3, "%")},
			{Label: "4", Text: "Cải cách hành chính", Assignees: lead(ids[13])},
		}}
	if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	fill := func(i int, submit bool) int {
		t.Helper()
		reporter := &tiendo.User{Role: tiendo.RoleReporter, UnitID: ids[i]}
		rep, err := st.Report(ctx, reporter, r.ID, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		v := float64(i + 1)
		for _, sec := range rep.Sections {
			sec.Status, sec.ResultVsPlan = "on_track", fmt.Sprintf("Xã số %d đã làm.", i+1)
			for j := range sec.Actuals {
				sec.Actuals[j].Value = &v
			}
		}
		for k := range rep.Contributions {
			rep.Contributions[k].Text = "Phối hợp tuyên truyền."
		}
		if err := st.SaveReport(ctx, store.Actor{}, reporter, rep); err != nil {
			t.Fatal(err)
		}
		if !submit {
			return rep.Version
		}
		sent, err := st.ActOnReport(ctx, store.Actor{}, reporter, r.ID, ids[i], store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true})
		if err != nil {
			t.Fatal(err)
		}
		return sent.Version
	}
	versions := map[int]int{}
	for i := range 9 {
		versions[i] = fill(i, true)
	}
	fill(9, false) // a draft with values
	fill(13, true) // under xã số 1
	v := fill(10, true)
	if _, err := st.ActOnReport(ctx, store.Actor{}, office, r.ID, ids[10], store.ActRequest{Action: tiendo.ReportReturn, Version: v, Comment: "Bổ sung số liệu."}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActOnReport(ctx, store.Actor{}, office, r.ID, ids[2], store.ActRequest{Action: tiendo.ReportAccept, Version: versions[2]}); err != nil {
		t.Fatal(err)
	}
	return r, office, ids
}

// The report is laid out (its page, header, indicator table and
// signature) from the reports' states alone, as from the reports read
// whole: docInput gives the document Input gives, for a round of every
// shape the layout reads, on either store.
func TestDocInputLaysOutAsInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	r, office, _ := docRound(t, st)
	full, err := Input(ctx, st, office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	light, err := docInput(ctx, st, office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(light.Reports) != len(full.Reports) || len(full.Reports) == 0 {
		t.Fatalf("%d reports from the states, %d read whole", len(light.Reports), len(full.Reports))
	}
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: consolidate.MetaFor(full).Subject, Parts: Parts(consolidate.Draft(full))}
	if err := st.CreateDoc(ctx, store.Actor{}, office, c); err != nil {
		t.Fatal(err)
	}
	if c, err = st.Doc(ctx, office, r.ID, tiendo.DocReport); err != nil {
		t.Fatal(err)
	}

	rows := consolidate.IndicatorRows(full)
	if got := consolidate.IndicatorRows(light); !reflect.DeepEqual(got, rows) {
		t.Errorf("the indicator rows from the states:\n%+v\nread whole:\n%+v", got, rows)
	}
	wantDoc, wantTable := build(full, c, Meta(full, c, 0, time.Time{}, DefaultSigner("")))
	gotDoc, gotTable := build(light, c, Meta(light, c, 0, time.Time{}, DefaultSigner("")))
	if !reflect.DeepEqual(gotDoc, wantDoc) || !reflect.DeepEqual(gotTable, wantTable) {
		t.Errorf("the document from the states differs from the one from the reports read whole")
	}
	// What the pages show is that document.
	doc, rebuilt, err := ModelOf(ctx, st, office, c)
	if err != nil || rebuilt {
		t.Fatalf("ModelOf: %v, rebuilt %v", err, rebuilt)
	}
	if !reflect.DeepEqual(doc, wantDoc) {
		t.Errorf("the page's model differs from the document drawn from the reports read whole")
	}
	// The table has what it is for: a summary row, named units, values
	// of the reports that count and none of the returned or draft ones.
	if n := len(wantTable.Rows); n < 5 {
		t.Errorf("the indicator table has %d rows, want the shapes of the round", n)
	}
}

// A layout read twice with nothing changed is the same; a report that
// comes changes it.
func TestLayoutSameUntilAReportComes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	r, office, ids := docRound(t, st)
	in, err := Input(ctx, st, office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: "Báo cáo", Parts: Parts(consolidate.Draft(in))}
	if err := st.CreateDoc(ctx, store.Actor{}, office, c); err != nil {
		t.Fatal(err)
	}
	read := func() *Layout {
		t.Helper()
		c, err := st.DocHead(ctx, office, r.ID, tiendo.DocReport)
		if err != nil {
			t.Fatal(err)
		}
		l, err := LayoutOf(ctx, st, office, c)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	before := read()
	if !before.Same(read()) {
		t.Fatal("the layout read twice with nothing changed is not the same")
	}
	reporter := &tiendo.User{Role: tiendo.RoleReporter, UnitID: ids[11]} // not reported yet
	rep, err := st.Report(ctx, reporter, r.ID, ids[11])
	if err != nil {
		t.Fatal(err)
	}
	v := 120.0
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", "Xã số 12 đã làm."
		for j := range sec.Actuals {
			sec.Actuals[j].Value = &v
		}
	}
	if err := st.SaveReport(ctx, store.Actor{}, reporter, rep); err != nil {
		t.Fatal(err)
	}
	if !before.Same(read()) {
		t.Error("a draft's values changed the layout: they are not in the report")
	}
	if _, err := st.ActOnReport(ctx, store.Actor{}, reporter, r.ID, ids[11], store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	if before.Same(read()) {
		t.Error("the layout is the same after a unit's values came")
	}
}

// A draft's download renders the file asked for and no other (a
// province's PDF takes seconds, and the spreadsheet is 7 KB), and it is
// the file Files renders of that kind, from the same data.
func TestFileRendersOnlyItsKind(t *testing.T) {
	// Not parallel: it counts the files written through writers, which
	// the parallel tests leave alone until it is done.
	ctx := context.Background()
	st := storetest.Open(t)
	r, office, _ := docRound(t, st)
	in, err := Input(ctx, st, office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: consolidate.MetaFor(in).Subject, Parts: Parts(consolidate.Draft(in))}
	if err := st.CreateDoc(ctx, store.Actor{}, office, c); err != nil {
		t.Fatal(err)
	}
	if c, err = st.Doc(ctx, office, r.ID, tiendo.DocReport); err != nil {
		t.Fatal(err)
	}
	light, err := docInput(ctx, st, office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Files(light, c, Meta(light, c, 0, time.Time{}, DefaultSigner("")))
	if err != nil {
		t.Fatal(err)
	}

	_, wantTable := build(light, c, Meta(light, c, 0, time.Time{}, DefaultSigner("")))
	if wantTable.Attached == "" {
		t.Fatal("the indicator table names no report")
	}

	written := map[string]int{}
	var tables []document.Table
	all := writers
	t.Cleanup(func() { writers = all })
	writers = map[string]func(b *bytes.Buffer, doc *document.Document, table *document.Table) error{}
	for kind, write := range all {
		writers[kind] = func(b *bytes.Buffer, doc *document.Document, table *document.Table) error {
			written[kind]++
			if kind == "xlsx" {
				tables = append(tables, *table)
			}
			return write(b, doc, table)
		}
	}
	for _, kind := range []string{"docx", "pdf", "xlsx"} {
		clear(written)
		data, got, err := File(ctx, st, office, r.ID, kind)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if got.Version != c.Version {
			t.Errorf("%s: document at version %d, want %d", kind, got.Version, c.Version)
		}
		if w := map[string]int{kind: 1}; !reflect.DeepEqual(written, w) {
			t.Errorf("downloading the %s wrote %v, want %v", kind, written, w)
		}
		// The spreadsheet's properties carry the moment it is written.
		if kind != "xlsx" && !bytes.Equal(data, want[kind]) {
			t.Errorf("the %s downloaded (%d bytes) is not the one Files renders (%d bytes)", kind, len(data), len(want[kind]))
		}
		if kind == "xlsx" && (len(tables) != 1 || !reflect.DeepEqual(tables[0], wantTable)) {
			t.Errorf("the xlsx is written from %+v\nwant the table of the report laid out whole: %+v", tables, wantTable)
		}
		if len(data) == 0 || !bytes.HasPrefix(data, []byte(map[string]string{"docx": "PK", "pdf": "%PDF", "xlsx": "PK"}[kind])) {
			t.Errorf("the %s downloaded is not one: % x", kind, data[:min(len(data), 8)])
		}
	}
}
