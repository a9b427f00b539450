package store

import (
	"context"
	"fmt"

	"tiendo"
)

// samePeriod returns, for each target of unit unitID's tasks in round r,
// the value the unit reported for the matching target of the same period
// a year earlier. It is what "so với cùng kỳ" asks, prefilled so the unit
// need not look it up. A target linked to its predecessors (a round started
// from the last one, or links the office confirmed) follows its links back
// to the target of the same period a year earlier; a target without links
// falls back to the round of the same kind and index in the previous year,
// its task with the same label (the n-th of that label, when a directive
// repeats one) and its target in the same position.
func (s *Store) samePeriod(ctx context.Context, db queryer, r *tiendo.Round, unitID int64) (map[int64]float64, error) {
	if r.Period.Year == 0 || r.Period.Kind == "" || r.Period.Kind == tiendo.PeriodOther {
		return nil, nil
	}
	// One query answers both ways: on PostgreSQL each query is a round
	// trip, and every read of a report asks this.
	rows, err := s.prep(db).QueryContext(ctx, s.q(sqlSamePeriod),
		r.ID, maxLinkDepth, unitID, r.Period.Kind, r.Period.Index, r.Period.Year-1,
		r.Period.Kind, r.Period.Index, r.Period.Year-1, r.ID, unitID)
	if err != nil {
		return nil, fmt.Errorf("store: same period: %w", err)
	}
	defer rows.Close()
	linked := map[int64]float64{}
	type key struct {
		label    string
		nth, pos int
	}
	prev := map[key]float64{}
	seen := map[string]map[int]int{} // label -> task position -> n-th use of the label
	for rows.Next() {
		var kind, depth, taskPos, pos int
		var start int64
		var label string
		var v float64
		if err := rows.Scan(&kind, &start, &depth, &label, &taskPos, &pos, &v); err != nil {
			return nil, err
		}
		if kind == 1 {
			if _, ok := linked[start]; !ok { // nearest first
				linked[start] = v
			}
			continue
		}
		if seen[label] == nil {
			seen[label] = map[int]int{}
		}
		nth, ok := seen[label][taskPos]
		if !ok {
			nth = len(seen[label])
			seen[label][taskPos] = nth
		}
		prev[key{label, nth, pos}] = v
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[int64]float64{}
	nthNow := map[string]int{}
	for _, t := range r.Tasks {
		nth := nthNow[t.Label]
		nthNow[t.Label]++
		for _, tg := range t.Targets {
			if v, ok := prev[key{t.Label, nth, tg.Position}]; ok {
				out[tg.ID] = v
			}
		}
	}
	for id, v := range linked {
		out[id] = v
	}
	return out, nil
}

const maxLinkDepth = 24

// sqlSamePeriod reads last year's values both ways, as rows of one shape.
// Kind 1 follows each target's predecessor links (at most maxLinkDepth
// back: monthly rounds reach last year in twelve) to the one in a round of
// the same period a year earlier, nearest first: start target, depth, value.
// Kind 2 matches by task label and target position, for rounds made without
// links, in the newest round of the same period a year earlier (none: the
// subquery is NULL and no row matches): label, task position, target
// position, value, in task order.
const sqlSamePeriod = `WITH RECURSIVE chain(start_id, id, depth) AS (
	SELECT tg.id, tg.predecessor_id, 1 FROM targets tg JOIN tasks t ON t.id = tg.task_id
	WHERE t.round_id = ? AND tg.predecessor_id IS NOT NULL
	UNION ALL
	SELECT c.start_id, tg.predecessor_id, c.depth + 1 FROM chain c JOIN targets tg ON tg.id = c.id
	WHERE tg.predecessor_id IS NOT NULL AND c.depth < ?)
SELECT 1, c.start_id, c.depth, '', 0, 0, a.value FROM chain c
	JOIN targets tg ON tg.id = c.id JOIN tasks t ON t.id = tg.task_id JOIN rounds r ON r.id = t.round_id
	JOIN unit_reports ur ON ur.round_id = r.id AND ur.unit_id = ?
	JOIN report_actuals a ON a.report_id = ur.id AND a.target_id = tg.id
	WHERE r.period_kind = ? AND r.period_index = ? AND r.period_year = ? AND r.status <> 'draft' AND a.value IS NOT NULL
UNION ALL
SELECT 2, 0, 0, t.label, t.position, tg.position, a.value
	FROM report_actuals a JOIN unit_reports ur ON ur.id = a.report_id
	JOIN targets tg ON tg.id = a.target_id JOIN tasks t ON t.id = tg.task_id
	WHERE ur.round_id = (SELECT id FROM rounds WHERE period_kind = ? AND period_index = ? AND period_year = ?
		AND status <> 'draft' AND id <> ? ORDER BY deadline DESC LIMIT 1)
	AND ur.unit_id = ? AND a.value IS NOT NULL
ORDER BY 1, 2, 3, 5`
