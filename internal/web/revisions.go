package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/diff"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

// fieldDiff is one field's change between two revisions.
type fieldDiff struct {
	Label string
	Parts []diff.Part
}

type revisionsPage struct {
	page
	Round     *tiendo.Round
	Unit      *tiendo.Unit
	Revisions []store.Revision
	// A and B are the compared submissions. The query names them by version
	// (?a=4&b=6), which stays the same for a submission; the page names them
	// by their number, which is what people count.
	A, B    *store.Revision
	Changes []fieldDiff
	Current bool // the user may open the report as it is now (currentReadable)
	// After holds, by a submission's number, the times the report went
	// back to its unit after that submission (0: before the first), each
	// with its reason: what the next submission answers.
	After map[int][]store.Return
}

// handleRevisions lists every submission of a unit's report and shows what
// changed between two of them (by default the last two).
func (s *Server) handleRevisions(w http.ResponseWriter, r *http.Request) error {
	p, err := s.submissionsContext(r)
	if err != nil {
		return err
	}
	revs, err := s.store.Revisions(r.Context(), userFrom(r.Context()), p.Round.ID, p.Unit.ID)
	if err != nil {
		return err
	}
	returns, err := s.store.Returns(r.Context(), userFrom(r.Context()), p.Round.ID, p.Unit.ID)
	if err != nil {
		return err
	}
	data := revisionsPage{page: s.basePage(r, "Các lần gửi báo cáo của "+p.Unit.Name), Round: p.Round, Unit: p.Unit, Revisions: revs,
		After: returnsAfter(revs, returns)}
	if data.Current, err = s.currentReadable(r, p); err != nil {
		return err
	}
	if len(revs) >= 2 {
		va, vb := revs[len(revs)-2].Version, revs[len(revs)-1].Version
		if a, err := strconv.Atoi(r.URL.Query().Get("a")); err == nil {
			va = a
		}
		if b, err := strconv.Atoi(r.URL.Query().Get("b")); err == nil {
			vb = b
		}
		for i := range revs {
			if revs[i].Version == va {
				data.A = &revs[i]
			}
			if revs[i].Version == vb {
				data.B = &revs[i]
			}
		}
		if data.A == nil || data.B == nil {
			return tiendo.Errorf(tiendo.ENOTFOUND, "Không có lần gửi nào ở phiên bản %d hoặc %d. Hãy chọn hai lần gửi trong danh sách.", va, vb)
		}
		data.Changes = compareReports(p, data.A.Report, data.B.Report)
	}
	return s.render(w, http.StatusOK, "revisions", data)
}

// returnsAfter files each return under the last submission made before it:
// versions only grow, so that is the last one with a lower version than the
// return gave the report (clocks can tie; versions cannot).
func returnsAfter(revs []store.Revision, returns []store.Return) map[int][]store.Return {
	out := map[int][]store.Return{}
	for _, ret := range returns {
		n := 0
		for _, rv := range revs {
			if rv.Version < ret.Version {
				n = rv.Number
			}
		}
		out[n] = append(out[n], ret)
	}
	return out
}

// compareReports lists the fields that differ between two revisions.
func compareReports(p *reportPage, a, b *tiendo.UnitReport) []fieldDiff {
	va, vb := reportValues(a), reportValues(b)
	var out []fieldDiff
	add := func(key, label string) {
		if parts := diff.Words(va[key], vb[key]); diff.Changed(parts) {
			out = append(out, fieldDiff{label, parts})
		}
	}
	for _, sec := range b.Sections {
		t := p.Tasks[sec.TaskID]
		if t == nil {
			continue
		}
		prefix := fmt.Sprintf("t%d.", sec.TaskID)
		add(prefix+"status", "Nhiệm vụ "+t.Label+": tình trạng")
		for _, n := range narrativeFields {
			add(prefix+n.Key, "Nhiệm vụ "+t.Label+": "+n.Label)
		}
		for _, a := range sec.Actuals {
			if tg := p.Target[a.TargetID]; tg != nil {
				// The values are compared as written, without their unit
				// of measure: the label says it ("40,1" is in %).
				unit := ""
				if u := strings.TrimSpace(tg.Unit); u != "" {
					unit = ", " + u
				}
				add(fmt.Sprintf("g%d.value", a.TargetID), "Nhiệm vụ "+t.Label+": "+tg.Text+" (thực hiện"+unit+")")
				add(fmt.Sprintf("g%d.same", a.TargetID), "Nhiệm vụ "+t.Label+": "+tg.Text+" (cùng kỳ"+unit+")")
			}
		}
	}
	for _, c := range b.Contributions {
		if t := p.Tasks[c.TaskID]; t != nil {
			add(fmt.Sprintf("c%d.text", c.TaskID), "Phối hợp nhiệm vụ "+t.Label)
		}
	}
	return out
}

// revisionPage shows one submission whole, as it was sent.
type revisionPage struct {
	page
	Round *tiendo.Round
	Unit  *tiendo.Unit
	Rev   *store.Revision
	// Prev and Next are the neighbouring submissions, nil at either end;
	// Count is how many there are.
	Prev, Next    *store.Revision
	Count         int
	Sections      []revisionSection
	Contributions []revisionText
	Current       bool // the user may open the report as it is now (currentReadable)
}

// currentReadable reports whether the user may open the unit's report as
// it is now. A reader reads only what was sent (tiendo.ReadsSentOnly): a
// report returned for revision is the unit's working copy again, and the
// submissions pages, which the reader may read, then do not link it.
func (s *Server) currentReadable(r *http.Request, p *reportPage) (bool, error) {
	u := userFrom(r.Context())
	if !tiendo.ReadsSentOnly(u) {
		return true, nil
	}
	_, err := s.store.Report(r.Context(), u, p.Round.ID, p.Unit.ID)
	switch tiendo.ErrorCode(err) {
	case "":
		return true, nil
	case tiendo.EFORBIDDEN: // not sent: the unit's working copy
		return false, nil
	}
	return false, err
}

// revisionSection is a task's section of a submission, ready to print:
// numbers are written the Vietnamese way, as the report page writes them.
type revisionSection struct {
	Label, Text string // the task's label and text; Label is empty when the round no longer has the task
	Status      string // the value; the template names it
	Actuals     []revisionActual
	Narratives  []revisionText
}

type revisionActual struct {
	Target, Goal, Value, Same, Verdict string
}

// revisionText is a labelled text of a submission.
type revisionText struct{ Label, Text string }

// FileSize writes a file's size as the report page does.
func (revisionPage) FileSize(n int64) string { return (*reportPage)(nil).FileSize(n) }

// handleRevision shows submission n (counted from 1, as the list counts
// them) of a unit's report as it was sent, read-only and printable: what
// exactly went to the office on a given day.
func (s *Server) handleRevision(w http.ResponseWriter, r *http.Request) error {
	// The report's access check comes first, so that whoever may not read
	// it learns nothing about its submissions, not even how many there are.
	p, err := s.submissionsContext(r)
	if err != nil {
		return err
	}
	revs, err := s.store.Revisions(r.Context(), userFrom(r.Context()), p.Round.ID, p.Unit.ID)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > len(revs) {
		if len(revs) == 0 {
			return tiendo.Errorf(tiendo.ENOTFOUND, "%s chưa gửi báo cáo lần nào trong đợt này, nên chưa có lần gửi nào để xem.", p.Unit.Name)
		}
		return tiendo.Errorf(tiendo.ENOTFOUND, "Không có lần gửi thứ %s: báo cáo của %s mới được gửi %d lần. Hãy chọn một lần gửi trong danh sách “Các lần gửi”.",
			r.PathValue("n"), p.Unit.Name, len(revs))
	}
	rev := &revs[n-1]
	data := revisionPage{page: s.basePage(r, fmt.Sprintf("Lần gửi thứ %d · Báo cáo của %s", n, p.Unit.Name)),
		Round: p.Round, Unit: p.Unit, Rev: rev, Count: len(revs)}
	if data.Current, err = s.currentReadable(r, p); err != nil {
		return err
	}
	if n > 1 {
		data.Prev = &revs[n-2]
	}
	if n < len(revs) {
		data.Next = &revs[n]
	}
	data.Sections, data.Contributions = revisionContent(p, rev.Report)
	return s.render(w, http.StatusOK, "revision", data)
}

// revisionContent lays out a submitted report for reading. The tasks and
// targets are the round's as they are now (a submission keeps only what the
// unit wrote); a task the round no longer has still shows what was sent.
func revisionContent(p *reportPage, rep *tiendo.UnitReport) ([]revisionSection, []revisionText) {
	num := func(f *float64, unit string) string {
		if f == nil {
			return ""
		}
		return vi.FormatNumber(*f, -1) + unitSuffix(unit)
	}
	var secs []revisionSection
	for _, sec := range rep.Sections {
		out := revisionSection{Status: sec.Status}
		if t := p.Tasks[sec.TaskID]; t != nil {
			out.Label, out.Text = t.Label, t.Text
		}
		for _, a := range sec.Actuals {
			tg := p.Target[a.TargetID]
			if tg == nil {
				tg = &tiendo.Target{Text: "Chỉ tiêu không còn trong đợt"}
			}
			ra := revisionActual{Target: vi.Capitalize(tg.Text), Value: num(a.Value, tg.Unit), Same: num(a.SamePeriod, tg.Unit)}
			if p.Target[a.TargetID] != nil {
				ra.Goal = goalLabel(tg)
				if a.Value != nil {
					verdict, _ := tiendo.Assess(tg, a.Value)
					ra.Verdict = verdict.Label()
					if w := consolidate.RatioWords(tg, a.Value); w != "" {
						ra.Verdict += " · " + w
					}
				}
			}
			out.Actuals = append(out.Actuals, ra)
		}
		texts := map[string]string{"result_vs_plan": sec.ResultVsPlan, "vs_same_period": sec.VsSamePeriod,
			"obstacles": sec.Obstacles, "recommendations": sec.Recommendations, "next_steps": sec.NextSteps}
		for _, f := range narrativeFields {
			out.Narratives = append(out.Narratives, revisionText{f.Label, texts[f.Key]})
		}
		secs = append(secs, out)
	}
	var contribs []revisionText
	for _, c := range rep.Contributions {
		label := "Phối hợp nhiệm vụ (không còn trong đợt)"
		if t := p.Tasks[c.TaskID]; t != nil {
			label = "Phối hợp nhiệm vụ " + t.Label
		}
		contribs = append(contribs, revisionText{label, c.Text})
	}
	return secs, contribs
}

func (s *Server) handleRoundLock(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	if err := s.store.LockRound(r.Context(), actor(r), id, r.PostFormValue("lock") != "0"); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d", id), http.StatusSeeOther)
	return nil
}

func (s *Server) handleRoundReopen(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	unit, err := s.store.UnitByCode(r.Context(), r.PathValue("unit"))
	if err != nil {
		return err
	}
	if err := s.store.ReopenUnit(r.Context(), actor(r), id, unit.ID); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d", id), http.StatusSeeOther)
	return nil
}
