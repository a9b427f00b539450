package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// A task carried from period to period has the same words in last
// period's closed round, in the round the units are reporting on, and in
// the next period's draft the office is preparing. The searcher looks for
// the one units work on: among equally good matches the draft comes last,
// whatever its age, and says it is a draft; once published it ranks as the
// newest round again.
func TestSearchRanksDraftRoundsLast(t *testing.T) {
	ctx := t.Context()
	s := storetest.Open(t)
	unit := &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ"}
	if err := s.CreateUnit(ctx, store.Actor{}, unit); err != nil {
		t.Fatal(err)
	}
	office := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader}
	for _, u := range []*tiendo.User{office, leader} {
		if err := s.CreateUser(ctx, store.Actor{}, u, "mật khẩu thử nghiệm"); err != nil {
			t.Fatal(err)
		}
	}
	// Oldest first, so that "newest round first" alone would put the
	// draft on top.
	rounds := map[string]*tiendo.Round{}
	for _, r := range []struct {
		name, title string
		status      tiendo.RoundStatus
	}{
		{"closed", "Báo cáo quý II năm 2026", tiendo.RoundClosed},
		{"open", "Báo cáo quý III năm 2026", tiendo.RoundOpen},
		{"draft", "Báo cáo quý IV năm 2026", tiendo.RoundDraft},
	} {
		round := &tiendo.Round{Title: r.title, Status: r.status, Deadline: time.Now().Add(72 * time.Hour),
			Tasks: []*tiendo.Task{{Label: "4", Text: "Đẩy mạnh cải cách thủ tục hành chính, chuyển đổi số", Assignees: []tiendo.Assignee{{UnitID: unit.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "tỷ lệ hồ sơ giải quyết trực tuyến đạt 80% trở lên", Comparator: tiendo.AtLeast, Value: 80, Unit: "%"}}}}}
		if err := s.CreateRound(ctx, store.Actor{}, round); err != nil {
			t.Fatalf("CreateRound(%s): %v", r.name, err)
		}
		rounds[r.name] = round
	}
	nameOf := map[int64]string{}
	for name, r := range rounds {
		nameOf[r.ID] = name
	}
	// found lists the results of kind as "round name" or "round name
	// (context)" when the result says more of where it belongs.
	found := func(u *tiendo.User, q, kind string) []string {
		t.Helper()
		res, err := s.Search(ctx, u, q, 0)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		var out []string
		for _, r := range res {
			if r.Kind != kind {
				continue
			}
			got := nameOf[r.RoundID]
			if strings.Contains(r.Context, "nháp") {
				got += " (" + r.Context + ")"
			}
			out = append(out, got)
		}
		return out
	}
	for _, c := range []struct {
		q, kind string
		want    []string
	}{
		{"cai cach thu tuc hanh chinh", store.SearchTask, []string{"open", "closed", "draft (Đợt báo cáo đang ở dạng nháp, các đơn vị chưa nhìn thấy)"}},
		{"ho so truc tuyen", store.SearchTarget, []string{"open", "closed", "draft (Chỉ tiêu của nhiệm vụ 4 · Báo cáo quý IV năm 2026 · bản nháp, các đơn vị chưa nhìn thấy)"}},
		{"bao cao quy nam 2026", store.SearchRound, []string{"open", "closed", "draft (Đợt báo cáo · bản nháp, các đơn vị chưa nhìn thấy)"}},
		// A task named by its number: the same order.
		{"nhiệm vụ 4", store.SearchTask, []string{"open", "closed", "draft (Đợt báo cáo đang ở dạng nháp, các đơn vị chưa nhìn thấy)"}},
	} {
		for _, u := range []*tiendo.User{office, leader} {
			if got := found(u, c.q, c.kind); !slices.Equal(got, c.want) {
				t.Errorf("%s searches %q: %s results\n got %q\nwant %q", u.Role, c.q, c.kind, got, c.want)
			}
		}
	}

	// Published, the draft is the newest live round, and first.
	if err := s.PublishRound(ctx, store.Actor{}, rounds["draft"].ID); err != nil {
		t.Fatal(err)
	}
	if got, want := found(office, "cai cach thu tuc hanh chinh", store.SearchTask), []string{"draft", "open", "closed"}; !slices.Equal(got, want) {
		t.Errorf("after publishing: got %q, want %q", got, want)
	}
}
