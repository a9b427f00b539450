package directive

import (
	"regexp"
	"strings"

	"tiendo/internal/vi"
)

// headTitles are the titles of the person who heads a unit, folded, longest
// first: a công điện or a chỉ thị is addressed to them ("Giám đốc Công an
// tỉnh", "Chủ tịch Ủy ban nhân dân các xã, phường"), and through them to the
// units they head.
var headTitles = []string{
	"chi huy truong", "tong giam doc", "pho giam doc", "giam doc", "pho chu tich", "chu tich",
	"chanh van phong", "chanh thanh tra", "chi cuc truong", "cuc truong", "vien truong", "hieu truong",
	"truong ban", "truong phong", "truong", "thu truong", "bi thu", "chanh an",
}

// coveredUnits returns the units a recipient stands for when it names the
// person heading them: "Giám đốc Công an tỉnh" is "Công an tỉnh"; "Giám
// đốc các Sở: Nông nghiệp và Môi trường, Y tế" is "Sở Nông nghiệp và Môi
// trường" and "Sở Y tế". A recipient that names a unit gives nil.
func coveredUnits(name string) []string {
	name = strings.TrimSpace(name)
	// "Các Sở Giáo dục và Đào tạo": each such Sở, "Sở Giáo dục và Đào tạo".
	if namesOneKind(name) {
		_, kind, _ := strings.Cut(name, " ")
		return []string{vi.UpperFirst(strings.TrimRight(kind, ".;,"))}
	}
	f := foldText(name)
	rest := ""
	for _, t := range headTitles {
		if strings.HasPrefix(f.s, t+" ") {
			rest = strings.TrimSpace(f.cut(len(t), len(f.s)))
			break
		}
	}
	if rest == "" {
		return nil
	}
	// "các Sở: A, B, C": the kind word, then the names it takes.
	if kind, list, ok := strings.Cut(rest, ":"); ok {
		ws := strings.Fields(kind)
		if len(ws) == 2 && vi.Fold(ws[0]) == "cac" {
			head := ws[1]
			var items []string
			for _, it := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ';' }) {
				if it = strings.TrimSpace(strings.TrimRight(it, ".")); it != "" {
					items = append(items, it)
				}
			}
			var out []string
			for i, it := range items {
				out = append(out, head+" "+it)
				// "Văn hóa, Thể thao và Du lịch" holds a comma.
				if i+1 < len(items) {
					out = append(out, head+" "+it+", "+items[i+1])
				}
			}
			return out
		}
		return nil
	}
	if !startsWithAny(vi.Fold(rest)+" ", unitHeads) {
		return nil
	}
	return []string{strings.TrimRight(rest, ".;,")}
}

// namedLevels returns the levels a group name states, lower case without
// diacritics: "Ủy ban nhân dân các xã, phường, đặc khu" gives "xa", "phuong",
// "dac khu". What follows "trực thuộc" or "thuộc" is the body above them.
func namedLevels(name string) []string {
	ws := splitNameWords(name)
	plain := !hasDiacritics(name)
	var out []string
	for i := 0; i < len(ws); i++ {
		if vi.Fold(ws[i].lower) == "thuoc" {
			break
		}
		if n := levelAt(ws, i, plain); n > 0 {
			var parts []string
			for _, w := range ws[i : i+n] {
				parts = append(parts, vi.Fold(w.lower))
			}
			out = append(out, strings.Join(parts, " "))
			i += n - 1
		}
	}
	return out
}

// atLevels reports whether a unit's name states one of levels ("Ủy ban
// nhân dân phường A" is at "phuong").
func atLevels(name string, levels []string) bool {
	if len(levels) == 0 {
		return false
	}
	for _, l := range namedLevels(name) {
		for _, x := range levels {
			if l == x {
				return true
			}
		}
	}
	return false
}

// reListPointer is a Kính gửi that names no one but points to a list
// after the signature: "Các cơ quan, đơn vị có tên tại Phụ lục kèm theo",
// "Các đơn vị theo danh sách kèm theo".
var reListPointer = regexp.MustCompile(`(?:co ten|theo|tai|trong)\s+(?:phu luc|danh sach)|(?:phu luc|danh sach)(?:\s+\S+){0,4}\s+kem theo`)

// appendixRecipients puts for a Kính gửi that points to a list the units
// of that list: the rows of an appendix table whose header has a column
// of units ("Cơ quan, đơn vị", "Tên đơn vị"), one recipient a numbered
// row; group rows ("I | Cơ quan cấp tỉnh") are no unit.
func (p *parser) appendixRecipients(apps []appendixSpan) {
	k := -1
	for i, rc := range p.res.Recipients {
		if reListPointer.MatchString(vi.Fold(rc.Name)) {
			k = i
			break
		}
	}
	if k < 0 || len(apps) == 0 {
		return
	}
	var units []string
	for _, a := range apps {
		for _, b := range blocks(p.lines[a.start:a.end]) {
			if b.kind != number || b.cells == nil || len(b.roles) != len(b.cells) {
				continue
			}
			for c, role := range b.roles {
				if role == "lead" {
					if u := trimItem(b.cells[c]); u != "" && !contains(units, u) && len(units) < 200 {
						units = append(units, u)
					}
					break
				}
			}
		}
		if len(units) > 0 {
			break
		}
	}
	if len(units) == 0 {
		return
	}
	before, after := p.res.Recipients[:k:k], append([]Recipient{}, p.res.Recipients[k+1:]...)
	p.res.Recipients = before
	p.setRecipients(units)
	p.res.Recipients = append(p.res.Recipients, after...)
}
