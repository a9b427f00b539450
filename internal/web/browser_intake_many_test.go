package web_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// In Chromium, for an office of more units than the preview lists in
// every task: the office types a task's lead and a target's reporting unit
// (without diacritics, as one types fast) in fields that offer the units,
// adds a supporting unit, and creates the round with those units.
func TestBrowserIntakeManyUnits(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	for i := 1; i <= 150; i++ {
		u := &tiendo.Unit{Code: fmt.Sprintf("xa%03d", i), Name: fmt.Sprintf("UBND xã số %d", i)}
		if err := st.CreateUnit(context.Background(), store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	browserPreview(t, ctx, base, "../../testdata/directives/huu-lung-2022-06.txt", `#create`)
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#unit-names option").length`)); n < 150 {
		t.Fatalf("the preview offers %d units, want the office's 160 or so", n)
	}
	// The first task with a target: its first target's reporting unit.
	task := browsertest.Get(t, ctx, chromedp.Evaluate[int](`Number(document.querySelector("input[name$='.g0.by_name']").name.match(/^t(\d+)\./)[1])`))
	// Enter in a unit's field shows the form again with the name found,
	// and leaves the recipients ticked (the form's first button was "Bỏ
	// chọn tất cả").
	const ticked = `document.querySelectorAll("input[name=recipients]:checked").length`
	before := browsertest.Get(t, ctx, chromedp.Evaluate[int](ticked))
	browsertest.Do(t, ctx,
		chromedp.Evaluate[chromedp.Void](`window.zzBeforeEnter = true; document.querySelector("#t0-lead").value = ""`),
		chromedp.SendKeys(`#t0-lead`, "ubnd xa so 42\r"),
	)
	browsertest.WaitFor(t, ctx, `!window.zzBeforeEnter && document.querySelector("#t0-lead") && document.querySelector("#t0-lead").value === "UBND xã số 42"`)
	if after := browsertest.Get(t, ctx, chromedp.Evaluate[int](ticked)); before == 0 || after != before {
		t.Errorf("Enter in the lead's field: %d recipients ticked, then %d; want them kept", before, after)
	}
	browsertest.Do(t, ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#task-0 details").open = true`),
		chromedp.SendKeys(`#t0-support-add`, "UBND xã số 7"),
		chromedp.SendKeys(fmt.Sprintf(`#t%d-g0-by`, task), "UBND XA SO 99"),
	)
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `#task-0`, "typed")
	}
	browsertest.Do(t, ctx,
		chromedp.Click(`#create`),
		chromedp.WaitVisible(`#publish`),
	)
	loc := browsertest.Get(t, ctx, chromedp.Location())
	id, err := strconv.ParseInt(loc[strings.LastIndex(loc, "/")+1:], 10, 64)
	if err != nil {
		t.Fatalf("created round at %s", loc)
	}
	r, err := st.Round(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, id)
	if err != nil {
		t.Fatal(err)
	}
	units, err := st.Units(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	code := map[int64]string{}
	for _, u := range units {
		code[u.ID] = u.Code
	}
	roles := map[string]tiendo.AssigneeRole{}
	for _, a := range r.Tasks[0].Assignees {
		roles[code[a.UnitID]] = a.Role
	}
	if roles["xa042"] != tiendo.Lead || roles["xa007"] != tiendo.Support {
		t.Errorf("task 1's units: %v, want xa042 leading and xa007 supporting", roles)
	}
	if by := r.Tasks[task].Targets[0].ReportedBy; code[by] != "xa099" {
		t.Errorf("task %d's first target is reported by %q, want xa099", task+1, code[by])
	}
}
