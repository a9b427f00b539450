package web_test

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// The audit log's "older entries" link leads to the next hundred, and that
// page's own link further back.
func TestAuditLogPagesBack(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	for i := range 120 { // more than a page of the log
		if err := x.st.CreateUnit(context.Background(), store.Actor{}, &tiendo.Unit{Code: fmt.Sprintf("xa%03d", i), Name: fmt.Sprintf("UBND xã số %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	base := x.srv.URL
	older := regexp.MustCompile(`<a href="([^"]*)">Các bản ghi cũ hơn →</a>`)
	first := getPage(t, base, "admin", "/admin/audit")
	m := older.FindStringSubmatch(first)
	if m == nil {
		t.Fatal("the first page of the demo's audit log has no link to older entries")
	}
	link := html.UnescapeString(m[1])
	if !regexp.MustCompile(`^/admin/audit\?before=\d+$`).MatchString(link) {
		t.Fatalf("older entries link = %q, want /admin/audit?before=N", link)
	}
	second := getPage(t, base, "admin", link)
	if second == first {
		t.Error("the older entries page is the first page again")
	}
	if m2 := older.FindStringSubmatch(second); m2 != nil && html.UnescapeString(m2[1]) == link {
		t.Errorf("the older entries page links to itself: %s", link)
	}
}
