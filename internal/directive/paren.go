package directive

import (
	"regexp"
	"strings"
)

// A task closes with the units it gives, in parenthesis: "(Sở Tài chính chủ
// trì)", "(Sở X chủ trì, phối hợp với Sở Y và UBND các xã)", "(Giao Sở X
// chủ trì; Sở Y, Sở Z phối hợp)", "(Chủ trì: Sở X; phối hợp: Sở Y)",
// "(Cơ quan chủ trì: ...; cơ quan phối hợp: ...)", "(Sở X, Sở Y theo chức
// năng, nhiệm vụ được giao)" (two leads). Such a parenthesis is
// the task's assignment, whatever units its text names before.
var (
	reParenLeadField = regexp.MustCompile(`^(?:(?:co quan|don vi)\s+)?chu tri(?:\s+thuc hien)?\s*:\s*`)
	reParenSuppField = regexp.MustCompile(`^(?:(?:co quan|don vi)\s+)?phoi hop(?:\s+thuc hien)?\s*:\s*`)
	reParenLeadAfter = regexp.MustCompile(`\s(?:chu tri|la co quan chu tri|theo (?:chuc nang|chuc trach|tham quyen|linh vuc|phan cap))\b`)
	reParenSuppAfter = regexp.MustCompile(`\s(?:cung )?phoi hop(?:\s+thuc hien)?\s*$`)
	reParenSuppWith  = regexp.MustCompile(`^[\s,]*(?:va\s+)?phoi hop(?:\s+(?:voi|cung))?\s+`)
)

// closingParen returns the text inside a parenthesis that ends text (before
// a final ".", ";" or ","), and whether there is one.
func closingParen(text string) (string, bool) {
	t := strings.TrimRight(text, " \t.;,:")
	if !strings.HasSuffix(t, ")") {
		return "", false
	}
	depth := 0
	for i := len(t) - 1; i >= 0; i-- {
		switch t[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return t[i+1 : len(t)-1], true
			}
		}
	}
	return "", false
}

// parenAssignment reads the units of a closing parenthesis, ok false when
// it gives none (a citation, a note).
func (p *parser) parenAssignment(text string) (assignment, bool) {
	var a assignment
	in, ok := closingParen(text)
	if !ok || len(in) > 600 {
		return a, false
	}
	fin := foldText(in)
	if !strings.Contains(fin.s, "chu tri") && !strings.Contains(fin.s, "phoi hop") && !reRemit.MatchString(fin.s) {
		return a, false
	}
	add := func(list *[]string, s string) {
		for _, u := range splitUnits(cutUnitNames(strings.TrimSpace(s))) {
			u = strings.Trim(u, " .,;:()")
			if u == "" || isGenericUnit(u) || !p.isUnitLike(u) || contains(a.leads, u) || contains(a.supports, u) {
				continue
			}
			*list = append(*list, u)
		}
	}
	// Clauses are split on ";" only: names hold commas.
	start := 0
	for _, part := range strings.Split(fin.s, ";") {
		end := start + len(part)
		cs, ce := start, end
		start = end + 1
		for cs < ce && fin.s[cs] == ' ' {
			cs++
		}
		c := fin.s[cs:ce]
		if strings.HasPrefix(c, "giao ") {
			cs += len("giao ")
			c = fin.s[cs:ce]
		}
		if m := reParenLeadField.FindStringIndex(c); m != nil {
			add(&a.leads, fin.cut(cs+m[1], ce))
			continue
		}
		if m := reParenSuppField.FindStringIndex(c); m != nil {
			add(&a.supports, fin.cut(cs+m[1], ce))
			continue
		}
		if m := reParenLeadAfter.FindStringIndex(c); m != nil {
			add(&a.leads, fin.cut(cs, cs+m[0]))
			rest := c[m[1]:]
			if w := reParenSuppWith.FindStringIndex(rest); w != nil {
				add(&a.supports, fin.cut(cs+m[1]+w[1], ce))
			}
			continue
		}
		if m := reParenSuppAfter.FindStringIndex(c); m != nil {
			add(&a.supports, fin.cut(cs, cs+m[0]))
			continue
		}
		if m := reParenSuppWith.FindStringIndex(c); m != nil {
			add(&a.supports, fin.cut(cs+m[1], ce))
		}
	}
	if len(a.leads) == 0 {
		return assignment{}, false
	}
	return a, true
}
