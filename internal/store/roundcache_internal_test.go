package store

import (
	"context"
	"path/filepath"
	"testing"

	"tiendo"
)

// Round keeps only what may be read again soon: not a round its caller may
// not see (asked of the database before anything is loaded), and not a
// closed round, read for its history, which would push the open rounds out.
func TestRoundKeepsOnlyOpenRoundsItShows(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	unit, other := &tiendo.Unit{Code: "xa1", Name: "UBND xã Một"}, &tiendo.Unit{Code: "xa2", Name: "UBND xã Hai"}
	for _, u := range []*tiendo.Unit{unit, other} {
		if err := s.CreateUnit(ctx, Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	newRound := func(title string) *tiendo.Round {
		r := &tiendo.Round{Title: title, Deadline: tiendo.DeadlineBefore(2030, 1, 1), Status: tiendo.RoundOpen, UnitIDs: []int64{unit.ID},
			Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ", Assignees: []tiendo.Assignee{{UnitID: unit.ID, Role: tiendo.Lead}}}}}
		if err := s.CreateRound(ctx, Actor{}, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	cached := func(id int64) bool {
		s.roundCache.mu.Lock()
		defer s.roundCache.mu.Unlock()
		return s.roundCache.rounds[id] != nil
	}
	office := &tiendo.User{ID: 1, Role: tiendo.RoleOffice}
	open, closed := newRound("Đợt đang mở"), newRound("Đợt đã đóng")
	if err := s.CloseRound(ctx, Actor{}, closed.ID); err != nil {
		t.Fatal(err)
	}

	if _, err := s.Round(ctx, &tiendo.User{Role: tiendo.RoleReporter, UnitID: other.ID}, open.ID); tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
		t.Fatalf("a unit not asked: %v, want not found", err)
	}
	if cached(open.ID) {
		t.Error("a refused read left the round in the cache")
	}
	if got, err := s.Round(ctx, office, closed.ID); err != nil || got.Status != tiendo.RoundClosed || len(got.Tasks) != 1 || len(got.Tasks[0].Assignees) != 1 {
		t.Fatalf("closed round: %+v, %v", got, err)
	}
	if cached(closed.ID) {
		t.Error("a closed round was kept in the cache")
	}
	if _, err := s.Round(ctx, office, open.ID); err != nil {
		t.Fatal(err)
	}
	if !cached(open.ID) {
		t.Error("an open round read by the office was not kept")
	}
}
