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

// maxCells bounds a comparison's memory (in ints) and, four times over,
// its steps; the changed middle of texts that differ more is shown as
// replaced whole rather than compared slowly.
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
// time by the texts' length times the words changed, and memory by the
// square of the words changed. Past maxCells of either (texts that differ
// throughout), x is shown deleted and y inserted whole.
func middle(x, y []string) []Part {
	n, m := len(x), len(y)
	most := n + m
	if most == 0 {
		return nil
	}
	// v[off+k] is how far along x the furthest path with d changes has
	// reached on diagonal k (x - y = k); trace[d] keeps v's diagonals -d to
	// d as step d began (its others are not reached yet).
	off := most
	v := make([]int, 2*most+2)
	var trace [][]int
	kept := 0
	for d := 0; d <= most; d++ {
		kept += 2*d + 1
		if kept > maxCells || most*d > maxCells*4 {
			return []Part{{Deleted, strings.Join(x, " ")}, {Inserted, strings.Join(y, " ")}}
		}
		trace = append(trace, slices.Clone(v[off-d:off+d+1]))
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
				return backtrack(x, y, trace)
			}
		}
	}
	panic("diff: unreachable") // d = n + m always reaches the end
}

// backtrack walks the paths kept in trace from the end of both texts to
// their start, and returns the parts in order.
func backtrack(x, y []string, trace [][]int) []Part {
	var rev []Part
	i, j := len(x), len(y)
	for d := len(trace) - 1; d >= 0; d-- {
		at := func(k int) int { // v[k] as step d began
			if k < -d || k > d {
				return 0
			}
			return trace[d][k+d]
		}
		k := i - j
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		pi := at(pk)
		pj := pi - pk
		if d == 0 {
			pi, pj = 0, 0 // the start
		}
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
