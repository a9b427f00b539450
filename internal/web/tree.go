package web

import "tiendo"

// treeUnit is a unit placed in the unit tree for display.
type treeUnit struct {
	*tiendo.Unit
	Depth       int
	Descendants int // how many units are under it
}

// treeOrder lists units in tree order: each unit followed by the units under
// it, siblings in the order given (Vietnamese order from the store).
func treeOrder(units []*tiendo.Unit) []treeUnit {
	byID := make(map[int64]bool, len(units))
	for _, u := range units {
		byID[u.ID] = true
	}
	children := map[int64][]*tiendo.Unit{}
	var roots []*tiendo.Unit
	for _, u := range units {
		if u.ParentID != 0 && byID[u.ParentID] && u.ParentID != u.ID {
			children[u.ParentID] = append(children[u.ParentID], u)
		} else {
			roots = append(roots, u)
		}
	}
	out := make([]treeUnit, 0, len(units))
	seen := map[int64]bool{}
	var walk func(u *tiendo.Unit, depth int) int
	walk = func(u *tiendo.Unit, depth int) int {
		if seen[u.ID] {
			return 0
		}
		seen[u.ID] = true
		i := len(out)
		out = append(out, treeUnit{Unit: u, Depth: depth})
		n := 0
		for _, c := range children[u.ID] {
			n += walk(c, depth+1)
		}
		out[i].Descendants = n
		return n + 1
	}
	for _, u := range roots {
		walk(u, 0)
	}
	for _, u := range units { // a unit caught in a cycle still shows
		if !seen[u.ID] {
			walk(u, 0)
		}
	}
	return out
}

// descendants lists the IDs of the units under id.
func descendants(units []*tiendo.Unit, id int64) []int64 {
	var out []int64
	tree := treeOrder(units)
	for i, t := range tree {
		if t.ID != id {
			continue
		}
		for _, d := range tree[i+1 : i+1+t.Descendants] {
			out = append(out, d.ID)
		}
		break
	}
	return out
}
