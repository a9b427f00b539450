// Package tiendo holds the vocabulary of the key-task reporting loop: units,
// users and roles, rounds of reporting, their tasks and targets, unit reports,
// and the error codes every layer speaks. It imports nothing of the module, so
// every other package can depend on it.
package tiendo

import (
	"net/mail"
	"strings"
	"time"
)

// Zone is the issuers' time zone, Asia/Ho_Chi_Minh. Vietnam keeps UTC+7 all
// year, so a fixed zone is exact and needs no time-zone database.
var Zone = time.FixedZone("ICT", 7*60*60)

// DeadlineBefore returns the instant a "trước ngày D" deadline falls: the
// start of day D in Zone. A report is on time when it arrives before it.
func DeadlineBefore(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, Zone)
}

// DeadlineInRange reports whether a deadline falls in the years a date may
// be typed in (vi.Date.Valid: 1900 to 2200), in Zone. A deadline sent by a
// program in year 9999 would be stored, and then break every answer that
// writes it (JSON writes years up to 9999 only, and 9999 in UTC is 10000
// in Zone).
func DeadlineInRange(d time.Time) bool {
	y := d.In(Zone).Year()
	return y >= 1900 && y <= 2200
}

// DeadlineRangeMessage is what a form or the API is told of a deadline
// DeadlineInRange refuses.
const DeadlineRangeMessage = "Hạn gửi phải trong khoảng từ năm 1900 đến năm 2200: hãy kiểm tra lại năm của hạn."

// DeadlineText writes a deadline as the pages and messages do: "trước ngày
// 22/12/2026" for one at the start of a day (DeadlineBefore), "trước 10:30
// ngày 22/12/2026" for one at a time of day; writing the latter as "trước
// ngày 22/12/2026" would tell a unit to be done by the end of 21/12.
func DeadlineText(d time.Time) string {
	d = d.In(Zone)
	if d.Hour() == 0 && d.Minute() == 0 {
		return "trước ngày " + d.Format("02/01/2006")
	}
	return "trước " + d.Format("15:04") + " ngày " + d.Format("02/01/2006")
}

// Role is what a user may do. The names are the ones the code and the API use;
// RoleLabel gives the Vietnamese the screens show.
type Role string

// The roles of PRODUCT.md.
const (
	RoleAdmin    Role = "admin"     // quản trị: units, users, settings
	RoleOffice   Role = "office"    // chuyên viên Văn phòng: runs rounds, consolidates
	RoleLeader   Role = "leader"    // lãnh đạo UBND: reads everything, approves and signs
	RoleUnitHead Role = "unit_head" // lãnh đạo đơn vị: reviews the unit's report
	RoleReporter Role = "reporter"  // cán bộ đơn vị: fills and submits the unit's report
	RoleReader   Role = "reader"    // Huyện ủy, HĐND: reads, changes nothing
)

// Roles lists every role in the order the screens show them.
var Roles = []Role{RoleAdmin, RoleOffice, RoleLeader, RoleUnitHead, RoleReporter, RoleReader}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Label is the Vietnamese name of the role.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Quản trị"
	case RoleOffice:
		return "Văn phòng"
	case RoleLeader:
		return "Lãnh đạo"
	case RoleUnitHead:
		return "Lãnh đạo đơn vị"
	case RoleReporter:
		return "Cán bộ đơn vị"
	case RoleReader:
		return "Người xem"
	}
	return string(r)
}

// UnitScoped reports whether the role is bound to one unit: such a user sees
// and changes only that unit's data.
func (r Role) UnitScoped() bool { return r == RoleUnitHead || r == RoleReporter }

// SeesAll reports whether the role reads every unit's data.
func (r Role) SeesAll() bool {
	return r == RoleAdmin || r == RoleOffice || r == RoleLeader || r == RoleReader
}

// Unit is a department or agency that is assigned tasks and reports on them
// (đơn vị). Units form a hierarchy through ParentID.
type Unit struct {
	ID        int64    `json:"id"`
	ParentID  int64    `json:"parent_id,omitempty"` // 0: top of the tree
	Code      string   `json:"code"`                // short, stable, lower-case: "pnnptnt"
	Name      string   `json:"name"`                // "Phòng Nông nghiệp và Phát triển nông thôn"
	ShortName string   `json:"short_name"`          // "Phòng NN&PTNT"
	Aliases   []string `json:"aliases"`             // other names directives use for it
	Email     string   `json:"email,omitempty"`
	// RetiredOn is the day (midnight in Zone) the unit stopped working
	// ("Ngừng hoạt động": abolished, merged into another); zero while it is
	// active. A retired unit keeps everything that names it (past rounds,
	// reports, documents, history) but is not offered for new rounds.
	RetiredOn time.Time `json:"retired_on,omitzero"`
	// RetiredNote says why, for the lists: "Sáp nhập vào xã Hữu Liên".
	RetiredNote string `json:"retired_note,omitempty"`
}

// Retired reports whether the unit has stopped working.
func (u *Unit) Retired() bool { return !u.RetiredOn.IsZero() }

// User is a person who logs in.
type User struct {
	ID        int64     `json:"id"`
	Username  string    `json:"username"`
	FullName  string    `json:"full_name"`
	Email     string    `json:"email,omitempty"`
	Role      Role      `json:"role"`
	UnitID    int64     `json:"unit_id,omitempty"` // set for unit-scoped roles
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
	// MustChangePassword is set while the user still has a password an
	// administrator chose (a new account, a reset): they must choose their
	// own before doing anything else. It is no part of the JSON: the API
	// refuses such a user, and the bulk import's fingerprint must not
	// change when someone changes their password meanwhile.
	MustChangePassword bool `json:"-"`
	// TwoFactor is set by a login whose password was right when the
	// account has its second factor (TOTP) on: the login is not done until
	// a code from the user's authenticator app, or a recovery code, is
	// checked too.
	TwoFactor bool `json:"-"`
	// Subunits are the units below UnitID in the tree (its children, their
	// children...), loaded with the user by the store: a parent unit reads
	// the reports of the units under it.
	Subunits []int64 `json:"-"`
	// UnitCode is the code of UnitID, loaded with a signed-in user so that
	// a request naming the user's own unit needs no lookup.
	UnitCode string `json:"-"`
}

// PeriodKind is what a round reports on.
type PeriodKind string

// The period kinds of DOCUMENTS.md.
const (
	PeriodMonth     PeriodKind = "month"
	PeriodQuarter   PeriodKind = "quarter"
	PeriodHalfYear  PeriodKind = "half-year"
	PeriodNineMonth PeriodKind = "nine-month"
	PeriodYear      PeriodKind = "year"
	PeriodOther     PeriodKind = "other"
)

// Period is the stretch of time a round reports on: "06 tháng đầu năm 2022"
// is {half-year, 2022, 1}.
type Period struct {
	Kind  PeriodKind `json:"kind"`
	Year  int        `json:"year"`
	Index int        `json:"index"` // month 1-12, quarter 1-4, half 1-2; 0 otherwise
}

// RoundStatus is where a round is in its life.
type RoundStatus string

// Round states.
const (
	RoundDraft  RoundStatus = "draft"  // being prepared by the office; units don't see it
	RoundOpen   RoundStatus = "open"   // published: units report
	RoundClosed RoundStatus = "closed" // no more submissions
)

// Round is one call for reports (đợt báo cáo): a directive, a period, a
// deadline and the units asked.
type Round struct {
	ID       int64       `json:"id"`
	Title    string      `json:"title"`
	Period   Period      `json:"period"`
	Deadline time.Time   `json:"deadline"` // the instant reports are due: "trước ngày 07/6" is 07/6 00:00 local
	Status   RoundStatus `json:"status"`

	// The directive the round comes from.
	Issuer         string   `json:"issuer"`
	DocNumber      string   `json:"doc_number"`
	DocSymbol      string   `json:"doc_symbol"`
	DocDate        string   `json:"doc_date"` // "YYYY-MM-DD" or "YYYY-MM" when the day is blank
	Subject        string   `json:"subject"`
	Source         string   `json:"-"` // the directive's text as received
	ReportContents []string `json:"report_contents"`

	CreatedAt   time.Time `json:"created_at"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	LockedAt    time.Time `json:"locked_at,omitzero"` // the office stopped submissions (units reopened one by one)
	// OriginalDeadline is the deadline the round was published with, once
	// the office has extended it (gia hạn); zero for a round never
	// extended. Deadline is always the one reports are judged against.
	OriginalDeadline time.Time `json:"original_deadline,omitzero"`

	// HeadApproval asks for the unit head's approval before a report goes
	// to the office; Brief says the directive asked for short reports.
	HeadApproval bool `json:"head_approval"`
	Brief        bool `json:"brief"`

	UnitIDs []int64 `json:"unit_ids"` // the units asked to report
	Tasks   []*Task `json:"tasks,omitempty"`
}

// Task is one numbered key task of a round. Its label is kept as written,
// even when the directive uses it twice.
type Task struct {
	ID        int64      `json:"id"`
	RoundID   int64      `json:"round_id"`
	Position  int        `json:"position"` // order in the directive, from 1
	Label     string     `json:"label"`
	Text      string     `json:"text"`
	Assignees []Assignee `json:"assignees"`
	Targets   []*Target  `json:"targets"`
}

// AssigneeRole says whether a unit owns a task or helps with it.
type AssigneeRole string

// Assignee roles.
const (
	Lead    AssigneeRole = "lead"
	Support AssigneeRole = "support"
)

// Assignee is a unit given a task.
type Assignee struct {
	UnitID int64        `json:"unit_id"`
	Role   AssigneeRole `json:"role"`
}

// Comparator compares an actual value with a target's.
type Comparator string

// Comparators.
const (
	AtLeast  Comparator = ">="
	MoreThan Comparator = ">"
	AtMost   Comparator = "<="
	LessThan Comparator = "<"
	Equal    Comparator = "="
)

// Target is a measurable goal inside a task (chỉ tiêu).
type Target struct {
	ID         int64      `json:"id"`
	TaskID     int64      `json:"task_id"`
	Position   int        `json:"position"`
	Text       string     `json:"text"`
	Comparator Comparator `json:"comparator"`
	Value      float64    `json:"value"`
	Unit       string     `json:"unit"`        // unit of measure: "%", "xã", "ha"
	Direction  string     `json:"direction"`   // "", "increase", "decrease"
	RelativeTo string     `json:"relative_to"` // "", "plan", "estimate", "same-period"
	// ReportedBy is the lead unit that reports this target's value, when a
	// task's lead units share its targets out ("căn cứ chức năng nhiệm vụ
	// của đơn vị mình": the schools to education, the health stations to
	// the health centre); 0 when every lead unit reports it, each its own.
	ReportedBy int64 `json:"reported_by,omitempty"`
}

// ReportedByUnit reports whether lead unit id reports tg's value.
func (tg *Target) ReportedByUnit(id int64) bool { return tg.ReportedBy == 0 || tg.ReportedBy == id }

// TargetsOf are the targets of t whose values lead unit id reports, in order.
func (t *Task) TargetsOf(id int64) []*Target {
	out := make([]*Target, 0, len(t.Targets))
	for _, tg := range t.Targets {
		if tg.ReportedByUnit(id) {
			out = append(out, tg)
		}
	}
	return out
}

// ReportStatus is where a unit report is in its life.
type ReportStatus string

// Unit report states.
const (
	ReportMissing   ReportStatus = "missing" // nothing saved yet
	ReportDraft     ReportStatus = "draft"
	ReportReview    ReportStatus = "review" // waiting for the unit head's approval
	ReportSubmitted ReportStatus = "submitted"
	ReportReturned  ReportStatus = "returned"
	ReportAccepted  ReportStatus = "accepted"
)

// Sent reports whether a report in this state is with the office, so that
// it counts in what the office consolidates: submitted, or accepted since.
// A draft, one waiting for the unit head and one the office returned for
// revision are still with the unit.
func (s ReportStatus) Sent() bool { return s == ReportSubmitted || s == ReportAccepted }

// Label is the Vietnamese name of the state.
func (s ReportStatus) Label() string {
	switch s {
	case ReportMissing:
		return "Chưa gửi"
	case ReportDraft:
		return "Đang soạn"
	case ReportReview:
		return "Chờ lãnh đạo đơn vị duyệt"
	case ReportSubmitted:
		return "Đã gửi"
	case ReportReturned:
		return "Trả lại"
	case ReportAccepted:
		return "Đã tiếp nhận"
	}
	return string(s)
}

// UnitReport is a unit's answer for one round (báo cáo của đơn vị).
type UnitReport struct {
	ID          int64        `json:"id"`
	RoundID     int64        `json:"round_id"`
	UnitID      int64        `json:"unit_id"`
	Status      ReportStatus `json:"status"`
	Version     int          `json:"version"`
	SubmittedAt time.Time    `json:"submitted_at,omitzero"`
	Late        bool         `json:"late"`
	UpdatedAt   time.Time    `json:"updated_at"`
	// ReturnComment is the office's reason when it returned the report.
	ReturnComment string     `json:"return_comment"`
	Sections      []*Section `json:"sections"`
	// Contributions are this unit's short texts on tasks it supports.
	Contributions []Contribution `json:"contributions"`
	Attachments   []Attachment   `json:"attachments"`
}

// Contribution is a supporting unit's short text on a task another unit leads.
type Contribution struct {
	TaskID int64  `json:"task_id"`
	UnitID int64  `json:"unit_id,omitempty"` // set when read by the lead unit
	Text   string `json:"text"`
}

// Attachment describes a file attached to a unit report.
type Attachment struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	CreatedAt   time.Time `json:"created_at"`
}

// Section is a unit report's answer for one task it leads.
type Section struct {
	TaskID          int64    `json:"task_id"`
	Status          string   `json:"status"` // self-assessed: completed, on_track, behind, not_started
	ResultVsPlan    string   `json:"result_vs_plan"`
	VsSamePeriod    string   `json:"vs_same_period"`
	Obstacles       string   `json:"obstacles"`
	Recommendations string   `json:"recommendations"`
	NextSteps       string   `json:"next_steps"`
	Actuals         []Actual `json:"actuals"`
}

// Actual is the value a unit reports for a target.
type Actual struct {
	TargetID   int64    `json:"target_id"`
	Value      *float64 `json:"value"`       // nil: not reported
	SamePeriod *float64 `json:"same_period"` // last year's value, when known
}

// ValidEmail accepts a bare address with a dotted domain: what a unit's or
// a person's mailbox looks like, and what catches "abc" and
// "abc@gmailcom". An empty address is the caller's to allow.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.ContainsAny(s, " ,;")
}
