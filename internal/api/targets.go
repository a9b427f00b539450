package api

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/watch"
)

// A page of GET /api/v1/rounds/{id}/targets holds targetsLimit rows when
// the caller names no limit, and at most maxTargetsLimit. A national round
// is a row per target and commune (3,321 communes x 12 tasks: 40,000 rows,
// 11.6 MB in one answer); a round of a district or a province fits in one
// page of the default, as it did before the API paged.
const (
	targetsLimit    = 1000
	maxTargetsLimit = 5000
)

// targetsPage is an answer of GET /api/v1/rounds/{id}/targets. Rows are
// watch.TargetRow, each with its whole target, or with compact=true
// compactRow, each naming its target by id, the targets then given once in
// TargetDefs.
type targetsPage struct {
	Window any `json:"window"`
	// Total counts the rows the filters keep, over every page.
	Total int `json:"total"`
	// Next is the link to the following page; null on the last.
	Next       *string     `json:"next"`
	TargetDefs []targetDef `json:"target_defs,omitzero"` // nil on a full page, [] on an empty compact one
	Targets    any         `json:"targets"`
}

// compactRow is a watch.TargetRow without its target: the target's id for
// target and task_label, and a field that is null, 0 or false left out (a
// national round before its deadline is mostly rows with no data, which
// this halves).
type compactRow struct {
	TargetID   int64          `json:"target_id"`
	UnitID     int64          `json:"unit_id"`
	Actual     *float64       `json:"actual,omitempty"`
	SamePeriod *float64       `json:"same_period,omitempty"`
	Verdict    tiendo.Verdict `json:"verdict"`
	Ratio      float64        `json:"ratio,omitzero"`
	Projected  *float64       `json:"projected,omitempty"`
	AtRisk     bool           `json:"at_risk,omitzero"`
}

// targetDef is a target of a compact page, with its task's label as the
// full rows give it.
type targetDef struct {
	*tiendo.Target
	TaskLabel string `json:"task_label"`
}

// targetsQuery is what a caller asked of GET /api/v1/rounds/{id}/targets.
type targetsQuery struct {
	limit   int
	after   *rowKey // the last row of the page before; nil for the first page
	unitID  int64   // 0: every unit
	taskID  int64   // 0: every task
	target  int64   // 0: every target
	compact bool
}

// handleTargets answers GET /api/v1/rounds/{id}/targets: a row for each
// target and each unit that reports it (watch.Targets), a page at a time in
// a stable order, filtered by unit, task or target. The cursor in "next"
// names the last row given, not a position, so a round whose units or
// targets change between two pages gives no row twice and skips none of
// those after that row.
func (a *Server) handleTargets(w http.ResponseWriter, r *http.Request) error {
	round, states, err := a.roundStates(r.Context(), r)
	if err != nil {
		return err
	}
	q, err := a.targetsQuery(r, round)
	if err != nil {
		return err
	}
	actuals, err := a.store.RoundActuals(r.Context(), round.ID)
	if err != nil {
		return err
	}
	window, _, err := a.store.RoundWindow(r.Context(), round)
	if err != nil {
		return err
	}
	rows := watch.Targets(narrowRound(round, q), window, watchActuals(actuals), states, a.store.Clock())
	keys := rowKeys(round, rows)
	start := 0
	if q.after != nil {
		start, _ = slices.BinarySearchFunc(keys, *q.after, rowKey.compare)
		if start < len(keys) && keys[start] == *q.after {
			start++
		}
	}
	end := min(start+q.limit, len(rows))
	page := targetsPage{Window: windowJSON(window), Total: len(rows)}
	if end < len(rows) {
		v := r.URL.Query()
		v.Set("cursor", keys[end-1].cursor(round.ID, q.filters()))
		next := r.URL.Path + "?" + v.Encode()
		page.Next = &next
	}
	rows = rows[start:end]
	if !q.compact {
		page.Targets = rows
		if rows == nil {
			page.Targets = []watch.TargetRow{}
		}
		return writeJSON(w, http.StatusOK, page)
	}
	compact := make([]compactRow, len(rows))
	page.TargetDefs = []targetDef{}
	seen := map[int64]bool{}
	for i, row := range rows {
		compact[i] = compactRow{TargetID: row.Target.ID, UnitID: row.UnitID, Actual: row.Actual, SamePeriod: row.SamePeriod,
			Verdict: row.Verdict, Ratio: row.Ratio, Projected: row.Projected, AtRisk: row.AtRisk}
		if !seen[row.Target.ID] {
			seen[row.Target.ID] = true
			page.TargetDefs = append(page.TargetDefs, targetDef{row.Target, row.TaskLabel})
		}
	}
	page.Targets = compact
	return writeJSON(w, http.StatusOK, page)
}

// targetsQuery reads the query string of GET /api/v1/rounds/{id}/targets.
// A parameter that means nothing is a 400 that says what to send instead.
func (a *Server) targetsQuery(r *http.Request, round *tiendo.Round) (targetsQuery, error) {
	v := r.URL.Query()
	q := targetsQuery{limit: targetsLimit}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxTargetsLimit {
			return q, tiendo.Errorf(errBadRequest, "limit phải là số nguyên từ 1 đến %d.", maxTargetsLimit)
		}
		q.limit = n
	}
	if s := v.Get("compact"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return q, tiendo.Errorf(errBadRequest, "compact chỉ nhận true hoặc false, không nhận %q.", s)
		}
		q.compact = b
	}
	if code := v.Get("unit"); code != "" {
		id, err := a.store.UnitIDByCode(r.Context(), userFrom(r.Context()), code)
		if tiendo.ErrorCode(err) == tiendo.ENOTFOUND {
			return q, tiendo.Errorf(errBadRequest, "Không có đơn vị mã %q; hãy dùng mã đơn vị như trong GET /api/v1/units.", code)
		} else if err != nil {
			return q, err
		}
		q.unitID = id
	}
	if s := v.Get("task"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return q, tiendo.Errorf(errBadRequest, "task phải là id (số nguyên) của một nhiệm vụ trong GET /api/v1/rounds/%d, không phải %q.", round.ID, s)
		}
		if !slices.ContainsFunc(round.Tasks, func(t *tiendo.Task) bool { return t.ID == id }) {
			return q, tiendo.Errorf(errBadRequest, "Đợt báo cáo này không có nhiệm vụ mã số %q; hãy dùng id của một nhiệm vụ trong GET /api/v1/rounds/%d.", s, round.ID)
		}
		q.taskID = id
	}
	if s := v.Get("target"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return q, tiendo.Errorf(errBadRequest, "target phải là id (số nguyên) của một chỉ tiêu (target.id hoặc target_id của một dòng trong danh sách này), không phải %q.", s)
		}
		found := false
		for _, t := range round.Tasks {
			found = found || slices.ContainsFunc(t.Targets, func(tg *tiendo.Target) bool { return tg.ID == id })
		}
		if !found {
			return q, tiendo.Errorf(errBadRequest, "Đợt báo cáo này không có chỉ tiêu mã số %q; hãy dùng target.id (hoặc target_id) của một dòng trong danh sách này.", s)
		}
		q.target = id
	}
	// The cursor is read last: it is good only with the filters it was
	// made under, which "next" carries.
	if s := v.Get("cursor"); s != "" {
		k, err := parseCursor(s, round.ID, q.filters())
		if err != nil {
			return q, err
		}
		q.after = &k
	}
	return q, nil
}

// filters are q's unit, task and target, as a cursor records them.
func (q targetsQuery) filters() [3]int64 { return [3]int64{q.unitID, q.taskID, q.target} }

// narrowRound is round with only the assignees and targets q keeps, so that
// a caller asking for one commune of a national round does not pay for
// every commune. Every task stays, with its place: watch.TaskLabels numbers
// a task by the others that share its label.
func narrowRound(round *tiendo.Round, q targetsQuery) *tiendo.Round {
	if q.unitID == 0 && q.taskID == 0 && q.target == 0 {
		return round
	}
	out := *round
	out.Tasks = make([]*tiendo.Task, len(round.Tasks))
	for i, t := range round.Tasks {
		c := *t
		out.Tasks[i] = &c
		if q.taskID != 0 && t.ID != q.taskID {
			c.Assignees = nil
			continue
		}
		if q.unitID != 0 {
			c.Assignees = slices.DeleteFunc(slices.Clone(t.Assignees), func(as tiendo.Assignee) bool { return as.UnitID != q.unitID })
		}
		if q.target != 0 {
			c.Targets = slices.DeleteFunc(slices.Clone(t.Targets), func(tg *tiendo.Target) bool { return tg.ID != q.target })
		}
	}
	return &out
}

// rowKey places a row in the order pages are cut in: watch.Targets's own
// (task, then lead units before supporting ones, each by id, then target),
// with ids to break ties of position, so that the order is total.
type rowKey struct {
	taskPos, taskID, rank, unitID, targetPos, targetID int64
}

func (k rowKey) compare(o rowKey) int {
	return cmp.Or(cmp.Compare(k.taskPos, o.taskPos), cmp.Compare(k.taskID, o.taskID), cmp.Compare(k.rank, o.rank),
		cmp.Compare(k.unitID, o.unitID), cmp.Compare(k.targetPos, o.targetPos), cmp.Compare(k.targetID, o.targetID))
}

// rowKeys returns the key of each row, having sorted rows by it when
// watch.Targets's order was not already that (two tasks at one position).
func rowKeys(round *tiendo.Round, rows []watch.TargetRow) []rowKey {
	supporting := map[[2]int64]bool{}
	for _, t := range round.Tasks {
		for _, as := range t.Assignees {
			if as.Role != tiendo.Lead {
				supporting[[2]int64{t.ID, as.UnitID}] = true
			}
		}
	}
	key := func(row *watch.TargetRow) rowKey {
		k := rowKey{taskPos: int64(row.Task.Position), taskID: row.Task.ID, unitID: row.UnitID,
			targetPos: int64(row.Target.Position), targetID: row.Target.ID}
		if supporting[[2]int64{row.Task.ID, row.UnitID}] {
			k.rank = 1
		}
		return k
	}
	keys := make([]rowKey, len(rows))
	for i := range rows {
		keys[i] = key(&rows[i])
	}
	if slices.IsSortedFunc(keys, rowKey.compare) {
		return keys
	}
	slices.SortStableFunc(rows, func(a, b watch.TargetRow) int { return key(&a).compare(key(&b)) })
	for i := range rows {
		keys[i] = key(&rows[i])
	}
	return keys
}

// cursorVersion starts every cursor, so that a later form can tell an
// older one apart. "t1" cursors did not record the filters.
const cursorVersion = "t2"

// cursor is the opaque "cursor" parameter that resumes after row k of
// round roundID, under the filters f (unit, task, target): rows are cut
// from the filtered list, so the cursor means nothing under others.
func (k rowKey) cursor(roundID int64, f [3]int64) string {
	s := fmt.Sprintf("%s.%d.%d.%d.%d.%d.%d.%d.%d.%d.%d", cursorVersion, roundID, f[0], f[1], f[2],
		k.taskPos, k.taskID, k.rank, k.unitID, k.targetPos, k.targetID)
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// parseCursor reads a cursor made by rowKey.cursor for round roundID under
// the filters f.
func parseCursor(s string, roundID int64, f [3]int64) (rowKey, error) {
	bad := tiendo.Errorf(errBadRequest, "Tham số cursor không hợp lệ: hãy gửi nguyên giá trị cursor trong liên kết next của trang trước, hoặc bỏ cursor để đọc từ trang đầu.")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return rowKey{}, bad
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 11 || parts[0] != cursorVersion {
		return rowKey{}, bad
	}
	var n [10]int64
	for i, p := range parts[1:] {
		if n[i], err = strconv.ParseInt(p, 10, 64); err != nil {
			return rowKey{}, bad
		}
	}
	if n[0] != roundID {
		return rowKey{}, tiendo.Errorf(errBadRequest, "Tham số cursor thuộc đợt báo cáo mã số %d, không phải đợt %d: hãy dùng liên kết next của trang trước trong chính đợt này, hoặc bỏ cursor để đọc từ trang đầu.", n[0], roundID)
	}
	if [3]int64{n[1], n[2], n[3]} != f {
		return rowKey{}, tiendo.Errorf(errBadRequest, "Tham số cursor được tạo với bộ lọc unit, task, target khác: hãy dùng nguyên liên kết next của trang trước (giữ các bộ lọc), hoặc bỏ cursor để đọc từ trang đầu.")
	}
	return rowKey{n[4], n[5], n[6], n[7], n[8], n[9]}, nil
}
