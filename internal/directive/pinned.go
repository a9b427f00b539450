package directive

import (
	"strings"

	"tiendo/internal/vi"
)

// A directive is sometimes copied from a chat group's pinned announcement:
// the app's banner ("📌 THÔNG BÁO NHÓM"), the line saying who pinned it,
// the sender's own words ("@All 📢 Văn phòng gửi các đồng chí …"), then a
// blank line and the letter pasted under them. The announcement only
// repeats the letter; no field comes from it, and read as a letterhead it
// hides the real one.

// pinnedScanLines bounds the announcement: a few paragraphs at the top.
const pinnedScanLines = 12

// pinnedEnd returns the index of the first line after a chat announcement
// at the top of the text, 0 when there is none. The announcement runs to
// the first blank line after the last line marked as chat (an emoji or
// "@All", which no letterhead has); the letterhead must follow that blank
// line within a few lines, found by its national title or its "Số ..."
// line.
func pinnedEnd(lines []line) int {
	marked, blank := -1, -1
	for i := 0; i < len(lines) && i < pinnedScanLines; i++ {
		s := lines[i].text
		if s == "" {
			if marked >= 0 && blank < marked {
				blank = i
			}
			continue
		}
		f := strings.TrimSpace(vi.Fold(s))
		if reNational.MatchString(f) || strings.HasPrefix(f, "so") && (reNumState.MatchString(f) || reNumParty.MatchString(f)) {
			break
		}
		if chatMarked(s) {
			marked = i
		}
	}
	if marked < 0 || blank < marked {
		return 0
	}
	for i := blank + 1; i < len(lines) && i <= blank+letterheadAbove+2; i++ {
		if chatMarked(lines[i].text) {
			return 0
		}
		f := strings.TrimSpace(vi.Fold(lines[i].text))
		if reNational.MatchString(f) || strings.HasPrefix(f, "so") && (reNumState.MatchString(f) || reNumParty.MatchString(f)) {
			return blank + 1
		}
	}
	return 0
}

// chatMarked reports whether s carries a mark only a chat message has: an
// emoji, or a mention of the whole group ("@All", "@Tất cả").
func chatMarked(s string) bool {
	for _, r := range s {
		if isEmoji(r) {
			return true
		}
	}
	f := vi.Fold(s)
	return strings.Contains(f, "@all") || strings.Contains(f, "@tat ca")
}

// isEmoji reports whether r is a pictograph of the emoji blocks, or one of
// the older symbols chat apps draw as emoji. The dingbats documents use as
// bullets ("❖", "➢", "✓") are not among them.
func isEmoji(r rune) bool {
	switch r {
	case '❤', '✅', '❌', '⏰':
		return true
	}
	return r >= 0x1F000 && r <= 0x1FAFF
}
