package tiendo

// ReportingParent returns the unit that unit id reports to in a round: the
// nearest unit above it, following parent (a unit's parent, 0 or absent at
// the top), for which asked is true. ok is false when there is none: the
// unit reports to the office. A cycle in the parent links, which the store
// refuses, ends the walk.
//
// The dashboards (watch) apply it to the whole tree; the store to the
// units under one unit, to find those that report to it.
func ReportingParent(id int64, parent map[int64]int64, asked func(int64) bool) (int64, bool) {
	seen := map[int64]bool{id: true}
	for p := parent[id]; p != 0 && !seen[p]; p = parent[p] {
		if asked(p) {
			return p, true
		}
		seen[p] = true
	}
	return 0, false
}
