// Package watch computes what the office watches in a round: the unit x
// task matrix, the reporting rates as DHIS2 defines them (expected,
// received, on time), each target's verdict with a projection to the end of
// the period, and the series the charts draw. It is pure: the store supplies
// the data, the pages and the API show the results.
package watch

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"tiendo"
)

// CellState is the state of one unit's work on one task.
type CellState string

// Cell states, as the matrix shows and the API names them.
const (
	CellNone     CellState = ""         // the unit has no part in the task
	CellMissing  CellState = "missing"  // nothing saved: not started
	CellDraft    CellState = "draft"    // being written (or with the unit head), never sent
	CellOnTime   CellState = "on_time"  // submitted before the deadline
	CellLate     CellState = "late"     // submitted at or after the deadline
	CellReturned CellState = "returned" // sent back for revision
	CellAccepted CellState = "accepted" // taken in by the office
)

// Sent reports whether a report in this state is with the office: sent on
// time or late, or accepted since (tiendo.ReportStatus.Sent).
func (s CellState) Sent() bool { return s == CellOnTime || s == CellLate || s == CellAccepted }

// Label is the Vietnamese name of the state. The round page's "chưa gửi"
// (Rates.Missing, the "đôn đốc" button) counts the reports never sent: the
// units that have not started one and those writing one. The two states
// are named apart, so that neither reads as the whole: a filter "Chưa gửi"
// that showed 3 units under a card "7 chưa gửi" said two things.
func (c CellState) Label() string {
	switch c {
	case CellMissing:
		return "Chưa bắt đầu"
	case CellDraft:
		return "Đang soạn"
	case CellOnTime:
		return "Đúng hạn"
	case CellLate:
		return "Quá hạn"
	case CellReturned:
		return "Trả lại"
	case CellAccepted:
		return "Đã tiếp nhận"
	}
	return ""
}

// CellStates lists the states in the order filters show them.
var CellStates = []CellState{CellMissing, CellDraft, CellOnTime, CellLate, CellReturned, CellAccepted}

// State is where a unit's report stands, as the store gives it.
type State struct {
	Status      tiendo.ReportStatus
	SubmittedAt time.Time
	Late        bool
}

// Cell is the matrix's state of a unit's report: the state the filter
// selects it by, and the cards count it in (Rates: CellMissing and
// CellDraft make Missing, CellReturned makes Returned).
func (st State) Cell() CellState { return cellOf(st) }

// cellOf maps a report's state to the matrix's. A report returned for
// revision stays returned while its unit revises it, even through the unit
// head's approval (a draft or in review once more): it came, and the cards
// count it as returned, not as not sent (Rates.AddState).
func cellOf(st State) CellState {
	switch st.Status {
	case tiendo.ReportDraft, tiendo.ReportReview:
		if st.returned() {
			return CellReturned
		}
		return CellDraft
	case tiendo.ReportSubmitted:
		if st.Late {
			return CellLate
		}
		return CellOnTime
	case tiendo.ReportReturned:
		return CellReturned
	case tiendo.ReportAccepted:
		return CellAccepted
	}
	return CellMissing
}

// Cell is one unit's part in one task.
type Cell struct {
	TaskID int64               `json:"task_id"`
	Role   tiendo.AssigneeRole `json:"role,omitempty"`
	State  CellState           `json:"state"`
}

// Row is one unit's line of the matrix.
type Row struct {
	Unit  *tiendo.Unit `json:"unit"`
	State CellState    `json:"state"` // of the unit's report as a whole
	Cells []Cell       `json:"cells"` // one per task, in task order
	// SentAt is when the unit last sent its report (zero if never), and
	// Late whether its first sending came at or after the deadline: a
	// report returned and sent again keeps its first timeliness.
	SentAt time.Time `json:"sent_at,omitzero"`
	Late   bool      `json:"late,omitempty"`
}

// Matrix is the unit x task table of a round.
type Matrix struct {
	Tasks []*tiendo.Task `json:"tasks"`
	// Labels names the columns, one per task (TaskLabels): "12", "12 (2)".
	Labels []string `json:"labels"`
	Rows   []Row    `json:"rows"`
}

// TaskLabels names each of tasks where a task is named by its label alone:
// the matrix's columns, the charts' bars, the target tables. A label is
// kept as written ("12"), but a directive may number two tasks 12 (the
// intake warns, and the office may publish it so), and two columns "NV 12"
// cannot be told apart: the second is named "12 (2)", the third "12 (3)",
// by their order in the directive. A task without a label is named by its
// position. The names returned are distinct and in the order of tasks.
func TaskLabels(tasks []*tiendo.Task) []string {
	order := make([]int, len(tasks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return tasks[order[a]].Position < tasks[order[b]].Position })
	out := make([]string, len(tasks))
	taken := make(map[string]bool, len(tasks))
	for _, i := range order {
		t := tasks[i]
		label := strings.Join(strings.Fields(t.Label), " ")
		if label == "" {
			p := t.Position
			if p <= 0 {
				p = i + 1
			}
			label = strconv.Itoa(p)
		}
		name := label
		for n := 2; taken[name]; n++ {
			name = label + " (" + strconv.Itoa(n) + ")"
		}
		taken[name] = true
		out[i] = name
	}
	return out
}

// BuildMatrix lays out the round's units (in the order given, which the
// caller sorts the Vietnamese way) against its tasks. states holds each
// asked unit's report state; a unit missing from it has sent nothing.
func BuildMatrix(r *tiendo.Round, units []*tiendo.Unit, states map[int64]State) *Matrix {
	asked := make(map[int64]bool, len(r.UnitIDs))
	for _, id := range r.UnitIDs {
		asked[id] = true
	}
	roles := make(map[[2]int64]tiendo.AssigneeRole)
	for _, t := range r.Tasks {
		for _, a := range t.Assignees {
			roles[[2]int64{a.UnitID, t.ID}] = a.Role
		}
	}
	m := &Matrix{Tasks: r.Tasks, Labels: TaskLabels(r.Tasks), Rows: make([]Row, 0, len(r.UnitIDs))}
	for _, u := range units {
		if !asked[u.ID] {
			continue
		}
		st := states[u.ID]
		state := cellOf(st)
		row := Row{Unit: u, State: state, Cells: make([]Cell, len(r.Tasks)), SentAt: st.SubmittedAt, Late: st.Late && !st.SubmittedAt.IsZero()}
		for i, t := range r.Tasks {
			role := roles[[2]int64{u.ID, t.ID}]
			row.Cells[i] = Cell{TaskID: t.ID, Role: role}
			if role != "" {
				row.Cells[i].State = state
			}
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// Count is how many of the matrix's units have their report in state s.
func (m *Matrix) Count(s CellState) int {
	n := 0
	for _, row := range m.Rows {
		if row.State == s {
			n++
		}
	}
	return n
}

// Filter keeps the rows whose report is in one of states (all when states
// is empty) and whose unit is unitID (all when 0).
func (m *Matrix) Filter(states []CellState, unitID int64) *Matrix {
	if len(states) == 0 && unitID == 0 {
		return m
	}
	keep := map[CellState]bool{}
	for _, s := range states {
		keep[s] = true
	}
	out := &Matrix{Tasks: m.Tasks, Labels: m.Labels}
	for _, row := range m.Rows {
		if (len(keep) == 0 || keep[row.State]) && (unitID == 0 || row.Unit.ID == unitID) {
			out.Rows = append(out.Rows, row)
		}
	}
	return out
}

// Rates counts reports the way DHIS2 does: of the reports expected, how
// many were received, and of those how many on time. Returned counts, of
// the received, those the office sent back for revision and the unit has
// not sent again: they came, so they stay received, but they are with the
// unit and its figures are not counted (tiendo.ReportStatus.Sent).
type Rates struct {
	Expected int `json:"expected"`
	Received int `json:"received"`
	OnTime   int `json:"on_time"`
	Late     int `json:"late"`
	Missing  int `json:"missing"`
	Returned int `json:"returned"`
}

// Add counts one expected report.
func (r *Rates) Add(received, late bool) {
	r.Expected++
	switch {
	case !received:
		r.Missing++
	case late:
		r.Received++
		r.Late++
	default:
		r.Received++
		r.OnTime++
	}
}

// AddState counts one expected report in state st: received once it was
// first submitted, even if it was later returned for revision (it came,
// and its timeliness is the first submission's), and then also returned
// while it is back with the unit.
func (r *Rates) AddState(st State) {
	r.Add(!st.SubmittedAt.IsZero(), st.Late)
	if st.returned() {
		r.Returned++
	}
}

// returned reports whether the report came to the office and is back with
// its unit: returned for revision, and maybe being revised or waiting for
// the unit head since.
func (st State) returned() bool {
	switch st.Status {
	case tiendo.ReportReturned, tiendo.ReportDraft, tiendo.ReportReview:
		return !st.SubmittedAt.IsZero()
	}
	return false
}

// ReceivedPct is received over expected, in percent.
func (r Rates) ReceivedPct() float64 { return pct(r.Received, r.Expected) }

// OnTimePct is on time over expected, in percent (DHIS2's "reporting rate on time").
func (r Rates) OnTimePct() float64 { return pct(r.OnTime, r.Expected) }

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// RoundRates counts a round's reports (Rates.AddState).
func RoundRates(r *tiendo.Round, states map[int64]State) Rates {
	var rates Rates
	for _, id := range r.UnitIDs {
		rates.AddState(states[id])
	}
	return rates
}

// Record is one unit's reporting in one round, for its rates over rounds.
type Record struct {
	UnitID   int64
	Deadline time.Time
	Open     bool // the round still takes reports
	Received bool // submitted once, even if returned for revision since
	Late     bool
}

// RatesOverRounds counts each unit's reports over rounds, by unit. A round
// still open whose deadline has not come counts only for the units that
// have already sent: the others still have time, and have failed nothing.
// Once the deadline has passed, or the office closed the round, a report
// not sent counts as missing.
func RatesOverRounds(records []Record, now time.Time) map[int64]Rates {
	out := map[int64]Rates{}
	for _, x := range records {
		if !x.Received && x.Open && now.Before(x.Deadline) {
			continue
		}
		rt := out[x.UnitID]
		rt.Add(x.Received, x.Late)
		out[x.UnitID] = rt
	}
	return out
}

// Progress is one day's point on the reporting-progress chart: how many
// reports had arrived by the end of that day.
type Progress struct {
	Day      time.Time `json:"day"`
	Received int       `json:"received"`
}

// ProgressByDay counts arrivals day by day (in the issuers' zone) from
// days before the deadline up to the deadline day, or up to today if that
// is earlier.
func ProgressByDay(r *tiendo.Round, states map[int64]State, days int, now time.Time) []Progress {
	day := func(t time.Time) time.Time {
		t = t.In(tiendo.Zone)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, tiendo.Zone)
	}
	last := day(r.Deadline.Add(-time.Nanosecond))
	if today := day(now); today.Before(last) {
		last = today
	}
	first := last.AddDate(0, 0, -days+1)
	var times []time.Time
	for _, id := range r.UnitIDs {
		if st := states[id]; !st.SubmittedAt.IsZero() {
			times = append(times, st.SubmittedAt)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	// Days before the round was sent out (or drawn up, for a draft) are
	// not shown: a chart from 19/11 for a round made on 26/11 tells of
	// days nobody could report. A round entered after the fact may hold
	// reports older than its own record; they still count.
	start := r.PublishedAt
	if start.IsZero() {
		start = r.CreatedAt
	}
	if len(times) > 0 && times[0].Before(start) {
		start = times[0]
	}
	if s := day(start); !start.IsZero() && s.After(first) && !s.After(last) {
		first = s
	}
	var out []Progress
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		end := d.AddDate(0, 0, 1)
		n := sort.Search(len(times), func(i int) bool { return !times[i].Before(end) })
		out = append(out, Progress{Day: d, Received: n})
	}
	return out
}
