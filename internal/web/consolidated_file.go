package web

import (
	"container/list"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"tiendo"
	"tiendo/internal/reportdoc"
)

// A draft's files (DOCX, PDF, XLSX) are rendered when downloaded
// (reportdoc.DraftFile): for a province's report that is seconds of CPU a
// file, and the leader reading before approving downloads them, and again.
// A draft's file is drawn from what its sheet is (reportdoc.Layout and the
// document's parts, see sheetKey), so it is kept under the sheet's key and
// its kind, read from the database before what it is drawn from, and given
// again while the key read on a later download is the same: never a file
// older than the store it is downloaded from. An issued report's files are
// frozen in the store, and read from there.

// fileKey is what a draft's file is drawn from: what its sheet is, and
// the kind of file.
type fileKey struct {
	sheet sheetKey
	kind  string
}

// fileCacheBytes bounds what the files kept hold, within the server's
// memory beside the sheets (sheetCacheBytes): a province's DOCX and XLSX,
// or the three files of a few districts' reports. A file larger than that
// alone (a province's PDF) is not kept.
const fileCacheBytes = 24 << 20

// fileCache keeps the files of drafts last downloaded, the least recently
// downloaded dropped first past fileCacheBytes, and those not downloaded
// for sheetIdle. It keeps the files of one key a document: a file kept
// under another is of a store that has moved on.
type fileCache struct {
	mu    sync.Mutex
	byKey map[fileKey]*list.Element // of *fileEntry
	order list.List                 // most recently downloaded first
	bytes int
	sweep *time.Timer
	// max and idle are fileCacheBytes and sheetIdle, but for tests.
	max  int
	idle time.Duration
	// rendered counts the files rendered, kept or not.
	rendered atomic.Int64
}

type fileEntry struct {
	key  fileKey
	data []byte
	used time.Time
}

// get returns the file kept for k.
func (c *fileCache) get(k fileKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[k]
	if !ok {
		return nil, false
	}
	e := el.Value.(*fileEntry)
	e.used = time.Now()
	c.order.MoveToFront(el)
	return e.data, true
}

// put keeps data as the file of k, in place of the files kept for its
// document under another key, dropping the least recently downloaded
// until all fit. A file of an older version put late leaves the newer
// ones; of one version, the last put stays, as in sheetCache.put.
func (c *fileCache) put(k fileKey, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = map[fileKey]*list.Element{}
	}
	max, idle := c.limits()
	for _, el := range c.byKey {
		if e := el.Value.(*fileEntry); e.key.sheet.doc == k.sheet.doc && e.key.sheet.version > k.sheet.version {
			return // a newer version's came first
		}
	}
	for el := c.order.Front(); el != nil; {
		next := el.Next()
		if e := el.Value.(*fileEntry); e.key.sheet.doc == k.sheet.doc && (e.key.sheet != k.sheet || e.key.kind == k.kind) {
			c.remove(el)
		}
		el = next
	}
	if len(data) > max {
		return
	}
	for c.bytes+len(data) > max {
		c.remove(c.order.Back())
	}
	c.byKey[k] = c.order.PushFront(&fileEntry{key: k, data: data, used: time.Now()})
	c.bytes += len(data)
	if c.sweep == nil {
		c.sweep = time.AfterFunc(idle, c.dropIdle)
	}
}

// dropIdle drops the files not downloaded for sheetIdle, and comes back
// while some are kept.
func (c *fileCache) dropIdle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, idle := c.limits()
	for el := c.order.Back(); el != nil; el = c.order.Back() {
		if time.Since(el.Value.(*fileEntry).used) < idle {
			break
		}
		c.remove(el)
	}
	c.sweep = nil
	if el := c.order.Back(); el != nil {
		c.sweep = time.AfterFunc(idle-time.Since(el.Value.(*fileEntry).used), c.dropIdle)
	}
}

func (c *fileCache) remove(el *list.Element) {
	e := el.Value.(*fileEntry)
	c.order.Remove(el)
	delete(c.byKey, e.key)
	c.bytes -= len(e.data)
}

func (c *fileCache) limits() (int, time.Duration) {
	max, idle := fileCacheBytes, sheetIdle
	if c.max > 0 {
		max = c.max
	}
	if c.idle > 0 {
		idle = c.idle
	}
	return max, idle
}

// consolidatedFile is reportdoc.File, with a draft's files kept
// (fileCache) for those who share the sheets kept (laySheet): the others
// have the file rendered as they may read it.
func (s *Server) consolidatedFile(ctx context.Context, id int64, kind string) ([]byte, *tiendo.Document, error) {
	u := userFrom(ctx)
	if tiendo.ScopeOf(u, tiendo.ActionReadReport) != tiendo.ScopeAll {
		return reportdoc.File(ctx, s.store, u, id, kind)
	}
	// As the page reads them (loadConsolidated, consolidatedPage): the
	// document's head, which says whether u may read it, then the round
	// before anything the file is drawn from.
	head, err := s.store.DocHead(ctx, u, id, tiendo.DocReport)
	if err != nil {
		return nil, nil, err
	}
	if head.Status == tiendo.DocIssued {
		return reportdoc.File(ctx, s.store, u, id, kind) // frozen in the store
	}
	at, err := s.readRoundAt(ctx, head.RoundID)
	if err != nil {
		return nil, nil, err
	}
	sk, err := s.sheetKeyOf(ctx, head, *at)
	if err != nil {
		return nil, nil, err
	}
	key := fileKey{sheet: sk, kind: kind}
	files := &s.sheets.files
	if data, ok := files.get(key); ok {
		return data, head, nil
	}
	c, err := head, error(nil)
	if kind != "xlsx" { // the spreadsheet has none of the text
		c, err = s.textOf(ctx, head)()
	}
	var moved *docMoved
	keep := !errors.As(err, &moved)
	if !keep {
		// Changed since its head was read: the file is of the document as
		// read with its text, and not kept under the head's key.
		c, err = moved.c, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if c.Status == tiendo.DocIssued { // issued meanwhile
		return reportdoc.File(ctx, s.store, u, id, kind)
	}
	data, signer, err := reportdoc.DraftFile(ctx, s.store, u, c, kind)
	if err != nil {
		return nil, nil, err
	}
	files.rendered.Add(1)
	// Kept only if signed with the name read for the key: the approver's
	// name is read again to render, and may have changed in between.
	if keep && signer == sk.signer {
		files.put(key, data)
	}
	return data, c, nil
}
