package watch

import (
	"slices"

	"tiendo"
)

// The unit tree: a province over its departments and communes, a department
// over its offices. A round may ask units at several levels; a unit reports
// to the nearest unit above it that is also asked (its "reporting parent"),
// and the top ones to the office. Reporting rates roll up the tree.

// ancestors returns a function giving the units above id, nearest first.
// A cycle in the parent links (which the store refuses) ends the walk.
func ancestors(units []*tiendo.Unit) func(id int64) []int64 {
	parent := make(map[int64]int64, len(units))
	for _, u := range units {
		parent[u.ID] = u.ParentID
	}
	return func(id int64) []int64 {
		var out []int64
		seen := map[int64]bool{id: true}
		for p := parent[id]; p != 0 && !seen[p]; p = parent[p] {
			seen[p] = true
			out = append(out, p)
		}
		return out
	}
}

// ReportingParent maps each unit asked in the round to the nearest unit
// above it that is asked too (tiendo.ReportingParent); units with none
// (they report to the office) are absent.
func ReportingParent(r *tiendo.Round, units []*tiendo.Unit) map[int64]int64 {
	asked := make(map[int64]bool, len(r.UnitIDs))
	for _, id := range r.UnitIDs {
		asked[id] = true
	}
	parent := make(map[int64]int64, len(units))
	for _, u := range units {
		parent[u.ID] = u.ParentID
	}
	isAsked := func(id int64) bool { return asked[id] }
	out := map[int64]int64{}
	for _, id := range r.UnitIDs {
		if p, ok := tiendo.ReportingParent(id, parent, isAsked); ok {
			out[id] = p
		}
	}
	return out
}

// TopReporters are the units of the round that report straight to the
// office: those with no asked unit above them. The office consolidates
// these; each of them consolidates the units that report to it.
func TopReporters(r *tiendo.Round, units []*tiendo.Unit) []int64 {
	parent := ReportingParent(r, units)
	var out []int64
	for _, id := range r.UnitIDs {
		if _, ok := parent[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

// ReportsTo lists the units of the round whose reporting parent is unitID.
func ReportsTo(r *tiendo.Round, units []*tiendo.Unit, unitID int64) []int64 {
	var out []int64
	for id, p := range ReportingParent(r, units) {
		if p == unitID {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// TreeRates rolls the round's reporting rates up the unit tree: for every
// unit that is asked or has asked units below it, the rates of the reports
// expected from it and from every unit under it.
func TreeRates(r *tiendo.Round, units []*tiendo.Unit, states map[int64]State) map[int64]Rates {
	up := ancestors(units)
	out := map[int64]Rates{}
	for _, id := range r.UnitIDs {
		st := states[id]
		for _, n := range append([]int64{id}, up(id)...) {
			rt := out[n]
			rt.AddState(st)
			out[n] = rt
		}
	}
	return out
}

// TreeRow is one line of the roll-up table: a unit with asked units under
// it, its depth below the top of the shown tree, and the rolled-up rates.
type TreeRow struct {
	Unit  *tiendo.Unit
	Depth int
	Rates Rates
}

// RollUp lists, in tree order (each unit followed by those under it, units
// ordered as given), the units that have asked units under them, with their
// rolled-up rates: the table behind "tỷ lệ báo cáo theo cấp". A unit with
// no asked unit under it is left out; its own report is in the matrix.
func RollUp(r *tiendo.Round, units []*tiendo.Unit, states map[int64]State) []TreeRow {
	rates := TreeRates(r, units, states)
	asked := make(map[int64]bool, len(r.UnitIDs))
	for _, id := range r.UnitIDs {
		asked[id] = true
	}
	// Every unit above a shown one has at least its asked units below it,
	// so it is shown too: the tree's depth is the table's.
	var out []TreeRow
	for _, n := range Tree(units) {
		rt := rates[n.ID]
		own := 0
		if asked[n.ID] {
			own = 1
		}
		if rt.Expected > own {
			out = append(out, TreeRow{Unit: n.Unit, Depth: n.Depth, Rates: rt})
		}
	}
	return out
}

// TreeNode is a unit placed in the unit tree.
type TreeNode struct {
	*tiendo.Unit
	Depth       int
	Descendants int // how many units are under it
}

// Tree lists units in tree order: each unit followed by the units under
// it, siblings in the order given (Vietnamese order from the store). A unit
// whose parent is not among units is a root; units caught in a cycle of
// parent links still appear, once.
func Tree(units []*tiendo.Unit) []TreeNode {
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
	out := make([]TreeNode, 0, len(units))
	seen := map[int64]bool{}
	var walk func(u *tiendo.Unit, depth int) int
	walk = func(u *tiendo.Unit, depth int) int {
		if seen[u.ID] {
			return 0
		}
		seen[u.ID] = true
		i := len(out)
		out = append(out, TreeNode{Unit: u, Depth: depth})
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
	for _, u := range units {
		if !seen[u.ID] {
			walk(u, 0)
		}
	}
	return out
}

// Descendants lists the IDs of the units under id, in tree order.
func Descendants(units []*tiendo.Unit, id int64) []int64 {
	tree := Tree(units)
	for i, t := range tree {
		if t.ID != id {
			continue
		}
		var out []int64
		for _, d := range tree[i+1 : i+1+t.Descendants] {
			out = append(out, d.ID)
		}
		return out
	}
	return nil
}

// OfficeView is the round as the office consolidates it: each task kept to
// those of its units that have none of the task's other units above them
// (a supporting unit under the lead is left out too: the lead reported for
// it), and the round asked of the units that remain on some task, plus the
// units that report to the office directly. The units left out reported
// through a unit above them, so nothing is counted twice. It returns r
// itself when no asked unit is under another.
func OfficeView(r *tiendo.Round, units []*tiendo.Unit) *tiendo.Round {
	top := TopReporters(r, units)
	if len(top) == len(r.UnitIDs) {
		return r
	}
	up := ancestors(units)
	v := *r
	v.Tasks = make([]*tiendo.Task, len(r.Tasks))
	asked := make(map[int64]bool, len(top))
	for _, id := range top {
		asked[id] = true
	}
	for i, t := range r.Tasks {
		role := make(map[int64]tiendo.AssigneeRole, len(t.Assignees))
		for _, a := range t.Assignees {
			if role[a.UnitID] != tiendo.Lead {
				role[a.UnitID] = a.Role
			}
		}
		// A unit given a target to report (Target.ReportedBy) is the only
		// source of its figure: an ancestor leading the task does not
		// report it. Covered, it stays in the view as supporting, which
		// Targets reads as reporting its named targets alone: as a lead it
		// would also report those left to every lead unit, which its
		// ancestor's figures already hold.
		reports := map[int64]bool{}
		for _, tg := range t.Targets {
			if tg.ReportedBy != 0 {
				reports[tg.ReportedBy] = true
			}
		}
		c := *t
		c.Assignees = nil
		for _, a := range t.Assignees {
			covered := false
			for _, p := range up(a.UnitID) {
				// An ancestor on the task covers a unit unless the unit leads
				// and the ancestor only supports.
				if r, ok := role[p]; ok && (r == tiendo.Lead || a.Role != tiendo.Lead) {
					covered = true
					break
				}
			}
			switch {
			case !covered:
				c.Assignees = append(c.Assignees, a)
				asked[a.UnitID] = true
			case a.Role == tiendo.Lead && reports[a.UnitID]:
				c.Assignees = append(c.Assignees, tiendo.Assignee{UnitID: a.UnitID, Role: tiendo.Support})
				asked[a.UnitID] = true
			}
		}
		v.Tasks[i] = &c
	}
	v.UnitIDs = nil
	for _, id := range r.UnitIDs { // in the round's order
		if asked[id] {
			v.UnitIDs = append(v.UnitIDs, id)
		}
	}
	return &v
}
