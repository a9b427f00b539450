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

// reFormLabel is the label a form to fill in carries above its title:
// "Biểu số 01", "Mẫu số 02/BC", "Phụ biểu 3", "Biểu mẫu số 01".
var reFormLabel = regexp.MustCompile(`^(?:phu bieu|bieu mau|bieu|mau)(?:\s+so)?\s+\d{1,2}[a-z]?\b`)

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
	title := -1 // the last line of the title of the appendix just opened
	for i := from + 1; i < len(p.lines); i++ {
		s := p.lines[i].text
		if s == "" || len(s) > 200 {
			continue
		}
		// A form's label ("Biểu số 01") over an attached part's title
		// opens it: the form is titled by both, and the label says
		// it asks for figures. Text out of a PDF may give it no blank
		// line above.
		form := len(s) <= 40 && reFormLabel.MatchString(vi.Fold(s)) && p.attachedAt(i)
		if !form && !(i == 0 || p.lines[i-1].text == "" || isUpper(s)) {
			continue
		}
		opens := form || reAppendix.MatchString(vi.Fold(s))
		if !opens && title == i-1 && isUpper(s) && p.lines[i].row == 0 {
			// "PHỤ LỤC" / "CHỈ TIÊU PHÁT TRIỂN … NĂM 2024" / "GIAO CHO
			// BẢO HIỂM XÃ HỘI CÁC HUYỆN": the title goes on over the
			// capitals lines under it, one appendix, not three.
			title = i
			continue
		}
		if !opens && !(isUpper(s) && p.attachedAt(i)) {
			continue
		}
		title = i
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

// reOutlineTitle is the title of a report outline sent with a letter:
// "ĐỀ CƯƠNG BÁO CÁO", "ĐỀ CƯƠNG", "ĐỀ CƯƠNG GỢI Ý".
var reOutlineTitle = regexp.MustCompile(`^de cuong\b`)

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
// letters, which may take a few lines before the "(Ban hành kèm theo ...)";
// so is an outline's title ("ĐỀ CƯƠNG BÁO CÁO" / "Kết quả công tác ...").
func (p *parser) attachedAt(i int) bool {
	f := vi.Fold(strings.TrimSpace(p.lines[i].text))
	typed := docTypes[f] || reOutlineTitle.MatchString(f)
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
	if p.keyedAppendix(bs[first:], first) {
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

// A Phụ lục may hold the figures of the body's own items: a table of
// targets grouped by unit, each group row saying which item it is for
// ("I  PHÒNG TÀI CHÍNH - KẾ HOẠCH (nhiệm vụ số 1)"), or each item sending
// its figures to a group ("… thực hiện các chỉ tiêu tại Mục III Phụ
// lục"). The rows of a group are then the targets of that item, as a clerk
// enters them, and no tasks of their own.
// reSectionOfAppx is an item's reference to a section of the Phụ lục:
// "Mục III Phụ lục", "mục II của Phụ lục". A group row names its item as
// an inline label does, "(nhiệm vụ số 3)" (reInlineLabel).
var reSectionOfAppx = regexp.MustCompile(`\bmuc\s+([ivx]{1,5})\b\s*(?:cua\s+|tai\s+)?phu luc\b`)

// keyedAppendix reads region, the rows of an appendix whose blocks' parents
// are offset by off, as the targets of the body's tasks when it is a
// table of figures (figuresOnly), every group row of it is for one of the
// body's tasks and every row is under such a group. It reports whether it
// did; otherwise nothing is changed.
func (p *parser) keyedAppendix(region []block, off int) bool {
	if len(p.res.Tasks) == 0 {
		return false
	}
	groupTask := map[int]int{}
	for i, b := range region {
		if b.kind != section || b.cells == nil {
			continue
		}
		k := p.groupTask(b)
		if k < 0 {
			return false
		}
		groupTask[i] = k
	}
	if len(groupTask) == 0 {
		return false
	}
	adds := map[int][]Target{}
	for _, b := range region {
		if b.kind != number || b.cells == nil {
			continue
		}
		k, ok := groupTask[b.parent-off]
		if !ok || !figuresOnly(b.headRoles) {
			return false
		}
		adds[k] = append(adds[k], p.rowTargets(b)...)
	}
	if len(adds) == 0 {
		return false
	}
	for k, ts := range adds {
		p.res.Tasks[k].Targets = append(p.res.Tasks[k].Targets, ts...)
	}
	return true
}

// figuresOnly reports whether a table's columns (roles) give figures and
// no one to do anything: a "ĐVT" or a target column, and no lead or
// support column. A Phụ lục whose rows name their units is a list of
// tasks, whatever its groups say.
func figuresOnly(roles []string) bool {
	figures := false
	for _, r := range roles {
		switch r {
		case "lead", "support", "mark":
			return false
		case "measure", "value":
			figures = true
		}
	}
	return figures
}

// groupTask returns the index of the body's task a group row of an
// appendix is for, or -1: the item the row names by number, else the one
// item that sends its figures to the row's section ("Mục III Phụ lục").
func (p *parser) groupTask(b block) int {
	if m := reInlineLabel.FindStringSubmatch(vi.Fold(b.text)); m != nil {
		label := strings.TrimLeft(m[1], "0")
		if !hasTaskLabel(p.res.Tasks, label) {
			label = uniqueComposed(p.res.Tasks, label)
		}
		found := -1
		for k, t := range p.res.Tasks {
			if t.Label == label {
				if found >= 0 {
					return -1
				}
				found = k
			}
		}
		return found
	}
	found := -1
	for k, t := range p.res.Tasks {
		for _, m := range reSectionOfAppx.FindAllStringSubmatch(vi.Fold(t.Text), -1) {
			if strings.ToUpper(m[1]) != b.label {
				continue
			}
			if found >= 0 && found != k {
				return -1
			}
			found = k
		}
	}
	return found
}

// rowTargets are the targets of a table row: its value column's, else
// those its text states.
func (p *parser) rowTargets(b block) []Target {
	if ts := columnTargets(b); len(ts) > 0 {
		return ts
	}
	text, _ := p.rowTask(b)
	return targets(text)
}
