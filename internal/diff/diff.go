// Package diff compares two texts word by word, to show what changed
// between two revisions of a report. It is pure and small: Myers' shortest
// edit script over words, after the words both texts start and end with.
package diff

import (
	"slices"
	"strings"
)

// Op says whether a part is in both texts, only the old, or only the new.
type Op int

// Ops.
const (
	Same Op = iota
	Deleted
	Inserted
)

// Part is a run of words with one Op.
type Part struct {
	Op   Op
	Text string
}

// maxCells bounds the memory of a comparison (in ints); the changed middle
// of texts that differ more is shown as replaced whole rather than
// compared slowly.
const maxCells = 4_000_000

// Words returns the parts that turn a into b. The words both texts start
// and end with are set aside first, so that a long text changed in one
// place, or not at all, is compared only where it changed.
func Words(a, b string) []Part {
	x, y := strings.Fields(a), strings.Fields(b)
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	parts := []Part{{Same, strings.Join(x[:pre], " ")}}
	parts = append(parts, middle(x[pre:len(x)-suf], y[pre:len(y)-suf])...)
	parts = append(parts, Part{Same, strings.Join(x[len(x)-suf:], " ")})
	return merge(parts)
}

// middle compares x and y word by word with Myers' algorithm, which takes
// time and memory by the number of words changed rather than by the
// texts' lengths; past maxCells of memory (texts that differ throughout),
// x is shown deleted and y inserted whole.
func middle(x, y []string) []Part {
	n, m := len(x), len(y)
	most := n + m
	if most == 0 {
		return nil
	}
	// v[off+k] is how far along x the furthest path with d changes has
	// reached on diagonal k (x - y = k); trace keeps v as each d began.
	off := most
	v := make([]int, 2*most+2)
	var trace [][]int
	for d := 0; d <= most; d++ {
		if (d+1)*len(v) > maxCells {
			return []Part{{Deleted, strings.Join(x, " ")}, {Inserted, strings.Join(y, " ")}}
		}
		trace = append(trace, slices.Clone(v))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				i = v[off+k+1] // a word of y inserted
			} else {
				i = v[off+k-1] + 1 // a word of x deleted
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[off+k] = i
			if i >= n && j >= m {
				return backtrack(x, y, trace, off)
			}
		}
	}
	panic("diff: unreachable") // d = n + m always reaches the end
}

// backtrack walks the paths kept in trace from the end of both texts to
// their start, and returns the parts in order.
func backtrack(x, y []string, trace [][]int, off int) []Part {
	var rev []Part
	i, j := len(x), len(y)
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := i - j
		var pk int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		pi := v[off+pk]
		pj := pi - pk
		for i > pi && j > pj {
			rev = append(rev, Part{Same, x[i-1]})
			i, j = i-1, j-1
		}
		if d > 0 {
			if i == pi {
				rev = append(rev, Part{Inserted, y[j-1]})
			} else {
				rev = append(rev, Part{Deleted, x[i-1]})
			}
		}
		i, j = pi, pj
	}
	slices.Reverse(rev)
	return rev
}

// merge joins neighbouring parts with the same Op into one, words separated
// by a space, and drops empty parts.
func merge(parts []Part) []Part {
	var out []Part
	for _, p := range parts {
		if p.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Op == p.Op {
			out[n-1].Text += " " + p.Text
			continue
		}
		out = append(out, p)
	}
	return out
}

// Changed reports whether the parts hold any change.
func Changed(parts []Part) bool {
	for _, p := range parts {
		if p.Op != Same {
			return true
		}
	}
	return false
}
