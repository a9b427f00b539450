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

var (
	// reChatTime is the time of a message alone on the line under its
	// sender, as Zalo on a computer copies a message ("Lan - Văn phòng" /
	// "14:32" / the text).
	reChatTime = regexp.MustCompile(`^([01]?\d|2[0-3]):[0-5]\d$`)
	// reChatName is the sender's line above such a time: a name, often
	// "- unit", no sentence.
	reChatName = regexp.MustCompile(`^\p{Lu}[^:;.!?]{0,80}$`)
	// reChatWeekday is a day separator with its weekday ("Thứ Năm,
	// 08/10/2026"), folded.
	reChatWeekday = regexp.MustCompile(`^(?:thu (?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat),? \d{1,2}/\d{1,2}/\d{4}$`)
	// reChatMore marks a message that goes on from the one before, or
	// will go on in the next: "(tiếp)", "(tiếp theo)", "(còn tiếp)".
	reChatMore = regexp.MustCompile(`^\((?:tiep|tiep theo|con tiep|con nua)\)\.?$`)
)

// chatHead returns how many lines the message head at lines[i] takes: 1
// for "Sender  HH:MM" on one line, 2 for the sender's line over the time
// alone; 0 when lines[i] opens no message. sender is who wrote it.
func chatHead(lines []line, i int) (n int, sender string) {
	s := strings.TrimSpace(lines[i].text)
	if chatSender(s) {
		m := reChatSender.FindStringSubmatchIndex(s)
		return 1, strings.TrimSpace(s[:m[2]])
	}
	if i+1 < len(lines) && len(s) <= 120 && reChatName.MatchString(s) && reChatTime.MatchString(strings.TrimSpace(lines[i+1].text)) {
		return 2, s
	}
	return 0, ""
}

// chatDay reports whether s is a day separator of a copied chat.
func chatDay(s string) bool {
	s = strings.TrimSpace(s)
	return reChatDay.MatchString(strings.ToLower(s)) || reChatWeekday.MatchString(vi.Fold(s))
}

// chatMessage is one message of a copied chat thread: its head at
// lines[head], its text lines[body:end].
type chatMessage struct {
	head, body, end int
	sender          string
}

// chatMessages splits lines into the thread's messages; the lines before
// the first head belong to none.
func chatMessages(lines []line) []chatMessage {
	var out []chatMessage
	for i := 0; i < len(lines); i++ {
		n, sender := chatHead(lines, i)
		day := chatDay(lines[i].text)
		if (n > 0 || day) && len(out) > 0 && out[len(out)-1].end < 0 {
			out[len(out)-1].end = i
		}
		if n > 0 {
			out = append(out, chatMessage{head: i, body: i + n, end: -1, sender: sender})
			i += n - 1
		}
	}
	if len(out) > 0 && out[len(out)-1].end < 0 {
		out[len(out)-1].end = len(lines)
	}
	return out
}

// chatSpan returns the lines of the message that holds the directive in a
// copied chat thread: from the letterhead (its national title or "Số: …"
// line, taken up over the upper-case lines right above it, the issuer)
// to the next message's head or day separator. ok is false unless the
// text has two message heads or more and the letterhead comes after one.
func chatSpan(lines []line) (start, end int, ok bool) {
	msgs := chatMessages(lines)
	if len(msgs) < 2 {
		return 0, 0, false
	}
	for _, m := range msgs {
		for i := m.body; i < m.end; i++ {
			f := strings.TrimSpace(vi.Fold(lines[i].text))
			if reNational.MatchString(f) || strings.HasPrefix(f, "so") && (reNumState.MatchString(f) || reNumParty.MatchString(f)) {
				start = i
				for k := i - 1; k >= m.body; k-- {
					s := lines[k].text
					if s == "" || !isUpper(s) {
						break
					}
					start = k
				}
				return start, m.end, true
			}
		}
	}
	return 0, 0, false
}

// chatKeep returns which lines of a copied chat thread are the
// directive's: the message that holds its letterhead (chatSpan) and, when
// that message has no signature, the later messages of the same sender
// up to the one that holds it ("(tiếp)"): a letter too long for one
// message, sent in parts, perhaps with others' replies between them,
// which are not the letter's. Without a signature in a later part, only
// the first is kept. ok is false when lines are no chat thread.
func chatKeep(lines []line) (keep []bool, ok bool) {
	start, end, ok := chatSpan(lines)
	if !ok {
		return nil, false
	}
	keep = make([]bool, len(lines))
	for i := start; i < end; i++ {
		keep[i] = true
	}
	if chatSigned(lines[start:end]) {
		return keep, true
	}
	msgs := chatMessages(lines)
	k := 0
	for k < len(msgs) && msgs[k].end != end {
		k++
	}
	if k == len(msgs) {
		return keep, true
	}
	sender := msgs[k].sender
	for _, m := range msgs[k+1:] {
		if m.sender != sender {
			continue
		}
		for i := m.body; i < m.end; i++ {
			keep[i] = !reChatMore.MatchString(strings.TrimSpace(vi.Fold(lines[i].text)))
		}
		if chatSigned(lines[m.body:m.end]) {
			return keep, true
		}
	}
	// No later part signs the letter: the others are not its.
	for i := range keep {
		keep[i] = i >= start && i < end
	}
	return keep, true
}

// chatSigned reports whether lines hold a letter's foot: "Nơi nhận" or an
// authority line of the signature ("KT. CHỦ TỊCH").
func chatSigned(lines []line) bool {
	for _, ln := range lines {
		f := vi.Fold(ln.text)
		if reNoiNhan.MatchString(f) || reAuthLine.MatchString(f) && isUpper(ln.text) {
			return true
		}
	}
	return false
}
