package directive

import (
	"regexp"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// A quota given unit by unit inside one task: the item's sentence ends in
// "như sau:" (or "cụ thể:") and a list or a short table follows it, one
// unit and its figure a line:
//
//	3. Giao chỉ tiêu tuyển quân năm 2025 cho UBND các xã như sau:
//	- Xã An Phú: 11 công dân;
//	- Xã Bình Minh: 9 công dân.
//
//	2. Phân bổ số cán bộ tối thiểu cho các phường như sau:
//	TT  Đơn vị  Số cán bộ tối thiểu
//	1   Phường Nam Sơn  14
//	2   Phường Bắc Sơn  6
//
// Each listed unit is answerable for its own figure, so the units listed
// lead the task, not the group the sentence addresses, and each figure is
// a target of the task, in the list's order. The lines and the rows are
// the task's contents, and their row numbers no labels.

// quotaEntry is one unit's line of such a list.
type quotaEntry struct {
	name   string
	target Target
}

// reQuotaLeadIn ends the sentence that opens the list.
var reQuotaLeadIn = regexp.MustCompile(`\b(?:nhu sau|cu the nhu sau|cu the|theo bang sau|sau day)\s*:\s*`)

// reQuotaItem is one "- Unit: figure" item of the list, in the joined text.
var reQuotaItem = regexp.MustCompile(`^(\p{Lu}[^:;\d]{1,80}?)\s*:\s*((?:\p{L}+\s+){0,3}\d[\d.,]*\s*[^;\d]{0,40}?)\s*[;.,]?$`)

// reQuotaRow is one row of the table as it reads once flattened: its
// number, the unit, the figure.
var reQuotaRow = regexp.MustCompile(`(?:^|\s)(\d{1,2})\s+(\p{Lu}[^\d;:]{1,80}?)\s+(\d[\d.,]*)\b`)

// reQuotaHead is the table's header: the row number's column, the unit's,
// then the figure's.
var reQuotaHead = regexp.MustCompile(`^(?:s?tt|so tt)\s+(?:ten\s+)?(?:don vi|dia phuong|dia ban|co quan, don vi)\s+(.+)$`)

// quotaPlaces open the name of a place a quota may be given to; the kinds
// of body are unitHeads.
var quotaPlaces = []string{"xa ", "phuong ", "thi tran ", "huyen ", "quan ", "thi xa ", "thanh pho ", "tinh ", "dac khu ", "ap ", "thon ", "ban ", "khom ", "to dan pho "}

// quotaName reports whether s names one unit or place, written with a
// capital: "Xã Quảng Hợp", "Thị trấn Chư Sê", "Phòng Y tế".
func (p *parser) quotaName(s string) bool {
	s = strings.TrimSpace(s)
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 10 || !startsUpperRune(s) || strings.ContainsAny(s, "()") {
		return false
	}
	f := vi.Fold(s) + " "
	if strings.HasPrefix(f, "cac ") || strings.HasPrefix(f, "tong ") {
		// A group or the total, not one unit.
		return false
	}
	return startsWithAny(f, quotaPlaces) || p.isUnitLike(s)
}

// quotaComparator is what the words of the lead-in or the column's header
// make of each figure: "tối thiểu" and "ít nhất" a floor, "tối đa" and
// "không quá" a ceiling.
func quotaComparator(f string) tiendo.Comparator {
	switch {
	case strings.Contains(f, "toi thieu") || strings.Contains(f, "it nhat"):
		return ">="
	case strings.Contains(f, "toi da") || strings.Contains(f, "khong qua"):
		return "<="
	}
	return ""
}

// quotaList reads a quota list or table from a task's text: the text up to
// the list and the entries, two at least, or ok false.
func (p *parser) quotaList(text string) (lead string, entries []quotaEntry, ok bool) {
	f := foldText(text)
	m := reQuotaLeadIn.FindStringIndex(f.s)
	if m == nil {
		return "", nil, false
	}
	lead = strings.TrimSpace(f.cut(0, m[1]))
	rest := strings.TrimSpace(f.cut(m[1], len(f.s)))
	cmp := quotaComparator(vi.Fold(lead))
	if strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "+ ") || strings.HasPrefix(rest, "• ") {
		entries = p.quotaItems(rest, cmp)
	} else {
		entries = p.quotaRows(rest, cmp)
	}
	if len(entries) < 2 {
		return "", nil, false
	}
	return lead, entries, true
}

// quotaItems reads "- Xã A: 11 công dân; - Xã B: 9 công dân.".
func (p *parser) quotaItems(rest string, cmp tiendo.Comparator) []quotaEntry {
	var out []quotaEntry
	for _, it := range regexp.MustCompile(`(?:^|\s)[-+•]\s+`).Split(rest, -1) {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		m := reQuotaItem.FindStringSubmatch(it)
		if m == nil || !p.quotaName(m[1]) {
			return nil
		}
		ts := targets(strings.TrimRight(m[2], ";.,"))
		if len(ts) != 1 {
			return nil
		}
		t := ts[0]
		if t.Comparator == "=" && cmp != "" {
			t.Comparator = cmp
		}
		out = append(out, quotaEntry{name: strings.TrimSpace(m[1]), target: t})
	}
	return out
}

// quotaRows reads the flattened table "TT Đơn vị Số X tối thiểu 1 Xã A 14
// 2 Xã B 6": rows numbered from 1 on, each a unit and a figure, under a
// header whose last column names the figure.
func (p *parser) quotaRows(rest string, cmp tiendo.Comparator) []quotaEntry {
	ms := reQuotaRow.FindAllStringSubmatchIndex(rest, -1)
	if len(ms) < 2 {
		return nil
	}
	head := vi.Fold(strings.TrimSpace(rest[:ms[0][0]]))
	hm := reQuotaHead.FindStringSubmatch(head)
	if hm == nil {
		return nil
	}
	// The figure's column: "Số điều tra viên tối thiểu" → "điều tra
	// viên", "≥"; the words of the header as written.
	col := strings.Fields(strings.TrimSpace(rest[:ms[0][0]]))
	n := len(strings.Fields(hm[1]))
	if n > len(col) {
		return nil
	}
	col = col[len(col)-n:]
	if c := quotaComparator(hm[1]); c != "" {
		cmp = c
	}
	for len(col) > 0 {
		last := vi.Fold(col[len(col)-1])
		if last == "toi" || last == "thieu" || last == "da" || last == "it" || last == "nhat" {
			col = col[:len(col)-1]
			continue
		}
		break
	}
	if len(col) > 0 && vi.Fold(col[0]) == "so" {
		col = col[1:]
		if len(col) > 0 && vi.Fold(col[0]) == "luong" {
			col = col[1:]
		}
	}
	noun := strings.Join(col, " ")
	var out []quotaEntry
	end := ms[0][0]
	for k, m := range ms {
		n, _ := strconv.Atoi(rest[m[2]:m[3]])
		if n != k+1 || strings.TrimSpace(rest[end:m[0]]) != "" {
			return nil
		}
		end = m[1]
		name := strings.TrimSpace(rest[m[4]:m[5]])
		if !p.quotaName(name) {
			return nil
		}
		figure := strings.TrimRight(rest[m[6]:m[7]], ".,")
		v, err := vi.ParseNumber(figure)
		if noun == "" || err != nil {
			return nil
		}
		// The column's words are the unit, whole: "điều tra viên".
		t := Target{Text: figure + " " + noun, Comparator: "=", Value: v, Unit: noun}
		if cmp != "" {
			t.Comparator = cmp
		}
		out = append(out, quotaEntry{name: name, target: t})
	}
	if strings.TrimSpace(strings.TrimRight(rest[end:], ".;")) != "" {
		return nil
	}
	return out
}

// applyQuota gives task t, which names no unit of its own or only a group,
// the units and figures of the quota list in its text.
func (p *parser) applyQuota(t *Task, own assignment) {
	for _, u := range own.leads {
		if !strings.HasPrefix(vi.Fold(u), "cac ") && !strings.Contains(vi.Fold(u), " cac ") {
			return
		}
	}
	lead, entries, ok := p.quotaList(t.Text)
	if !ok {
		return
	}
	var as []Assignee
	var seen []string
	for _, e := range entries {
		if !contains(seen, e.name) {
			seen = append(seen, e.name)
			as = append(as, p.assignee(e.name, tiendo.Lead))
		}
	}
	for _, u := range own.supports {
		if !contains(seen, u) {
			as = append(as, p.assignee(u, tiendo.Support))
		}
	}
	t.Assignees = as
	t.Targets = targets(lead)
	for _, e := range entries {
		t.Targets = append(t.Targets, e.target)
	}
}
