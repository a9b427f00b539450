package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"tiendo"
	"tiendo/internal/store"
)

// reportTarget resolves the {id} and {unit} of a report path.
func (a *Server) reportTarget(r *http.Request) (roundID, unitID int64, err error) {
	if roundID, err = pathID(r, "id"); err != nil {
		return 0, 0, err
	}
	u := userFrom(r.Context())
	if unitID, err = a.store.UnitIDByCode(r.Context(), u, r.PathValue("unit")); err != nil {
		return 0, 0, err
	}
	if !tiendo.Allowed(u, tiendo.ActionReadReport, unitID) {
		return 0, 0, tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được truy cập báo cáo của đơn vị mình và các đơn vị trực thuộc.")
	}
	return roundID, unitID, nil
}

func (a *Server) handleReport(w http.ResponseWriter, r *http.Request) error {
	roundID, unitID, err := a.reportTarget(r)
	if err != nil {
		return err
	}
	rep, err := a.store.Report(r.Context(), userFrom(r.Context()), roundID, unitID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

// handleReportPut saves a draft. It takes the document GET returns, edited
// or not, or any part of it (see reportBody); a stale version gets 409 and
// changes nothing.
func (a *Server) handleReportPut(w http.ResponseWriter, r *http.Request) error {
	roundID, unitID, err := a.reportTarget(r)
	if err != nil {
		return err
	}
	var body reportBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.Version == nil {
		return errNoVersion()
	}
	var stored *tiendo.UnitReport
	if body.leavesOut() {
		// Read only when a member was left out: a client that sends back
		// the whole document, as GET gave it, costs no extra read. A save
		// in between is caught by the version, as any other.
		if stored, err = a.store.Report(r.Context(), userFrom(r.Context()), roundID, unitID); err != nil {
			return err
		}
	}
	rep := body.report(stored)
	// The path names the report; ids in the body cannot redirect the write.
	rep.RoundID, rep.UnitID = roundID, unitID
	// SaveReport leaves rep as the whole report now stored: no need to read it again.
	if err := a.store.SaveReport(r.Context(), actor(r), userFrom(r.Context()), rep); err != nil {
		return a.reportError(r, err, tiendo.ReportSave, roundID, unitID, *body.Version)
	}
	return writeReport(w, r, rep)
}

// reportBody is the body of a report's PUT: the document GET returns. Of
// it only version, sections and contributions are read; the rest (ids,
// state, dates, files) is accepted, so that GET's answer can be sent back
// as it is, and ignored: the path names the report and the store keeps its
// state.
//
// A save merges: a section or contribution left out of the list is kept,
// and so is a member left out of a section ("status", "result_vs_plan", …)
// or of a value ("value", "same_period"). A member sent replaces what is
// stored, "" or null included: "" clears a text, null a value. Without
// this, a section sent with its status alone blanked its five texts.
type reportBody struct {
	ID            int64               `json:"id"`
	RoundID       int64               `json:"round_id"`
	UnitID        int64               `json:"unit_id"`
	Status        tiendo.ReportStatus `json:"status"`
	Version       *int                `json:"version"` // required: nil when left out
	SubmittedAt   time.Time           `json:"submitted_at"`
	Late          bool                `json:"late"`
	UpdatedAt     time.Time           `json:"updated_at"`
	ReturnComment string              `json:"return_comment"`
	Sections      []sectionBody       `json:"sections"`
	Contributions []contributionBody  `json:"contributions"`
	Attachments   []tiendo.Attachment `json:"attachments"`
}

type sectionBody struct {
	TaskID          int64            `json:"task_id"`
	Status          optional[string] `json:"status"`
	ResultVsPlan    optional[string] `json:"result_vs_plan"`
	VsSamePeriod    optional[string] `json:"vs_same_period"`
	Obstacles       optional[string] `json:"obstacles"`
	Recommendations optional[string] `json:"recommendations"`
	NextSteps       optional[string] `json:"next_steps"`
	Actuals         []actualBody     `json:"actuals"`
}

type actualBody struct {
	TargetID   int64              `json:"target_id"`
	Value      optional[*float64] `json:"value"`
	SamePeriod optional[*float64] `json:"same_period"`
}

type contributionBody struct {
	TaskID int64            `json:"task_id"`
	UnitID int64            `json:"unit_id"` // as GET gives it to a lead unit; ignored
	Text   optional[string] `json:"text"`
}

// optional is a member that may be left out: Set says whether it was
// sent, null included (null sets V to its zero value).
type optional[T any] struct {
	Set bool
	V   T
}

// UnmarshalJSONFrom is called for every member present, null too, and
// never for one left out.
func (o *optional[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	o.Set = true
	return jsonv2.UnmarshalDecode(dec, &o.V)
}

// or is the value sent, or else the value stored.
func (o optional[T]) or(stored T) T {
	if o.Set {
		return o.V
	}
	return stored
}

// leavesOut reports whether a member of a section, value or contribution
// was left out, which the stored report must then fill in.
func (b *reportBody) leavesOut() bool {
	for _, sec := range b.Sections {
		if !sec.Status.Set || !sec.ResultVsPlan.Set || !sec.VsSamePeriod.Set || !sec.Obstacles.Set ||
			!sec.Recommendations.Set || !sec.NextSteps.Set {
			return true
		}
		for _, ac := range sec.Actuals {
			if !ac.Value.Set || !ac.SamePeriod.Set {
				return true
			}
		}
	}
	for _, c := range b.Contributions {
		if !c.Text.Set {
			return true
		}
	}
	return false
}

// report is the report to save: the body, with what it leaves out taken
// from stored (nil when it leaves out nothing). Entries are kept one for
// one, so that the store sees, and refuses, a task or target sent twice.
func (b *reportBody) report(stored *tiendo.UnitReport) *tiendo.UnitReport {
	oldSec := map[int64]*tiendo.Section{}
	oldVal := map[int64]tiendo.Actual{}
	oldText := map[int64]string{}
	if stored != nil {
		for _, sec := range stored.Sections {
			oldSec[sec.TaskID] = sec
			for _, ac := range sec.Actuals {
				oldVal[ac.TargetID] = ac
			}
		}
		for _, c := range stored.Contributions {
			oldText[c.TaskID] = c.Text
		}
	}
	rep := &tiendo.UnitReport{Version: *b.Version, Sections: make([]*tiendo.Section, 0, len(b.Sections))}
	for _, sb := range b.Sections {
		old := oldSec[sb.TaskID]
		if old == nil {
			old = &tiendo.Section{} // not the unit's to lead: the store refuses it
		}
		sec := &tiendo.Section{TaskID: sb.TaskID, Status: sb.Status.or(old.Status),
			ResultVsPlan: sb.ResultVsPlan.or(old.ResultVsPlan), VsSamePeriod: sb.VsSamePeriod.or(old.VsSamePeriod),
			Obstacles: sb.Obstacles.or(old.Obstacles), Recommendations: sb.Recommendations.or(old.Recommendations),
			NextSteps: sb.NextSteps.or(old.NextSteps), Actuals: make([]tiendo.Actual, 0, len(sb.Actuals))}
		for _, ab := range sb.Actuals {
			o := oldVal[ab.TargetID]
			sec.Actuals = append(sec.Actuals, tiendo.Actual{TargetID: ab.TargetID, Value: ab.Value.or(o.Value), SamePeriod: ab.SamePeriod.or(o.SamePeriod)})
		}
		rep.Sections = append(rep.Sections, sec)
	}
	for _, cb := range b.Contributions {
		rep.Contributions = append(rep.Contributions, tiendo.Contribution{TaskID: cb.TaskID, Text: cb.Text.or(oldText[cb.TaskID])})
	}
	return rep
}

// errNoVersion answers a save or a step sent without the version it was
// made on: taken as 0, it read as someone else's save (409).
func errNoVersion() error {
	return &tiendo.Error{Code: tiendo.EINVALID,
		Message: "Thiếu trường version: hãy gửi version của báo cáo như GET trả về (hoặc như câu trả lời của lần lưu hay thao tác gần nhất), để không ghi đè lên một lần lưu khác.",
		Fields:  map[string]string{"version": "Bắt buộc: số phiên bản của báo cáo đã đọc (0 khi báo cáo chưa được lưu lần nào)."}}
}

// reportHead is a report without its sections, contributions and files:
// the answer to a save or a step when the caller asked for no more with
// "Prefer: return=minimal" (RFC 7240). A script that pushes reports needs
// only the new version and state, and a full report is some 12 KB of JSON
// to write and to read back.
type reportHead struct {
	ID            int64               `json:"id"`
	RoundID       int64               `json:"round_id"`
	UnitID        int64               `json:"unit_id"`
	Status        tiendo.ReportStatus `json:"status"`
	Version       int                 `json:"version"`
	SubmittedAt   time.Time           `json:"submitted_at,omitzero"`
	Late          bool                `json:"late"`
	UpdatedAt     time.Time           `json:"updated_at"`
	ReturnComment string              `json:"return_comment"`
}

// writeReport answers a save or a step with the report now stored, or only
// its head when the request prefers a minimal return.
func writeReport(w http.ResponseWriter, r *http.Request, rep *tiendo.UnitReport) error {
	if !preferMinimal(r) {
		return writeJSON(w, http.StatusOK, rep)
	}
	w.Header().Set("Preference-Applied", "return=minimal")
	w.Header().Add("Vary", "Prefer")
	return writeJSON(w, http.StatusOK, reportHead{rep.ID, rep.RoundID, rep.UnitID, rep.Status, rep.Version,
		rep.SubmittedAt, rep.Late, rep.UpdatedAt, rep.ReturnComment})
}

// preferMinimal reports whether a Prefer header (RFC 7240) asks for
// return=minimal. Preferences are separated by commas, their parameters by
// semicolons, and may repeat over several headers.
func preferMinimal(r *http.Request) bool {
	for _, h := range r.Header.Values("Prefer") {
		for pref := range strings.SplitSeq(h, ",") {
			name, _, _ := strings.Cut(pref, ";")
			if k, v, ok := strings.Cut(name, "="); ok && strings.EqualFold(strings.TrimSpace(k), "return") &&
				strings.EqualFold(strings.Trim(strings.TrimSpace(v), `"`), "minimal") {
				return true
			}
		}
	}
	return false
}

type actBody struct {
	Version int    `json:"version"`
	Comment string `json:"comment"`
	Confirm bool   `json:"confirm"`
}

// reportActBody is the body of a report's step: actBody, whose version
// must be sent (0 is a version: a report never saved).
type reportActBody struct {
	Version *int   `json:"version"` // nil when left out
	Comment string `json:"comment"`
	Confirm bool   `json:"confirm"`
}

// reportAction returns the handler for one step of the report's life. The
// store checks who may take it (tiendo.ReportAction.Permission, and the
// head's approval a round asks for), as it does for the report page.
func (a *Server) reportAction(action tiendo.ReportAction) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		roundID, unitID, err := a.reportTarget(r)
		if err != nil {
			return err
		}
		var body reportActBody
		if err := decode(w, r, &body); err != nil {
			return err
		}
		if body.Version == nil {
			return errNoVersion()
		}
		rep, err := a.store.ActOnReport(r.Context(), actor(r), userFrom(r.Context()), roundID, unitID,
			store.ActRequest{Action: action, Version: *body.Version, Comment: body.Comment, Confirm: body.Confirm})
		if err != nil {
			return a.reportError(r, err, action, roundID, unitID, *body.Version)
		}
		return writeReport(w, r, rep)
	}
}

// reportError gives the API its own wording where the store's message, the
// report page's, speaks of the page: a button to press, a box to tick, a
// page to reload. It goes by the error's code and fields and by the step;
// the one text it rewrites is the confirm field's closing instruction,
// which tiendo.CheckReport builds from tiendo.ConfirmLabel, so the two
// cannot drift apart unnoticed (a test checks the API's wording).
func (a *Server) reportError(r *http.Request, err error, action tiendo.ReportAction, roundID, unitID int64, version int) error {
	var e *tiendo.Error
	if !errors.As(err, &e) {
		return err
	}
	switch {
	case e.Code == tiendo.ECONFLICT && e.Fields["version"] != "":
		// A save overtaken by another (store.staleError): its field says
		// which versions.
		return &tiendo.Error{Code: e.Code, Message: staleMessage, Fields: e.Fields}
	case e.Code == tiendo.ECONFLICT && action != tiendo.ReportSave:
		// A step on a version that is no longer the report's ("hãy tải lại
		// trang"), or a state the step does not apply to: which one, the
		// report says.
		if cur, rerr := a.store.Report(r.Context(), userFrom(r.Context()), roundID, unitID); rerr == nil && cur.Version != version {
			return &tiendo.Error{Code: e.Code, Message: staleMessage,
				Fields: map[string]string{"version": fmt.Sprintf("Phiên bản hiện tại là %d; yêu cầu gửi phiên bản %d.", cur.Version, version)}}
		}
	case e.Code == tiendo.EINVALID && len(e.Fields) > 0 && (action == tiendo.ReportSubmit || action == tiendo.ReportSendForReview):
		// tiendo.CheckReport: "hãy bổ sung các ô được đánh dấu", and a box
		// to tick for values out of the ordinary.
		fields := make(map[string]string, len(e.Fields))
		for k, v := range e.Fields {
			fields[k] = v
		}
		if msg, ok := fields["confirm"]; ok {
			fields["confirm"] = strings.Replace(msg, "hãy đánh dấu ô “"+tiendo.ConfirmLabel+"” rồi gửi lại.", `hãy gửi lại với "confirm": true.`, 1)
		}
		return &tiendo.Error{Code: e.Code, Fields: fields,
			Message: "Báo cáo chưa đủ để gửi: xem từng trường trong fields (t<mã nhiệm vụ>.status, t<mã nhiệm vụ>.result_vs_plan, g<mã chỉ tiêu>.value, confirm) rồi gửi lại."}
	case e.Code == tiendo.EFORBIDDEN && action == tiendo.ReportSubmit && userFrom(r.Context()).Role != tiendo.RoleUnitHead:
		// The round asks for the unit head's approval: "hãy bấm “Trình
		// lãnh đạo đơn vị duyệt”".
		if round, rerr := a.store.RoundForUnit(r.Context(), userFrom(r.Context()), roundID, unitID); rerr == nil && round.HeadApproval {
			return tiendo.Errorf(tiendo.EFORBIDDEN, "Đợt này yêu cầu lãnh đạo đơn vị duyệt trước khi gửi: cán bộ trình duyệt bằng POST /api/v1/rounds/%d/reports/%s/review, rồi lãnh đạo đơn vị gửi đến Văn phòng bằng POST …/submit (hoặc trả lại bằng POST …/head-return).",
				roundID, r.PathValue("unit"))
		}
	}
	return err
}

// staleMessage is the API's answer to a save or a step made on a version
// another save has overtaken; its "version" field says which versions.
const staleMessage = "Báo cáo đã được lưu ở nơi khác sau phiên bản bạn gửi nên thao tác chưa được thực hiện và không có gì thay đổi. Hãy GET lại báo cáo, áp lại thay đổi của bạn lên bản đó rồi gửi với version mới."

type revisionItem struct {
	Number        int                `json:"number"` // 1 for the first submission, in order
	Version       int                `json:"version"`
	SubmittedAt   string             `json:"submitted_at"`
	SubmittedBy   string             `json:"submitted_by"`   // username, "" when unknown
	SubmitterName string             `json:"submitter_name"` // full name, else the username
	ApprovedBy    string             `json:"approved_by"`    // the unit head who approved it, username; "" when none
	ApproverName  string             `json:"approver_name"`  // the head's full name, else the username
	Late          bool               `json:"late"`
	Report        *tiendo.UnitReport `json:"report"`
}

func (a *Server) handleRevisions(w http.ResponseWriter, r *http.Request) error {
	roundID, unitID, err := a.reportTarget(r)
	if err != nil {
		return err
	}
	revs, err := a.store.Revisions(r.Context(), userFrom(r.Context()), roundID, unitID)
	if err != nil {
		return err
	}
	items := make([]revisionItem, 0, len(revs))
	for _, rv := range revs {
		items = append(items, revisionItem{rv.Number, rv.Version, rv.SubmittedAt.Format("2006-01-02T15:04:05Z07:00"), rv.SubmittedBy, rv.SubmitterName,
			rv.ApprovedBy, rv.ApproverName, rv.Late, rv.Report})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"revisions": items})
}
