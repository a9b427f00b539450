package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// Search finds rounds, tasks, targets, units, what units wrote in their
// reports, and the documents the office drafts and issues (by number and
// symbol, subject and text), ignoring case, and diacritics the user did not
// type ("giai phong mat bang" finds "giải phóng mặt bằng", "dinh" finds
// "Đinh"). A word typed with its diacritics finds only words with the same
// ones ("thử" finds "thử", not "Thuế" or "thương"); the last word may be the
// start of a word, the others are whole words. All of them must be found.
// See searchTerms for why.
//
// The index is the table search_docs: one row per thing to find, with its
// words folded in Go by vi.Fold, so that both databases fold alike and "đ"
// is folded too, followed by the words that carry diacritics as written
// (vi.MarkKey). SQLite matches them through an FTS5 table kept by triggers,
// PostgreSQL through a trigram index (LIKE '% giai%'). The rows are derived
// from the other tables, and RefreshSearch brings them up to date by
// following the audit log, which every write appends to in its own
// transaction: the index needs no hook in the code that writes rounds,
// units, reports and documents. It does so a batch to a transaction, in
// the background (FollowSearch) and a batch at most in a search
// (search_refresh.go).

// Search limits.
const (
	MaxSearchQuery     = 200 // characters in a query
	MaxSearchWords     = 12  // words in a query
	DefaultSearchLimit = 50  // results when the caller does not say
	maxSearchLimit     = 200
)

// Kinds of search results, which are also the kinds of search_docs rows.
const (
	SearchRound        = "round"
	SearchTask         = "task"
	SearchTarget       = "target"
	SearchUnit         = "unit"
	SearchSection      = "section"      // a unit's report on a task it leads
	SearchContribution = "contribution" // a supporting unit's note on a task
	SearchConsolidated = "consolidated" // a round's consolidated report (báo cáo tổng hợp)
	SearchDirective    = "directive"    // the công văn that assigns a round's tasks
)

// searchDocKinds maps the documents' kinds to their search kinds. A round
// has at most one document of each kind, so a search_docs row finds its
// document by round and kind, as the document's page is addressed.
var searchDocKinds = map[tiendo.DocKind]string{tiendo.DocReport: SearchConsolidated, tiendo.DocDirective: SearchDirective}

// Segment is a piece of text to show; Match marks the words the query found.
// Pages print segments through html/template, so a result never carries
// markup of its own.
type Segment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// SearchResult is one thing found.
type SearchResult struct {
	Kind     string    `json:"kind"`
	Title    []Segment `json:"title"`
	Context  string    `json:"context"` // where it belongs: "Chỉ tiêu của nhiệm vụ 3 · <round title>"; "" for a task, whose title says it, and a unit
	Snippet  []Segment `json:"snippet"` // the text around the matches the title does not show, or its start (describe); nil for no text
	Link     string    `json:"link"`    // "" when the user has no page to open it on
	RoundID  int64     `json:"round_id,omitempty"`
	TaskID   int64     `json:"task_id,omitempty"`
	TargetID int64     `json:"target_id,omitempty"`
	UnitID   int64     `json:"unit_id,omitempty"`
	UnitCode string    `json:"unit_code,omitempty"`
}

// SegmentsText joins segments back into plain text.
func SegmentsText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Search returns what u may see that matches query q, best first, at most
// limit results (DefaultSearchLimit when limit is 0). Titles and names come
// before body text, and among those, things whose title holds more of the
// words, then things holding the words as a phrase; among equal matches,
// those of draft rounds come after those of rounds sent to the units, and
// say they are drafts. A query that is empty,
// too long or has no letters is an EINVALID error.
//
// Search first brings the index up to date by one batch at most
// (search_refresh.go): what was saved just before is found; after a rush
// whose backlog is larger than a batch, it finds what is indexed so far,
// and FollowSearch indexes the rest in the background.
func (s *Store) Search(ctx context.Context, u *tiendo.User, q string, limit int) ([]SearchResult, error) {
	terms, err := searchTerms(q)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	limit = min(limit, maxSearchLimit)
	if err := s.refreshSearchOnce(ctx); err != nil {
		return nil, err
	}
	visible, visibleArgs := searchVisibleTo(u)
	if visible == "" {
		return []SearchResult{}, nil
	}
	out := []SearchResult{}
	// "nhiệm vụ 4", "NV 4", "nv4": the user names a task by its number.
	// Its text seldom holds those words, so the words alone would find the
	// reports that mention "nhiệm vụ" and some "4": the task itself, in
	// each round the user sees, newest round first, comes before them.
	if label, ok := taskReference(terms); ok {
		tasks, err := s.searchRows(ctx, u, terms, "kind = 'task' AND task_id IN (SELECT id FROM tasks WHERE LOWER(label) = ?)", []any{label},
			visible, visibleArgs, limit)
		if err != nil {
			return nil, err
		}
		out = append(out, tasks...)
	}
	match, matchArgs := s.searchMatch(terms)
	rest, err := s.searchRows(ctx, u, terms, match, matchArgs, visible, visibleArgs, limit)
	if err != nil {
		return nil, err
	}
	for _, r := range rest {
		if len(out) == limit {
			break
		}
		if r.Kind == SearchTask && slices.ContainsFunc(out, func(o SearchResult) bool { return o.Kind == SearchTask && o.TaskID == r.TaskID }) {
			continue
		}
		out = append(out, r)
	}
	if err := s.linkUnits(ctx, u, out); err != nil {
		return nil, err
	}
	return out, nil
}

// searchRows returns the search_docs rows that meet cond and visible, best
// first, at most limit, described for the page.
func (s *Store) searchRows(ctx context.Context, u *tiendo.User, terms []searchTerm, cond string, condArgs []any, visible string, visibleArgs []any, limit int) ([]SearchResult, error) {
	var args []any
	hits := make([]string, len(terms))
	for i, t := range terms {
		hits[i] = "CASE WHEN " + t.likeAny("title_key", &args) + " THEN 1 ELSE 0 END"
	}
	phrase, phraseArgs := searchPhrase(terms)
	args = append(args, phraseArgs...)
	// A number typed whole ("4") ranks the rows holding it as a word above
	// those where it only starts one ("42%").
	exact := "0"
	for _, t := range terms {
		if t.prefix && isNumber(t.folded) {
			exact = "CASE WHEN folded LIKE ? THEN 1 ELSE 0 END"
			args = append(args, "% "+t.folded+" %")
		}
	}
	args = append(args, condArgs...)
	args = append(args, visibleArgs...)
	args = append(args, limit)
	// Rank and cut in the inner query, then join the few rows kept to
	// their text, and to the names that may have changed since they were
	// indexed: the sort then carries no text. A round's documents rank
	// after the round, whose subject is often theirs too.
	//
	// Among rows that match as well, those of a draft round come last: a
	// task carried over from period to period has the same words in the
	// round the units are reporting on and in next period's draft, and
	// the searcher (the office, a leader) looks for the live one; newest
	// round first would put the draft on top. The status is read live,
	// as the documents' is: publishing a round changes no indexed text.
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT d.kind, d.round_id, d.task_id, d.target_id, d.unit_id, doc.title, doc.body,
		COALESCE(r.title, ''), COALESCE(r.status, ''), COALESCE(t.label, ''), COALESCE(un.code, ''), COALESCE(un.name, ''), COALESCE(un.short_name, ''),
		COALESCE(dc.status, ''), g.issued_at, COALESCE(g.number, 0), COALESCE(ur.status, ''), d.hits
		FROM (SELECT id, kind, round_id, task_id, target_id, unit_id,
			`+strings.Join(hits, " + ")+` AS hits, `+phrase+` AS phrase, `+exact+` AS exact,
			CASE WHEN round_id IN (SELECT id FROM rounds WHERE status = 'draft') THEN 1 ELSE 0 END AS draft,
			CASE kind WHEN 'unit' THEN 0 WHEN 'round' THEN 1 WHEN 'consolidated' THEN 2 WHEN 'directive' THEN 2
				WHEN 'task' THEN 3 WHEN 'target' THEN 4 WHEN 'section' THEN 5 ELSE 6 END AS kind_rank
			FROM search_docs WHERE (`+cond+`) AND (`+visible+`)
			ORDER BY hits DESC, exact DESC, phrase DESC, draft, kind_rank, round_id DESC, id LIMIT ?) d
		JOIN search_docs doc ON doc.id = d.id
		LEFT JOIN rounds r ON r.id = d.round_id LEFT JOIN tasks t ON t.id = d.task_id LEFT JOIN units un ON un.id = d.unit_id
		LEFT JOIN documents dc ON dc.round_id = d.round_id AND dc.kind = `+docKindOf("d.kind")+`
		LEFT JOIN register g ON g.id = dc.register_id
		LEFT JOIN unit_reports ur ON d.kind IN ('section', 'contribution') AND ur.round_id = d.round_id AND ur.unit_id = d.unit_id
		ORDER BY d.hits DESC, d.exact DESC, d.phrase DESC, d.draft, d.kind_rank, d.round_id DESC, d.id`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	manageUnits := tiendo.Allowed(u, tiendo.ActionManageUnits, 0)
	out := []SearchResult{}
	var plain []bool // the numbers typed stand alone in the result's text
	var hitsOf []int
	for rows.Next() {
		var res SearchResult
		var title, body string
		var at searchAround
		var issued sql.NullTime
		var h int
		if err := rows.Scan(&res.Kind, &res.RoundID, &res.TaskID, &res.TargetID, &res.UnitID, &title, &body,
			&at.roundTitle, &at.roundStatus, &at.label, &res.UnitCode, &at.unitName, &at.shortName, &at.docStatus, &issued, &at.number, &at.reportStatus, &h); err != nil {
			return nil, err
		}
		at.issuedAt = issued.Time
		describe(&res, terms, title, body, at, manageUnits)
		out = append(out, res)
		plain = append(plain, numbersStandAlone(at.label+" "+title+"\n"+body, terms))
		hitsOf = append(hitsOf, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// A number found only inside a decimal or a percentage ("11,4%" for
	// "4") is a poor match: among rows with as many words in their title,
	// those holding the number on its own come first. The database cannot
	// tell, since its words split "11,4" in two.
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if hitsOf[a] != hitsOf[b] {
			return hitsOf[b] - hitsOf[a]
		}
		switch {
		case plain[a] && !plain[b]:
			return -1
		case plain[b] && !plain[a]:
			return 1
		}
		return 0
	})
	sorted := make([]SearchResult, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted, nil
}

// linkUnits links the unit results that have no page of their own for u
// (only those who manage units have one) to where u can read the unit: its
// report in the newest round, by id, it is asked in that u sees and is not
// a draft; for a reader of sent reports only, the newest it has sent; for
// a unit's user, only its own unit (or the units under it).
func (s *Store) linkUnits(ctx context.Context, u *tiendo.User, res []SearchResult) error {
	scope := tiendo.ScopeOf(u, tiendo.ActionReadReport)
	if scope == tiendo.ScopeNone {
		return nil
	}
	var own map[int64]bool
	if scope == tiendo.ScopeOwnUnit || scope == tiendo.ScopeUnitTree {
		own = map[int64]bool{u.UnitID: true}
		if scope == tiendo.ScopeUnitTree {
			for _, id := range u.UnitTree() {
				own[id] = true
			}
		}
	}
	var ids []int64
	for _, r := range res {
		if r.Kind == SearchUnit && r.Link == "" && r.UnitCode != "" && (own == nil || own[r.UnitID]) && !slices.Contains(ids, r.UnitID) {
			ids = append(ids, r.UnitID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	where, args := visibleTo(u)
	args = append(anys(ids), args...)
	sent := ""
	if tiendo.ReadsSentOnly(u) {
		cond, sentArgs := sentCondition("ur.status")
		sent = " AND EXISTS (SELECT 1 FROM unit_reports ur WHERE ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id AND " + cond + ")"
		args = append(args, sentArgs...)
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT ru.unit_id, MAX(ru.round_id) FROM round_units ru
		WHERE ru.unit_id IN (`+placeholders(len(ids))+`) AND ru.round_id IN (SELECT id FROM rounds WHERE status <> 'draft' AND `+where+`)`+sent+`
		GROUP BY ru.unit_id`), args...)
	if err != nil {
		return fmt.Errorf("store: search: unit links: %w", err)
	}
	defer rows.Close()
	newest := map[int64]int64{}
	for rows.Next() {
		var unit, round int64
		if err := rows.Scan(&unit, &round); err != nil {
			return fmt.Errorf("store: search: unit links: %w", err)
		}
		newest[unit] = round
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: search: unit links: %w", err)
	}
	for i := range res {
		if r := &res[i]; r.Kind == SearchUnit && r.Link == "" && newest[r.UnitID] != 0 {
			r.Link = fmt.Sprintf("/rounds/%d/reports/%s", newest[r.UnitID], r.UnitCode)
		}
	}
	return nil
}

// docKindOf is the SQL for the document kind of the search kind in column
// col, NULL for a kind that is not a document's.
func docKindOf(col string) string {
	return "CASE " + col + " WHEN '" + SearchConsolidated + "' THEN '" + string(tiendo.DocReport) +
		"' WHEN '" + SearchDirective + "' THEN '" + string(tiendo.DocDirective) + "' END"
}

// searchAround is what a result is shown with besides its own text, read
// as it is when the result is found: names may have changed since they
// were indexed, and a document moves through its approval unindexed.
type searchAround struct {
	roundTitle, label, unitName, shortName string
	roundStatus                            tiendo.RoundStatus // a draft round's results say so (draftNote)
	docStatus                              tiendo.DocStatus
	issuedAt                               time.Time
	number                                 int                 // an issued document's number in the register
	reportStatus                           tiendo.ReportStatus // a report's text: where its report is now
}

// describe fills in what a result shows and where it links.
//
// The snippet shows where the query matched, not what the title already
// shows: it is cut around, and marks, the words the title does not hold. A
// document found by its number ("01/BC-UBND") holds every word in its title,
// and then its snippet is the start of its text, unmarked, rather than a
// window around an unrelated "UBND" or "01" deep in the text. A task is
// named as people name it, "Nhiệm vụ 3 · <round title>", and its text is
// the snippet.
func describe(res *SearchResult, terms []searchTerm, title, body string, at searchAround, manageUnits bool) {
	const titleLen, snippetLen = 160, 240
	roundTitle, label := at.roundTitle, at.label
	// notIn returns the terms that the texts do not hold.
	notIn := func(texts ...string) []searchTerm {
		held := make([]bool, len(terms))
		for _, t := range texts {
			for _, sp := range matchSpans([]rune(t), terms) {
				held[sp.term] = true
			}
		}
		var rest []searchTerm
		for i, t := range terms {
			if !held[i] {
				rest = append(rest, t)
			}
		}
		return rest
	}
	// A draft round's round, tasks and targets say so: the same task is
	// often in the live round too, and the two must not be taken for
	// each other.
	draft := at.roundStatus == tiendo.RoundDraft
	switch res.Kind {
	case SearchRound:
		res.Title = highlight(title, terms, titleLen)
		res.Snippet = highlight(body, notIn(title), snippetLen)
		res.Context = "Đợt báo cáo"
		if draft {
			res.Context += " · " + draftNote
		}
		res.Link = fmt.Sprintf("/rounds/%d", res.RoundID)
	case SearchTask:
		// The index's title of a task is its text.
		res.Title = highlight(fmt.Sprintf("Nhiệm vụ %s · %s", label, roundTitle), terms, titleLen)
		res.Snippet = highlight(title, terms, snippetLen)
		if draft {
			res.Context = "Đợt báo cáo đang ở dạng nháp, các đơn vị chưa nhìn thấy"
		}
		res.Link = fmt.Sprintf("/rounds/%d#task-%d", res.RoundID, res.TaskID)
	case SearchTarget:
		res.Title = highlight(title, terms, titleLen)
		res.Snippet = highlight(body, notIn(title), snippetLen)
		res.Context = fmt.Sprintf("Chỉ tiêu của nhiệm vụ %s · %s", label, roundTitle)
		if draft {
			res.Context += " · " + draftNote
		}
		// Its page: the values of the units that report it, across periods.
		res.Link = fmt.Sprintf("/targets/%d", res.TargetID)
		if res.TargetID == 0 {
			res.Link = fmt.Sprintf("/rounds/%d#task-%d", res.RoundID, res.TaskID)
		}
	case SearchUnit:
		// The body is the unit's other names and code, which the title
		// does not show: a word found there is marked there.
		res.Title = highlight(title, terms, titleLen)
		res.Snippet = highlight(body, notIn(title), snippetLen)
		if manageUnits {
			res.Link = fmt.Sprintf("/admin/units/%d", res.UnitID)
		}
	case SearchSection, SearchContribution:
		// The unit's name is not indexed with the report: every word was
		// found in the text.
		name := at.unitName
		if at.shortName != "" {
			name = at.shortName
		}
		res.Title = highlight(name, terms, titleLen)
		res.Snippet = highlight(body, terms, snippetLen)
		res.Context = fmt.Sprintf("Báo cáo nhiệm vụ %s · %s", label, roundTitle)
		res.Link = fmt.Sprintf("/rounds/%d/reports/%s#task-%d", res.RoundID, res.UnitCode, res.TaskID)
		if res.Kind == SearchContribution {
			res.Context = fmt.Sprintf("Phối hợp nhiệm vụ %s · %s", label, roundTitle)
			res.Link = fmt.Sprintf("/rounds/%d/reports/%s#contrib-%d", res.RoundID, res.UnitCode, res.TaskID)
		}
		// The office reads units' drafts; it must not take one for what
		// was reported.
		switch st := at.reportStatus; {
		case st == tiendo.ReportReturned:
			res.Context += " · trả lại để bổ sung, chưa gửi lại"
		case st != "" && !st.Sent():
			res.Context += " · " + strings.ToLower(st.Label()) + ", chưa gửi Văn phòng"
		}
	case SearchConsolidated, SearchDirective:
		kind := tiendo.DocReport
		if res.Kind == SearchDirective {
			kind = tiendo.DocDirective
		}
		res.Title = highlight(title, terms, titleLen)
		// The title holds the number and symbol ("Số 01/BC-UBND") and the
		// subject; the kind's name and the number as said ("1") are found
		// as the title is (indexDocuments).
		held := []string{title, kind.Label()}
		if at.number != 0 {
			held = append(held, strconv.Itoa(at.number))
		}
		res.Snippet = highlight(body, notIn(held...), snippetLen)
		state := at.docStatus.Label()
		if at.docStatus == tiendo.DocIssued && !at.issuedAt.IsZero() {
			state = "Ban hành ngày " + at.issuedAt.In(tiendo.Zone).Format("02/01/2006")
		}
		res.Context = state + " · " + roundTitle
		res.Link = docLink(res.RoundID, kind)
	}
}

// draftNote marks the results of a round the office has not sent yet, as
// the round's edit page does.
const draftNote = "bản nháp, các đơn vị chưa nhìn thấy"

// searchTerm is a query word as it is matched.
type searchTerm struct {
	folded string // the word folded (vi.Fold): "thu"
	marked string // the word with its diacritics (vi.MarkKey) when it was typed with any: "thử"; else ""
	prefix bool   // the word may be the start of a longer one
	// alts are other ways to write this word and the span-1 words after
	// it, as phrases of folded words: "gpmb" is also "giai phong mat
	// bang", and those four words are also "gpmb" (searchAbbreviations).
	alts [][]string
	span int // how many terms, from this one, an alternative stands for; 0 when there are none
}

// likeAny is the SQL that col holds the term, or one of its alternatives;
// it appends the arguments to args.
func (t searchTerm) likeAny(col string, args *[]any) string {
	*args = append(*args, t.like())
	if len(t.alts) == 0 {
		return col + " LIKE ?"
	}
	conds := []string{col + " LIKE ?"}
	for _, a := range t.alts {
		conds = append(conds, col+" LIKE ?")
		*args = append(*args, "% "+strings.Join(a, " ")+" %")
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}

// key is what the term is matched against: the marked word when the user
// typed diacritics, else the folded one. The index holds both (indexKey).
func (t searchTerm) key() string {
	if t.marked != "" {
		return t.marked
	}
	return t.folded
}

// like is the LIKE pattern that finds the term in an indexKey.
func (t searchTerm) like() string {
	if t.prefix {
		return "% " + t.key() + "%"
	}
	return "% " + t.key() + " %"
}

// matches reports whether a word of the text, folded and (computed only
// when needed) marked, is the term.
func (t searchTerm) matches(folded string, marked func() string) bool {
	eq := func(word, key string) bool {
		if t.prefix {
			return strings.HasPrefix(word, key)
		}
		return word == key
	}
	// A marked word folds to the term's folded word: it can only match a
	// word whose folded form does.
	if !eq(folded, t.folded) {
		return false
	}
	return t.marked == "" || eq(marked(), t.marked)
}

// searchTerms reads a query into the words to find, without repeats.
//
// How a word matches is what a Vietnamese office worker expects of a
// search box:
//   - Diacritics are optional: many type without them ("giai phong mat
//     bang"), or type "d" for "đ". A word typed without diacritics finds the
//     word with any diacritics ("thue" finds "Thuế", "thuê", "thuề").
//   - But a word typed with them means that word: "thử" must not find
//     "Thuế" or "Thương binh", as it would if the diacritics were dropped.
//     It is compared with its diacritics, in either tone placement ("hoà"
//     and "hòa" are one word), and "đ" still as "d".
//   - Each word is a whole syllable, except the last: Vietnamese words are
//     syllables of two to seven letters, and a prefix on every one ("gia
//     pho") finds far too much: "giá phối", "giao phó", "giải phóng"... Only
//     the last word may still be being typed ("giải phóng mặt b", "xadi",
//     "thươ"), so only it matches the start of a word.
func searchTerms(q string) ([]searchTerm, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Hãy nhập từ cần tìm, ví dụ: giải phóng mặt bằng.")
	}
	if n := utf8.RuneCountInString(q); n > MaxSearchQuery {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Từ khóa quá dài (%d ký tự); hãy rút gọn còn tối đa %d ký tự.", n, MaxSearchQuery)
	}
	var all []searchTerm
	rs := []rune(vi.NFC(q))
	eachWord(rs, func(i, j int, folded string) {
		all = append(all, searchTerm{folded: folded, marked: vi.MarkKey(rs[i:j], folded)})
	})
	if len(all) == 0 {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Từ khóa chỉ có dấu câu; hãy nhập chữ hoặc số cần tìm.")
	}
	all[len(all)-1].prefix = true
	// A word typed twice is one word; if one of them is whole, it is whole
	// (a whole word found is also the start of itself).
	var terms []searchTerm
	seen := map[string]int{}
	for _, t := range all {
		if i, ok := seen[t.key()]; ok {
			terms[i].prefix = terms[i].prefix && t.prefix
			continue
		}
		seen[t.key()] = len(terms)
		terms = append(terms, t)
	}
	if len(terms) > MaxSearchWords {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Từ khóa có %d từ; hãy dùng tối đa %d từ.", len(terms), MaxSearchWords)
	}
	expandAbbreviations(terms)
	return terms, nil
}

// searchAbbreviations are the abbreviations official texts use for common
// phrases, from GLOSSARY.md: a query holding one also finds the phrase
// written out, and a query holding the phrase also finds the abbreviation.
// "CA" (Công an) and "NN" (Nông nghiệp) are left out: "ca" is also a
// Vietnamese word, and both would widen searches that mean nothing of them.
var searchAbbreviations = []struct{ abbr, full string }{
	{"UBND", "ủy ban nhân dân"},
	{"HĐND", "hội đồng nhân dân"},
	{"MTTQ", "mặt trận tổ quốc"},
	{"GPMB", "giải phóng mặt bằng"},
	{"NTM", "nông thôn mới"},
	{"CCHC", "cải cách hành chính"},
	{"ATGT", "an toàn giao thông"},
	{"ANTT", "an ninh trật tự"},
	{"KT-XH", "kinh tế - xã hội"},
	{"KTXH", "kinh tế - xã hội"},
	{"PTNT", "phát triển nông thôn"},
	{"TN&MT", "tài nguyên và môi trường"},
	{"TNMT", "tài nguyên và môi trường"},
	{"GD&ĐT", "giáo dục và đào tạo"},
	{"GDĐT", "giáo dục và đào tạo"},
	{"LĐ-TB&XH", "lao động - thương binh và xã hội"},
	{"VH&TT", "văn hóa và thông tin"},
	{"TC-KH", "tài chính - kế hoạch"},
	{"BCH QS", "ban chỉ huy quân sự"},
	{"TTYT", "trung tâm y tế"},
}

// abbreviationWords is searchAbbreviations as folded words, both ways:
// words to look for, and what else they may be written as.
var abbreviationWords = func() [][2][]string {
	words := func(s string) []string {
		var out []string
		eachWord([]rune(vi.NFC(s)), func(_, _ int, folded string) { out = append(out, folded) })
		return out
	}
	var out [][2][]string
	for _, a := range searchAbbreviations {
		abbr, full := words(a.abbr), words(a.full)
		out = append(out, [2][]string{abbr, full}, [2][]string{full, abbr})
	}
	return out
}()

// expandAbbreviations gives the terms that spell an abbreviation, or the
// phrase it stands for, the other as an alternative.
func expandAbbreviations(terms []searchTerm) {
	for i := 0; i < len(terms); i++ {
		for _, pair := range abbreviationWords {
			from, to := pair[0], pair[1]
			if i+len(from) > len(terms) {
				continue
			}
			same := true
			for k, w := range from {
				if terms[i+k].folded != w {
					same = false
					break
				}
			}
			if same {
				terms[i].alts, terms[i].span = append(terms[i].alts, to), len(from)
				i += len(from) - 1
				break
			}
		}
	}
}

// taskRef reads a query that names a task by its number, folded: "nhiem
// vu 4", "nhiem vu so 4", "nv 4", "nv4".
var taskRef = regexp.MustCompile(`^(?:nhiem vu|nv)(?: so)? ?([0-9]+[a-z]?)$`)

// taskReference returns the label of the task the query names, in lower
// case, when it is "nhiệm vụ 4", "NV 4" or "nv4".
func taskReference(terms []searchTerm) (string, bool) {
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = t.folded
	}
	m := taskRef.FindStringSubmatch(strings.Join(words, " "))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// isNumber reports whether a folded word is all digits.
func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// numbersStandAlone reports whether text holds every number among the
// terms as a number of its own: not the start of a longer one ("42"), not
// a part of a decimal ("11,4", "1.234") and not a percentage ("4%").
func numbersStandAlone(text string, terms []searchTerm) bool {
	rs := []rune(text)
	digit := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	sep := func(i int) bool { return i >= 0 && i < len(rs) && (rs[i] == ',' || rs[i] == '.') }
	alone := func(num string) bool {
		for i := 0; i < len(rs); {
			if !digit(i) {
				i++
				continue
			}
			j := i
			for digit(j) {
				j++
			}
			if string(rs[i:j]) == num && !(sep(i-1) && digit(i-2)) && !(sep(j) && digit(j+1)) {
				k := j
				for k < len(rs) && rs[k] == ' ' {
					k++
				}
				if k == len(rs) || rs[k] != '%' {
					return true
				}
			}
			i = j
		}
		return false
	}
	for _, t := range terms {
		if isNumber(t.folded) && !alone(t.folded) {
			return false
		}
	}
	return true
}

// isWordRune reports whether a folded rune belongs to a word. SQLite's FTS5
// tokenizer (unicode61) splits text the same way: letters and numbers.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// eachWord calls fn with each word of rs, rs[i:j], and its folded form. A
// word is a run of letters and digits; the combining marks inside or at the
// end of one (text that is not NFC) belong to it, and a lone one folds to
// nothing (vi.FoldRune maps NFC text rune for rune).
func eachWord(rs []rune, fn func(i, j int, folded string)) {
	var folded []rune
	for i := 0; i < len(rs); {
		if f := vi.FoldRune(rs[i]); f < 0 || !isWordRune(f) {
			i++
			continue
		}
		folded = folded[:0]
		j := i
		for ; j < len(rs); j++ {
			f := vi.FoldRune(rs[j])
			if f < 0 {
				continue
			}
			if !isWordRune(f) {
				break
			}
			folded = append(folded, f)
		}
		fn(i, j, string(folded))
		i = j
	}
}

// indexKey is what search_docs keeps of parts for matching: their folded
// words in order, space-separated with a space at each end, so that LIKE
// '% giai%' finds a word that starts with "giai" and LIKE '% giai phong%'
// a phrase; then, after a "|" that no phrase spans, each word that carries
// diacritics once, as vi.MarkKey writes it, for the words typed with them:
// " thu thue | thuế ".
func indexKey(parts ...string) string {
	var words, marked []string
	seen := map[string]bool{}
	for _, p := range parts {
		rs := []rune(vi.NFC(p))
		eachWord(rs, func(i, j int, folded string) {
			words = append(words, folded)
			if m := vi.MarkKey(rs[i:j], folded); m != "" && !seen[m] {
				seen[m] = true
				marked = append(marked, m)
			}
		})
	}
	if len(words) == 0 {
		return ""
	}
	key := " " + strings.Join(words, " ") + " "
	if len(marked) > 0 {
		key += "| " + strings.Join(marked, " ") + " "
	}
	return key
}

// searchVisibleTo narrows search_docs to what u may see, by the same rules
// as the pages: everyone who may list units finds units; rounds, tasks and
// targets as visibleTo says; report text of the rounds u sees, and for a
// unit-scoped user only its own unit's; the documents of the rounds u sees
// as Doc lets u read them. It returns "" when u may see none.
func searchVisibleTo(u *tiendo.User) (string, []any) {
	var parts []string
	var args []any
	if tiendo.ScopeOf(u, tiendo.ActionReadUnits) != tiendo.ScopeNone {
		parts = append(parts, "kind = 'unit'")
	}
	if tiendo.ScopeOf(u, tiendo.ActionReadRounds) != tiendo.ScopeNone {
		where, roundArgs := visibleTo(u)
		rounds := ""
		if where != "1 = 1" {
			rounds = " AND round_id IN (SELECT id FROM rounds WHERE " + where + ")"
		}
		parts = append(parts, "(kind IN ('round', 'task', 'target')"+rounds+")")
		args = append(args, roundArgs...)
		switch tiendo.ScopeOf(u, tiendo.ActionReadReport) {
		case tiendo.ScopeAll:
			sent := ""
			if tiendo.ReadsSentOnly(u) { // the status is read live, as the documents' is
				cond, sentArgs := sentCondition("status")
				sent = " AND report_id IN (SELECT id FROM unit_reports WHERE " + cond + ")"
				args = append(args, sentArgs...)
			}
			parts = append(parts, "(kind IN ('section', 'contribution')"+sent+rounds+")")
			args = append(args, roundArgs...)
		case tiendo.ScopeOwnUnit, tiendo.ScopeUnitTree:
			ids := []int64{u.UnitID}
			if tiendo.ScopeOf(u, tiendo.ActionReadReport) == tiendo.ScopeUnitTree {
				ids = u.UnitTree()
			}
			parts = append(parts, "(kind IN ('section', 'contribution') AND unit_id IN ("+placeholders(len(ids))+")"+rounds+")")
			args = append(args, anys(ids)...)
			args = append(args, roundArgs...)
		}
		// The office and leaders see documents at every stage; whoever
		// reads every unit's report sees them issued; the units asked see
		// the issued công văn that assigned them work. The status is read
		// from documents, not the index, so that a draft never shows.
		issued := func(kind tiendo.DocKind) {
			parts = append(parts, "(kind = '"+searchDocKinds[kind]+"' AND round_id IN (SELECT round_id FROM documents WHERE kind = ? AND status = ?)"+rounds+")")
			args = append(append(args, kind, tiendo.DocIssued), roundArgs...)
		}
		switch {
		case tiendo.Allowed(u, tiendo.ActionConsolidate, 0) || tiendo.Allowed(u, tiendo.ActionApproveDoc, 0):
			parts = append(parts, "(kind IN ('"+SearchConsolidated+"', '"+SearchDirective+"')"+rounds+")")
			args = append(args, roundArgs...)
		case tiendo.ScopeOf(u, tiendo.ActionReadReport) == tiendo.ScopeAll:
			issued(tiendo.DocReport)
			issued(tiendo.DocDirective)
		default:
			issued(tiendo.DocDirective)
		}
	}
	return strings.Join(parts, " OR "), args
}

// searchMatch is the condition that a search_docs row holds every term:
// the last as the start of one of its words, the others as whole words.
func (s *Store) searchMatch(terms []searchTerm) (string, []any) {
	// A term with alternatives starts a group: its words as typed, or one
	// of the alternatives as a phrase.
	if s.dialect == sqlite {
		// Words are letters and digits only, so quoting each one is enough
		// to keep FTS5 from reading AND, OR, NOT or NEAR as operators.
		word := func(t searchTerm) string {
			w := `"` + t.key() + `"`
			if t.prefix {
				w += "*"
			}
			return w
		}
		var fts []string
		for i := 0; i < len(terms); {
			t := terms[i]
			if len(t.alts) == 0 {
				fts = append(fts, word(t))
				i++
				continue
			}
			var typed []string
			for _, u := range terms[i : i+t.span] {
				typed = append(typed, word(u))
			}
			group := []string{"(" + strings.Join(typed, " AND ") + ")"}
			for _, a := range t.alts {
				group = append(group, `"`+strings.Join(a, " ")+`"`)
			}
			fts = append(fts, "("+strings.Join(group, " OR ")+")")
			i += t.span
		}
		return "id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)", []any{strings.Join(fts, " AND ")}
	}
	var conds []string
	var args []any
	for i := 0; i < len(terms); {
		t := terms[i]
		if len(t.alts) == 0 {
			conds, args = append(conds, "folded LIKE ?"), append(args, t.like())
			i++
			continue
		}
		var typed []string
		for _, u := range terms[i : i+t.span] {
			typed, args = append(typed, "folded LIKE ?"), append(args, u.like())
		}
		group := []string{"(" + strings.Join(typed, " AND ") + ")"}
		for _, a := range t.alts {
			group, args = append(group, "folded LIKE ?"), append(args, "% "+strings.Join(a, " ")+" %")
		}
		conds = append(conds, "("+strings.Join(group, " OR ")+")")
		i += t.span
	}
	return strings.Join(conds, " AND "), args
}

// searchPhrase is 1 for a row that holds the words in a row, and 0 for other
// rows; always 0 for a single word. The phrase is looked for in the folded
// words, which are in order: it only ranks rows that hold every term as
// typed. (On SQLite a LIKE here is faster than asking FTS5 for the phrase:
// the row is read anyway, and FTS5's answer would have to be kept in a
// temporary table.)
func searchPhrase(terms []searchTerm) (string, []any) {
	if len(terms) < 2 {
		return "0", nil
	}
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = t.folded
	}
	pattern := "% " + strings.Join(words, " ")
	if terms[len(terms)-1].prefix {
		pattern += "%"
	} else {
		pattern += " %"
	}
	return "CASE WHEN folded LIKE ? THEN 1 ELSE 0 END", []any{pattern}
}

// searchDoc is one row of search_docs before it is written.
type searchDoc struct {
	kind                                        string
	roundID, taskID, targetID, unitID, reportID int64
	title, body                                 string
	names                                       string // other names, ranked as the title: a unit's short name, aliases, code; a document's kind
	hidden                                      string // found but not in the title: a task's label, a document's number as said ("1")
}

// searchInList returns "?, ?, ?" for ids, and ids as arguments.
func searchInList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", "), args
}

// indexRounds indexes rounds ids again with their tasks and targets; a
// round that no longer exists leaves nothing behind.
func (s *Store) indexRounds(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := searchInList(ids)
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_docs WHERE kind IN ('round', 'task', 'target') AND round_id IN (`+in+`)`), args...); err != nil {
		return fmt.Errorf("store: search: rounds: %w", err)
	}
	var docs []searchDoc
	err := searchScanEach(ctx, tx, s.q(`SELECT id, title, subject FROM rounds WHERE id IN (`+in+`)`), args, func(sc searchScanner) error {
		d := searchDoc{kind: SearchRound}
		err := sc.Scan(&d.roundID, &d.title, &d.body)
		docs = append(docs, d)
		return err
	})
	if err != nil {
		return err
	}
	err = searchScanEach(ctx, tx, s.q(`SELECT id, round_id, label, text FROM tasks WHERE round_id IN (`+in+`)`), args, func(sc searchScanner) error {
		d := searchDoc{kind: SearchTask}
		err := sc.Scan(&d.taskID, &d.roundID, &d.hidden, &d.title)
		docs = append(docs, d)
		return err
	})
	if err != nil {
		return err
	}
	err = searchScanEach(ctx, tx, s.q(`SELECT tg.id, tg.task_id, t.round_id, tg.text FROM targets tg JOIN tasks t ON t.id = tg.task_id
		WHERE t.round_id IN (`+in+`)`), args, func(sc searchScanner) error {
		d := searchDoc{kind: SearchTarget}
		err := sc.Scan(&d.targetID, &d.taskID, &d.roundID, &d.title)
		docs = append(docs, d)
		return err
	})
	if err != nil {
		return err
	}
	return s.insertDocs(ctx, tx, docs)
}

// indexUnits indexes units ids again: name, short name, aliases and code.
func (s *Store) indexUnits(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := searchInList(ids)
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_docs WHERE kind = 'unit' AND unit_id IN (`+in+`)`), args...); err != nil {
		return fmt.Errorf("store: search: units: %w", err)
	}
	var docs []searchDoc
	err := searchScanEach(ctx, tx, s.q(`SELECT id, code, name, short_name, aliases FROM units WHERE id IN (`+in+`)`), args, func(sc searchScanner) error {
		d := searchDoc{kind: SearchUnit}
		var code, short, aliases string
		if err := sc.Scan(&d.unitID, &code, &d.title, &short, &aliases); err != nil {
			return err
		}
		var names []string
		json.Unmarshal([]byte(aliases), &names) // a malformed list only loses the aliases from search
		names = append([]string{short}, append(names, code)...)
		var shown []string
		for _, n := range names {
			if n != "" {
				shown = append(shown, n)
			}
		}
		d.body = strings.Join(shown, " · ")
		d.names = d.body
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return err
	}
	return s.insertDocs(ctx, tx, docs)
}

// indexReports indexes unit reports ids again: each section's narrative
// fields and each contribution.
func (s *Store) indexReports(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := searchInList(ids)
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_docs WHERE kind IN ('section', 'contribution') AND report_id IN (`+in+`)`), args...); err != nil {
		return fmt.Errorf("store: search: reports: %w", err)
	}
	var docs []searchDoc
	err := searchScanEach(ctx, tx, s.q(`SELECT r.id, r.round_id, r.unit_id, sc.task_id,
		sc.result_vs_plan, sc.vs_same_period, sc.obstacles, sc.recommendations, sc.next_steps
		FROM report_sections sc JOIN unit_reports r ON r.id = sc.report_id WHERE sc.report_id IN (`+in+`)`), args, func(sc searchScanner) error {
		d := searchDoc{kind: SearchSection}
		var f [5]string
		if err := sc.Scan(&d.reportID, &d.roundID, &d.unitID, &d.taskID, &f[0], &f[1], &f[2], &f[3], &f[4]); err != nil {
			return err
		}
		var parts []string
		for _, p := range f {
			if p != "" {
				parts = append(parts, p)
			}
		}
		d.body = strings.Join(parts, "\n")
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return err
	}
	err = searchScanEach(ctx, tx, s.q(`SELECT r.id, r.round_id, r.unit_id, c.task_id, c.text
		FROM report_contributions c JOIN unit_reports r ON r.id = c.report_id WHERE c.report_id IN (`+in+`)`), args, func(sc searchScanner) error {
		d := searchDoc{kind: SearchContribution}
		err := sc.Scan(&d.reportID, &d.roundID, &d.unitID, &d.taskID, &d.body)
		docs = append(docs, d)
		return err
	})
	if err != nil {
		return err
	}
	return s.insertDocs(ctx, tx, docs)
}

// documentRounds returns the rounds of documents ids.
func (s *Store) documentRounds(ctx context.Context, tx *sql.Tx, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := searchInList(ids)
	rows, err := tx.QueryContext(ctx, s.q(`SELECT DISTINCT round_id FROM documents WHERE id IN (`+in+`)`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: search: documents: %w", err)
	}
	return scanIDs(rows)
}

// indexDocuments indexes again the documents of rounds ids (a round may be
// listed twice): the title is the number and symbol of an issued one (the
// register's "01/BC-UBND", found by "1/BC-UBND" too) and its subject, ranked
// with the kind's name; the body its parts' text. The approval steps, which
// change only the status, are not indexed: Search reads the status from
// documents.
func (s *Store) indexDocuments(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := searchInList(ids)
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_docs WHERE kind IN ('`+SearchConsolidated+`', '`+SearchDirective+`') AND round_id IN (`+in+`)`), args...); err != nil {
		return fmt.Errorf("store: search: documents: %w", err)
	}
	var docs []searchDoc
	err := searchScanEach(ctx, tx, s.q(`SELECT d.round_id, d.kind, d.subject, d.sections, COALESCE(g.number, 0), COALESCE(g.symbol, '')
		FROM documents d LEFT JOIN register g ON g.id = d.register_id WHERE d.round_id IN (`+in+`)`), args, func(sc searchScanner) error {
		var d searchDoc
		var kind tiendo.DocKind
		var subject, sections, symbol string
		var number int
		if err := sc.Scan(&d.roundID, &kind, &subject, &sections, &number, &symbol); err != nil {
			return err
		}
		var ok bool
		if d.kind, ok = searchDocKinds[kind]; !ok {
			return nil // a kind this version does not know has no page to open
		}
		name := kind.Label()
		first, n := utf8.DecodeRuneInString(name)
		d.names = string(unicode.ToUpper(first)) + name[n:]
		d.title = subject
		if number != 0 {
			d.title = fmt.Sprintf("Số %02d/%s", number, symbol)
			if subject != "" {
				d.title += ": " + subject
			}
			d.hidden = strconv.Itoa(number)
		} else if subject == "" {
			d.title = d.names
		}
		var parts []tiendo.ReportPart
		json.Unmarshal([]byte(sections), &parts) // malformed parts only lose the text from search
		var texts []string
		var headings []string
		for _, p := range parts {
			if p.Text != "" {
				texts = append(texts, p.Text)
			}
			if p.Heading != "" {
				headings = append(headings, p.Heading)
			}
		}
		d.body = strings.Join(texts, "\n")
		// A part's heading ("4. Giải phóng mặt bằng ...") names its task,
		// which the text under it may not repeat: found, not shown.
		d.hidden = strings.Join(append([]string{d.hidden}, headings...), "\n")
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return err
	}
	return s.insertDocs(ctx, tx, docs)
}

type searchScanner interface{ Scan(...any) error }

// searchScanEach runs a query and calls fn for each row. The rows are closed
// before it returns, so the caller may write on the same transaction next
// (PostgreSQL cannot while rows are open on the connection).
func searchScanEach(ctx context.Context, tx *sql.Tx, query string, args []any, fn func(searchScanner) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// insertDocs writes docs, many rows to a statement. A doc with no words is
// left out: nothing could find it.
func (s *Store) insertDocs(ctx context.Context, tx *sql.Tx, docs []searchDoc) error {
	const perStatement = 100 // 1,000 parameters, well under both databases' limits
	for len(docs) > 0 {
		n := min(len(docs), perStatement)
		var b strings.Builder
		b.WriteString(`INSERT INTO search_docs (kind, round_id, task_id, target_id, unit_id, report_id, title, body, title_key, folded) VALUES `)
		args := make([]any, 0, n*10)
		rowsIn := 0
		for _, d := range docs[:n] {
			// What was saved before text lost its NUL characters (nfc)
			// would stop every search on PostgreSQL, which refuses them.
			d.title, d.body, d.names, d.hidden = noNUL(d.title), noNUL(d.body), noNUL(d.names), noNUL(d.hidden)
			folded := indexKey(d.hidden, d.title, d.names, d.body)
			if folded == "" {
				continue
			}
			if rowsIn > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, d.kind, d.roundID, d.taskID, d.targetID, d.unitID, d.reportID, d.title, d.body, indexKey(d.title, d.names), folded)
			rowsIn++
		}
		docs = docs[n:]
		if rowsIn == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.q(b.String()), args...); err != nil {
			return fmt.Errorf("store: search: index: %w", err)
		}
	}
	return nil
}

// span is a matched word of a text: its rune offsets, and the term it
// matched.
type span struct{ start, end, term int }

// matchSpans returns the words of rs that terms match, in order. A word
// that several terms match is the longest one's. The words of a term's
// alternative, found in a row, are one span, the term's.
func matchSpans(rs []rune, terms []searchTerm) []span {
	type word struct {
		i, j   int
		folded string
	}
	var words []word
	eachWord(rs, func(i, j int, folded string) { words = append(words, word{i, j, folded}) })
	var spans []span
	for w := 0; w < len(words); w++ {
		if n, k := altAt(words[w:], func(x word) string { return x.folded }, terms); n > 0 {
			spans = append(spans, span{words[w].i, words[w+n-1].j, k})
			w += n - 1
			continue
		}
		i, j, folded := words[w].i, words[w].j, words[w].folded
		marked, done := "", false
		markedKey := func() string {
			if !done {
				marked, done = vi.MarkKey(rs[i:j], folded), true
				if marked == "" {
					marked = folded // nothing to mark: the word as folded
				}
			}
			return marked
		}
		best := -1
		for k, t := range terms {
			if t.matches(folded, markedKey) && (best < 0 || utf8.RuneCountInString(t.key()) > utf8.RuneCountInString(terms[best].key())) {
				best = k
			}
		}
		if best >= 0 {
			// The whole word, with any combining marks it ends with.
			spans = append(spans, span{i, j, best})
		}
	}
	return spans
}

// altAt returns how many of words, from the first, spell an alternative
// of a term, and that term; 0 when none does.
func altAt[W any](words []W, folded func(W) string, terms []searchTerm) (int, int) {
	for k, t := range terms {
		for _, a := range t.alts {
			if len(a) > len(words) {
				continue
			}
			same := true
			for x, w := range a {
				if folded(words[x]) != w {
					same = false
					break
				}
			}
			if same {
				return len(a), k
			}
		}
	}
	return 0, 0
}

// highlight cuts text (its runs of white space made single spaces) to at
// most width characters around the matches of terms, and splits it into
// segments with the matched words marked. It chooses the window holding the
// most different terms, and marks a cut with "…"; with no match it shows
// the start of the text.
//
// A word that a query word begins is marked whole, up to the next space or
// punctuation: Vietnamese is written in syllables, and a mark on "Thu" of
// "Thuế" reads as a broken word. Cuts fall between words for the same
// reason.
func highlight(text string, terms []searchTerm, width int) []Segment {
	rs := []rune(strings.Join(strings.Fields(text), " "))
	if len(rs) == 0 {
		return nil
	}
	spans := matchSpans(rs, terms)

	lo, hi := 0, len(rs)
	if len(rs) > width {
		start, most, keep := 0, 0, 1
		seen := make([]bool, len(terms))
		for a := range spans {
			clear(seen)
			count := 0
			for b := a; b < len(spans) && spans[b].end <= spans[a].start+width; b++ {
				if !seen[spans[b].term] {
					seen[spans[b].term] = true
					count++
				}
			}
			if count > most {
				start, most, keep = spans[a].start, count, spans[a].end
			}
		}
		// Show a little of what comes before the first match, from the
		// start of a word.
		lo = max(0, start-width/5)
		if lo > 0 {
			for lo < start && rs[lo-1] != ' ' {
				lo++
			}
		}
		hi = min(len(rs), lo+width)
		if hi < len(rs) {
			hi = cutAt(rs, lo+width/2, max(keep, lo+1), hi)
		}
	}

	var out []Segment
	add := func(text string, match bool) {
		if text == "" {
			return
		}
		n := len(out)
		// Matched words with only a space between them are marked as one
		// run: "giải phóng mặt bằng", not four marks.
		if match && n >= 2 && out[n-2].Match && out[n-1].Text == " " {
			out[n-2].Text += " " + text
			out = out[:n-1]
			return
		}
		if n > 0 && out[n-1].Match == match {
			out[n-1].Text += text
			return
		}
		out = append(out, Segment{Text: text, Match: match})
	}
	if lo > 0 {
		add("…", false)
	}
	at := lo
	for _, sp := range spans {
		if sp.end <= lo || sp.start >= hi {
			continue
		}
		a, b := max(sp.start, lo), min(sp.end, hi)
		add(string(rs[at:a]), false)
		add(string(rs[a:b]), true)
		at = b
	}
	add(string(rs[at:hi]), false)
	if hi < len(rs) {
		add("…", false)
	}
	return out
}

// cutAt returns where a window of rs that may reach hi (< len(rs)) ends: at
// the last space after soft; failing that, at the last other break between
// words (punctuation, as in a long link) from keep on, so that the first
// match stays whole; failing that, a word longer than the window is cut at
// hi, but never between a letter and its combining marks.
func cutAt(rs []rune, soft, keep, hi int) int {
	for h := hi; h > soft; h-- {
		if rs[h] == ' ' {
			return h
		}
	}
	inWord := func(r rune) bool {
		f := vi.FoldRune(r)
		return f < 0 || isWordRune(f)
	}
	for h := hi; h >= keep; h-- {
		if vi.FoldRune(rs[h]) >= 0 && !(inWord(rs[h-1]) && inWord(rs[h])) {
			for h > keep && rs[h-1] == ' ' {
				h-- // "thường…", not "thường …"
			}
			return h
		}
	}
	h := hi
	for h > soft && vi.FoldRune(rs[h]) < 0 {
		h--
	}
	return h
}

func noNUL(s string) string { return strings.ReplaceAll(s, "\x00", "") }
