package directive

import (
	"regexp"
	"strings"

	"tiendo/internal/vi"
)

// reAppendix opens an appendix: "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC 02:
// DANH MỤC NHIỆM VỤ".
var reAppendix = regexp.MustCompile(`^phu luc(?:\s+(?:so\s+)?(?:[ivx]{1,5}|\d{1,2}[a-z]?))?\s*(?:[:.\-–]|$)`)

// reTaskAppendix and reOtherAppendix tell, from an appendix's title, one
// that lists the tasks ("Danh mục nhiệm vụ", "Phân công thực hiện", "Các
// chỉ tiêu") from one that holds a report outline or forms to fill in.
// A form is titled "Biểu tổng hợp ...", "Mẫu số 01", "Số liệu ...", "Kết
// quả thực hiện các chỉ tiêu ...": it asks for figures, it sets no tasks.
// "biểu" counts as a word of its own, not in "đại biểu", "tiêu biểu",
// "phát biểu".
var (
	reTaskAppendix  = regexp.MustCompile(`nhiem vu|chi tieu|phan cong`)
	reOtherAppendix = regexp.MustCompile(`de cuong|bieu mau|mau bao cao|mau so|huong dan ghi|(?:^|[^itu] )bieu\b|\bmau (?:\d|[ivx]+\b)|^mau\b|so lieu|ket qua thuc hien|tinh hinh thuc hien|uoc thuc hien`)
)

// appendixSpan is an appendix after the signature: its lines [start, end)
// and whether its title says it lists tasks.
type appendixSpan struct {
	start, end int
	tasks      bool
	// doc: a document of its own issued with the directive ("KẾ HOẠCH
	// ... (Ban hành kèm theo Quyết định số ...)"), read as a body when the
	// directive's own body gives no tasks.
	doc bool
}

// appendices finds the appendices that follow the foot of a directive. A
// plan often lists its tasks in a table "kèm theo" it, after the signature,
// which would otherwise be read as part of the distribution list and the
// signature block.
func (p *parser) appendices(from int) []appendixSpan {
	var out []appendixSpan
	for i := from + 1; i < len(p.lines); i++ {
		s := p.lines[i].text
		if s == "" || len(s) > 200 || !(i == 0 || p.lines[i-1].text == "" || isUpper(s)) {
			continue
		}
		if !reAppendix.MatchString(vi.Fold(s)) && !(isUpper(s) && p.attachedAt(i)) {
			continue
		}
		doc := docTypes[vi.Fold(strings.TrimSpace(s))] && p.attachedAt(i)
		start := i
		if doc {
			// Its own header ("ỦY BAN NHÂN DÂN / HUYỆN X / CỘNG HÒA ...")
			// is no part of the directive's signature.
			start = p.attachedHeader(i, from)
		}
		if n := len(out); n > 0 {
			out[n-1].end = start
		}
		out = append(out, appendixSpan{start: start, end: len(p.lines), doc: doc})
	}
	for k := range out {
		title, head := p.appendixTitle(out[k].start, out[k].end)
		out[k].tasks = (out[k].doc || reTaskAppendix.MatchString(title+" "+head)) && !reOtherAppendix.MatchString(title) && !p.isForm(out[k].start, out[k].end)
	}
	return out
}

// attachedHeader returns where the header of the document titled at line i
// starts: the capitals and the national title and motto right above it,
// back to (not before) line from. Without the national title there is no
// header, and i is returned.
func (p *parser) attachedHeader(i, from int) int {
	k := i - 1
	for k > from && p.lines[k].text == "" {
		k--
	}
	start, national := i, false
	for ; k > from; k-- {
		s := p.lines[k].text
		f := vi.Fold(s)
		if s == "" || !isUpper(s) && !reNational.MatchString(f) {
			break
		}
		national = national || reNational.MatchString(f)
		start = k
	}
	if !national {
		return i
	}
	return start
}

// resultHead is the header of a column a form leaves for the figures
// achieved: "Thực hiện quý I", "Kết quả", "Ước thực hiện năm 2026", "Lũy kế".
var resultHead = regexp.MustCompile(`^(?:thuc hien|ket qua|uoc thuc hien|uoc dat|uoc|luy ke|so lieu)\b`)

// isForm reports whether the table of an appendix is a form to fill in: its
// header row has a column for the results and names no unit to do anything
// (no "Đơn vị chủ trì" column), and none of its rows fills that column in.
// Text extraction drops empty cells, so a row whose result cells are empty
// has fewer cells than the header.
func (p *parser) isForm(start, end int) bool {
	rows := map[int][]string{}
	var order []int
	for i := start; i < end; i++ {
		l := p.lines[i]
		if l.row == 0 || l.text == "" {
			continue
		}
		if _, ok := rows[l.row]; !ok {
			order = append(order, l.row)
		}
		rows[l.row] = append(rows[l.row], l.text)
	}
	for k, r := range order {
		head := rows[r]
		result := false
		for _, c := range head {
			result = result || resultHead.MatchString(foldText(c).s)
		}
		if !result {
			continue
		}
		for _, role := range columnRoles(head) {
			if role == "lead" || role == "support" {
				return false
			}
		}
		data := order[k+1:]
		for _, d := range data {
			if len(rows[d]) >= len(head) {
				return false
			}
		}
		return len(data) > 0
	}
	return false
}

// reAttached is the line under the title of a part issued with a
// decision or a plan: "(Ban hành kèm theo Quyết định số 35/QĐ-UBND ...)",
// "(Kèm theo Kế hoạch số ...)".
var reAttached = regexp.MustCompile(`^\(\s*(?:ban hanh\s+)?kem theo\s`)

// attachedAt reports whether the capitals line at i titles an attached
// part: a "(Kèm theo ...)" line follows its title within a few lines. A
// decision issues its list of tasks that way ("DANH MỤC NHIỆM VỤ ...",
// "(Ban hành kèm theo Quyết định ...)") without calling it an appendix.
//
// A document's type ("KẾ HOẠCH") is followed by its subject in ordinary
// letters, which may take a few lines before the "(Ban hành kèm theo ...)".
func (p *parser) attachedAt(i int) bool {
	typed := docTypes[vi.Fold(strings.TrimSpace(p.lines[i].text))]
	for k, n := i+1, 0; k < len(p.lines) && n < 4; k++ {
		s := p.lines[k].text
		if s == "" {
			continue
		}
		if reAttached.MatchString(vi.Fold(s)) {
			return true
		}
		if !isUpper(s) && !typed {
			return false
		}
		n++
	}
	return false
}

// appendixTitle is the folded text of the first lines of an appendix:
// its title, without the "(Kèm theo ...)" line, and what follows of the
// header row of its table.
func (p *parser) appendixTitle(start, end int) (title, head string) {
	var t, h strings.Builder
	n := 0
	for i := start; i < end && n < 6; i++ {
		s := p.lines[i].text
		if s == "" {
			continue
		}
		n++
		f := vi.Fold(s)
		switch {
		case p.lines[i].row > 0 || h.Len() > 0:
			h.WriteString(f + " ")
		case !reAttached.MatchString(f):
			t.WriteString(f + " ")
		}
	}
	return t.String(), h.String()
}

// appendix reads the tasks of an appendix that lists them, as the items of
// the body are read. Its title lines are its opening; what the body's
// opening said (who is asked, by the last paragraph before its list) stays
// the body's.
func (p *parser) appendix(bs []block) {
	first := len(bs)
	for i, b := range bs {
		if b.kind != plain {
			first = i
			break
		}
	}
	if first == len(bs) {
		return
	}
	introLast, askAll := p.introLast, p.askAll
	p.taskList(bs[:first], bs[first:])
	p.introLast, p.askAll = introLast, askAll
}

// attachedDoc reads a document issued with a directive whose own body
// gives no tasks ("Quyết định ban hành Kế hoạch ...": the decision has
// three articles, the plan attached has the work) as the directive's body:
// its tasks, and its deadline and period where the directive gave none.
func (p *parser) attachedDoc(bs []block) {
	period, deadline, basis := p.res.Period, p.res.Deadline, p.res.Basis
	line, sent, sends, relative := p.deadlineLine, p.deadlineSent, p.deadlineSends, p.relative
	p.body(bs)
	if period != nil {
		p.res.Period = period
	}
	if deadline != nil {
		p.res.Deadline = deadline
		p.deadlineLine, p.deadlineSent, p.deadlineSends, p.relative = line, sent, sends, relative
	}
	if len(basis) > 0 {
		p.res.Basis = basis
	}
}
