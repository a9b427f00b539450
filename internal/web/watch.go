package web

import (
	"context"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
	"tiendo/internal/remind"
	"tiendo/internal/store"
	"tiendo/internal/watch"
)

// roundData is everything the watch views of a round are computed from,
// loaded in a handful of queries.
type roundData struct {
	Round   *tiendo.Round
	Units   map[int64]*tiendo.Unit
	Ordered []*tiendo.Unit // every unit, in Vietnamese order
	States  map[int64]watch.State
	Raw     map[int64]*store.ReportState
}

// loadRound loads a round and its report states for u.
func loadRound(ctx context.Context, st *store.Store, u *tiendo.User, id int64) (*roundData, error) {
	round, err := st.Round(ctx, u, id)
	if err != nil {
		return nil, err
	}
	units, err := st.Units(ctx)
	if err != nil {
		return nil, err
	}
	raw, err := st.ReportStates(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &roundData{Round: round, Units: make(map[int64]*tiendo.Unit, len(units)), Ordered: units, Raw: raw,
		States: make(map[int64]watch.State, len(raw))}
	for _, x := range units {
		d.Units[x.ID] = x
	}
	for id, s := range raw {
		d.States[id] = watch.State{Status: s.Status, SubmittedAt: s.SubmittedAt, Late: s.Late}
	}
	return d, nil
}

type roundPage struct {
	page
	Round     *tiendo.Round
	Units     map[int64]*tiendo.Unit
	CanManage bool
	// CanApproveDoc: the leader, who reads a draft round to approve its
	// công văn.
	CanApproveDoc bool
	SeesAll       bool
	// SentOnly: the user reads a unit's report only once sent
	// (tiendo.ReadsSentOnly), so the matrix links only those.
	SentOnly bool
	// For the office, on a draft: the tasks and targets that still name a
	// year before the round's (copied from an earlier period).
	EarlierYears []yearMention
	// TaskLabels names the round's tasks, in order, as the matrix's
	// columns do (watch.TaskLabels): "12 (2)" for a second task 12.
	TaskLabels []string

	Matrix *watch.Matrix
	Rates  watch.Rates
	// Unsent splits Rates.Missing, the card's "chưa gửi", as the matrix
	// names its units' states: the filter by either shows as many.
	Unsent unsent
	// UnitOptions are the filter's units: every unit of the matrix, in its
	// order (Vietnamese, by full name) and under its name there.
	UnitOptions []*tiendo.Unit
	Targets     []watch.TargetSummary
	Filter      struct {
		States map[watch.CellState]bool
		Unit   int64
	}
	// Order is the matrix's order, Sort its column headers that change it
	// (by watch.SortBy), SortBy and SortDir what the filter form carries to
	// keep it ("" for the default order), and XLSXHref the link that
	// downloads the matrix as shown.
	Order           watch.Order
	Sort            map[string]sortHeader
	SortBy, SortDir string
	XLSXHref        string
	States          []watch.CellState
	Charts          chartData
	Reopened        map[int64]bool
	// Extended are the units the office gave a deadline of their own,
	// later than the round's (store.UnitDeadlines): the matrix says so
	// beside them, and offers no "Mở lại" to a unit that can still report.
	Extended map[int64]*store.UnitDeadline
	Notice   string             // what the step that led here did, from ?ok=
	Mine     *store.ReportState // for a unit user: their unit's report
	MyUnit   *tiendo.Unit
	// For a unit with units under it in the round: their reports, and the
	// rates over them.
	Below       []belowRow
	BelowRates  watch.Rates
	BelowUnsent unsent
	// For the office: the reporting rates rolled up the unit tree, when
	// the round asks units at more than one level.
	Tree []watch.TreeRow

	RemindOn  bool             // reminders are configured
	NudgeKey  string           // one "đôn đốc" form's idempotency key
	LastNudge string           // when units were last chased: "14:05 hôm nay"
	NudgeGap  string           // how long a chased unit is left alone: "1 giờ"
	Owing     owing            // the units a "đôn đốc" reaches now
	Chase     []chaseRow       // the same units on the form, to tick
	NudgeForm nudgeForm        // what the form was sent with, when it comes back
	NoteMax   int              // remind.MaxNoteLen
	Reminded  *nudged          // after a "đôn đốc": what it did
	CanMail   bool             // the user sees the outgoing mail queue
	Upcoming  []remind.Planned // the reminders that will go out, with their times
	// NextReminder says when the next automatic reminder goes, when none
	// does within the week Upcoming covers (as after an extension).
	NextReminder string
	// NoticeMail: the Notice speaks of messages sent, and CanMail users get
	// a link to the outgoing mail queue with it.
	NoticeMail bool

	continuityPart // the data window; the links to earlier rounds (continuity.go)
}

// unsent splits the reports not sent yet by the matrix's states: the units
// that have not started theirs (watch.CellMissing) and those writing it
// (watch.CellDraft).
type unsent struct{ NotStarted, Drafting int }

// add counts one unit's report, in the matrix's state s.
func (u *unsent) add(s watch.CellState) {
	switch s {
	case watch.CellMissing:
		u.NotStarted++
	case watch.CellDraft:
		u.Drafting++
	}
}

// owing counts the units the "đôn đốc" button reaches (remind.Owing):
// those that have not sent, and those whose report came and was returned
// for revision, as the cards count them (watch.Rates.Returned). A press
// leaves alone the units chased less than remind.NudgeInterval ago
// (store.EnqueueNudge): they are counted apart, so that the button never
// offers to chase units it will not.
type owing struct {
	NotSent, Returned int // of the units a press chases now
	// Recent are the owing units chased within remind.NudgeInterval, and
	// RecentAt when, earliest first: "00:54". Again is when the first of
	// them may be chased again.
	Recent   int
	RecentAt []string
	Again    string
	// Unreached are the owing units with no one to tell (no account, no
	// e-mail address): a press cannot reach them, so they are said apart,
	// the first few by name.
	Unreached      int
	UnreachedNames []string
	// RetiredNames are the units that have not sent but stopped working
	// (merged, abolished), with the day: not chased, said apart.
	RetiredNames []string
}

// Units is how many units a press chases now.
func (o owing) Units() int { return o.NotSent + o.Returned }

// All is how many units owe their report, chased lately, reachable or not.
func (o owing) All() int { return o.Units() + o.Recent + o.Unreached }

// Label is the button's text: "Đôn đốc 9 đơn vị (8 chưa gửi, 1 trả lại để
// bổ sung)", "Đôn đốc 3 đơn vị chưa gửi (9 đơn vị khác đã được đôn đốc lúc
// 00:54)", or, when every unit was chased lately and a press would send
// nothing, "Đã đôn đốc 12 đơn vị lúc 00:54; có thể đôn đốc lại từ 01:54".
// Units nobody can be told of (Unreached) are said by UnreachedNote.
func (o owing) Label() string {
	switch {
	case o.Units() == 0 && o.Recent == 0:
		return fmt.Sprintf("Không đôn đốc được %d đơn vị chưa gửi: đơn vị chưa có tài khoản hay địa chỉ e-mail nhận thư", o.Unreached)
	case o.Units() == 0:
		return fmt.Sprintf("Đã đôn đốc %d đơn vị%s; có thể đôn đốc lại từ %s", o.Recent, o.at(), o.Again)
	}
	others := ""
	if o.Recent > 0 {
		others = fmt.Sprintf("%d đơn vị khác đã được đôn đốc%s", o.Recent, o.at())
	}
	switch {
	case o.Returned == 0 && others == "":
		return fmt.Sprintf("Đôn đốc %d đơn vị chưa gửi", o.NotSent)
	case o.Returned == 0:
		return fmt.Sprintf("Đôn đốc %d đơn vị chưa gửi (%s)", o.NotSent, others)
	case o.NotSent == 0 && others == "":
		return fmt.Sprintf("Đôn đốc %d đơn vị có báo cáo trả lại để bổ sung", o.Returned)
	case o.NotSent == 0:
		return fmt.Sprintf("Đôn đốc %d đơn vị có báo cáo trả lại để bổ sung (%s)", o.Returned, others)
	case others == "":
		return fmt.Sprintf("Đôn đốc %d đơn vị (%d chưa gửi, %d trả lại để bổ sung)", o.Units(), o.NotSent, o.Returned)
	}
	return fmt.Sprintf("Đôn đốc %d đơn vị (%d chưa gửi, %d trả lại để bổ sung; %s)", o.Units(), o.NotSent, o.Returned, others)
}

// UnreachedNote says which owing units a press cannot reach and what to
// do, or "" when every one has someone to tell.
func (o owing) UnreachedNote() string {
	if o.Unreached == 0 {
		return ""
	}
	names := o.UnreachedNames
	if more := o.Unreached - len(names); more > 0 {
		names = append(slices.Clone(names), fmt.Sprintf("%d đơn vị khác", more))
	}
	return fmt.Sprintf("%d đơn vị chưa gửi báo cáo chưa có tài khoản hay địa chỉ e-mail nhận thư, nên không đôn đốc được: %s. Đề nghị quản trị hệ thống thêm tài khoản người dùng hoặc địa chỉ e-mail cho các đơn vị này.", o.Unreached, joinVi(names))
}

// at is " lúc 00:30 và 00:54", or "" when no time is known.
func (o owing) at() string {
	if len(o.RecentAt) == 0 {
		return ""
	}
	return " lúc " + joinVi(o.RecentAt)
}

// countOwing splits the units remind.Owing lists into those a press chases
// now, by whether their report ever came, and those chased since
// (store.NudgedSince, at the times given), which a press leaves alone until
// remind.NudgeInterval has passed.
func countOwing(list []*store.Outstanding, states map[int64]watch.State, chased map[int64]time.Time, now time.Time) owing {
	var o owing
	var times []time.Time
	var first time.Time // the earliest chase
	for _, x := range list {
		if at, ok := chased[x.Unit.ID]; ok {
			o.Recent++
			if first.IsZero() || at.Before(first) {
				first = at
			}
			at = at.In(tiendo.Zone).Truncate(time.Minute)
			if !slices.ContainsFunc(times, at.Equal) {
				times = append(times, at)
			}
			continue
		}
		if len(x.Recipients) == 0 {
			o.Unreached++
			if len(o.UnreachedNames) < maxUnreachedNames {
				o.UnreachedNames = append(o.UnreachedNames, x.Unit.Name)
			}
			continue
		}
		if states[x.Unit.ID].SubmittedAt.IsZero() {
			o.NotSent++
		} else {
			o.Returned++
		}
	}
	slices.SortFunc(times, time.Time.Compare)
	for _, at := range times[:min(len(times), maxRecentAt)] {
		o.RecentAt = append(o.RecentAt, clockOn(at, now))
	}
	if !first.IsZero() {
		// A chase counts from the start of its minute (store.NudgedSince):
		// chased at 00:54:30, written "lúc 00:54", a unit may be chased
		// again from 01:54:00, exactly the minute written.
		o.Again = clockOn(first.Truncate(time.Minute).Add(remind.NudgeInterval), now)
	}
	return o
}

// retiredOwing names the units of the round that have not sent their
// report but stopped working (store.Outstanding leaves them out of the
// reminders of rounds published on or after that day): the cards count
// them as not sent, so the page says why the button does not.
func retiredOwing(d *roundData, list []*store.Outstanding) []string {
	listed := map[int64]bool{}
	for _, o := range list {
		listed[o.Unit.ID] = true
	}
	var names []string
	for _, id := range d.Round.UnitIDs {
		u := d.Units[id]
		if st := d.States[id].Status; u == nil || !u.Retired() || listed[id] || st == tiendo.ReportSubmitted || st == tiendo.ReportAccepted {
			continue
		}
		names = append(names, u.Name+" (từ "+u.RetiredOn.In(tiendo.Zone).Format("02/01/2006")+")")
	}
	return names
}

// RetiredNote says which units owing their report are not chased because
// they stopped working, or "".
func (o owing) RetiredNote() string {
	if len(o.RetiredNames) == 0 {
		return ""
	}
	return fmt.Sprintf("%d đơn vị chưa gửi đã ngừng hoạt động nên không được đôn đốc: %s.", len(o.RetiredNames), joinVi(o.RetiredNames))
}

// maxUnreachedNames bounds the units the note names: a province's
// communes without accounts would fill the page.
const maxUnreachedNames = 5

// clockOn writes a time near now: "01:54" on now's day, "00:10 ngày
// 08/12/2026" on another.
func clockOn(t, now time.Time) string {
	t, now = t.In(tiendo.Zone), now.In(tiendo.Zone)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return t.Format("15:04")
	}
	return t.Format("15:04") + " ngày " + t.Format("02/01/2006")
}

// nextReminder says when the next automatic reminder goes, and to how many
// units: "Lời nhắc tự động tiếp theo: 08:00 ngày 07/12/2026 (còn 3 ngày
// trước hạn), gửi đến 8 đơn vị nếu đến lúc đó vẫn chưa gửi báo cáo."
func nextReminder(p remind.Planned, units int) string {
	what := ""
	switch p.Slot.Kind {
	case store.KindReminderBefore:
		what = fmt.Sprintf("còn %d ngày trước hạn", p.Slot.Days)
	case store.KindReminderDue:
		what = "ngày hạn cuối"
	case store.KindReminderOverdue:
		what = fmt.Sprintf("quá hạn %d ngày", p.Slot.Days)
	}
	at := p.Slot.At.In(tiendo.Zone)
	return fmt.Sprintf("Lời nhắc tự động tiếp theo: %s ngày %s (%s), gửi đến %d đơn vị nếu đến lúc đó vẫn chưa gửi báo cáo.",
		at.Format("15:04"), at.Format("02/01/2006"), what, units)
}

// extendedNotice is the round page's message after an extension. The units
// owing their report got an in-app notice in the extension's transaction
// (store.ExtendDeadline); e-mail goes only where the server sends mail and
// the recipient has an address, and the message says no more than that.
func extendedNotice(mailOn bool) string {
	const done = "Đã gia hạn gửi báo cáo. Các đơn vị chưa gửi báo cáo (kể cả đơn vị có báo cáo bị trả lại để bổ sung) đã có thông báo hạn mới trong ứng dụng"
	if !mailOn {
		return done + "; không gửi e-mail vì máy chủ chưa được cấu hình gửi thư."
	}
	return done + "; e-mail báo hạn mới được gửi đến những người nhận có địa chỉ e-mail."
}

// nudged is what the last "đôn đốc" did, read back from the redirect.
type nudged struct {
	Units, Messages int
	Notices         int      // of the messages, those with an in-app notification
	Emails          int      // of the messages, those going out by e-mail
	MailOff         bool     // e-mail is not set up on the server
	Recent          int      // units left alone: chased within remind.NudgeInterval
	RecentAt        []string // when they were: "14:05"
	Unreached       int      // units left out: no account, no e-mail address

	// The units named in the lines under the notice (Details): the first
	// few of those chased, chased lately, unreached, not ticked and no
	// longer owing, and how many were not ticked or no longer owed.
	ChasedIDs, RecentIDs, UnreachedIDs, UnpickedIDs, GoneIDs []int64
	Unpicked, GoneN                                          int
}

// Skipped says which units the "đôn đốc" left alone and why, or "".
func (n *nudged) Skipped() string {
	s := n.recentText()
	if n.Unreached > 0 {
		s = strings.TrimSpace(s + fmt.Sprintf(" %d đơn vị chưa có tài khoản hay địa chỉ e-mail nhận thư nên không đôn đốc được.", n.Unreached))
	}
	return s
}

// recentText is Skipped's part about units chased lately, or "".
func (n *nudged) recentText() string {
	if n.Recent == 0 {
		return ""
	}
	when := ""
	if len(n.RecentAt) > 0 {
		when = " lúc " + joinVi(n.RecentAt)
	}
	ago := durationText(remind.NudgeInterval)
	if n.Units == 0 && n.Messages == 0 {
		return fmt.Sprintf("%d đơn vị cần đôn đốc đã được đôn đốc%s, chưa quá %s, nên không gửi lại: không có thư hay thông báo nào được gửi thêm.", n.Recent, when, ago)
	}
	return fmt.Sprintf("%d đơn vị khác đã được đôn đốc%s, chưa quá %s, nên không gửi lại.", n.Recent, when, ago)
}

// joinVi joins "a", "b", "c" as "a, b và c".
func joinVi(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " và " + xs[len(xs)-1]
}

// clockTime is a time of day as the redirect carries it: "14:05".
var clockTime = regexp.MustCompile(`^[0-2][0-9]:[0-5][0-9]$`)

// NoEmail is how many of the messages go by no e-mail.
func (n *nudged) NoEmail() int { return max(n.Messages-n.Emails, 0) }

func parseNudged(q url.Values) *nudged {
	msgs, err := strconv.Atoi(q.Get("reminded"))
	if err != nil || msgs < 0 {
		return nil
	}
	units, _ := strconv.Atoi(q.Get("units"))
	notices, _ := strconv.Atoi(q.Get("notices"))
	emails, _ := strconv.Atoi(q.Get("emails"))
	n := &nudged{Units: max(units, 0), Messages: msgs, Notices: min(max(notices, 0), msgs), Emails: min(max(emails, 0), msgs), MailOff: q.Get("nomail") == "1"}
	if n2, err := strconv.Atoi(q.Get("unreached")); err == nil && n2 > 0 {
		n.Unreached = n2
	}
	if recent, err := strconv.Atoi(q.Get("recent")); err == nil && recent > 0 {
		n.Recent = recent
		for _, at := range strings.Split(q.Get("recentat"), ",") {
			if clockTime.MatchString(at) && len(n.RecentAt) < maxRecentAt {
				n.RecentAt = append(n.RecentAt, at)
			}
		}
	}
	n.readNames(q)
	return n
}

// chartData is what charts.js draws; each chart also has its table on the page.
type chartData struct {
	Progress   []chartPoint `json:"progress"`
	Attainment []chartPoint `json:"attainment"` // tasks with data only: a bar at 0 would read as nothing done
	NoData     string       `json:"-"`          // "NV 1, NV 2": the tasks left out of Attainment
	OnTime     []chartPoint `json:"on_time"`
	Expected   int          `json:"expected"`
}

type chartPoint struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
	// For the attainment chart: how many of the task's targets are met,
	// in the tooltip and the table ("2/3 chỉ tiêu đạt") and under the bar
	// ("2/3 đạt"), and Short when not all of them are, which colours the
	// bar apart.
	Note  string `json:"note,omitempty"`
	Tick  string `json:"tick,omitempty"`
	Short bool   `json:"short,omitempty"`
}

// attainmentPoint is a task's bar on the attainment chart: its capped mean
// ratio in percent (watch.TaskAttainment), and how many targets are met.
// A task with a target not met is written below 100 %, never rounded up
// to it: 99.96 % is "99,9%".
func attainmentPoint(a watch.TaskAttainment) chartPoint {
	p := chartPoint{Label: "NV " + a.Label, Value: round1(100 * a.Ratio), Short: !a.AllMet()}
	if p.Short && p.Value >= 100 {
		p.Value = 99.9
	}
	p.Tick = fmt.Sprintf("%d/%d đạt", a.Met, a.N)
	if a.Targets == a.N {
		p.Note = fmt.Sprintf("%d/%d chỉ tiêu đạt", a.Met, a.N)
	} else {
		// Several units lead the task, each with its figures.
		p.Note = fmt.Sprintf("%d/%d kết quả chỉ tiêu của các đơn vị đạt", a.Met, a.N)
	}
	return p
}

// roundNotices are the round page's messages after a step, by ?ok=.
var roundNotices = map[string]string{
	"edited":    "Đã lưu thay đổi của đợt báo cáo.",
	"published": "Đã phát hành đợt báo cáo; các đơn vị được yêu cầu đã nhận thông báo.",
	"years":     "Đã đổi năm của kỳ trước thành năm của kỳ này trong các nhiệm vụ, chỉ tiêu.",
	"no-years":  "Không còn nhiệm vụ, chỉ tiêu nào nhắc năm của kỳ trước.",
	// "extended": extendedNotice, which depends on whether mail goes.
}

func (s *Server) handleRoundShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderRound(w, r, id, http.StatusOK, nil)
}

// renderRound draws the page of round id with the given status. form, when
// not nil, is a "đôn đốc" the office sent and that was refused: the page
// comes back with its boxes ticked and its note as they were, and what to
// mend.
func (s *Server) renderRound(w http.ResponseWriter, r *http.Request, id int64, status int, form *nudgeForm) error {
	u := userFrom(r.Context())
	d, err := loadRound(r.Context(), s.store, u, id)
	if err != nil {
		return err
	}
	data := roundPage{page: s.basePage(r, d.Round.Title), Round: d.Round, Units: d.Units,
		CanManage: tiendo.Allowed(u, tiendo.ActionManageRounds, 0), CanApproveDoc: tiendo.Allowed(u, tiendo.ActionApproveDoc, 0),
		SentOnly: tiendo.ReadsSentOnly(u),
		SeesAll:  tiendo.ScopeOf(u, tiendo.ActionReadReport) == tiendo.ScopeAll,
		States:   watch.CellStates, Reopened: map[int64]bool{}, Notice: roundNotices[r.URL.Query().Get("ok")],
		CanMail: tiendo.Allowed(u, tiendo.ActionManageMail, 0), TaskLabels: watch.TaskLabels(d.Round.Tasks)}
	if r.URL.Query().Get("ok") == "extended" {
		// Without the reminder service nothing delivers the outbox.
		data.Notice, data.NoticeMail = extendedNotice(s.mailOn()), true
	}
	if data.continuityPart, err = s.loadContinuity(r, d.Round, data.CanManage); err != nil {
		return err
	}
	if data.CanManage && d.Round.Status == tiendo.RoundDraft {
		data.EarlierYears = earlierYears(d.Round)
	}
	for id, st := range d.Raw {
		data.Reopened[id] = st.Reopened
	}
	if !data.SeesAll {
		if u.Role.UnitScoped() && u.UnitID != 0 {
			// The unit's own deadline, as its home and report page give
			// it (store.RoundAsUnit): a unit the office gave two more days
			// is not told here that it is overdue.
			if data.Round, err = s.store.RoundAsUnit(r.Context(), d.Round, u.UnitID); err != nil {
				return err
			}
		}
		data.Mine, data.MyUnit = d.Raw[u.UnitID], d.Units[u.UnitID]
		data.Below, data.BelowRates, data.BelowUnsent = below(d, u)
		return s.render(w, status, "round", data)
	}
	// The tree, unless it says no more than the round's own rates (a
	// province's communes with no level between).
	if tree := watch.RollUp(d.Round, d.Ordered, d.States); len(tree) > 1 || (len(tree) == 1 && tree[0].Rates.Expected < len(d.Round.UnitIDs)) {
		data.Tree = tree
	}
	if d.Round.Status != tiendo.RoundDraft {
		all, err := s.store.UnitDeadlines(r.Context(), d.Round.ID)
		if err != nil {
			return err
		}
		data.Extended = map[int64]*store.UnitDeadline{}
		now := s.store.Now()
		for id, ud := range all {
			if ud.Extended() {
				data.Extended[id] = &ud
				if ud.Deadline.After(now) {
					data.Reopened[id] = true // it may report until its own deadline: nothing to reopen
				}
			}
		}
	}
	q := r.URL.Query()
	mq := parseMatrixQuery(q)
	data.Filter.States = map[watch.CellState]bool{}
	for _, st := range mq.States {
		data.Filter.States[st] = true
	}
	data.Filter.Unit, data.Order, data.Sort = mq.Unit, mq.Order, sortHeaders(id, mq)
	if mq.Order != watch.DefaultOrder {
		data.SortBy, data.SortDir = string(mq.Order.By), mq.Order.Dir()
	}
	data.XLSXHref = fmt.Sprintf("/rounds/%d/matrix.xlsx%s", id, mq.query())
	full := watch.BuildMatrix(d.Round, d.Ordered, d.States)
	for _, row := range full.Rows {
		data.Unsent.add(row.State)
		data.UnitOptions = append(data.UnitOptions, row.Unit)
	}
	data.Matrix = mq.apply(full)
	data.Rates = watch.RoundRates(d.Round, d.States)
	actuals, err := s.store.RoundActuals(r.Context(), id)
	if err != nil {
		return err
	}
	targets := watch.Targets(d.Round, data.Window, toWatchActuals(actuals), d.States, s.store.Clock())
	data.Targets = watch.Summarize(targets)
	data.Charts, err = s.charts(r.Context(), d, targets)
	if err != nil {
		return err
	}
	// The reminders, the "đôn đốc" and their schedule are the office's
	// work: readers and units are not shown its timetable.
	if rem := s.cfg.Reminders; rem != nil && d.Round.Status == tiendo.RoundOpen && data.CanManage {
		data.RemindOn, data.NudgeKey, data.Reminded = true, nudgeKey(), parseNudged(q)
		now := s.store.Clock()
		// One list for the button, the "đôn đốc" it sends and the schedule.
		list, err := rem.Owing(r.Context(), id)
		if err != nil {
			return err
		}
		// The units a press would leave alone, in one query: the button
		// counts the others.
		chased, err := s.store.NudgedSince(r.Context(), id, now.Add(-remind.NudgeInterval))
		if err != nil {
			return err
		}
		last, err := s.store.LastNudge(r.Context(), id)
		if err != nil {
			return err
		}
		data.LastNudge, data.NudgeGap = lastNudge(last, now), durationText(remind.NudgeInterval)
		data.Owing = countOwing(list, d.States, chased, now)
		data.Owing.RetiredNames = retiredOwing(d, list)
		data.Chase, data.NoteMax = chaseRows(d, list, chased, now, form), remind.MaxNoteLen
		if form != nil {
			data.NudgeForm = *form
		}
		// The week's schedule: enough to see what goes out next and to whom.
		week := now.AddDate(0, 0, 7)
		data.Upcoming = rem.Schedule(list, week)
		if len(data.Upcoming) > 50 {
			data.Upcoming = data.Upcoming[:50]
		}
		if len(data.Upcoming) == 0 {
			if next, units, ok := rem.Next(list, week); ok {
				data.NextReminder = nextReminder(next, units)
			}
		}
	}
	if form != nil && !data.RemindOn {
		// The round closed, or the user may not chase: say what was wrong
		// rather than draw a form that is not there.
		return tiendo.Errorf(tiendo.ECONFLICT, "%s", form.Error)
	}
	return s.render(w, status, "round", data)
}

// belowRow is a unit under the viewer's unit and its report in the round.
type belowRow struct {
	Unit  *tiendo.Unit
	State *store.ReportState
	Via   *tiendo.Unit // the unit it reports to, when not the viewer's
}

// below lists the units of the round under u's unit, in Vietnamese order,
// with the rates over their reports and those not sent split as the
// office's matrix does.
func below(d *roundData, u *tiendo.User) ([]belowRow, watch.Rates, unsent) {
	var rows []belowRow
	var rates watch.Rates
	var not unsent
	if len(u.Subunits) == 0 {
		return nil, rates, not
	}
	parent := watch.ReportingParent(d.Round, d.Ordered)
	under := make(map[int64]bool, len(u.Subunits))
	for _, id := range u.Subunits {
		under[id] = true
	}
	for _, x := range d.Ordered {
		st, asked := d.Raw[x.ID]
		if !asked || !under[x.ID] {
			continue
		}
		row := belowRow{Unit: x, State: st}
		if p := parent[x.ID]; p != 0 && p != u.UnitID {
			row.Via = d.Units[p]
		}
		rows = append(rows, row)
		rates.AddState(d.States[x.ID])
		not.add(d.States[x.ID].Cell())
	}
	return rows, rates, not
}

func toWatchActuals(in []store.UnitActual) []watch.Actual {
	out := make([]watch.Actual, len(in))
	for i, a := range in {
		out[i] = watch.Actual{UnitID: a.UnitID, TargetID: a.TargetID, Value: a.Value, SamePeriod: a.SamePeriod}
	}
	return out
}

// charts gathers the three charts' series: arrivals over the ten days
// before the deadline, attainment per task, and each unit's on-time rate
// over all rounds.
func (s *Server) charts(ctx context.Context, d *roundData, targets []watch.TargetRow) (chartData, error) {
	c := chartData{Expected: len(d.Round.UnitIDs)}
	for _, p := range watch.ProgressByDay(d.Round, d.States, 10, s.store.Clock()) {
		c.Progress = append(c.Progress, chartPoint{Label: p.Day.Format("02/01"), Value: float64(p.Received)})
	}
	var noData []string
	for _, a := range watch.Attainment(d.Round, targets) {
		if a.N == 0 {
			noData = append(noData, "NV "+a.Label)
			continue
		}
		c.Attainment = append(c.Attainment, attainmentPoint(a))
	}
	c.NoData = strings.Join(noData, ", ")
	perUnit, err := s.ratesOverRounds(ctx)
	if err != nil {
		return c, err
	}
	for _, unit := range d.Ordered { // in Vietnamese order
		if _, asked := d.Raw[unit.ID]; !asked {
			continue
		}
		// A unit with only rounds it still has time for has no rate yet.
		if rates, ok := perUnit[unit.ID]; ok {
			c.OnTime = append(c.OnTime, chartPoint{Label: unitName(d.Units, unit.ID), Value: round1(rates.OnTimePct())})
		}
	}
	return c, nil
}

// ratesOverRounds is each unit's reporting over every round so far
// (watch.RatesOverRounds).
func (s *Server) ratesOverRounds(ctx context.Context) (map[int64]watch.Rates, error) {
	history, err := s.store.ReportingHistory(ctx)
	if err != nil {
		return nil, err
	}
	records := make([]watch.Record, len(history))
	for i, h := range history {
		records[i] = watch.Record{UnitID: h.UnitID, Deadline: h.Deadline, Open: h.Open, Received: h.Received, Late: h.Late}
	}
	return watch.RatesOverRounds(records, s.store.Clock()), nil
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }

// cellsHTML renders a matrix row's task cells. The matrix is the largest
// thing on the page (a province's round is 100 units x 40 tasks, 4,000
// cells), and writing these few fixed tags here is several times faster than
// executing a template action per cell. Every value written is escaped.
//
// A cell shows a short word ("Soạn", "—"); a link, which a keyboard reaches
// and a screen reader lists out of the table, is named from the unit, the
// task and the full state, "Phòng Nội vụ, nhiệm vụ 3: Đang soạn (phối hợp)",
// by the ids of the unit's name (mu), the task's (mt) and the state's (ms)
// that round.html writes once, not in words repeated in every cell.
func cellsHTML(roundID, unitID int64, code string, cells []watch.Cell, sentOnly bool) template.HTML {
	var b strings.Builder
	b.Grow(len(cells) * 64)
	href := "/rounds/" + strconv.FormatInt(roundID, 10) + "/reports/" + url.PathEscape(code) + "#task-"
	names := `" aria-labelledby="mu` + strconv.FormatInt(unitID, 10) + " mt"
	for j, c := range cells {
		if c.Role == "" {
			b.WriteString("<td></td>")
			continue
		}
		title := c.State.Label()
		class := "cell cell-" + string(c.State)
		state := "ms-" + string(c.State)
		if c.Role == tiendo.Support {
			title += " (phối hợp)"
			class += " support"
			state += "-p"
		}
		// A report the user may not open is not a link; one returned for
		// revision leads such a user to what was sent, under "Các lần gửi".
		tag, to := "a", href+strconv.FormatInt(c.TaskID, 10)
		switch {
		case !sentOnly || c.State.Sent():
		case c.State == watch.CellReturned:
			to = strings.TrimSuffix(href, "#task-") + "/revisions"
		default:
			tag = "span"
		}
		b.WriteString(`<td><` + tag + ` class="`)
		b.WriteString(html.EscapeString(class))
		if tag == "a" {
			b.WriteString(`" href="`)
			b.WriteString(html.EscapeString(to))
			b.WriteString(names)
			b.WriteString(strconv.Itoa(j))
			b.WriteString(" ")
			b.WriteString(html.EscapeString(state))
		} else {
			// Not a link: read in the table, under its unit and task.
			b.WriteString(`" title="`)
			b.WriteString(html.EscapeString(title))
		}
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(cellAbbr(c.State)))
		b.WriteString("</" + tag + "></td>")
	}
	return template.HTML(b.String())
}

// yearMention is a task or target of a draft round that names an earlier
// year: what it is and the years.
type yearMention struct {
	What  string // "Nhiệm vụ 10", "Nhiệm vụ 10, chỉ tiêu 2"
	Text  string
	Years string // "2022", "2021, 2022"
}

// earlierYears lists the tasks and targets of r that name a year before
// r's period as "năm 2022" (continuity.EarlierYears), in the round's order.
func earlierYears(r *tiendo.Round) []yearMention {
	if r.Period.Year == 0 {
		return nil
	}
	var out []yearMention
	add := func(what, text string) {
		var ys []string
		for _, y := range continuity.EarlierYears(text, r.Period.Year) {
			ys = append(ys, strconv.Itoa(y))
		}
		if len(ys) > 0 {
			out = append(out, yearMention{What: what, Text: text, Years: strings.Join(ys, ", ")})
		}
	}
	labels := watch.TaskLabels(r.Tasks) // "12 (2)" for a second task 12, as the matrix says
	for j, t := range r.Tasks {
		add("Nhiệm vụ "+labels[j], t.Text)
		for i, g := range t.Targets {
			add(fmt.Sprintf("Nhiệm vụ %s, chỉ tiêu %d", labels[j], i+1), g.Text)
		}
	}
	return out
}
