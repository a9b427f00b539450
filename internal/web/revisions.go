package web

import (
	"fmt"
	"net/http"
	"strconv"

	"tiendo"
	"tiendo/internal/diff"
	"tiendo/internal/store"
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
}

// handleRevisions lists every submission of a unit's report and shows what
// changed between two of them (by default the last two).
func (s *Server) handleRevisions(w http.ResponseWriter, r *http.Request) error {
	p, err := s.reportContext(r)
	if err != nil {
		return err
	}
	revs, err := s.store.Revisions(r.Context(), userFrom(r.Context()), p.Round.ID, p.Unit.ID)
	if err != nil {
		return err
	}
	data := revisionsPage{page: s.basePage(r, "Các lần gửi báo cáo của "+p.Unit.Name), Round: p.Round, Unit: p.Unit, Revisions: revs}
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
				add(fmt.Sprintf("g%d.value", a.TargetID), "Nhiệm vụ "+t.Label+": "+tg.Text)
				add(fmt.Sprintf("g%d.same", a.TargetID), "Nhiệm vụ "+t.Label+": "+tg.Text+" (cùng kỳ)")
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
