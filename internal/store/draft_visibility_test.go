package store_test

import (
	"slices"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A draft round is the office's work in progress: the leader reads it to
// approve its công văn, but a reader (Huyện ủy, HĐND) who reads every
// published round does not see it, in the list or by its address, until
// it is published.
func TestDraftRoundsHiddenFromReaders(t *testing.T) {
	f := newFixture(t)
	leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader}
	reader := &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}
	for _, u := range []*tiendo.User{leader, reader} {
		if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
	}
	r := &tiendo.Round{Title: "Đợt đang soạn", Deadline: time.Now().Add(48 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	listed := func(u *tiendo.User) bool {
		t.Helper()
		list, err := f.s.Rounds(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(list, func(x store.RoundSummary) bool { return x.ID == r.ID })
	}
	opens := func(u *tiendo.User) bool {
		_, err := f.s.Round(ctx, u, r.ID)
		if err != nil && tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
			t.Fatalf("Round(%s): %v", u.Username, err)
		}
		return err == nil
	}
	for _, c := range []struct {
		u    *tiendo.User
		sees bool
	}{{f.office, true}, {leader, true}, {reader, false}, {f.repA, false}} {
		if listed(c.u) != c.sees || opens(c.u) != c.sees {
			t.Errorf("%s: lists the draft %v, opens it %v; want %v", c.u.Username, listed(c.u), opens(c.u), c.sees)
		}
	}
	if err := f.s.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	if !listed(reader) || !opens(reader) {
		t.Errorf("the reader does not see the round once published")
	}
}
