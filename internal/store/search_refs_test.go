package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/store"
)

// A query naming a task by its number finds that task first, in every
// round the user sees, newest round first; then what mentions the words,
// the number standing alone before the number inside a decimal or a
// percentage.
func TestSearchTaskByNumber(t *testing.T) {
	w := newSearchWorld(t)
	w.write(t, w.repA, "Nhiệm vụ đạt 11,3% kế hoạch, 35% dự toán.")
	w.write(t, w.repB, "Nhiệm vụ bồi thường còn 3 hộ chưa bàn giao.")
	task3 := w.open.Tasks[2]
	for _, q := range []string{"nhiệm vụ 3", "nhiem vu 3", "NV 3", "nv3", "Nhiệm vụ số 3"} {
		res, err := w.s.Search(t.Context(), w.office, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) == 0 || res[0].Kind != store.SearchTask || res[0].TaskID != task3.ID {
			t.Errorf("%q: first result %+v, want task 3 of the open round", q, first(res))
		}
	}
	// Task 1 is in three rounds the office sees: newest first, the draft
	// after the rounds sent to the units, and before anything else.
	res, err := w.s.Search(t.Context(), w.office, "nhiệm vụ 1", 0)
	if err != nil {
		t.Fatal(err)
	}
	var rounds []int64
	for _, r := range res[:min(3, len(res))] {
		if r.Kind == store.SearchTask {
			rounds = append(rounds, r.RoundID)
		}
	}
	if want := []int64{w.other.ID, w.open.ID, w.draft.ID}; !slices.Equal(rounds, want) {
		t.Errorf("nhiệm vụ 1: the first tasks are of rounds %v, want %v", rounds, want)
	}
	// A unit finds only the tasks of the rounds it is asked in.
	res, err = w.s.Search(t.Context(), w.repA, "nhiệm vụ 1", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.RoundID != w.open.ID {
			t.Errorf("unit a finds %s of round %d, which does not ask it", r.Kind, r.RoundID)
		}
	}

	// After the task, b's "3 hộ" before a's "11,3%" and "35%".
	res, err = w.s.Search(t.Context(), w.office, "nhiệm vụ 3", 0)
	if err != nil {
		t.Fatal(err)
	}
	var units []string
	for _, r := range res {
		if r.Kind == store.SearchSection {
			units = append(units, r.UnitCode)
		}
	}
	if i := slices.Index(units, w.a.Code); i < 0 || slices.Contains(units[i:], w.b.Code) || !slices.Contains(units, w.b.Code) {
		t.Errorf("sections in order %v, want b's (the number on its own) before a's (inside 11,3%% and 35%%)", units)
	}
}

func first(res []store.SearchResult) any {
	if len(res) == 0 {
		return nil
	}
	return res[0]
}

// A task result opens the round at the task's own row.
func TestSearchTaskLinksToItsRow(t *testing.T) {
	w := newSearchWorld(t)
	res, err := w.s.Search(t.Context(), w.office, "mat bang sach", 0)
	if err != nil {
		t.Fatal(err)
	}
	task3 := w.open.Tasks[2]
	for _, r := range res {
		if r.Kind == store.SearchTask && r.TaskID == task3.ID {
			if want := fmt.Sprintf("/rounds/%d#task-%d", w.open.ID, task3.ID); r.Link != want {
				t.Errorf("link = %q, want %q", r.Link, want)
			}
			return
		}
	}
	t.Fatalf("results %v lack task 3", w.find(t, w.office, "mat bang sach"))
}

// The office's abbreviations find what they stand for, and the words
// written out find the abbreviation.
func TestSearchAbbreviations(t *testing.T) {
	w := newSearchWorld(t)
	w.write(t, w.repB, "Tình hình kinh tế - xã hội ổn định; công tác GPMB đoạn qua thôn Đông còn chậm.")
	for _, tc := range []struct {
		q    string
		want string
	}{
		{"GPMB", "task:Đẩy nhanh tiến độ [giải phóng mặt bằng] dự án đường ven biển"},
		{"gpmb", "round:[Giải phóng mặt bằng] các dự án trọng điểm năm 2025"},
		{"KT-XH", "section:UBND xã Hòa Bình"},
	} {
		got := w.find(t, w.office, tc.q)
		if !slices.Contains(got, tc.want) {
			t.Errorf("%q finds %q, want %q among them", tc.q, got, tc.want)
		}
	}
	// Written out, the words find the abbreviation, marked.
	res, err := w.s.Search(t.Context(), w.office, "giải phóng mặt bằng thôn Đông", 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range res {
		if r.Kind == store.SearchSection && r.UnitCode == w.b.Code {
			found = true
			if got := store.Bracketed(r.Snippet); !strings.Contains(got, "[GPMB]") {
				t.Errorf("snippet %q, want GPMB marked", got)
			}
		}
	}
	if !found {
		t.Errorf("“giải phóng mặt bằng thôn Đông” does not find b's report on GPMB: %q", w.find(t, w.office, "giải phóng mặt bằng thôn Đông"))
	}
	// A unit still sees no other unit's report through an abbreviation.
	for _, r := range w.find(t, w.repA, "GPMB") {
		if strings.HasPrefix(r, "section:UBND xã Hòa Bình") {
			t.Errorf("unit a finds b's report: %q", r)
		}
	}
}
