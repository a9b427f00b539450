package web

import (
	"bytes"
	"container/list"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tiendo"
	"tiendo/internal/document"
	"tiendo/internal/reportdoc"
)

// The consolidated report's page shows the report as its files print it
// (the sheet), whole: for a province's 3,321 communes that is 25 MB of
// text, which takes seconds to lay out (reportdoc.ModelOf,
// document.NewSheet) and write as HTML. The leader opens the page more
// than once before approving, the office between edits, and the sheet
// changes only with the document or with what is laid out around its text
// (reportdoc.Layout: the header, the indicator table, the signature). So
// the sheet's HTML is kept, one per document, and shown again:
//
//   - while what it is drawn from is as it was (the document's version,
//     the round's fingerprint, the day and the approver's name, read from
//     the database before the data the sheet is drawn from, are those it
//     was kept under): nothing else read. A login, a unit's draft not yet
//     sent or a report in another round leave all of them as they are;
//   - or, once one has moved (a report sent, a unit renamed), while the
//     document's version and its layout read now are those it was drawn
//     with: the layout is read (no report's text), and compared, not the
//     text laid out again.
//
// Both are read from the database on every view, so that every instance of
// the app sharing a PostgreSQL store shows the new sheet as soon as
// anything in it has changed, and a kept sheet is never older than the
// store it is shown with. An issued report's sheet is its frozen model's,
// kept under the same key. The page reads the document without its text
// (store.DocHead), and reads the text only to lay it out again.

// sheetKey is what a document's sheet is drawn from: the document at a
// version (its every write moves it: text, status, approval, issuing); the
// rest of what its layout reads (reportdoc.LayoutOf: the round, its sent
// reports, the units, the issuer) and the day, as roundAt gives them (as
// staleKey); and the name of the leader who approved it, which signs an
// approved draft and is the users' (not the round's) to change.
type sheetKey struct {
	doc     int64
	version int
	at      roundAt
	signer  string
}

// sheetCacheBytes bounds what the sheets kept hold, within the server's
// memory (150 MB at a deadline's rush): one province's report (28 MB for
// 3,321 communes), or those of dozens of districts (under 1 MB each). A
// sheet larger than that alone is not kept.
const sheetCacheBytes = 40 << 20

// sheetIdle is how long a sheet is kept without being shown: the leader
// reads the report and approves it in one sitting, and a sheet of a store
// that has moved on is never asked for again.
const sheetIdle = 10 * time.Minute

// sheetCache keeps the sheets last shown, one per document, the least
// recently shown dropped first past sheetCacheBytes. The Server holds it by
// pointer: its sweep's timer holds the cache, and not the Server with it.
type sheetCache struct {
	mu    sync.Mutex
	byDoc map[int64]*list.Element // of *sheetEntry
	order list.List               // most recently shown first
	bytes int
	sweep *time.Timer // drops the sheets idle for sheetIdle
	// max and idle are sheetCacheBytes and sheetIdle, but for tests.
	max  int
	idle time.Duration
	// drawn counts the sheets laid out, kept or not; laid, the layouts
	// read to lay out a draft or to show its sheet kept still holds.
	drawn, laid atomic.Int64
	// files keeps the drafts' files downloaded, drawn from what their
	// sheets are, under the sheets' keys (consolidatedFile).
	files fileCache
}

type sheetEntry struct {
	key     sheetKey
	html    template.HTML
	rebuilt bool
	// layout is what the sheet of a draft was laid out with, nil for an
	// issued report's frozen model.
	layout *reportdoc.Layout
	// signer is the name the sheet of a draft is signed with, as laid
	// out: the key's, or the sheet is not kept under it.
	signer string
	used   time.Time
}

// get returns the sheet kept for k. A sheet kept for another version of
// the document is dropped: it is older than what asks, and is never asked
// for again.
func (c *sheetCache) get(k sheetKey) (*sheetEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byDoc[k.doc]
	if !ok {
		return nil, false
	}
	e := el.Value.(*sheetEntry)
	if e.key.version != k.version {
		c.remove(el)
		return nil, false
	}
	if e.key != k {
		return nil, false
	}
	c.touch(el)
	return e, true
}

// reuse returns the sheet kept for version k.version of document k.doc when
// it was laid out with layout, read after key k: the sheet is then the one
// the store gives as of k, and is kept under it (as long as it is signed
// with the name k says: layout was read after k, and the name may have
// changed in between, and back later).
func (c *sheetCache) reuse(k sheetKey, layout *reportdoc.Layout) (*sheetEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byDoc[k.doc]
	if !ok {
		return nil, false
	}
	e := el.Value.(*sheetEntry)
	if e.key.version != k.version || !e.layout.Same(layout) {
		return nil, false
	}
	if e.signer == k.signer {
		e.key = k
	}
	c.touch(el)
	return e, true
}

func (c *sheetCache) touch(el *list.Element) {
	el.Value.(*sheetEntry).used = time.Now()
	c.order.MoveToFront(el)
}

// put keeps e, in place of what was kept for its document, dropping the
// least recently shown sheets until all fit. A sheet of an older version
// put late leaves the newer one. Of one version, the last put stays: two
// fingerprints are not ordered (the round's stamp and the sent reports'
// versions only grow, but a report's row may go with its unit's place in
// the round), and either key holds for its own sheet; one older than the
// store is not asked for again, and the next view's layout shows the
// sheet still holds (reuse).
func (c *sheetCache) put(e *sheetEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byDoc == nil {
		c.byDoc = map[int64]*list.Element{}
	}
	max, idle := c.limits()
	if el, ok := c.byDoc[e.key.doc]; ok {
		if el.Value.(*sheetEntry).key.version > e.key.version {
			return // a newer one came first
		}
		c.remove(el)
	}
	if len(e.html) > max {
		return
	}
	for c.bytes+len(e.html) > max {
		c.remove(c.order.Back())
	}
	e.used = time.Now()
	c.byDoc[e.key.doc] = c.order.PushFront(e)
	c.bytes += len(e.html)
	if c.sweep == nil {
		c.sweep = time.AfterFunc(idle, c.dropIdle)
	}
}

// dropIdle drops the sheets not shown for sheetIdle, and comes back while
// some are kept.
func (c *sheetCache) dropIdle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, idle := c.limits()
	for el := c.order.Back(); el != nil; el = c.order.Back() {
		if time.Since(el.Value.(*sheetEntry).used) < idle {
			break
		}
		c.remove(el)
	}
	c.sweep = nil
	if el := c.order.Back(); el != nil {
		c.sweep = time.AfterFunc(idle-time.Since(el.Value.(*sheetEntry).used), c.dropIdle)
	}
}

func (c *sheetCache) remove(el *list.Element) {
	e := el.Value.(*sheetEntry)
	c.order.Remove(el)
	delete(c.byDoc, e.key.doc)
	c.bytes -= len(e.html)
}

func (c *sheetCache) limits() (int, time.Duration) {
	max, idle := sheetCacheBytes, sheetIdle
	if c.max > 0 {
		max = c.max
	}
	if c.idle > 0 {
		idle = c.idle
	}
	return max, idle
}

// size is how many sheets are kept and their bytes.
func (c *sheetCache) size() (n, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len(), c.bytes
}

// laySheet lays the page's report out as the DOCX and PDF print it: from the
// model frozen with the files once issued, the draft's otherwise.
//
// at is the round as read before p.C (readRoundAt) when p.C is the
// document as read from the store, perhaps without its text
// (store.DocHead), which text gives: its sheet is then kept (sheetCache)
// and shown again while it holds. at is nil when p.C is a form as typed:
// the stored document is then read again and laid out.
func (s *Server) laySheet(ctx context.Context, p *consolidatedPage, at *roundAt, text func() (*tiendo.Document, error)) error {
	u := userFrom(ctx)
	if at == nil {
		doc, c, rebuilt, err := reportdoc.Model(ctx, s.store, u, p.Round.ID)
		if err != nil {
			return err
		}
		html, err := s.sheetHTML(document.NewSheet(doc))
		if err != nil {
			return err
		}
		p.C, p.Sheet, p.Rebuilt = c, html, rebuilt
		return nil
	}
	// Only those who read every unit's report share the sheets kept
	// (reportdoc.Input's rule); the others have it laid out as they may
	// read it.
	shared := tiendo.ScopeOf(u, tiendo.ActionReadReport) == tiendo.ScopeAll
	var key sheetKey
	if shared {
		var err error
		if key, err = s.sheetKeyOf(ctx, p.C, *at); err != nil {
			return err
		}
		if e, ok := s.sheets.get(key); ok {
			p.Sheet, p.Rebuilt = e.html, e.rebuilt
			return nil
		}
	}
	var doc *document.Document
	var layout *reportdoc.Layout
	var rebuilt bool
	if p.C.Status == tiendo.DocIssued {
		c, err := text()
		if err != nil {
			return err
		}
		if doc, rebuilt, err = reportdoc.ModelOf(ctx, s.store, u, c); err != nil {
			return err
		}
	} else {
		var err error
		s.sheets.laid.Add(1)
		if layout, err = reportdoc.LayoutOf(ctx, s.store, u, p.C); err != nil {
			return err
		}
		if shared {
			if e, ok := s.sheets.reuse(key, layout); ok {
				p.Sheet, p.Rebuilt = e.html, e.rebuilt
				return nil
			}
		}
		c, err := text()
		if err != nil {
			return err
		}
		doc, rebuilt = layout.Document(c), layout.Rebuilt
	}
	html, err := s.sheetHTML(document.NewSheet(doc))
	if err != nil {
		return err
	}
	s.sheets.drawn.Add(1)
	p.Sheet, p.Rebuilt = html, rebuilt
	// A draft's sheet is kept only if signed with the name read for its
	// key (see reuse); an issued report's signer is the document's.
	if shared && (layout == nil || doc.Signer.Name == key.signer) {
		s.sheets.put(&sheetEntry{key: key, html: html, rebuilt: rebuilt, layout: layout, signer: doc.Signer.Name})
	}
	return nil
}

// sheetKeyOf reads the key report c's sheet is kept under, with the round
// as at gives it, before anything the sheet is drawn from: what is read
// after it is at least as new, so that no sheet is kept under a key newer
// than what it shows.
func (s *Server) sheetKeyOf(ctx context.Context, c *tiendo.Document, at roundAt) (sheetKey, error) {
	k := sheetKey{doc: c.ID, version: c.Version, at: at}
	if c.Status == tiendo.DocApproved && c.ApprovedBy != 0 {
		// As reportdoc's draftSigner reads it: a leader not found signs
		// with no name.
		if leader, err := s.store.User(ctx, c.ApprovedBy); err == nil {
			k.signer = leader.FullName
		} else if tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
			return sheetKey{}, err
		}
	}
	return k, nil
}

// sheetHTML writes sheet as the pages show it (partials/sheet.html), into
// a buffer sized for it: for a province a sheet is 25 MB, which a growing
// buffer would copy twice over.
func (s *Server) sheetHTML(sheet *document.Sheet) (template.HTML, error) {
	var b strings.Builder
	b.Grow(sheetSize(sheet))
	if err := s.pages["consolidated"].ExecuteTemplate(&b, "sheet", sheet); err != nil {
		return "", fmt.Errorf("web: render the sheet: %w", err)
	}
	if b.Cap()-b.Len() > b.Len()/16 {
		// Kept as long as it is shown: not with room to spare.
		return template.HTML(strings.Clone(b.String())), nil
	}
	return template.HTML(b.String()), nil
}

// sheetSize is about what partials/sheet.html writes for sheet: its text,
// the tags of each paragraph, span and cell, the header and closing, and
// room for escapes ("&" in "HĐND & UBND").
func sheetSize(sheet *document.Sheet) int {
	n := 8 << 10
	for _, b := range sheet.Body {
		n += len(`<p class="sheet-p"></p>` + "\n")
		for _, sp := range b.Spans {
			n += len(sp.Text)
			if sp.Bold {
				n += len("<b></b>")
			}
			if sp.Italic {
				n += len("<i></i>")
			}
		}
		if t := b.Table; t != nil {
			for _, row := range t.Rows {
				n += len("<tr></tr>\n")
				for _, c := range row {
					n += len(c.Text) + len(`<td class="c"></td>`)
				}
			}
		}
	}
	return n + n/64
}

// sheetMark stands for the sheet in the page as the template writes it
// (renderConsolidated). Nothing else on the page can be it: every other
// text the page shows is escaped, its "<" written "&lt;".
const sheetMark template.HTML = "<!--tiendo:sheet-->"

// renderConsolidated is render for the consolidated report's pages. A
// province's sheet is 25 MB: written by the template, it would be copied
// twice (by fmt, and into the page's buffer). So the page is written with
// sheetMark in its place, whole before anything is sent, as render does,
// and the sheet, already written, is sent between the page's two halves.
// The office's form, without a sheet, gets a buffer the size of its text.
func (s *Server) renderConsolidated(w http.ResponseWriter, status int, name string, p *consolidatedPage) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	sheet := p.Sheet
	var buf bytes.Buffer
	if sheet == "" {
		n := 64 << 10
		if p.C != nil {
			for _, part := range p.C.Parts {
				n += len(part.Heading) + len(part.Text)
			}
		}
		buf.Grow(n + n/64)
	} else {
		p.Sheet = sheetMark
		defer func() { p.Sheet = sheet }()
	}
	if err := t.Execute(&buf, p); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	page := buf.Bytes()
	head, tail, found := bytes.Cut(page, []byte(sheetMark))
	if sheet != "" && (!found || bytes.Contains(tail, []byte(sheetMark))) {
		return fmt.Errorf("web: render %s: the sheet's place is not found once", name)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if !found {
		_, err := w.Write(page)
		return err
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	// In pieces through one buffer: the sheet is a string, kept, and a
	// []byte of it would be a copy of it all.
	chunk := make([]byte, 32<<10)
	for rest := string(sheet); rest != ""; {
		n := copy(chunk, rest)
		if _, err := w.Write(chunk[:n]); err != nil {
			return err
		}
		rest = rest[n:]
	}
	_, err := w.Write(tail)
	return err
}
