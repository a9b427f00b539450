package web_test

import (
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tiendo"
)

// leadsOf are the lead and the supporting units of the task labelled
// label in r, each sorted by id, and the task.
func leadsOf(t *testing.T, r *tiendo.Round, label string) (leads, supports []int64, task *tiendo.Task) {
	t.Helper()
	for _, task := range r.Tasks {
		if task.Label != label {
			continue
		}
		for _, a := range task.Assignees {
			if a.Role == tiendo.Lead {
				leads = append(leads, a.UnitID)
			} else {
				supports = append(supports, a.UnitID)
			}
		}
		slices.Sort(leads)
		slices.Sort(supports)
		return leads, supports, task
	}
	t.Fatalf("the round has no task %s", label)
	return nil, nil, nil
}

// The seed directive gives its task 7 to three units to lead together
// (Lao động, Giáo dục, Y tế), as the demo's round has them: the preview
// keeps all three as lead units, not the first as lead and the others as
// supporting, and the round made from it asks each for the task's targets.
func TestIntakeKeepsCoLeadUnits(t *testing.T) {
	t.Parallel()
	x, page := newPreviewSession(t)
	ldtb, gddt, ttyt := x.unitCode("pldtbxh"), x.unitCode("pgddt"), x.unitCode("ttyt")
	var task7 string
	for _, f := range taskFieldsets(page) {
		if strings.Contains(f, "<strong>Nhiệm vụ 7</strong>") {
			task7 = f
		}
	}
	if task7 == "" {
		t.Fatal("the preview has no task 7")
	}
	form := browserForm(t, `<form action="/rounds/preview">`+task7+`</form>`, "/rounds/preview")
	p := "t6."
	if !strings.Contains(task7, `id="t6-lead"`) {
		t.Fatal("task 7 is not the seventh task of the preview")
	}
	if got, want := form.Get(p+"lead"), itoa(ldtb); got != want {
		t.Errorf("task 7's lead is unit %s, want %s (Lao động, Thương binh và Xã hội)", got, want)
	}
	if got, want := form[p+"colead"], []string{itoa(gddt), itoa(ttyt)}; !slices.Equal(got, want) {
		t.Errorf("task 7's co-lead units are %v, want %v (Giáo dục và Đào tạo, Trung tâm Y tế)", got, want)
	}
	if got := form[p+"support"]; slices.Contains(got, itoa(gddt)) || slices.Contains(got, itoa(ttyt)) {
		t.Errorf("task 7's supporting units are %v: a co-lead unit shows as supporting", got)
	}
	if !strings.Contains(html.UnescapeString(task7), "Đơn vị cùng chủ trì (2)") {
		t.Error("task 7 does not say it has two co-lead units")
	}

	r := x.create(page, nil)
	leads, supports, task := leadsOf(t, r, "7")
	if want := slices.Sorted(slices.Values([]int64{ldtb, gddt, ttyt})); !slices.Equal(leads, want) {
		t.Errorf("the round's task 7 is led by %v (supported by %v), want %v", leads, supports, want)
	}
	for _, id := range []int64{ldtb, gddt, ttyt} {
		if got, want := len(task.TargetsOf(id)), len(task.Targets); got != want || want == 0 {
			t.Errorf("unit %d reports %d of task 7's %d targets, want all", id, got, want)
		}
	}
}

// An office with too many units for the preview's selects has a lead
// field to type in: it names every unit that leads a task, "A; B", and
// reads them back so.
func TestIntakeManyUnitsKeepsCoLeadUnits(t *testing.T) {
	t.Parallel()
	x, _ := newManyUnitsSession(t)
	text := strings.Replace(manyDirective, "1. Giao UBND xã số 1 chủ trì:", "1. Giao UBND xã số 1, UBND xã số 2 chủ trì:", 1)
	body, ct := multipartForm(url.Values{"text": {text}}, "", nil)
	page := x.do("/rounds/new", ct, body)
	fields := taskFieldsets(page)
	if len(fields) == 0 {
		t.Fatal("the preview has no task")
	}
	m := regexp.MustCompile(`name="t0.lead_name"[^>]* value="([^"]*)"`).FindStringSubmatch(fields[0])
	if m == nil {
		t.Fatal("task 1 has no lead field to type in")
	}
	if got, want := html.UnescapeString(m[1]), "UBND xã số 1; UBND xã số 2"; got != want {
		t.Errorf("task 1's lead field holds %q, want %q", got, want)
	}
	r := x.create(page, nil)
	leads, supports, _ := leadsOf(t, r, "1")
	if want := []int64{x.unitCode("xa001"), x.unitCode("xa002")}; !slices.Equal(leads, want) {
		t.Errorf("the round's task 1 is led by %v (supported by %v), want %v", leads, supports, want)
	}
	// Typed back as the office may: a third unit added, one taken away.
	page = x.submit(page, "check", func(v url.Values) { v.Set("t0.lead_name", "UBND xã số 2; UBND xã số 3") })
	r = x.create(page, nil)
	if leads, _, _ = leadsOf(t, r, "1"); !slices.Equal(leads, []int64{x.unitCode("xa002"), x.unitCode("xa003")}) {
		t.Errorf("typed “UBND xã số 2; UBND xã số 3”, the round's task 1 is led by %v", leads)
	}
}
