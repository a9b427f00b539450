package store

import (
	"context"
	"fmt"
)

// ReportsTo lists the units asked in round roundID that report to unitID:
// those under it in the unit tree whose nearest asked unit above them is
// unitID. A department consolidates its offices' reports into its own this
// way, as the office consolidates the departments'. Empty for a unit with
// nothing under it, which is most of them, at the cost of one query.
func (s *Store) ReportsTo(ctx context.Context, roundID, unitID int64) ([]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`WITH RECURSIVE below(id) AS (
		SELECT id FROM units WHERE parent_id = ?
		UNION SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id)
		SELECT ru.unit_id, COALESCE(u.parent_id, 0) FROM round_units ru JOIN units u ON u.id = ru.unit_id
		WHERE ru.round_id = ? AND ru.unit_id IN (SELECT id FROM below) AND ru.unit_id <> ?`), unitID, roundID, unitID)
	if err != nil {
		return nil, fmt.Errorf("store: units reporting to %d: %w", unitID, err)
	}
	defer rows.Close()
	parent := map[int64]int64{} // the asked units under unitID, with their parents
	var asked []int64
	for rows.Next() {
		var id, p int64
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		parent[id] = p
		asked = append(asked, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(asked) == 0 {
		return nil, nil
	}
	// Walk up from each asked unit; the parents of units not asked are
	// needed too, so load the whole parent map once.
	all, err := s.Units(ctx)
	if err != nil {
		return nil, err
	}
	up := make(map[int64]int64, len(all))
	for _, u := range all {
		up[u.ID] = u.ParentID
	}
	var out []int64
	for _, id := range asked {
		seen := map[int64]bool{id: true}
		for p := up[id]; p != 0 && !seen[p]; p = up[p] {
			seen[p] = true
			if p == unitID {
				out = append(out, id)
				break
			}
			if _, isAsked := parent[p]; isAsked {
				break // reports to p, which reports (eventually) to unitID
			}
		}
	}
	return out, nil
}
