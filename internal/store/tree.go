package store

import (
	"context"
	"fmt"

	"tiendo"
)

// ReportsTo lists the units asked in round roundID that report to unitID:
// those under it in the unit tree whose nearest asked unit above them is
// unitID. A department consolidates its offices' reports into its own this
// way, as the office consolidates the departments'. One query reads the
// subtree with each unit's parent and whether the round asks it; for a unit
// with nothing under it, which is most of them, it returns no rows.
func (s *Store) ReportsTo(ctx context.Context, roundID, unitID int64) ([]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`WITH RECURSIVE below(id, parent) AS (
		SELECT id, parent_id FROM units WHERE parent_id = ?
		UNION SELECT u.id, u.parent_id FROM units u JOIN below b ON u.parent_id = b.id)
		SELECT b.id, b.parent, EXISTS (SELECT 1 FROM round_units ru WHERE ru.round_id = ? AND ru.unit_id = b.id)
		FROM below b WHERE b.id <> ? ORDER BY b.id`), unitID, roundID, unitID)
	if err != nil {
		return nil, fmt.Errorf("store: units reporting to %d: %w", unitID, err)
	}
	defer rows.Close()
	up := map[int64]int64{} // every unit under unitID, with its parent
	asked := map[int64]bool{}
	var order []int64
	for rows.Next() {
		var id, parent int64
		var isAsked bool
		if err := rows.Scan(&id, &parent, &isAsked); err != nil {
			return nil, err
		}
		up[id] = parent
		if isAsked {
			asked[id] = true
			order = append(order, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// unitID is where a walk up inside the subtree stops first for the
	// units that report to it; an asked unit on the way takes them instead.
	stop := func(p int64) bool { return p == unitID || asked[p] }
	var out []int64
	for _, id := range order {
		if p, ok := tiendo.ReportingParent(id, up, stop); ok && p == unitID {
			out = append(out, id)
		}
	}
	return out, nil
}
