package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"tiendo"
	"tiendo/internal/store"
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
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d", round.ID), http.StatusSeeOther)
	return nil
}

func successorFromForm(r *http.Request) (store.Successor, error) {
	year, _ := strconv.Atoi(r.PostFormValue("period_year"))
	index, _ := strconv.Atoi(r.PostFormValue("period_index"))
	day, err := time.ParseInLocation("2006-01-02", r.PostFormValue("deadline"), tiendo.Zone)
	if err != nil {
		return store.Successor{}, &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy chọn hạn gửi báo cáo của đợt mới.",
			Fields: map[string]string{"deadline": "Hãy chọn ngày."}}
	}
	return store.Successor{Title: r.PostFormValue("title"), Deadline: day, Unfinished: r.PostFormValue("unfinished") == "on",
		Period: tiendo.Period{Kind: tiendo.PeriodKind(r.PostFormValue("period_kind")), Year: year, Index: index}}, nil
}

type seriesPage struct {
	page
	Target *tiendo.Target
	Points []store.SeriesPoint
	Units  map[int64]*tiendo.Unit
	Chart  []chartPoint
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
	units, _, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	p := seriesPage{page: s.basePage(r, "Chỉ tiêu qua các kỳ"), Target: tg, Points: points, Units: units}
	for _, pt := range points {
		if pt.Value != nil {
			p.Chart = append(p.Chart, chartPoint{fmt.Sprintf("%s (%s)", periodLabel(pt.Period), unitName(units, pt.UnitID)), *pt.Value})
		}
	}
	return s.render(w, http.StatusOK, "series", p)
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
