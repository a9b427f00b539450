package directive

import (
	"regexp"
	"strings"

	"tiendo/internal/vi"
)

// A numbered item that only names units ("1. Sở Y tế các tỉnh, thành
// phố:", "2. Đề nghị Ban Thường trực ... các xã, phường:") heads their
// work, which its bullets list, each an action with its own verb ("- Tổ
// chức tiêm bù ...", "• Kiểm tra 100% cơ sở ..."). Each bullet is then a
// task of those units, as a clerk lists them, and the heading is none. An
// item that states the work itself ("- Ủy ban nhân dân xã chủ trì báo
// cáo:") keeps its bullets, which are the figures of that work, and so
// does a unit heading whose bullets are figures ("- Tổng giá trị sản xuất
// tăng 7%"), unless the list gives targets (see reGiveTargets).

// reFigureOpening opens a bullet that states a figure rather than an
// action: "Tỷ lệ ...", "Tổng thu ...", "Số hộ ...", "Giá trị sản xuất ...",
// "100% xã ...". It reads the lower-cased text with its diacritics, as
// folding makes "Số" "Sơ kết" and "Tổng số" "Tổng hợp".
var reFigureOpening = regexp.MustCompile(`^(?:\d|tỷ lệ|tỉ lệ|tổng (?:số|giá trị|thu|chi|vốn|mức|sản lượng|diện tích|doanh thu|kim ngạch)|số |giá trị|diện tích|sản lượng|thu nhập|tốc độ|mức |chỉ số|chỉ tiêu|bình quân|có \d|đạt \d|trong đó)`)

// isFigureOpening reports whether s opens by stating a figure.
func isFigureOpening(s string) bool {
	l := strings.ToLower(vi.NFC(strings.TrimSpace(s)))
	// "Số hóa hồ sơ" digitises; it states no figure.
	return reFigureOpening.MatchString(l) && !strings.HasPrefix(l, "số hóa") && !strings.HasPrefix(l, "số hoá")
}

// headedBullets makes the tasks of item i when it is such a heading, and
// reports whether it was. The tasks have no label, as the bullets have
// none; a task's text keeps the sub-bullets under its bullet.
func (p *parser) headedBullets(region []block, i int, leads []assignment, unitBullets []bool, inherited func(int) assignment, off int) bool {
	b := region[i]
	// "1. Phòng Nội vụ:" or, in a plan's "Tổ chức thực hiện", "1. Văn
	// phòng Sở" alone on its line.
	if b.kind != number && b.kind != letter || b.cells != nil || len(leads[i].leads) == 0 || !strings.HasSuffix(strings.TrimSpace(b.text), ":") && !unitHeading(b.text) && !(namesOnly(b.text, leads[i]) && !hasVerb(b.text)) {
		return false
	}
	if own, _ := p.ownText(b.text, leads[i]); own != "" || !namesOnly(b.text, leads[i]) {
		return false
	}
	// The bullets right under the item, and nothing else under it.
	var tops []int
	depth := -1
	for j := i + 1; j < len(region) && isDescendant(region, j, i, off); j++ {
		c := region[j]
		if c.kind != bullet || unitBullets[j] {
			return false
		}
		if c.parent-off == i {
			if depth >= 0 && c.depth != depth {
				return false
			}
			depth = c.depth
			tops = append(tops, j)
		}
	}
	if len(tops) == 0 {
		return false
	}
	// "1. SỞ VĂN HÓA …" over "- " bullets, among "2. CÔNG AN TỈNH", "3.
	// SỞ Y TẾ" … each over a paragraph of prose: the document gives each
	// unit one item, and the bullets are that item's parts.
	prose := 0
	for k := range region {
		if k != i && region[k].parent == b.parent && region[k].kind == b.kind && region[k].kids == 0 && unitHeading(region[k].text) {
			prose++
		}
	}
	if prose >= 2 && b.kind == number && len(tops) > 1 && !strings.HasSuffix(strings.TrimSpace(b.text), ":") {
		return false
	}
	if !p.givesTargets(region, i, off) {
		for _, j := range tops {
			if isFigureOpening(region[j].text) {
				return false
			}
		}
	}
	for k, j := range tops {
		end := len(region)
		if k+1 < len(tops) {
			end = tops[k+1]
		}
		var text strings.Builder
		text.WriteString(region[j].text)
		for m := j + 1; m < end && isDescendant(region, m, j, off); m++ {
			mark := region[m].mark
			if mark != "+" {
				mark = "-"
			}
			text.WriteString(" " + mark + " " + region[m].text)
		}
		a := assignment{leads: leads[i].leads, supports: leads[i].supports}
		// "Chủ trì, phối hợp với Công an phường tổ chức ...": the units
		// the bullet works with support its task.
		for _, u := range p.assignment(region[j].text).supports {
			if !contains(a.supports, u) && !contains(a.leads, u) {
				a.supports = append(a.supports[:len(a.supports):len(a.supports)], u)
			}
		}
		p.addTask("", text.String(), region[j].line, a, inherited(i), false)
	}
	return true
}

// reGiveTargets is the lead-in of a list that assigns targets ("Điều 1.
// Giao chỉ tiêu kế hoạch năm 2025 cho các cơ quan, đơn vị như sau:",
// "giao các chỉ tiêu chủ yếu", "phân giao nhiệm vụ, chỉ tiêu"): each
// figure under a unit's name is then a target given to that unit, assessed
// on its own as met or not, so a clerk tracks each as a task, however it
// opens. Under a report request the same figures are what one report
// gives, and stay one task.
var reGiveTargets = regexp.MustCompile(`\b(?:giao|phan giao|phan bo) (?:cac |nhung )?(?:nhiem vu(?:,|\s+va)\s+)?chi tieu\b`)

// givesTargets reports whether item i is in a list that assigns targets:
// an item above it, or the paragraph before the list, opens it with
// reGiveTargets.
func (p *parser) givesTargets(region []block, i, off int) bool {
	if p.givesMemo == nil {
		p.givesMemo = map[*block]bool{}
	}
	for k, steps := region[i].parent-off, 0; k >= 0 && k < len(region) && steps < 64; k, steps = region[k].parent-off, steps+1 {
		g, ok := p.givesMemo[&region[k]]
		if !ok {
			g = reGiveTargets.MatchString(vi.Fold(region[k].text))
			p.givesMemo[&region[k]] = g
		}
		if g {
			return true
		}
	}
	if p.introGivesFor != p.introLast || p.introLast == "" {
		f := vi.Fold(p.introLast)
		if reBasisStart.MatchString(f) {
			// "Thực hiện Quyết định ... về giao chỉ tiêu ..., UBND huyện
			// đề nghị ...": the documents cited give no targets here.
			if m := reAskWord.FindStringIndex(f); m != nil {
				f = f[m[0]:]
			}
		}
		p.introGivesFor, p.introGives = p.introLast, reGiveTargets.MatchString(f)
	}
	return p.introGives
}

// namesOnly reports whether text says nothing but who a gives work and the
// words that give it ("Đề nghị X:", "X chủ trì, phối hợp với Y thực
// hiện:"), not what the work is ("X chủ trì tổ chức tuyên truyền pháp
// luật:").
func namesOnly(text string, a assignment) bool {
	f := vi.Fold(text)
	if m := reProseAsk.FindStringIndex(f); m != nil {
		f = f[m[1]:]
	}
	for _, u := range append(append([]string{}, a.leads...), a.supports...) {
		f = strings.Replace(f, vi.Fold(u), " ", 1)
	}
	return assignWords(f)
}
