package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// A report the office returned was sent, so the home cards count it in
// "Đã gửi" as the round page does, and say beside the count that it came
// back: the leader reading "Đã gửi 4/12" and then a consolidated report
// "trên cơ sở báo cáo của 03 cơ quan" knows why.
func TestHomeCardSaysReturned(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	returnOneReport(t, st, live)
	for _, who := range []string{"vanphong", "lanhdao"} {
		home := getAs(t, base, who, "/")
		card := regexp.MustCompile(fmt.Sprintf(`(?s)<article class="round-card">\s*<header><h3><a href="/rounds/%d">.*?</article>`, live)).FindString(home)
		if card == "" {
			t.Fatalf("%s: the home page has no card for the live round %d", who, live)
		}
		if want := "; 1 bị trả lại để bổ sung)"; !strings.Contains(card, want) {
			t.Errorf("%s: the live round's card lacks %q:\n%s", who, want, card)
		}
	}
}

// getAs signs username in to base and returns the page at path.
func getAs(t *testing.T, base, username, path string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {username}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s, GET %s: %d", username, path, resp.StatusCode)
	}
	return string(b)
}
