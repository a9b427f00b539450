package directive

import (
	"regexp"
	"strconv"
)

// An e-office's text preview, and some copies out of Word, render the
// automatic list numbers without their suffix: "1." comes out "1 " and
// "a)" comes out "a ". A number at a line's start is common in running
// text, so a bare mark is read as a label only where the list shows
// itself: the numbers 1, 2, 3 … in order at line starts, each followed by
// a capital, at least three of them; and the letters a, b, c … in order
// the same way, at least three, or two under a number so restored. The
// damage is the whole copy's: where other lines keep their "1." or "a)",
// bare numbers are a table's STT column or running text.

var (
	bareNumber = regexp.MustCompile(`^([1-9][0-9]?) \p{Lu}`)
	bareLetter = regexp.MustCompile(`^([a-zđ]) \p{Lu}`)
	keptMark   = regexp.MustCompile(`^(?:[0-9]{1,2}(?:[.)] ?|/ )|[a-zđ]\) ?)\p{L}`)
)

// letterSeq is the order of Vietnamese letter labels.
var letterSeq = []string{"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"}

// restoreBareMarks gives back the dots and brackets of list marks that
// lost them.
func restoreBareMarks(lines []line) {
	for _, l := range lines {
		if l.row == 0 && keptMark.MatchString(l.text) {
			return
		}
	}
	numbered := bareNumberRuns(lines)
	for _, i := range numbered {
		m := bareNumber.FindStringSubmatchIndex(lines[i].text)
		lines[i].text = lines[i].text[:m[3]] + "." + lines[i].text[m[3]:]
	}
	under := make(map[int]bool, len(numbered)) // lines under a restored number
	isNum := make(map[int]bool, len(numbered))
	for _, i := range numbered {
		isNum[i] = true
	}
	in := false
	for i := range lines {
		if isNum[i] {
			in = true
			continue
		}
		under[i] = in
	}
	// Letter runs: a, b, c … at line starts, broken by a restored number.
	var run []int
	flush := func() {
		need := 3
		if len(run) > 0 && under[run[0]] {
			need = 2
		}
		if len(run) >= need {
			for _, i := range run {
				m := bareLetter.FindStringSubmatchIndex(lines[i].text)
				lines[i].text = lines[i].text[:m[3]] + ")" + lines[i].text[m[3]:]
			}
		}
		run = run[:0]
	}
	for i, l := range lines {
		if isNum[i] {
			flush()
			continue
		}
		if l.row > 0 {
			continue
		}
		m := bareLetter.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		if len(run) > 0 && nextLetter(lines[run[len(run)-1]].text, m[1]) {
			run = append(run, i)
			continue
		}
		flush()
		if m[1] == "a" {
			run = append(run, i)
		}
	}
	flush()
}

// nextLetter tells whether letter follows the label that opens prev ("đ"
// may be left out).
func nextLetter(prev, letter string) bool {
	p := bareLetter.FindStringSubmatch(prev)
	if p == nil {
		return false
	}
	for k, s := range letterSeq {
		if s != p[1] || k+1 >= len(letterSeq) {
			continue
		}
		if letterSeq[k+1] == letter {
			return true
		}
		return letterSeq[k+1] == "đ" && k+2 < len(letterSeq) && letterSeq[k+2] == letter
	}
	return false
}

// bareNumberRuns returns the lines of the runs 1, 2, 3 … of bare numbers,
// each run at least three long; lines whose bare number breaks the order
// are running text.
func bareNumberRuns(lines []line) []int {
	var out, run []int
	want := 1
	flush := func() {
		if len(run) >= 3 {
			out = append(out, run...)
		}
		run = nil
		want = 1
	}
	for i, l := range lines {
		if l.row > 0 {
			continue
		}
		m := bareNumber.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		switch {
		case n == want:
			run = append(run, i)
			want++
		case n == 1:
			flush()
			run = append(run, i)
			want = 2
		}
	}
	flush()
	return out
}
