package web

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
)

// A consolidated report drafted while units were still reporting goes out
// of date as their reports come: a part drawn before a unit's report says
// the unit has not reported, and the opening counts the reports it had. The
// page names the parts older than a report they use, and the units whose
// reports came since, so that the office draws those parts again (one
// button, through the same confirmation as one part's) and the leader
// approves knowing.

// staleDraft is what of a draft is older than the units' reports it uses.
type staleDraft struct {
	Units []string    // units with a report sent since, in Vietnamese order
	Parts []stalePart // the parts to draw again, in the report's order
}

// stalePart is a part drawn before reports it uses were sent.
type stalePart struct {
	Key   string
	Name  string   // "phần mở đầu", "phần nhiệm vụ 4"
	Units []string // whose reports came since, in Vietnamese order
}

// Keys is the op value's list of the parts' keys: "opening,task-4".
func (d *staleDraft) Keys() string {
	keys := make([]string, len(d.Parts))
	for i, p := range d.Parts {
		keys[i] = p.Key
	}
	return strings.Join(keys, ",")
}

// UnitNames names the units: "TT Phát triển quỹ đất, Phòng Văn hóa và
// Thông tin", at most gapNames of them.
func (d *staleDraft) UnitNames() string { return namesUpTo(d.Units) }

// PartNames names the parts: "phần mở đầu, phần nhiệm vụ 4 và danh sách
// đơn vị báo cáo chậm, chưa báo cáo".
func (d *staleDraft) PartNames() string {
	names := make([]string, len(d.Parts))
	for i, p := range d.Parts {
		names[i] = p.Name
	}
	return joinAnd(names)
}

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
			return &d.Parts[i]
		}
	}
	return nil
}

// Notice is the sentence that says it all, for the approval form.
func (d *staleDraft) Notice() string {
	return "Có báo cáo mới của " + d.UnitNames() + " gửi sau khi lập dự thảo: cần tạo lại " + d.PartNames() + "."
}

// UnitList names a part's units.
func (p *stalePart) UnitList() string { return namesUpTo(p.Units) }

// namesUpTo joins names, at most gapNames of them, then how many more.
func namesUpTo(names []string) string {
	g := unitGaps{}
	return g.Names(names)
}

// joinAnd is "a, b và c".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " và " + s[len(s)-1]
}

// partNames are the names of the parts every report has, as a sentence
// names them.
var partNames = map[string]string{
	consolidate.KeyOpening:         "phần mở đầu",
	consolidate.KeyIndicators:      "phần kết quả thực hiện các chỉ tiêu",
	consolidate.KeyObstacles:       "phần khó khăn, vướng mắc",
	consolidate.KeyRecommendations: "phần kiến nghị, đề xuất",
	consolidate.KeyNextSteps:       "phần nhiệm vụ thời gian tới",
	consolidate.KeyLateUnits:       "danh sách đơn vị báo cáo chậm, chưa báo cáo",
	consolidate.KeyClosing:         "phần kết",
}

// partName names the part of key: a task's by its label.
func partName(round *tiendo.Round, p tiendo.ReportPart) string {
	if n, ok := partNames[p.Key]; ok {
		return n
	}
	for _, t := range round.Tasks {
		if t != nil && consolidate.TaskKey(t.ID) == p.Key {
			if l := strings.TrimSpace(t.Label); l != "" {
				return "phần nhiệm vụ " + l
			}
		}
	}
	if h := strings.TrimSpace(p.Heading); h != "" {
		return "phần “" + h + "”"
	}
	return "phần " + p.Key
}

// sameText reports whether a part says what a section drawn afresh says,
// line endings and the spaces around aside.
func sameText(p tiendo.ReportPart, sec consolidate.Section) bool {
	norm := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	return norm(p.Text) == norm(sec.Text) && norm(p.Heading) == norm(sec.Heading)
}

// usesUnit reports whether the part of key draws on unit's report: a
// task's part on the units assigned the task and those that wrote on it;
// the closing on none; every other part on every unit's.
func usesUnit(key string, round *tiendo.Round, rep *tiendo.UnitReport) bool {
	if key == consolidate.KeyClosing {
		return false
	}
	if !strings.HasPrefix(key, "task-") {
		return true
	}
	for _, t := range round.Tasks {
		if t == nil || consolidate.TaskKey(t.ID) != key {
			continue
		}
		if slices.ContainsFunc(t.Assignees, func(a tiendo.Assignee) bool { return a.UnitID == rep.UnitID }) ||
			slices.ContainsFunc(rep.Sections, func(s *tiendo.Section) bool { return s != nil && s.TaskID == t.ID }) ||
			slices.ContainsFunc(rep.Contributions, func(c tiendo.Contribution) bool { return c.TaskID == t.ID }) {
			return true
		}
	}
	return false
}

// findStale finds the parts of c drawn (drawn.At) before a report they use
// was sent, and that, drawn again from the reports as they are now (fresh,
// by key), would say something else: a part whose report changed nothing
// is not worth the office's time. units orders the names.
func findStale(round *tiendo.Round, c *tiendo.Document, in consolidate.Input, fresh map[string]consolidate.Section, drawn store.PartsDrawn, units []*tiendo.Unit) *staleDraft {
	name := map[int64]string{}
	order := map[int64]int{}
	for i, u := range units {
		name[u.ID], order[u.ID] = u.Name, i
	}
	// The latest counted report of each unit, as the draft reads them.
	latest := map[int64]*tiendo.UnitReport{}
	for _, r := range in.Reports {
		if r != nil && r.Status.Sent() && (latest[r.UnitID] == nil || r.Version >= latest[r.UnitID].Version) {
			latest[r.UnitID] = r
		}
	}
	ids := make([]int64, 0, len(latest))
	for id := range latest {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int { return order[a] - order[b] })
	byName := func(set map[int64]bool) []string {
		var out []string
		for _, id := range ids {
			if set[id] {
				out = append(out, name[id])
			}
		}
		return out
	}
	all := map[int64]bool{}
	d := &staleDraft{}
	for _, p := range c.Parts {
		sec, ok := fresh[p.Key]
		if !ok || sameText(p, sec) {
			continue
		}
		at := drawn.At(p.Key)
		since := map[int64]bool{}
		for _, id := range ids {
			if r := latest[id]; r.SubmittedAt.After(at) && usesUnit(p.Key, in.Round, r) {
				since[id], all[id] = true, true
			}
		}
		if len(since) > 0 {
			d.Parts = append(d.Parts, stalePart{Key: p.Key, Name: partName(round, p), Units: byName(since)})
		}
	}
	if len(d.Parts) == 0 {
		return nil
	}
	d.Units = byName(all)
	return d
}

// loadStale finds what of round's report c, not yet issued, is older than
// the units' reports; nil when nothing is.
// saved says c is the document as stored: only then is the answer kept
// (staleCache), since a form as typed is not what the next view shows.
func (s *Server) loadStale(ctx context.Context, u *tiendo.User, round *tiendo.Round, c *tiendo.Document, saved bool) (*staleDraft, error) {
	if c == nil || c.Status == tiendo.DocIssued {
		return nil, nil
	}
	// The stamp first: what is read after it is at least as new, so an
	// answer is never kept under a stamp newer than what it was drawn from.
	stamp, err := s.store.AuditStamp(ctx)
	if err != nil {
		return nil, err
	}
	drawn, err := s.store.DocPartsDrawn(ctx, u, round.ID, tiendo.DocReport)
	if err != nil {
		return nil, err
	}
	// Nothing sent since the draft's oldest part was drawn: nothing to
	// draw again, and no need to draft the whole report to compare.
	var oldest time.Time
	for i, p := range c.Parts {
		if at := drawn.At(p.Key); i == 0 || at.Before(oldest) {
			oldest = at
		}
	}
	raw, err := s.store.ReportStates(ctx, round.ID)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(slices.Collect(maps.Values(raw)), func(st *store.ReportState) bool { return st.Status.Sent() && st.SubmittedAt.After(oldest) }) {
		return nil, nil
	}
	// Drafting the whole report to compare takes seconds for a province's
	// communes: the answer is kept until anything changes in the store.
	key := staleKey{doc: c.ID, version: c.Version, stamp: stamp, role: u.Role, unit: u.UnitID}
	if saved {
		if d, ok := s.stale.get(key); ok {
			return d, nil
		}
	}
	in, err := reportdoc.Input(ctx, s.store, u, round.ID)
	if err != nil {
		return nil, err
	}
	fresh := map[string]consolidate.Section{}
	for _, sec := range consolidate.Draft(in) {
		fresh[sec.Key] = sec
	}
	units, err := s.store.Units(ctx)
	if err != nil {
		return nil, err
	}
	d := findStale(round, c, in, fresh, drawn, units)
	if saved {
		s.stale.put(key, d)
	}
	return d, nil
}

// staleKey is what loadStale's answer depends on: the document and its
// version, the store as of an audit stamp (read before anything else, so
// the answer is at least as new as the stamp), and who reads, since what a
// user may read decides the draft's input.
type staleKey struct {
	doc, stamp int64
	version    int // the document's, which its every save moves
	role       tiendo.Role
	unit       int64
}

// staleCache keeps the last answers of loadStale: a few documents are
// being drafted at a time, so a handful of entries is enough, and an entry
// for an older stamp is never asked for again.
type staleCache struct {
	mu sync.Mutex
	m  map[staleKey]*staleDraft
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
