package directive

import (
	"strings"

	"tiendo/internal/vi"
)

// A numbered paragraph of a notice or a plan may give several units their
// work in one run, clause after clause, each opening with the unit that
// does it: "2. Về cải cách hành chính: Trung tâm Phục vụ hành chính công
// bảo đảm ...; Phòng Văn hóa - Xã hội chủ trì, phối hợp với Đoàn Thanh
// niên tổ chức ...". The number heads a topic, as a numbered heading over
// bullets does, and each such clause is a task with its own units and
// targets, unlabelled as those bullets are. A clause that opens with no
// unit goes on with the task before it; one whose unit only takes part
// ("Công an phường phối hợp ...") names a support of it.

// clauseTasks makes the tasks of item b when its clauses give two or more
// different units their work, and reports whether it did.
// When one unit does the work, the units of the clauses that only take
// part support the item's own task (own, labelled label), made here too.
func (p *parser) clauseTasks(b block, label string, own, inherited assignment) bool {
	if b.kind != number && b.kind != letter || b.cells != nil || !strings.Contains(b.text, ";") && !strings.Contains(b.text, ". ") {
		return false
	}
	body := b.text
	// "Về thu ngân sách: ...": a topic before the colon names no unit.
	if c := strings.Index(body, ":"); c > 0 && c < 160 && !strings.ContainsAny(body[:c], ";.") && len(p.assignment(body[:c]).leads) == 0 {
		body = body[c+1:]
	}
	type clause struct {
		text string
		a    assignment
	}
	var cs []clause
	owners := map[string]bool{}
	for k, sent := range sentences(strings.TrimSpace(body)) {
		f := vi.Fold(sent)
		a, opens := p.proseAssignment(sent, f)
		// "A và B chủ trì ...; trong đó: A phấn đấu ...; B ...": a
		// clause of units the task before has among several leads breaks
		// that task down.
		// The council's oversight of its own resolution, or the follow-up
		// of the directive, is no task of its own (see taskList).
		oversees := followUpOnly(f) || reOversight.MatchString(f)
		if opens && k > 0 && eachOf(a.leads) {
			// "Các tổ dân phố có trách nhiệm: ...; mỗi tổ dân phố tổ chức
			// ít nhất 02 buổi ...": "mỗi" or "từng" counts the units of
			// the work before, one by one; it names no other unit.
			last := &cs[len(cs)-1]
			last.text += " " + sent
			continue
		}
		if opens && !oversees && !joinsWork(f, a) && !(len(cs) > 0 && len(cs[len(cs)-1].a.leads) > 1 && subset(a.leads, cs[len(cs)-1].a.leads)) {
			cs = append(cs, clause{sent, a})
			owners[strings.Join(a.leads, "|")] = true
			continue
		}
		if k == 0 {
			return false // the paragraph's own work comes first: one task
		}
		last := &cs[len(cs)-1]
		if opens && !oversees {
			for _, u := range a.leads {
				if !contains(last.a.leads, u) && !contains(last.a.supports, u) {
					last.a.supports = append(last.a.supports[:len(last.a.supports):len(last.a.supports)], u)
				}
			}
		}
		last.text += " " + sent
	}
	if len(cs) == 1 && len(own.leads) > 0 {
		a, more := own, false
		for _, u := range cs[0].a.supports {
			if !contains(a.leads, u) && !contains(a.supports, u) {
				a.supports = append(a.supports[:len(a.supports):len(a.supports)], u)
				more = true
			}
		}
		if more {
			p.addTask(label, b.text, b.line, a, inherited, false)
		}
		return more
	}
	if len(cs) < 2 || len(owners) < 2 {
		return false
	}
	for _, c := range cs {
		p.addTask("", c.text, p.lineOf(b, c.text), c.a, inherited, false)
	}
	return true
}

// joinsWork reports whether folded clause f, which opens with the units a
// names, has them take part in work rather than do it: "Công an xã phối
// hợp ...", "Đoàn Thanh niên tham gia ...".
func joinsWork(f string, a assignment) bool {
	if m := reProseAsk.FindStringIndex(f); m != nil {
		f = f[m[1]:]
	}
	for _, u := range a.leads {
		f = strings.TrimPrefix(f, vi.Fold(u))
		f = strings.TrimLeft(f, " ,")
		f = strings.TrimPrefix(f, "va ")
	}
	f = strings.TrimLeft(f, " ,")
	for _, w := range []string{"co trach nhiem ", "chu dong ", "tich cuc ", "cung ", "can ", "phai "} {
		f = strings.TrimPrefix(f, w)
	}
	return strings.HasPrefix(f, "phoi hop") || strings.HasPrefix(f, "tham gia")
}

// eachOf reports whether every name of leads is a distributive, "mỗi
// xã", "từng tổ dân phố": each of a group, not a unit of its own.
func eachOf(leads []string) bool {
	for _, u := range leads {
		w, _, _ := strings.Cut(strings.ToLower(vi.NFC(strings.TrimSpace(u))), " ")
		if w != "mỗi" && w != "từng" {
			return false
		}
	}
	return len(leads) > 0
}

// subset reports whether every name of a is in b.
func subset(a, b []string) bool {
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}
