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
var (
	reTaskAppendix  = regexp.MustCompile(`nhiem vu|chi tieu|phan cong`)
	reOtherAppendix = regexp.MustCompile(`de cuong|bieu mau|mau bao cao|mau so|huong dan ghi`)
)

// appendixSpan is an appendix after the signature: its lines [start, end)
// and whether its title says it lists tasks.
type appendixSpan struct {
	start, end int
	tasks      bool
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
		if n := len(out); n > 0 {
			out[n-1].end = i
		}
		out = append(out, appendixSpan{start: i, end: len(p.lines)})
	}
	for k := range out {
		title := p.appendixTitle(out[k].start, out[k].end)
		out[k].tasks = reTaskAppendix.MatchString(title) && !reOtherAppendix.MatchString(title)
	}
	return out
}

// reAttached is the line under the title of a part issued with a
// decision or a plan: "(Ban hành kèm theo Quyết định số 35/QĐ-UBND ...)",
// "(Kèm theo Kế hoạch số ...)".
var reAttached = regexp.MustCompile(`^\(\s*(?:ban hanh\s+)?kem theo\s`)

// attachedAt reports whether the capitals line at i titles an attached
// part: a "(Kèm theo ...)" line follows its title within a few lines. A
// decision issues its list of tasks that way ("DANH MỤC NHIỆM VỤ ...",
// "(Ban hành kèm theo Quyết định ...)") without calling it an appendix.
func (p *parser) attachedAt(i int) bool {
	for k, n := i+1, 0; k < len(p.lines) && n < 4; k++ {
		s := p.lines[k].text
		if s == "" {
			continue
		}
		if reAttached.MatchString(vi.Fold(s)) {
			return true
		}
		if !isUpper(s) {
			return false
		}
		n++
	}
	return false
}

// appendixTitle is the folded text of the first lines of an appendix,
// where its title and the header row of its table are.
func (p *parser) appendixTitle(start, end int) string {
	var b strings.Builder
	n := 0
	for i := start; i < end && n < 6; i++ {
		if s := p.lines[i].text; s != "" {
			b.WriteString(vi.Fold(s) + " ")
			n++
		}
	}
	return b.String()
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
