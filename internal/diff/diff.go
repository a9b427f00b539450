// Package diff compares two texts word by word, to show what changed
// between two revisions of a report. It is pure and small: a longest common
// subsequence over words, which is plenty for report paragraphs.
package diff

import "strings"

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

// maxCells bounds the comparison table; larger texts are shown as replaced
// whole rather than compared slowly.
const maxCells = 4_000_000

// Words returns the parts that turn a into b.
func Words(a, b string) []Part {
	x, y := strings.Fields(a), strings.Fields(b)
	if len(x)*len(y) > maxCells {
		return merge([]Part{{Deleted, a}, {Inserted, b}})
	}
	// lcs[i][j] is the length of the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var parts []Part
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			parts = append(parts, Part{Same, x[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			parts = append(parts, Part{Deleted, x[i]})
			i++
		default:
			parts = append(parts, Part{Inserted, y[j]})
			j++
		}
	}
	for ; i < len(x); i++ {
		parts = append(parts, Part{Deleted, x[i]})
	}
	for ; j < len(y); j++ {
		parts = append(parts, Part{Inserted, y[j]})
	}
	return merge(parts)
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
