package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// "nhiệm vụ 2" leads to task 2's own row on the round page; a unit found
// leads the office to the unit's report; "CCHC" finds the reform task.
func TestSearchLeadsToTheTaskAndTheUnit(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	task := x.round.Tasks[1]
	anchor := "/rounds/" + itoa(x.round.ID) + "#task-" + itoa(task.ID)

	code, body := x.get(c, "/search?q="+url.QueryEscape("nhiệm vụ 2"))
	if code != http.StatusOK {
		t.Fatalf("search: %d", code)
	}
	results := body[strings.Index(body, `<ol class="search-results">`):]
	if first := results[:strings.Index(results, "</li>")]; !strings.Contains(first, `href="`+anchor+`"`) {
		t.Errorf("first result of “nhiệm vụ 2” does not open task 2 at %s:\n%s", anchor, first)
	}
	// The anchor is there to land on: the task's row.
	if _, round := x.get(c, "/rounds/"+itoa(x.round.ID)); !strings.Contains(round, `<tr id="task-`+itoa(task.ID)+`">`) {
		t.Errorf("the round page has no row with id task-%d", task.ID)
	}

	// A unit found: the office reads its report.
	if _, body := x.get(c, "/search?q="+url.QueryEscape("Phòng Nội vụ")); !strings.Contains(body, `<a href="/rounds/`+itoa(x.round.ID)+`/reports/pnv">`) {
		t.Errorf("the unit found does not link its report:\n%s", grep(body, "search-results"))
	}

	// An abbreviation finds the words it stands for.
	if _, body := x.get(c, "/search?q=CCHC"); !strings.Contains(body, "<mark>cải cách hành chính</mark>") {
		t.Errorf("CCHC does not find cải cách hành chính:\n%s", grep(body, "mark"))
	}
}
