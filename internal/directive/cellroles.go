package directive

import (
	"regexp"
	"strings"
)

// reCellRole is a role written in brackets after the units it covers, in
// the one "Đơn vị thực hiện" cell of a schedule table: "Phòng Kinh tế,
// Công an phường (chủ trì); Ban nhân dân các khu vực (phối hợp)", "(Chủ
// trì thực hiện)", "(cùng phối hợp)". Folded.
var reCellRole = regexp.MustCompile(`\(\s*(?:don vi\s+|co quan\s+)?(?:(chu tri)|(?:cung\s+)?(phoi hop))(?:\s+thuc hien)?\s*\)`)

// cellRoleUnits reads a unit cell whose roles are written in brackets.
// Each "(chủ trì)" or "(phối hợp)" covers the units named between it and
// the previous marker or ";" (or the cell's start); within that group a
// comma between two full unit names splits them, one inside a name
// ("Phòng Kinh tế, Hạ tầng và Đô thị") does not. Units after the last
// marker of a ";"-part, or in a part with none, take the column's own
// role (fallback). ok is false when the cell has no such marker: it is
// read as before.
func cellRoleUnits(c, fallback string) (leads, supports []string, ok bool) {
	fc := foldText(c)
	if !reCellRole.MatchString(fc.s) {
		return nil, nil, false
	}
	add := func(role, s string) {
		for _, u := range splitUnits(strings.Trim(s, " ,;.:-")) {
			u = strings.Trim(u, " ,;.:")
			if u == "" {
				continue
			}
			if role == "support" {
				if !contains(leads, u) && !contains(supports, u) {
					supports = append(supports, u)
				}
			} else if !contains(leads, u) {
				leads = append(leads, u)
			}
		}
	}
	start := 0
	for _, part := range strings.Split(fc.s, ";") {
		ps, pe := start, start+len(part)
		start = pe + 1
		from := ps
		for _, m := range reCellRole.FindAllStringSubmatchIndex(fc.s[ps:pe], -1) {
			role := "lead"
			if m[4] >= 0 {
				role = "support"
			}
			add(role, fc.cut(from, ps+m[0]))
			from = ps + m[1]
		}
		add(fallback, fc.cut(from, pe))
	}
	return leads, supports, true
}
