package web

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
)

// A consolidated report drafted while units were still reporting goes out
// of date as their reports come, or go back to them: a part drawn before a
// unit's report says the unit has not reported, and the opening counts the
// reports it had. The page names the parts older than a change of a report
// they use (reportdoc.Stale, consolidate.FindStale), and the units behind
// it, so that the office draws those parts again (one button, through the
// same confirmation as one part's) and the leader approves knowing.

// staleDraft is what of a draft is older than the units' reports it uses,
// as the page shows it.
type staleDraft struct {
	*consolidate.Stale
}

// UnitNames names the units whose reports came since: "TT Phát triển quỹ
// đất, Phòng Văn hóa và Thông tin", at most 20 of them.
func (d *staleDraft) UnitNames() string { return consolidate.NameList(d.Units) }

// Sep is what goes before the i-th part as a sentence lists them: "",
// ", " or " và ".
func (d *staleDraft) Sep(i int) string {
	switch {
	case i == 0:
		return ""
	case i == len(d.Parts)-1:
		return " và "
	}
	return ", "
}

// Part is the stale part of key, or nil.
func (d *staleDraft) Part(key string) *stalePart {
	if d == nil {
		return nil
	}
	for i := range d.Parts {
		if d.Parts[i].Key == key {
			return &stalePart{&d.Parts[i]}
		}
	}
	return nil
}

// Notice is the sentence that says it all, for the approval form.
func (d *staleDraft) Notice() string { return d.Summary() }

// ReturnRequest is what the leader's return form offers to say: the parts
// to draw again, and why.
func (d *staleDraft) ReturnRequest() string {
	req := "Đề nghị Văn phòng tạo lại " + d.PartNames()
	if len(d.Units) > 0 {
		req += " theo báo cáo mới của " + d.UnitNames()
	}
	if len(d.Returned) > 0 {
		if len(d.Units) > 0 {
			req += ";"
		} else {
			req += ":"
		}
		req += " báo cáo của " + consolidate.NameList(d.Returned) + " đã bị trả lại để bổ sung"
	}
	return req + "."
}

// stalePart is a part drawn before reports it uses changed.
type stalePart struct {
	*consolidate.StalePart
}

// UnitList names the units whose reports came since the part was drawn.
func (p *stalePart) UnitList() string { return consolidate.NameList(p.Units) }

// ReturnedList names the units whose reports went back since.
func (p *stalePart) ReturnedList() string { return consolidate.NameList(p.Returned) }

// loadStale finds what of report c, not yet issued, is older than
// the units' reports; nil when nothing is.
// saved says c is the document as stored: only then is the answer kept
// (staleCache), since a form as typed is not what the next view shows.
func (s *Server) loadStale(ctx context.Context, u *tiendo.User, c *tiendo.Document, saved bool) (*staleDraft, error) {
	var at *roundAt
	if saved && c != nil {
		var err error
		if at, err = s.readRoundAt(ctx, c.RoundID); err != nil {
			return nil, err
		}
	}
	return s.staleOf(ctx, u, c, at, s.textOf(ctx, c))
}

// roundAt is what the page's kept answers (staleOf) and sheets (laySheet)
// of a round's report are drawn from beyond the document itself: the
// round's fingerprint (store.RoundFingerprint), which a login or a report
// in another round leaves as it is, and the day, since the indicator table
// projects targets until their data window ends at midnight.
type roundAt struct {
	round store.RoundFingerprint
	day   int // in tiendo.Zone, as the store's clock gives it
}

// readRoundAt reads round roundID's roundAt, once a view, before anything
// drawn from it: what is read after it is at least as new, so nothing is
// kept under a key newer than what it was drawn from.
func (s *Server) readRoundAt(ctx context.Context, roundID int64) (*roundAt, error) {
	f, err := s.store.RoundFingerprint(ctx, roundID)
	if err != nil {
		return nil, err
	}
	return &roundAt{round: f, day: dayOf(s.store.Clock())}, nil
}

// staleOf is loadStale with text giving c's text.
//
// Drafting the whole report to compare takes seconds for a province's
// communes, so the answer is kept for as long as what it is drawn from
// stays as it is: the round's fingerprint (store.RoundFingerprint), and
// not the store's audit stamp, which a login or a report in another round
// moves as much as a report of this one.
//
// at is the round as read before c (readRoundAt), nil when c is a form as
// typed: the answer is then not kept.
func (s *Server) staleOf(ctx context.Context, u *tiendo.User, c *tiendo.Document, at *roundAt, text func() (*tiendo.Document, error)) (*staleDraft, error) {
	if c == nil || c.Status == tiendo.DocIssued {
		return nil, nil
	}
	keep := at != nil
	var key staleKey
	if keep {
		key = staleKey{doc: c.ID, version: c.Version, at: *at, role: u.Role, unit: u.UnitID}
		if d, ok := s.stale.get(key); ok {
			return d, nil
		}
	}
	s.stale.found.Add(1)
	found, err := reportdoc.StaleOf(ctx, s.store, u, c, text)
	if err != nil {
		return nil, err
	}
	var d *staleDraft
	if found != nil {
		d = &staleDraft{found}
	}
	if keep {
		s.stale.put(key, d)
	}
	return d, nil
}

// dayOf is t's date, as a number: 20260314.
func dayOf(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// staleKey is what loadStale's answer depends on: the document and its
// version; the round's fingerprint, read before anything else, so the
// answer is at least as new as it; the day, since a report drafted before
// the end of its period's data window projects its targets to it and one
// drafted after does not (watch.Targets), the window ending at midnight
// (tiendo.Window.End); and who reads, since what a user may read decides
// the draft's input.
type staleKey struct {
	doc     int64
	version int // the document's, which its every save moves
	at      roundAt
	role    tiendo.Role
	unit    int64
}

// staleCache keeps the last answers of loadStale: a few documents are
// being drafted at a time, so a handful of entries is enough, and an entry
// for an older fingerprint is never asked for again.
type staleCache struct {
	mu sync.Mutex
	m  map[staleKey]*staleDraft
	// found counts the answers sought afresh (reportdoc.StaleOf), kept
	// or not.
	found atomic.Int64
}

const staleEntries = 16

func (c *staleCache) get(k staleKey) (*staleDraft, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[k]
	return d, ok
}

func (c *staleCache) put(k staleKey, d *staleDraft) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= staleEntries {
		c.m = map[staleKey]*staleDraft{}
	}
	c.m[k] = d
}
