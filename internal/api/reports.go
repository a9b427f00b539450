package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

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

// handleReportPut saves a draft. It takes exactly the document GET returns,
// edited or not; a stale version gets 409 and changes nothing.
func (a *Server) handleReportPut(w http.ResponseWriter, r *http.Request) error {
	roundID, unitID, err := a.reportTarget(r)
	if err != nil {
		return err
	}
	var rep tiendo.UnitReport
	if err := decode(w, r, &rep); err != nil {
		return err
	}
	// The path names the report; ids in the body cannot redirect the write.
	rep.RoundID, rep.UnitID = roundID, unitID
	if err := a.checkValues(r, &rep); err != nil {
		return err
	}
	// SaveReport leaves rep as the whole report now stored: no need to read it again.
	if err := a.store.SaveReport(r.Context(), actor(r), userFrom(r.Context()), &rep); err != nil {
		return err
	}
	return writeReport(w, r, &rep)
}

// checkValues refuses the values the report's targets cannot take, by the
// rule the web form follows (tiendo.Target.CheckValue). The API's values are
// JSON numbers, never written with "%", so only a negative one can be
// refused: the round's targets are read only when there is one, and a save
// of ordinary values costs nothing more. Fields are keyed as
// tiendo.CheckReport keys them ("g<target id>.value", "g<target id>.same").
func (a *Server) checkValues(r *http.Request, rep *tiendo.UnitReport) error {
	negative := false
	for _, sec := range rep.Sections {
		for _, ac := range sec.Actuals {
			negative = negative || ac.Value != nil && *ac.Value < 0 || ac.SamePeriod != nil && *ac.SamePeriod < 0
		}
	}
	if !negative {
		return nil
	}
	round, err := a.store.RoundForUnit(r.Context(), userFrom(r.Context()), rep.RoundID, rep.UnitID)
	if err != nil {
		return err
	}
	targets := map[int64]*tiendo.Target{}
	for _, t := range round.Tasks {
		for _, tg := range t.Targets {
			targets[tg.ID] = tg
		}
	}
	fields := map[string]string{}
	for _, sec := range rep.Sections {
		for _, ac := range sec.Actuals {
			tg := targets[ac.TargetID]
			if tg == nil {
				continue // not this round's: the store refuses it
			}
			for key, v := range map[string]*float64{"value": ac.Value, "same": ac.SamePeriod} {
				if v == nil {
					continue
				}
				if err := tg.CheckValue(*v, ""); err != nil {
					fields["g"+strconv.FormatInt(ac.TargetID, 10)+"."+key] = tiendo.ErrorMessage(err)
				}
			}
		}
	}
	if len(fields) > 0 {
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Có số liệu mà chỉ tiêu không thể nhận: xem từng trường trong fields. Báo cáo chưa được lưu.", Fields: fields}
	}
	return nil
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

// reportAction returns the handler for one step of the report's life.
func (a *Server) reportAction(action tiendo.ReportAction) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		roundID, unitID, err := a.reportTarget(r)
		if err != nil {
			return err
		}
		var body actBody
		if err := decode(w, r, &body); err != nil {
			return err
		}
		rep, err := a.store.ActOnReport(r.Context(), actor(r), userFrom(r.Context()), roundID, unitID,
			store.ActRequest{Action: action, Version: body.Version, Comment: body.Comment, Confirm: body.Confirm})
		if err != nil {
			return err
		}
		return writeReport(w, r, rep)
	}
}

type revisionItem struct {
	Number        int                `json:"number"` // 1 for the first submission, in order
	Version       int                `json:"version"`
	SubmittedAt   string             `json:"submitted_at"`
	SubmittedBy   string             `json:"submitted_by"`   // username, "" when unknown
	SubmitterName string             `json:"submitter_name"` // full name, else the username
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
		items = append(items, revisionItem{rv.Number, rv.Version, rv.SubmittedAt.Format("2006-01-02T15:04:05Z07:00"), rv.SubmittedBy, rv.SubmitterName, rv.Late, rv.Report})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"revisions": items})
}
