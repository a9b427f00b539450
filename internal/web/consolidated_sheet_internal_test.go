package web

import (
	"context"
	"errors"
	"html/template"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// The sheets kept stay within their bytes, the least recently shown going
// first; one too large alone is not kept; another version of a document
// takes its place; and a sheet not shown for a while is let go.
func TestSheetCacheStaysBounded(t *testing.T) {
	c := &sheetCache{max: 100, idle: time.Hour}
	// key is document doc's at version, as of a round's stamp.
	key := func(doc int64, version int, stamp int64) sheetKey {
		return sheetKey{doc: doc, version: version, at: roundAt{round: store.RoundFingerprint{Round: stamp}}}
	}
	sheet := func(doc int64, version int, stamp int64, size int) *sheetEntry {
		return &sheetEntry{key: key(doc, version, stamp), html: template.HTML(strings.Repeat("x", size))}
	}
	kept := func(want ...int64) {
		t.Helper()
		var got []int64
		for el := c.order.Front(); el != nil; el = el.Next() {
			got = append(got, el.Value.(*sheetEntry).key.doc)
		}
		if len(got) != len(want) {
			t.Fatalf("kept documents %v, want %v", got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("kept documents %v, want %v", got, want)
			}
		}
		if n, bytes := c.size(); n != len(want) || bytes > 100 {
			t.Fatalf("%d sheets in %d bytes, want %d within 100", n, bytes, len(want))
		}
	}
	c.put(sheet(1, 1, 10, 40))
	c.put(sheet(2, 1, 10, 40))
	if _, ok := c.get(key(1, 1, 10)); !ok {
		t.Fatal("document 1's sheet is not kept")
	}
	c.put(sheet(3, 1, 10, 40)) // 120 bytes: document 2, shown least recently, goes
	kept(3, 1)
	c.put(sheet(4, 1, 10, 101))
	kept(3, 1)
	if _, ok := c.get(key(1, 1, 11)); ok {
		t.Error("a sheet kept at stamp 10 is shown at stamp 11")
	}
	kept(3, 1) // kept still: its layout may show it holds (reuse)
	if _, ok := c.get(key(1, 2, 11)); ok {
		t.Error("the sheet of version 1 is shown for version 2")
	}
	kept(3) // version 1 is never asked for again
	c.put(sheet(3, 2, 12, 30))
	c.put(sheet(3, 1, 13, 20)) // an older version, read before a later stamp, put late: the newer stays
	if e, ok := c.get(key(3, 2, 12)); !ok || len(e.html) != 30 {
		t.Error("an older version's sheet put late took the newer one's place")
	}
	c.put(sheet(3, 2, 11, 25)) // the same version under another fingerprint: either holds for its own sheet
	if e, ok := c.get(key(3, 2, 11)); !ok || len(e.html) != 25 {
		t.Error("the sheet last put of a version is not kept")
	}
	if _, ok := c.get(key(3, 2, 12)); ok {
		t.Error("two sheets of one document are kept")
	}
	kept(3)

	idle := &sheetCache{max: 100, idle: 50 * time.Millisecond}
	idle.put(sheet(1, 1, 10, 10))
	idle.put(sheet(2, 1, 10, 10))
	// Document 1 is shown on and on; document 2 not again.
	start := time.Now()
	for time.Since(start) < 300*time.Millisecond {
		if _, ok := idle.get(key(1, 1, 10)); !ok {
			t.Fatal("a sheet shown every few milliseconds was let go")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if _, ok := idle.get(key(2, 1, 10)); ok {
		t.Error("a sheet not shown for six times its idle time is kept")
	}
	deadline := time.Now().Add(5 * time.Second)
	for n, _ := idle.size(); n > 0; n, _ = idle.size() {
		if time.Now().After(deadline) {
			t.Fatalf("%d sheets still kept long after they were last shown", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A page given the report's head lays the report out as it is when its
// text is read: changed in between, the page is the new version's, whole.
func TestConsolidatedPageOfAHeadThatMoved(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	round, office := storetest.Fill(t, st, 2, 1, 1)
	s, err := New(Config{}, st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: round.ID, Subject: "Báo cáo", Parts: []tiendo.ReportPart{{Key: "opening", Text: "Bản đầu."}}}
	if err := st.CreateDoc(ctx, store.Actor{}, office, c); err != nil {
		t.Fatal(err)
	}
	head, err := st.DocHead(ctx, office, round.ID, tiendo.DocReport)
	if err != nil || head.Parts != nil {
		t.Fatalf("head: %v, parts %v", err, head.Parts)
	}
	now, err := st.Doc(ctx, office, round.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	now.Parts[0].Text = "Bản sửa."
	if err := st.UpdateDoc(ctx, store.Actor{}, office, now); err != nil {
		t.Fatal(err)
	}
	ctx = context.WithValue(ctx, userKey, office)
	var moved *docMoved
	if _, err := s.textOf(ctx, head)(); !errors.As(err, &moved) || moved.c.Version != head.Version+1 {
		t.Fatalf("the text of a head that moved: %v, want the next version", err)
	}
	r := httptest.NewRequest("GET", "/", nil).WithContext(ctx)
	p, err := s.consolidatedPage(r, round, head, true)
	if err != nil {
		t.Fatal(err)
	}
	if p.C.Version != head.Version+1 || len(p.C.Parts) != 1 || p.C.Parts[0].Text != "Bản sửa." {
		t.Errorf("the page shows version %d, %+v; want version %d with its text", p.C.Version, p.C.Parts, head.Version+1)
	}
}

// SheetLayoutsRead is how many times s has read a draft's layout
// (reportdoc.LayoutOf) to lay its sheet out or to show the one kept still
// holds, for the tests: a sheet shown from its key alone reads none.
func SheetLayoutsRead(s *Server) int64 { return s.sheets.laid.Load() }
