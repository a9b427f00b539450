package web_test

import (
	"net/http"
	"regexp"
	"testing"
)

// Every page names its icon, so that no browser asks for a /favicon.ico
// that is not there; the icon it names is served.
func TestPagesNameAServedIcon(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	_, page := x.get(x.client(), "/login")
	m := regexp.MustCompile(`<link rel="icon" href="([^"]+)" type="image/svg\+xml">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the login page names no icon")
	}
	resp, err := http.Get(x.srv.URL + m[1])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("GET %s: %d %s, want 200 image/svg+xml", m[1], resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
