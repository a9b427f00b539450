package store_test

import (
	"errors"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// newDraft creates a draft round asking f.a, with one task and target.
func newDraft(t *testing.T, f *fixture, title string) *tiendo.Round {
	t.Helper()
	r := &tiendo.Round{Title: title, Deadline: tiendo.DeadlineBefore(2026, 7, 15), UnitIDs: []int64{f.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm tỷ lệ hộ nghèo", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{{Text: "giảm 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return r
}

// A draft's title, deadline and options change; Round and RoundForUnit,
// which keep rounds between calls, show the new values at once; the tasks
// stay; the change is audited on the round, and search finds the new title.
func TestUpdateDraftRound(t *testing.T) {
	f := newFixture(t)
	office := store.Actor{UserID: f.office.ID, Address: "10.0.0.7"}
	r := newDraft(t, f, "Báo cáo sơ kết 6 tháng")
	// Fill the caches with the round as created.
	if got, err := f.s.Round(ctx, f.office, r.ID); err != nil || got.Title != "Báo cáo sơ kết 6 tháng" {
		t.Fatalf("Round before the edit = %+v, %v", got, err)
	}
	if got, err := f.s.RoundForUnit(ctx, f.office, r.ID, f.a.ID); err != nil || got.Title != "Báo cáo sơ kết 6 tháng" {
		t.Fatalf("RoundForUnit before the edit = %+v, %v", got, err)
	}
	if _, err := f.s.Search(ctx, f.office, "tổng kết", 0); err != nil { // the index is built with the old title
		t.Fatal(err)
	}

	// Typed with spaces around it and decomposed: stored trimmed and NFC.
	deadline := tiendo.DeadlineBefore(2026, 8, 1)
	edit := store.RoundEdit{Title: "  Báo cáo to\u0302\u0309ng kết năm  ", Deadline: deadline, HeadApproval: true, Brief: true}
	if err := f.s.UpdateDraftRound(ctx, office, f.office, r.ID, edit); err != nil {
		t.Fatal(err)
	}
	const want = "Báo cáo tổng kết năm"
	for name, read := range map[string]func() (*tiendo.Round, error){
		"Round":        func() (*tiendo.Round, error) { return f.s.Round(ctx, f.office, r.ID) },
		"RoundForUnit": func() (*tiendo.Round, error) { return f.s.RoundForUnit(ctx, f.office, r.ID, f.a.ID) },
	} {
		got, err := read()
		if err != nil {
			t.Fatalf("%s after the edit: %v", name, err)
		}
		if got.Title != want || !got.Deadline.Equal(deadline) || !got.HeadApproval || !got.Brief {
			t.Errorf("%s after the edit: title %q, deadline %v, head approval %v, brief %v; want %q, %v, true, true",
				name, got.Title, got.Deadline, got.HeadApproval, got.Brief, want, deadline)
		}
		if got.Status != tiendo.RoundDraft || len(got.Tasks) != 1 || got.Tasks[0].Text != "Giảm tỷ lệ hộ nghèo" ||
			len(got.Tasks[0].Targets) != 1 || got.Tasks[0].Targets[0].Value != 3 || len(got.UnitIDs) != 1 || got.UnitIDs[0] != f.a.ID {
			t.Errorf("%s after the edit: status %s, tasks %+v, units %v; want a draft with its task, target and unit as created",
				name, got.Status, got.Tasks, got.UnitIDs)
		}
	}

	entries, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "update"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d update rows about the round, want 1: %+v", len(entries), entries)
	}
	e := entries[0]
	if e.UserID != f.office.ID || e.Address != "10.0.0.7" || !strings.Contains(e.Before, "Báo cáo sơ kết 6 tháng") ||
		!strings.Contains(e.After, want) || !strings.Contains(e.Before, `"brief":false`) || !strings.Contains(e.After, `"brief":true`) ||
		!strings.Contains(e.Before, "2026-07-15T00:00:00+07:00") || !strings.Contains(e.After, "2026-08-01T00:00:00+07:00") {
		t.Errorf("audit row = %+v, want the office's change from the old title, deadline and options to the new", e)
	}

	res, err := f.s.Search(ctx, f.office, "tổng kết", 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res {
		found = found || (h.Kind == store.SearchRound && h.RoundID == r.ID)
	}
	if !found {
		t.Errorf("search for the new title: %+v, want the round", res)
	}

	// Saving the same values again changes nothing and writes no row.
	if err := f.s.UpdateDraftRound(ctx, office, f.office, r.ID, edit); err != nil {
		t.Fatal(err)
	}
	if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "update"}); len(entries) != 1 {
		t.Errorf("an edit that changes nothing was audited: %d rows", len(entries))
	}
}

// What is edited on one instance is seen at once on another, which keeps
// the round between calls.
func TestUpdateDraftRoundAcrossInstances(t *testing.T) {
	a, b := twoInstances(t)
	unit := &tiendo.Unit{Code: "xa1", Name: "UBND xã Một"}
	if err := b.CreateUnit(ctx, store.Actor{}, unit); err != nil {
		t.Fatal(err)
	}
	office := &tiendo.User{ID: 1, Role: tiendo.RoleOffice}
	r := &tiendo.Round{Title: "Báo cáo quý", Deadline: tiendo.DeadlineBefore(2030, 1, 1), UnitIDs: []int64{unit.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ một", Assignees: []tiendo.Assignee{{UnitID: unit.ID, Role: tiendo.Lead}}}}}
	if err := b.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Round(ctx, office, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.RoundForUnit(ctx, office, r.ID, unit.ID); err != nil {
		t.Fatal(err)
	}
	deadline := tiendo.DeadlineBefore(2030, 2, 1)
	if err := b.UpdateDraftRound(ctx, store.Actor{}, office, r.ID, store.RoundEdit{Title: "Báo cáo quý I", Deadline: deadline, Brief: true}); err != nil {
		t.Fatal(err)
	}
	if got, err := a.Round(ctx, office, r.ID); err != nil || got.Title != "Báo cáo quý I" || !got.Deadline.Equal(deadline) || !got.Brief {
		t.Errorf("Round on the other instance = %+v, %v; want the edit", got, err)
	}
	if got, err := a.RoundForUnit(ctx, office, r.ID, unit.ID); err != nil || got.Title != "Báo cáo quý I" || !got.Deadline.Equal(deadline) || !got.Brief {
		t.Errorf("RoundForUnit on the other instance = %+v, %v; want the edit", got, err)
	}
}

// A published round, a user who may not manage rounds, an empty title or
// deadline and an unknown round are refused, and nothing changes.
func TestUpdateDraftRoundRefused(t *testing.T) {
	f := newFixture(t)
	office := store.Actor{UserID: f.office.ID}
	good := store.RoundEdit{Title: "Tên mới", Deadline: tiendo.DeadlineBefore(2026, 9, 1), Brief: true}

	open := newDraft(t, f, "Đợt đã phát hành")
	if err := f.s.PublishRound(ctx, office, open.ID); err != nil {
		t.Fatal(err)
	}
	err := f.s.UpdateDraftRound(ctx, office, f.office, open.ID, good)
	if code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "đã phát hành") {
		t.Errorf("editing a published round: %v, want a conflict that says it is published", err)
	}
	if got, err := f.s.Round(ctx, f.office, open.ID); err != nil || got.Title != "Đợt đã phát hành" || got.Brief || !got.Deadline.Equal(open.Deadline) {
		t.Errorf("published round after a refused edit: %+v, %v", got, err)
	}
	closed := newDraft(t, f, "Đợt đã đóng")
	if err := f.s.PublishRound(ctx, office, closed.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CloseRound(ctx, office, closed.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.UpdateDraftRound(ctx, office, f.office, closed.ID, good); code(err) != tiendo.ECONFLICT {
		t.Errorf("editing a closed round: %v, want a conflict", err)
	}

	draft := newDraft(t, f, "Đợt nháp")
	if err := f.s.UpdateDraftRound(ctx, store.Actor{UserID: f.repA.ID}, f.repA, draft.ID, good); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a unit's reporter editing a round: %v, want forbidden", err)
	}
	var e *tiendo.Error
	err = f.s.UpdateDraftRound(ctx, office, f.office, draft.ID, store.RoundEdit{Title: " \u00a0\t ", Brief: true})
	if !errors.As(err, &e) || e.Code != tiendo.EINVALID || e.Fields["title"] == "" || e.Fields["deadline"] == "" {
		t.Errorf("an empty title and deadline: %v, want field errors for both", err)
	}
	if err := f.s.UpdateDraftRound(ctx, office, f.office, draft.ID+1000, good); code(err) != tiendo.ENOTFOUND {
		t.Errorf("an unknown round: %v, want not found", err)
	}
	if got, err := f.s.Round(ctx, f.office, draft.ID); err != nil || got.Title != "Đợt nháp" || got.Brief || !got.Deadline.Equal(draft.Deadline) {
		t.Errorf("draft after refused edits: %+v, %v", got, err)
	}
	for _, id := range []int64{open.ID, closed.ID, draft.ID} {
		if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: id, Action: "update"}); len(entries) != 0 {
			t.Errorf("round %d: a refused edit was audited: %+v", id, entries)
		}
	}
}

// A draft's period changes with the form: the round reads the new one, its
// subject (not on the form) follows where it names the old period, and a
// period that cannot be is refused by field, with nothing changed.
func TestUpdateDraftRoundPeriod(t *testing.T) {
	f := newFixture(t)
	office := store.Actor{UserID: f.office.ID}
	half := tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2026, Index: 1}
	r := &tiendo.Round{Title: "Báo cáo 6 tháng đầu năm 2026", Period: half, Subject: "Báo cáo kết quả 06 tháng đầu năm 2026",
		Deadline: tiendo.DeadlineBefore(2026, 6, 20), UnitIDs: []int64{f.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm tỷ lệ hộ nghèo", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	var e *tiendo.Error
	bad := store.RoundEdit{Title: r.Title, Deadline: r.Deadline, Period: tiendo.Period{Kind: tiendo.PeriodMonth, Year: 2026, Index: 13}}
	if err := f.s.UpdateDraftRound(ctx, office, f.office, r.ID, bad); !errors.As(err, &e) || e.Code != tiendo.EINVALID || e.Fields["period_index"] == "" {
		t.Errorf("month 13: %v, want a field error on period_index", err)
	}
	if got, err := f.s.Round(ctx, f.office, r.ID); err != nil || got.Period != half {
		t.Fatalf("after a refused edit the period is %+v, %v; want %+v", got.Period, err, half)
	}

	nine := tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2026, Index: 2} // a nine months' index means nothing: not kept
	if err := f.s.UpdateDraftRound(ctx, office, f.office, r.ID, store.RoundEdit{Title: "Báo cáo 9 tháng đầu năm 2026", Deadline: r.Deadline, Period: nine}); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2026}); got.Period != want {
		t.Errorf("period after the edit = %+v, want %+v", got.Period, want)
	}
	if got.Subject != "Báo cáo kết quả 09 tháng đầu năm 2026" {
		t.Errorf("subject after the edit = %q, want it moved to the new period", got.Subject)
	}
	entries, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "update"})
	if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Before, `"kind":"half-year"`) || !strings.Contains(entries[0].After, `"kind":"nine-month"`) {
		t.Errorf("audit of the period's change: %+v, %v", entries, err)
	}
}
