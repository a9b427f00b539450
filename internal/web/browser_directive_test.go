package web_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/directive"
)

// In the demo's live round the office drafts the công văn, sees the
// duplicate task label caught, the leader approves it, the office issues
// it; the issued DOCX parses back to the round's tasks, units and deadline.
func TestBrowserDirectiveIssue(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	office := &tiendo.User{Role: tiendo.RoleOffice}
	rounds, _ := st.Rounds(bg, office)
	live := rounds[0]
	page := fmt.Sprintf("%s/rounds/%d/directive", base, live.ID)

	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.Click(`#compose`))
	waitOK(t, ctx, "created")
	warnings := browsertest.Get(t, ctx, chromedp.Text(`main`))
	if !strings.Contains(warnings, "12") {
		t.Errorf("the duplicate label 12 is not flagged:\n%s", warnings)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#send`))
	waitOK(t, ctx, "send")
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	browserLogin(t, ctx, base, "lanhdao")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.Click(`#approve`))
	waitOK(t, ctx, "approve")
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.SetValue(`#signer_name`, "Nông Thị Huyền Trang"), chromedp.Click(`#confirm_issue`), chromedp.Click(`#issue`))
	waitOK(t, ctx, "issued")

	if dir := os.Getenv(browsertest.EnvArtifacts); dir != "" && testing.Verbose() {
		pdf, _ := st.IssuedFile(bg, office, live.ID, tiendo.DocDirective, "pdf")
		os.WriteFile(filepath.Join(dir, "cong-van.pdf"), pdf, 0o644)
	}
	round, err := st.Round(bg, office, live.ID)
	if err != nil {
		t.Fatal(err)
	}
	data, err := st.IssuedFile(bg, office, live.ID, tiendo.DocDirective, "docx")
	if err != nil {
		t.Fatal(err)
	}
	text, err := directive.ReadDOCX(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	units, _ := st.Units(bg)
	registry := make([]tiendo.Unit, len(units))
	codes := map[int64]string{}
	for i, u := range units {
		registry[i] = *u
		codes[u.ID] = u.Code
	}
	res := directive.Parse(text, registry)
	if len(res.Tasks) != len(round.Tasks) {
		t.Fatalf("the issued công văn parses to %d tasks, want %d:\n%s", len(res.Tasks), len(round.Tasks), text)
	}
	for i, task := range round.Tasks {
		got := res.Tasks[i]
		if got.Label != task.Label {
			t.Errorf("task %d: label %q, want %q", i, got.Label, task.Label)
		}
		var leads []string
		for _, a := range got.Assignees {
			if a.Role == tiendo.Lead {
				leads = append(leads, a.Unit)
			}
		}
		for _, a := range task.Assignees {
			if a.Role == tiendo.Lead && !strings.Contains(strings.Join(leads, ","), codes[a.UnitID]) {
				t.Errorf("task %s: lead %s missing from the parse (%v)", task.Label, codes[a.UnitID], leads)
			}
		}
	}
	if res.Deadline == nil || res.Deadline.Date != round.Deadline.Format("2006-01-02") {
		t.Errorf("deadline parsed = %+v, want %s", res.Deadline, round.Deadline.Format("2006-01-02"))
	}
	if res.Number == "" || res.Symbol != "UBND-VP" {
		t.Errorf("number and symbol parsed = %q/%q", res.Number, res.Symbol)
	}
}
