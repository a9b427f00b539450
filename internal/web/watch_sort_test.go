package web_test

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
)

// sortHeaderRE is one of the matrix's sorting headers: its aria-sort, if
// any, its link and its name.
var sortHeaderRE = regexp.MustCompile(`<th scope="col"(?: aria-sort="([a-z]+)")?><a class="sort" href="([^"]+)" title="[^"]*">([^<]+?) <span`)

// matrixSentRE is a row's "Gửi lúc" cell.
var matrixSentRE = regexp.MustCompile(`<td class="sent">([^<]*)</td>`)

// The office sorts the matrix worst first, by clicking its column headers:
// by state (not started, being written, returned, late, on time, taken
// in), by the time sent (nothing sent first, then the latest), by name
// (the Vietnamese way). The order survives the filter, both ways: the
// headers' links keep the filter, the filter's form keeps the order. The
// header the rows are in carries aria-sort, and the page says the order.
// With no order asked the matrix is as it always was: by name.
func TestMatrixSortsWorstFirst(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	get, _ := officeSession(t, base)
	path := fmt.Sprintf("/rounds/%d", live)

	type header struct{ aria, href string }
	headers := func(page string) map[string]header {
		t.Helper()
		out := map[string]header{}
		for _, m := range sortHeaderRE.FindAllStringSubmatch(page, -1) {
			out[m[3]] = header{m[1], html.UnescapeString(m[2])}
		}
		if len(out) != 3 {
			t.Fatalf("the matrix has %d sorting headers, want “Đơn vị”, “Báo cáo” and “Gửi lúc”: %v", len(out), out)
		}
		return out
	}
	names := func(page string) []string {
		var out []string
		for _, r := range matrixRows(page) {
			out = append(out, r[0])
		}
		return out
	}

	// The plain page: by name, as before; "Đơn vị" says so.
	plain := get(path)
	byName := names(plain)
	units, err := st.Units(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	states, err := st.ReportStates(context.Background(), live)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, u := range units { // the store's Vietnamese order
		if _, asked := states[u.ID]; asked {
			want = append(want, u.Name)
		}
	}
	if !slices.Equal(byName, want) {
		t.Fatalf("the plain matrix is in the order\n%q\nwant the units by name\n%q", byName, want)
	}
	h := headers(plain)
	if h["Đơn vị"].aria != "ascending" || h["Báo cáo"].aria != "" || h["Gửi lúc"].aria != "" {
		t.Errorf("plain page's aria-sort: %+v, want “Đơn vị” ascending only", h)
	}
	if !strings.Contains(plain, "xếp theo tên đơn vị (A → Z)") {
		t.Errorf("the plain page does not say its order:\n%s", grep(plain, "matrix-order"))
	}

	// "Báo cáo": worst first.
	byState := get(h["Báo cáo"].href)
	rank := map[string]int{"Chưa bắt đầu": 0, "Đang soạn": 1, "Trả lại": 2, "Quá hạn": 3, "Đúng hạn": 4, "Đã tiếp nhận": 5}
	rows := matrixRows(byState)
	if len(rows) != len(byName) {
		t.Fatalf("sorted by state: %d rows, want %d", len(rows), len(byName))
	}
	pos := map[string]int{}
	for i, n := range byName {
		pos[n] = i
	}
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if rank[a[1]] > rank[b[1]] || rank[a[1]] == rank[b[1]] && pos[a[0]] > pos[b[0]] {
			t.Errorf("sorted by state, %q (%s) comes before %q (%s)", a[0], a[1], b[0], b[1])
		}
	}
	if rows[0][1] != "Chưa bắt đầu" || rows[len(rows)-1][1] != "Đúng hạn" {
		t.Errorf("sorted by state the matrix runs from %q to %q", rows[0][1], rows[len(rows)-1][1])
	}
	h = headers(byState)
	if h["Báo cáo"].aria != "ascending" || h["Đơn vị"].aria != "" || !strings.Contains(byState, "xếp theo trạng thái báo cáo") {
		t.Errorf("sorted by state, aria-sort: %+v\n%s", h, grep(byState, "matrix-order"))
	}
	// Clicked again, the other way round.
	if rows := matrixRows(get(h["Báo cáo"].href)); rows[0][1] != "Đúng hạn" || rows[len(rows)-1][1] != "Chưa bắt đầu" {
		t.Errorf("sorted by state the other way, the matrix runs from %q to %q", rows[0][1], rows[len(rows)-1][1])
	}

	// "Gửi lúc": nothing sent first (by name), then the latest sent.
	bySent := get(h["Gửi lúc"].href)
	if aria := headers(bySent)["Gửi lúc"].aria; aria != "descending" {
		t.Errorf("sorted by sent time, aria-sort %q, want descending", aria)
	}
	sentAt := map[string]time.Time{}
	for _, u := range units {
		if s, ok := states[u.ID]; ok {
			sentAt[u.Name] = s.SubmittedAt
		}
	}
	got := names(bySent)
	cells := matrixSentRE.FindAllStringSubmatch(bySent, -1)
	if len(cells) != len(got) {
		t.Fatalf("%d “Gửi lúc” cells for %d rows", len(cells), len(got))
	}
	for i, n := range got {
		at := sentAt[n]
		if w := "—"; !at.IsZero() {
			w = at.In(tiendo.Zone).Format("15:04 02/01/2006")
			if cells[i][1] != w {
				t.Errorf("%s: “Gửi lúc” %q, want %q", n, cells[i][1], w)
			}
		} else if cells[i][1] != w {
			t.Errorf("%s: “Gửi lúc” %q, want %q", n, cells[i][1], w)
		}
		if i == 0 {
			continue
		}
		prev := sentAt[got[i-1]]
		switch {
		case prev.IsZero() && at.IsZero() && pos[got[i-1]] > pos[n],
			!prev.IsZero() && at.IsZero(),
			!prev.IsZero() && !at.IsZero() && prev.Before(at):
			t.Errorf("sorted by sent time, %q (%v) comes before %q (%v)", got[i-1], prev, n, at)
		}
	}

	// A filter keeps the order, and the order's links keep the filter.
	filtered := get(path + "?" + url.Values{"state": {"draft", "missing"}, "sort": {"state"}, "dir": {"asc"}}.Encode())
	for _, want := range []string{`<input type="hidden" name="sort" value="state"><input type="hidden" name="dir" value="asc">`} {
		if !strings.Contains(filtered, want) {
			t.Errorf("the filter's form does not keep the order: lacks %q\n%s", want, grep(filtered, "filters"))
		}
	}
	rows = matrixRows(filtered)
	if len(rows) == 0 || rows[0][1] != "Chưa bắt đầu" || rows[len(rows)-1][1] != "Đang soạn" {
		t.Errorf("filtered to missing and draft, sorted by state: %q", rows)
	}
	for name, hd := range headers(filtered) {
		u, _ := url.Parse(hd.href)
		if q := u.Query(); !slices.Equal(q["state"], []string{"draft", "missing"}) || u.Fragment != "matrix-h" {
			t.Errorf("header %q links to %q, which drops the filter", name, hd.href)
		}
	}
	// An order the page does not know is the plain one.
	if got := names(get(path + "?sort=bogus&dir=up")); !slices.Equal(got, byName) {
		t.Errorf("an unknown order gives %q, want the plain one", got)
	}
}
