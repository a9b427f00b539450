package directive

import (
	"regexp"
	"strconv"
	"strings"

	"tiendo/internal/vi"
)

// A letter pasted into a chat app or a web form often loses some of its
// line breaks: "Kính gửi: - Sở A, - Sở B, - UBND các xã." on one line, or
// "… yêu cầu: 1. Sở A chủ trì … ký cam kết. 2. Sở B …" with two numbered
// items in one paragraph. runOnLines puts each item back on a line of its
// own, so that the list is read as the letter wrote it.

var (
	// reRunOnNumber is a numbered item inside a line, after the end of a
	// sentence or the colon that opens a list: ". 2. Sở", ": 1. Các".
	reRunOnNumber = regexp.MustCompile(`[.;:!]\s+(\d{1,2})\.\s+\p{Lu}`)
	// reRunOnLead is the number a line opens with: "3. Chi bộ …".
	reRunOnLead = regexp.MustCompile(`^(\d{1,2})\.\s+\p{Lu}`)
	// reRunOnDash is the next addressee of a dash list run onto one line.
	reRunOnDash = regexp.MustCompile(`[,;]\s+-\s+\p{Lu}`)
	// reRunOnList opens an address list whose first item is a dash.
	reRunOnList = regexp.MustCompile(`^(?:kinh gui|noi nhan)\s*:\s*-\s`)
)

// runOnLines returns lines with each run-on list item split onto a line of
// its own, carrying its input line's number. Only lines outside tables
// are split. Numbered items are split only where they count on one from
// the number before: the line's own ("3. … 4. …"), or, in a line that
// opens none, "1." after a colon followed by "2." — so that "khoản 2. " or
// a figure before a full stop does not break a sentence.
func runOnLines(lines []line) []line {
	var out []line
	for i, ln := range lines {
		cuts := runOnCuts(ln)
		if cuts == nil {
			if out != nil {
				out = append(out, ln)
			}
			continue
		}
		if out == nil {
			out = append(make([]line, 0, len(lines)+8), lines[:i]...)
		}
		last := 0
		for _, c := range append(cuts, len(ln.text)) {
			part := strings.TrimSpace(ln.text[last:c])
			if part != "" {
				out = append(out, line{n: ln.n, text: part})
			}
			last = c
		}
	}
	if out == nil {
		return lines
	}
	return out
}

// runOnCuts returns the byte offsets at which ln's text is split, nil when
// it holds one item.
func runOnCuts(ln line) []int {
	s := ln.text
	if ln.row > 0 || len(s) < 20 {
		return nil
	}
	if reRunOnList.MatchString(vi.Fold(s)) {
		var cuts []int
		for _, m := range reRunOnDash.FindAllStringIndex(s, -1) {
			cuts = append(cuts, m[0]+1)
		}
		if len(cuts) < 2 {
			return nil
		}
		return cuts
	}
	cur := 0
	if m := reRunOnLead.FindStringSubmatch(s); m != nil {
		cur, _ = strconv.Atoi(m[1])
	}
	var cuts []int
	for _, m := range reRunOnNumber.FindAllStringSubmatchIndex(s, -1) {
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		if n != cur+1 || n == 1 && s[m[0]] != ':' {
			continue
		}
		cuts = append(cuts, m[0]+1)
		cur = n
	}
	if len(cuts) == 0 || len(cuts) == 1 && !reRunOnLead.MatchString(s) {
		return nil
	}
	return cuts
}
