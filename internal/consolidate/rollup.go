package consolidate

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"tiendo"
	"tiendo/internal/vi"
)

// Rollup drafts a parent unit's own report from the reports of the units
// that report to it: the office's consolidation one level down (a
// department over its offices, a district over its communes). For every
// section of the parent's report it merges the children's sections on the
// same task, each child's text whole and said once with every child that
// wrote the same (merger); it adds up the targets whose values add up
// (counts, money, areas) and lists the others unit by unit; the
// self-assessed status is the least advanced of the children's.
//
// parent gives the shape (one section per task the parent leads); children
// are the submitted reports to merge, names the units' names. The result is
// one section per parent section, to be checked and edited before saving.
func Rollup(parent *tiendo.UnitReport, tasks map[int64]*tiendo.Task, children []*tiendo.UnitReport, names map[int64]string) []*tiendo.Section {
	kids := slices.Clone(children)
	coll := collate.New(language.Vietnamese)
	slices.SortStableFunc(kids, func(a, b *tiendo.UnitReport) int { return coll.CompareString(names[a.UnitID], names[b.UnitID]) })
	var out []*tiendo.Section
	for _, ps := range parent.Sections {
		if ps == nil {
			continue
		}
		var secs []*tiendo.Section
		var ids []int64
		for _, c := range kids {
			for _, s := range c.Sections {
				if s != nil && s.TaskID == ps.TaskID {
					secs, ids = append(secs, s), append(ids, c.UnitID)
				}
			}
		}
		sec := &tiendo.Section{TaskID: ps.TaskID}
		for _, a := range ps.Actuals {
			sec.Actuals = append(sec.Actuals, tiendo.Actual{TargetID: a.TargetID})
		}
		if len(secs) == 0 {
			out = append(out, sec)
			continue
		}
		field := func(f func(*tiendo.Section) string) []string {
			texts := make([]string, len(secs))
			for i, s := range secs {
				texts[i] = f(s)
			}
			return texts
		}
		sec.Status = leastAdvanced(secs)
		result := mergeNamed(ids, field(func(s *tiendo.Section) string { return s.ResultVsPlan }), names)
		if t := tasks[ps.TaskID]; t != nil {
			var lines []string
			for i := range sec.Actuals {
				if line := rollTarget(t, &sec.Actuals[i], secs, ids, names); line != "" {
					lines = append(lines, line)
				}
			}
			if len(lines) > 0 {
				result = strings.TrimSpace(result + "\n\nCác chỉ tiêu theo từng đơn vị:\n" + strings.Join(lines, "\n"))
			}
		}
		sec.ResultVsPlan = result
		sec.VsSamePeriod = mergeNamed(ids, field(func(s *tiendo.Section) string { return s.VsSamePeriod }), names)
		sec.Obstacles = mergeListed(ids, field(func(s *tiendo.Section) string { return s.Obstacles }), names)
		sec.Recommendations = mergeListed(ids, field(func(s *tiendo.Section) string { return s.Recommendations }), names)
		sec.NextSteps = mergeListed(ids, field(func(s *tiendo.Section) string { return s.NextSteps }), names)
		out = append(out, sec)
	}
	return out
}

// statusOrder runs from the least to the most advanced self-assessment.
var statusOrder = []string{"not_started", "behind", "on_track", "completed"}

// leastAdvanced is the least advanced status the children gave; a task is
// completed for the parent only when every child completed it.
func leastAdvanced(secs []*tiendo.Section) string {
	best := -1
	for _, s := range secs {
		i := slices.Index(statusOrder, s.Status)
		if i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return statusOrder[best]
}

// mergeNamed merges narratives, each child's text whole and opened by the
// units that wrote it: "Xã An Bình, Xã Hòa Lạc: ...".
func mergeNamed(ids []int64, texts []string, names map[int64]string) string {
	return strings.Join(mergeTexts(false, ids, texts).named(byName(names)), "\n\n")
}

// mergeListed merges short lists (obstacles, recommendations, next steps)
// into one list, each item once with its units after it.
func mergeListed(ids []int64, texts []string, names map[int64]string) string {
	return strings.Join(mergeTexts(true, ids, texts).listed(byName(names)), "\n")
}

func mergeTexts(list bool, ids []int64, texts []string) *merger {
	m := newMerger(list)
	for i, id := range ids {
		m.add(author{unit: id}, paragraphs(texts[i]))
	}
	return m
}

func byName(names map[int64]string) func(author) string {
	return func(a author) string { return names[a.unit] }
}

// rollTarget fills the parent's actual for one target: the sum of the
// children's values when the target adds up and every child gave one. It
// returns the line listing each child's value, or "" when none gave one.
func rollTarget(t *tiendo.Task, a *tiendo.Actual, secs []*tiendo.Section, ids []int64, names map[int64]string) string {
	var tg *tiendo.Target
	for _, x := range t.Targets {
		if x.ID == a.TargetID {
			tg = x
		}
	}
	if tg == nil {
		return ""
	}
	var sum, sameSum float64
	all, allSame, any := true, true, false
	var parts []string
	for i, s := range secs {
		var v, same *float64
		for _, ca := range s.Actuals {
			if ca.TargetID == a.TargetID {
				v, same = ca.Value, ca.SamePeriod
			}
		}
		if v == nil {
			all = false
		} else {
			any = true
			sum += *v
			parts = append(parts, names[ids[i]]+" "+valueWithUnit(*v, tg.Unit))
		}
		if same == nil {
			allSame = false
		} else {
			sameSum += *same
		}
	}
	if !any {
		return ""
	}
	if Additive(tg) {
		if all {
			a.Value = &sum
		}
		if allSame {
			a.SamePeriod = &sameSum
		}
	}
	label := vi.Capitalize(strings.TrimSpace(tg.Text))
	if len([]rune(label)) > 80 {
		label = string([]rune(label)[:80]) + "…"
	}
	return fmt.Sprintf("- %s: %s.", label, strings.Join(parts, "; "))
}

func valueWithUnit(v float64, unit string) string {
	s := vi.FormatNumber(v, -1)
	switch u := strings.TrimSpace(unit); u {
	case "":
		return s
	case "%":
		return s + "%"
	default:
		return s + " " + u
	}
}

// Additive reports whether a target's values add up across units: counts,
// money, areas and lengths do; percentages, rates, averages and indexes do
// not (the parent's value is then left for the person to work out).
func Additive(t *tiendo.Target) bool {
	unit := vi.Fold(strings.TrimSpace(t.Unit))
	if unit == "%" || strings.Contains(unit, "%") {
		return false
	}
	text := " " + strings.Join(strings.Fields(vi.Fold(t.Text+" "+t.Unit)), " ") + " "
	for _, w := range []string{" ty le ", " binh quan ", " trung binh ", " chi so ", " toc do ", " phan tram ", " ty trong ", " muc do ", " diem "} {
		if strings.Contains(text, w) {
			return false
		}
	}
	return true
}
