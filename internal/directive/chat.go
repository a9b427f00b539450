package directive

import (
	"regexp"
	"strings"

	"tiendo/internal/vi"
)

// A directive shared in a chat group (Zalo, Viber, Telegram) and copied out
// with the thread comes among the messages: the group's name, the day
// separators, each message under a "Sender - Unit  HH:MM" line, a file
// line, the replies. A clerk reads the message that holds the letterhead
// and nothing else: the other messages' dates, times and units are not
// the document's.
var (
	// reChatSender is a message's head as chat apps copy it: who wrote it
	// (a name, often "- unit"), then the time of day, nothing after.
	reChatSender = regexp.MustCompile(`^\p{Lu}[^:;.!?]{0,80}?\s+([01]?\d|2[0-3]):[0-5]\d$`)
	// reChatDay is a day separator: a date alone on its line, or the
	// app's "Hôm nay" / "Hôm qua".
	reChatDay = regexp.MustCompile(`^(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2}(?:,? \d{4})?|hôm nay|hôm qua)$`)
)

// chatSender reports whether s is a message's head in a copied chat.
func chatSender(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) <= 120 && reChatSender.MatchString(s)
}

// chatSpan returns the lines of the message that holds the directive in a
// copied chat thread: from the letterhead (its national title or "Số: …"
// line, taken up over the upper-case lines right above it, the issuer)
// to the next message's head or day separator. ok is false unless the
// text has two message heads or more and the letterhead comes after one.
func chatSpan(lines []line) (start, end int, ok bool) {
	heads, first := 0, -1
	for i, ln := range lines {
		if chatSender(ln.text) {
			heads++
			if first < 0 {
				first = i
			}
		}
	}
	if heads < 2 {
		return 0, 0, false
	}
	start = -1
	for i := first + 1; i < len(lines); i++ {
		s := lines[i].text
		if chatSender(s) {
			first = i
			continue
		}
		f := strings.TrimSpace(vi.Fold(s))
		if reNational.MatchString(f) || strings.HasPrefix(f, "so") && (reNumState.MatchString(f) || reNumParty.MatchString(f)) {
			start = i
			break
		}
	}
	if start < 0 {
		return 0, 0, false
	}
	for k := start - 1; k > first; k-- {
		s := lines[k].text
		if s == "" || !isUpper(s) {
			break
		}
		start = k
	}
	end = len(lines)
	for i := start + 1; i < len(lines); i++ {
		s := strings.TrimSpace(lines[i].text)
		if chatSender(s) || reChatDay.MatchString(strings.ToLower(s)) {
			end = i
			break
		}
	}
	return start, end, true
}
