package watch

import (
	"testing"
	"time"

	"tiendo"
)

// A report the office returned stays received (it came, on time or not),
// and is counted apart as returned while it is back with its unit: being
// revised, or waiting for the unit head, after the return.
func TestRatesCountReturned(t *testing.T) {
	due := tiendo.DeadlineBefore(2022, 6, 7)
	sent := due.Add(-time.Hour)
	r := &tiendo.Round{Deadline: due, UnitIDs: []int64{1, 2, 3, 4, 5, 6}}
	states := map[int64]State{
		1: {Status: tiendo.ReportSubmitted, SubmittedAt: sent},
		2: {Status: tiendo.ReportReturned, SubmittedAt: sent},
		3: {Status: tiendo.ReportReview, SubmittedAt: sent}, // revised after the return, with the unit head
		4: {Status: tiendo.ReportAccepted, SubmittedAt: due.Add(time.Hour), Late: true},
		5: {Status: tiendo.ReportDraft}, // never sent
		// 6: nothing
	}
	want := Rates{Expected: 6, Received: 4, OnTime: 3, Late: 1, Missing: 2, Returned: 2}
	if got := RoundRates(r, states); got != want {
		t.Errorf("RoundRates = %+v, want %+v", got, want)
	}
	if got := TreeRates(r, nil, states)[1]; got != (Rates{Expected: 1, Received: 1, OnTime: 1}) {
		t.Errorf("TreeRates of unit 1 = %+v, want its one report received on time", got)
	}
	if got := TreeRates(r, nil, states)[2]; got.Returned != 1 {
		t.Errorf("TreeRates of unit 2 = %+v, want its report returned", got)
	}
}

// A unit's on-time rate over rounds does not count against it a round it
// still has time to answer; once the deadline has passed, or the office
// closed the round, a report not sent is missing.
func TestRatesOverRoundsLeaveOutRoundsStillOpen(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, tiendo.Zone)
	past := tiendo.DeadlineBefore(2022, 6, 7)
	soon := tiendo.DeadlineBefore(2026, 12, 1)
	records := []Record{
		{UnitID: 1, Deadline: past, Received: true},             // on time, long ago
		{UnitID: 1, Deadline: soon, Open: true},                 // not sent yet, three days left
		{UnitID: 2, Deadline: past, Received: true, Late: true}, // late, long ago
		{UnitID: 2, Deadline: soon, Open: true, Received: true}, // sent early: counts
		{UnitID: 3, Deadline: now.Add(-time.Hour), Open: true},  // past its deadline: missing
		{UnitID: 4, Deadline: soon},                             // closed before its deadline: missing
		{UnitID: 5, Deadline: soon, Open: true},                 // nothing but an open round
	}
	got := RatesOverRounds(records, now)
	want := map[int64]Rates{
		1: {Expected: 1, Received: 1, OnTime: 1},
		2: {Expected: 2, Received: 2, OnTime: 1, Late: 1},
		3: {Expected: 1, Missing: 1},
		4: {Expected: 1, Missing: 1},
	}
	if len(got) != len(want) {
		t.Errorf("RatesOverRounds = %+v, want %+v", got, want)
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("unit %d: %+v, want %+v", id, got[id], w)
		}
	}
	if got[1].OnTimePct() != 100 {
		t.Errorf("unit 1 on time %v%%, want 100%%: the open round is not a failure yet", got[1].OnTimePct())
	}
}
