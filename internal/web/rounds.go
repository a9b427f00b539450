package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"

	"tiendo"
	"tiendo/internal/store"
)

func (s *Server) unitMap(ctx context.Context) (map[int64]*tiendo.Unit, []*tiendo.Unit, error) {
	units, err := s.store.Units(ctx)
	if err != nil {
		return nil, nil, err
	}
	m := make(map[int64]*tiendo.Unit, len(units))
	for _, u := range units {
		m[u.ID] = u
	}
	return m, units, nil
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tiendo.Errorf(tiendo.ENOTFOUND, "Địa chỉ không hợp lệ: %q không phải là mã số.", r.PathValue("id"))
	}
	return id, nil
}

// myRound is a round as a unit sees it on its home page.
type myRound struct {
	store.RoundSummary
	State *store.ReportState
	// Return is why the report is back with the unit, when it is: who
	// returned it, when, and their reason (store.LastReturn).
	Return *store.Return
	Lead   []*tiendo.Task // tasks the unit leads
	Help   []*tiendo.Task // tasks the unit supports
}

// sortMine orders a unit's rounds by what the unit has to do: first the
// open rounds whose report it still has to send (or send again), the
// nearest deadline first; then the open rounds it has sent, or where only
// its units below report; then the closed rounds. Within the last two the
// store's order stays: the newest deadline first.
func sortMine(rounds []myRound) {
	group := func(m myRound) int {
		switch {
		case m.Status != tiendo.RoundOpen:
			return 2
		case m.State != nil && !m.State.Status.Sent():
			return 0
		}
		return 1
	}
	slices.SortStableFunc(rounds, func(a, b myRound) int {
		ga, gb := group(a), group(b)
		if ga != gb {
			return cmp.Compare(ga, gb)
		}
		if ga == 0 {
			return a.Deadline.Compare(b.Deadline)
		}
		return 0
	})
}

type homePage struct {
	page
	Live    []store.RoundSummary // open rounds
	Past    []store.RoundSummary // closed rounds, and drafts for those who prepare them
	Mine    []myRound            // for unit users
	Pending []store.PendingDoc   // documents waiting for this leader's approval
	Office  []store.PendingDoc   // documents waiting for the office: to issue, or to fix
	Issued  []registerLine       // the newest issued documents, for whoever reads the register
	Unit    *tiendo.Unit
	Counts  struct{ Units, Users int }
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	data := homePage{page: s.basePage(r, "Trang chủ")}
	rounds, err := s.store.Rounds(r.Context(), u)
	if err != nil {
		return err
	}
	if u.Role.UnitScoped() {
		data.Title = "Việc của tôi"
		if data.Unit, err = s.store.Unit(r.Context(), u.UnitID); err != nil {
			return err
		}
		for _, sum := range rounds {
			// Only the unit's part of the round: a province's round has
			// tens of thousands of assignments this page does not need.
			round, err := s.store.RoundForUnit(r.Context(), u, sum.ID, u.UnitID)
			if err != nil {
				return err
			}
			state, err := s.store.UnitReportState(r.Context(), sum.ID, u.UnitID)
			if err != nil {
				return err
			}
			m := myRound{RoundSummary: sum, State: state}
			if st := m.State; st != nil && (st.Status == tiendo.ReportReturned || st.HeadReturned) {
				if m.Return, err = s.store.LastReturn(r.Context(), u, sum.ID, u.UnitID); tiendo.ErrorCode(err) == tiendo.ENOTFOUND {
					err = nil
				}
				if err != nil {
					return err
				}
			}
			for _, t := range round.Tasks {
				for _, a := range t.Assignees {
					if a.UnitID != u.UnitID {
						continue
					}
					if a.Role == tiendo.Lead {
						m.Lead = append(m.Lead, t)
					} else {
						m.Help = append(m.Help, t)
					}
				}
			}
			data.Mine = append(data.Mine, m)
		}
		sortMine(data.Mine)
		return s.render(w, http.StatusOK, "home_unit", data)
	}
	if data.Pending, err = s.store.PendingDocs(r.Context(), u); err != nil {
		return err
	}
	if data.Office, err = s.store.DocsForOffice(r.Context(), u); err != nil {
		return err
	}
	// What was issued last: a reader's (Huyện ủy, HĐND) main reason to come.
	if worksWithRegister(u) {
		lines, err := s.store.RecentlyIssued(r.Context(), u, 5)
		if err != nil {
			return err
		}
		for _, l := range lines {
			data.Issued = append(data.Issued, newRegisterLine(l))
		}
	}
	// A draft round is the office's work in progress. A leader sees drafts
	// only to approve their công văn, and one waiting for that is listed
	// in Pending above: the other drafts are not theirs to act on yet.
	drafts := tiendo.Allowed(u, tiendo.ActionManageRounds, 0)
	for _, sum := range rounds {
		switch {
		case sum.Status == tiendo.RoundOpen:
			data.Live = append(data.Live, sum)
		case sum.Status != tiendo.RoundDraft || drafts:
			data.Past = append(data.Past, sum)
		}
	}
	return s.render(w, http.StatusOK, "home", data)
}

type roundListPage struct {
	page
	Rounds []store.RoundSummary
	Notice string
}

func (s *Server) handleRoundList(w http.ResponseWriter, r *http.Request) error {
	rounds, err := s.store.Rounds(r.Context(), userFrom(r.Context()))
	if err != nil {
		return err
	}
	data := roundListPage{page: s.basePage(r, "Đợt báo cáo"), Rounds: rounds}
	if r.URL.Query().Get("ok") == "deleted" {
		data.Notice = "Đã xóa đợt báo cáo nháp."
	}
	return s.render(w, http.StatusOK, "rounds", data)
}
