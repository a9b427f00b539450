package web_test

import (
	"fmt"
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
		home := getPage(t, base, who, "/")
		card := regexp.MustCompile(fmt.Sprintf(`(?s)<article class="round-card">\s*<header><h3><a href="/rounds/%d">.*?</article>`, live)).FindString(home)
		if card == "" {
			t.Fatalf("%s: the home page has no card for the live round %d", who, live)
		}
		if want := "; 1 bị trả lại để bổ sung)"; !strings.Contains(card, want) {
			t.Errorf("%s: the live round's card lacks %q:\n%s", who, want, card)
		}
	}
}
