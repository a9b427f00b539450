package web

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
	"tiendo/internal/store"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

// handleSuccessor starts a new draft round from this one ("tạo đợt mới từ
// đợt trước"): its tasks, units and targets, linked to their predecessors.
func (s *Server) handleSuccessor(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	next, err := successorFromForm(r)
	if err != nil {
		return err
	}
	round, err := s.store.CreateSuccessor(r.Context(), actor(r), userFrom(r.Context()), id, next)
	if err != nil {
		return withFieldMessages("Chưa tạo được đợt mới.", err)
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d", round.ID), http.StatusSeeOther)
	return nil
}

// withFieldMessages gives an invalid input's error a message that says
// what each field lacks, after lead, for a form whose refusal is an error
// page: it marks no field, and "sửa các ô được đánh dấu" would point at
// none. Any other error is returned as it is.
func withFieldMessages(lead string, err error) error {
	var e *tiendo.Error
	if !errors.As(err, &e) || e.Code != tiendo.EINVALID || len(e.Fields) == 0 {
		return err
	}
	msg := lead
	for _, k := range slices.Sorted(maps.Keys(e.Fields)) {
		msg += " " + e.Fields[k]
	}
	return &tiendo.Error{Code: e.Code, Message: msg, Fields: e.Fields}
}

func successorFromForm(r *http.Request) (store.Successor, error) {
	year, _ := strconv.Atoi(r.PostFormValue("period_year"))
	index, _ := strconv.Atoi(r.PostFormValue("period_index"))
	// The day as the office types it (07/06/2026), as on the intake form.
	iso, err := docDateISO(r.PostFormValue("deadline"))
	day, err2 := time.ParseInLocation("2006-01-02", iso, tiendo.Zone)
	if err != nil || err2 != nil {
		e := &tiendo.Error{Code: tiendo.EINVALID, Message: "Hạn gửi của đợt mới chưa đúng: viết ngày/tháng/năm như 07/06/2026.",
			Fields: map[string]string{"deadline": "Viết ngày/tháng/năm như 07/06/2026."}}
		if msg := noSuchDay(r.PostFormValue("deadline")); msg != "" {
			e.Message, e.Fields["deadline"] = "Hạn gửi của đợt mới: "+msg, msg
		}
		return store.Successor{}, e
	}
	return store.Successor{Title: r.PostFormValue("title"), Deadline: day, Unfinished: r.PostFormValue("unfinished") == "on",
		Period: tiendo.Period{Kind: tiendo.PeriodKind(r.PostFormValue("period_kind")), Year: year, Index: index}}, nil
}

type seriesPage struct {
	page
	Target *tiendo.Target
	Rows   []seriesRow
	Chart  *seriesChart // nil: no unit has a value yet
}

// seriesRow is one line of the target page's table, its numbers written
// with the same decimals as the chart's.
type seriesRow struct {
	Period     tiendo.Period
	RoundID    int64
	RoundTitle string
	Unit       string
	Goal       string
	Value      string // "": the unit reported nothing
}

// seriesChart is what charts.js draws on the target page: one line for each
// lead unit over the periods in order (watch.TargetHistory), never one line
// through several units. Numbers are written here, the Vietnamese way, so
// that the tooltips, the axis and the table agree; the axis writes its ticks
// with Decimals by the same rule (vi.FormatNumber).
type seriesChart struct {
	Labels   []string     `json:"labels"` // the periods, oldest first
	Datasets []seriesLine `json:"datasets"`
	Unit     string       `json:"unit"` // the target's unit as the page writes it after a number: "%", " xã"
	Decimals int          `json:"decimals"`
}

// seriesLine is one unit's values, null where it reported nothing.
type seriesLine struct {
	Label  string     `json:"label"`
	Values []*float64 `json:"values"`
	Texts  []string   `json:"texts"` // the values as the page writes them: "3,4%"
}

// handleSeries shows a target's values over every round it carried through.
func (s *Server) handleSeries(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	tg, points, err := s.store.Series(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return err
	}
	units, ordered, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	p := seriesPage{page: s.basePage(r, "Chỉ tiêu qua các kỳ"), Target: tg}
	suffix := unitSuffix(tg.Unit)
	dec := seriesDecimals(points)
	for _, pt := range points {
		row := seriesRow{Period: pt.Period, RoundID: pt.RoundID, RoundTitle: pt.RoundTitle, Unit: unitName(units, pt.UnitID),
			Goal: vi.FormatNumber(pt.Goal, dec) + suffix}
		if pt.Value != nil {
			row.Value = vi.FormatNumber(*pt.Value, dec) + suffix
		}
		p.Rows = append(p.Rows, row)
	}
	p.Chart = newSeriesChart(points, units, ordered, suffix, dec)
	return s.render(w, http.StatusOK, "series", p)
}

// newSeriesChart shapes a target's points for the chart, or returns nil
// when there is nothing to draw.
func newSeriesChart(points []store.SeriesPoint, units map[int64]*tiendo.Unit, ordered []*tiendo.Unit, suffix string, dec int) *seriesChart {
	in := make([]watch.HistoryPoint, len(points))
	for i, pt := range points {
		in[i] = watch.HistoryPoint{RoundID: pt.RoundID, Period: pt.Period, Deadline: pt.Deadline, UnitID: pt.UnitID, Value: pt.Value}
	}
	h := watch.TargetHistory(in, ordered)
	if len(h.Lines) == 0 {
		return nil
	}
	c := &seriesChart{Unit: suffix, Decimals: dec}
	for _, col := range h.Columns {
		c.Labels = append(c.Labels, periodLabel(col.Period))
	}
	for _, l := range h.Lines {
		line := seriesLine{Label: unitName(units, l.UnitID), Values: l.Values, Texts: make([]string, len(l.Values))}
		for i, v := range l.Values {
			if v != nil {
				line.Texts[i] = vi.FormatNumber(*v, dec) + suffix
			}
		}
		c.Datasets = append(c.Datasets, line)
	}
	return c
}

// seriesDecimals is how many decimals the target page writes every number
// with: as many as the most precise goal or value needs, at most two, so
// that "3,0%" stands next to "3,4%" rather than "3%".
func seriesDecimals(points []store.SeriesPoint) int {
	dec := 0
	need := func(f float64) {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if _, frac, ok := strings.Cut(s, "."); ok {
			dec = max(dec, min(len(frac), 2))
		}
	}
	for _, pt := range points {
		need(pt.Goal)
		if pt.Value != nil {
			need(*pt.Value)
		}
	}
	return dec
}

// unitSuffix writes a target's unit after a number as the pages do
// (the templates' unitOf): "3,4%", "2 xã".
func unitSuffix(u string) string {
	if u == "" || u == "%" {
		return u
	}
	return " " + u
}

// periodLabel names a period the way the screens do: "6 tháng đầu năm 2022".
func periodLabel(p tiendo.Period) string {
	switch p.Kind {
	case tiendo.PeriodHalfYear:
		if p.Index == 2 {
			return fmt.Sprintf("6 tháng cuối năm %d", p.Year)
		}
		return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
	case tiendo.PeriodNineMonth:
		return fmt.Sprintf("9 tháng năm %d", p.Year)
	case tiendo.PeriodQuarter:
		return fmt.Sprintf("Quý %d/%d", p.Index, p.Year)
	case tiendo.PeriodMonth:
		return fmt.Sprintf("Tháng %d/%d", p.Index, p.Year)
	case tiendo.PeriodYear:
		return fmt.Sprintf("Năm %d", p.Year)
	}
	if p.Year > 0 {
		return fmt.Sprint(p.Year)
	}
	return "—"
}

// continuityPart is the round page's part about periods and earlier rounds:
// the data window by the issuer's cut-off day, apart from the deadline, and
// for the office the tasks of earlier rounds its tasks may continue.
type continuityPart struct {
	Window    tiendo.Window
	CutoffDay int
	Estimates bool         // the deadline comes before the window closes: units report estimates
	Links     *linkSection // nil: not the office's page
}

// linkSection lists the suggested links for the office to confirm.
type linkSection struct {
	RoundID   int64
	Rows      []linkRow
	Tasks     int // tasks of the round
	Linked    int // of them, linked already
	Threshold int // percent from which a suggestion comes checked
	Notice    string
	Error     string
}

// linkRow is one suggestion: a task of this round and the task of an
// earlier round it seems to continue.
type linkRow struct {
	Task, Pred     *tiendo.Task
	PredRound      *tiendo.Round
	Lead, PredLead string
	Suggestion     continuity.Suggestion
	Percent        int
	Checked        bool
	Value          string // the checkbox: "task-predecessor"
	Pairs          string // the target pairs: "target-predecessor,..."
	Targets        []targetPair
}

// targetPair is a target of this round's task and the one it continues.
type targetPair struct{ Mine, Theirs *tiendo.Target }

// loadContinuity fills the round page's part: the window for everyone, the
// suggestions for whoever manages rounds.
func (s *Server) loadContinuity(r *http.Request, round *tiendo.Round, manage bool) (continuityPart, error) {
	var c continuityPart
	var err error
	if c.Window, c.CutoffDay, err = s.store.RoundWindow(r.Context(), round); err != nil {
		return c, err
	}
	c.Estimates = !c.Window.IsZero() && !round.Deadline.IsZero() && round.Deadline.Before(c.Window.End())
	if !manage {
		return c, nil
	}
	if c.Links, err = s.linkSection(r, round.ID, nil); err != nil {
		return c, err
	}
	if n, _ := strconv.Atoi(r.URL.Query().Get("linked")); n > 0 {
		c.Links.Notice = fmt.Sprintf("Đã liên kết %d nhiệm vụ với nhiệm vụ của đợt trước; số liệu cùng kỳ và chuỗi số liệu của các chỉ tiêu được nối theo các liên kết này.", n)
	}
	return c, nil
}

// linkSection computes the suggestions for round id; checked, when not nil,
// holds the boxes the office ticked in a refused form, kept as they were.
func (s *Server) linkSection(r *http.Request, id int64, checked map[string]bool) (*linkSection, error) {
	u := userFrom(r.Context())
	round, earlier, links, err := s.store.LinkCandidates(r.Context(), u, id)
	if err != nil {
		return nil, err
	}
	units, _, err := s.unitMap(r.Context())
	if err != nil {
		return nil, err
	}
	sec := &linkSection{RoundID: id, Tasks: len(round.Tasks), Linked: len(links), Threshold: int(100 * continuity.Threshold)}
	tasks := map[int64]*tiendo.Task{}
	rounds := map[int64]*tiendo.Round{}
	targets := map[int64]*tiendo.Target{}
	for _, x := range append([]*tiendo.Round{round}, earlier...) {
		rounds[x.ID] = x
		for _, t := range x.Tasks {
			tasks[t.ID] = t
			for _, tg := range t.Targets {
				targets[tg.ID] = tg
			}
		}
	}
	for _, sg := range continuity.Suggest(round, earlier, links) {
		row := linkRow{Task: tasks[sg.TaskID], Pred: tasks[sg.PredecessorID], PredRound: rounds[sg.RoundID], Suggestion: sg,
			Percent: int(100*sg.Score + 0.5), Checked: sg.Checked, Value: fmt.Sprintf("%d-%d", sg.TaskID, sg.PredecessorID)}
		row.Lead, row.PredLead = leadNames(units, row.Task), leadNames(units, row.Pred)
		var pairs []string
		for _, p := range sg.Targets {
			pairs = append(pairs, fmt.Sprintf("%d-%d", p.TargetID, p.PredecessorID))
			row.Targets = append(row.Targets, targetPair{targets[p.TargetID], targets[p.PredecessorID]})
		}
		row.Pairs = strings.Join(pairs, ",")
		if checked != nil {
			row.Checked = checked[row.Value]
		}
		sec.Rows = append(sec.Rows, row)
	}
	return sec, nil
}

func leadNames(units map[int64]*tiendo.Unit, t *tiendo.Task) string {
	var names []string
	for _, a := range t.Assignees {
		if a.Role == tiendo.Lead {
			names = append(names, unitName(units, a.UnitID))
		}
	}
	return strings.Join(names, ", ")
}

type linksPage struct {
	page
	Round *tiendo.Round
	Links *linkSection
}

// handleLinks saves the links the office confirmed on the round page. A
// refused form comes back with the boxes as they were ticked.
func (s *Server) handleLinks(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	links, checked, err := linksFromForm(r)
	if err == nil {
		var n int
		if n, err = s.store.LinkTasks(r.Context(), actor(r), userFrom(r.Context()), id, links); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/rounds/%d?linked=%d#links", id, n), http.StatusSeeOther)
			return nil
		}
	}
	if tiendo.ErrorCode(err) != tiendo.EINVALID {
		return err
	}
	u := userFrom(r.Context())
	round, err2 := s.store.Round(r.Context(), u, id)
	if err2 != nil {
		return err2
	}
	sec, err2 := s.linkSection(r, id, checked)
	if err2 != nil {
		return err2
	}
	sec.Error = tiendo.ErrorMessage(err)
	return s.render(w, http.StatusUnprocessableEntity, "round_links", linksPage{page: s.basePage(r, "Liên kết với đợt trước: "+round.Title), Round: round, Links: sec})
}

// linksFromForm reads the ticked boxes ("link" = "task-predecessor") and
// each one's target pairs ("targets-<task>" = "target-predecessor,...").
func linksFromForm(r *http.Request) ([]store.TaskLink, map[string]bool, error) {
	bad := &tiendo.Error{Code: tiendo.EINVALID, Message: "Dữ liệu liên kết gửi lên không đúng: hãy tải lại trang đợt báo cáo rồi chọn lại các nhiệm vụ cần liên kết.",
		Fields: map[string]string{"links": "Dữ liệu không đúng."}}
	checked := map[string]bool{}
	var links []store.TaskLink
	for _, v := range r.PostForm["link"] {
		checked[v] = true
		task, pred, ok := idPair(v)
		if !ok {
			return nil, checked, bad
		}
		l := store.TaskLink{TaskID: task, PredecessorID: pred, Targets: []store.TargetLink{}}
		if pairs := strings.TrimSpace(r.PostFormValue("targets-" + strconv.FormatInt(task, 10))); pairs != "" {
			for _, p := range strings.Split(pairs, ",") {
				a, b, ok := idPair(p)
				if !ok {
					return nil, checked, bad
				}
				l.Targets = append(l.Targets, store.TargetLink{TargetID: a, PredecessorID: b})
			}
		}
		links = append(links, l)
	}
	return links, checked, nil
}

// idPair reads "12-34" as two positive IDs.
func idPair(s string) (int64, int64, bool) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	x, err1 := strconv.ParseInt(a, 10, 64)
	y, err2 := strconv.ParseInt(b, 10, 64)
	return x, y, ok && err1 == nil && err2 == nil && x > 0 && y > 0
}
