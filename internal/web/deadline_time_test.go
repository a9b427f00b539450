package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A deadline at a time of day ("trước 10:30 ngày 22/12") is written with
// its time on the unit's pages: "trước ngày 22/12" would mean by the end of
// 21/12, a day and a half early. Once the office extends it, the unit's
// pages say so next to the deadline, with the deadline the round was
// published with; a whole-day deadline still reads "trước ngày D".
func TestUnitPagesShowDeadlineTimeAndExtension(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	// Far enough from newApp's rounds (3 and 10 days) not to share their day.
	d := time.Now().In(tiendo.Zone).AddDate(0, 0, 20)
	due := time.Date(d.Year(), d.Month(), d.Day(), 10, 30, 0, 0, tiendo.Zone)
	r := &tiendo.Round{Title: "Báo cáo nhanh tình hình thu ngân sách", Status: tiendo.RoundOpen, Deadline: due,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Rà soát các khoản thu", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	day := due.Format("02/01/2006")
	timed, wholeDay := "trước 10:30 ngày "+day, "trước ngày "+day
	c := x.login("pnv")
	pages := map[string]string{"home": "/", "report": fmt.Sprintf("/rounds/%d/reports/%s", r.ID, x.a.Code)}

	for name, path := range pages {
		code, body := x.get(c, path)
		if code != 200 || !strings.Contains(body, "Hạn gửi: "+timed) {
			t.Errorf("unit's %s page: %d, want “Hạn gửi: %s”", name, code, timed)
		}
		if strings.Contains(body, wholeDay) {
			t.Errorf("unit's %s page says %q for a deadline at 10:30 that day", name, wholeDay)
		}
		if strings.Contains(body, "đã gia hạn") {
			t.Errorf("unit's %s page says the deadline was extended before it was", name)
		}
	}

	office, err := x.st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	later := due.AddDate(0, 0, 7)
	extended := tiendo.DeadlineBefore(later.Year(), later.Month(), later.Day())
	if err := x.st.ExtendDeadline(ctx, store.Actor{}, office, r.ID, extended, "Chờ số liệu của Kho bạc"); err != nil {
		t.Fatal(err)
	}
	for name, path := range pages {
		_, body := x.get(c, path)
		// The report page says it in the countdown's bracket, not a second
		// one: "(còn 27 ngày; đã gia hạn, hạn ban đầu …)".
		was := "(đã gia hạn, hạn ban đầu " + timed + ")"
		if name == "report" {
			one := regexp.MustCompile(`\(<strong class="due">còn [0-9]+ ngày</strong>; <span id="extended">đã gia hạn, hạn ban đầu ` + regexp.QuoteMeta(timed) + `</span>\)`)
			if was = one.FindString(body); was == "" {
				t.Errorf("the report page does not give the countdown and the extension in one bracket")
				was = "(còn"
			}
		}
		for _, want := range []string{"Hạn gửi: trước ngày " + extended.Format("02/01/2006"), was} {
			if !strings.Contains(body, want) {
				t.Errorf("unit's %s page after the extension lacks %q", name, want)
			}
		}
		if strings.Contains(body, wholeDay) {
			t.Errorf("unit's %s page after the extension says %q for the original deadline at 10:30", name, wholeDay)
		}
	}
}
