package reportdoc

import (
	"context"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/store"
)

// Stale finds what of consolidated report c, not yet issued, is older than
// the units' reports it draws on (consolidate.FindStale): the parts to
// draw again, and the units whose reports came or went back since. It is
// nil when nothing is. The page shows it and asks the leader approving to
// confirm; the API refuses an approval without "confirm_stale". Drafting a
// province's report to compare takes seconds, so callers that show it
// often keep the answer (the web's staleCache).
func Stale(ctx context.Context, st *store.Store, u *tiendo.User, c *tiendo.Document) (*consolidate.Stale, error) {
	return StaleOf(ctx, st, u, c, func() (*tiendo.Document, error) { return c, nil })
}

// StaleOf is Stale for c as read without its text (store.DocHead): text
// gives c with it, and is called only when a report changed since the
// document was drafted, for a province's report is 25 MB.
//
// Besides c at its version and the user's role, the answer depends on
// what store.RoundFingerprint follows (the round, its sent reports, the
// units, the issuing body, the cut-off days, the audit log's pruning) and
// on the day (Input's Now, by which targets are projected while their
// period's window is open): a caller keeping the answer keys it on those
// (the web's staleKey). Whatever is read here, or by Input, beyond them
// must be followed by the fingerprint too.
func StaleOf(ctx context.Context, st *store.Store, u *tiendo.User, c *tiendo.Document, text func() (*tiendo.Document, error)) (*consolidate.Stale, error) {
	if c == nil || c.Status == tiendo.DocIssued {
		return nil, nil
	}
	drawn, err := st.DocPartsDrawn(ctx, u, c.RoundID, tiendo.DocReport)
	if err != nil {
		return nil, err
	}
	states, err := st.ReportStates(ctx, c.RoundID)
	if err != nil {
		return nil, err
	}
	// Nothing sent or returned since the draft's oldest part was drawn:
	// nothing to draw again, and no need to draft the whole report to
	// compare. A returned report's last change (UpdatedAt) is at or after
	// its return, so none is missed. No part was drawn before the document
	// was drafted: nothing since then, and the parts' keys need not be
	// read to know it.
	if !changedSince(states, drawn.Created) {
		return nil, nil
	}
	if c, err = text(); err != nil {
		return nil, err
	}
	var oldest time.Time
	for i, p := range c.Parts {
		if at := drawn.At(p.Key); i == 0 || at.Before(oldest) {
			oldest = at
		}
	}
	if !changedSince(states, oldest) {
		return nil, nil
	}
	in, err := Input(ctx, st, u, c.RoundID)
	if err != nil {
		return nil, err
	}
	var returned map[int64]time.Time
	if len(in.Returned) > 0 {
		if returned, err = st.ReportsReturned(ctx, c.RoundID); err != nil {
			return nil, err
		}
	}
	return consolidate.FindStale(in, c.Parts, drawn.At, returned), nil
}

// changedSince reports whether a report was sent, or went back to its unit,
// after t.
func changedSince(states map[int64]*store.ReportState, t time.Time) bool {
	for _, s := range states {
		sent := s.Status.Sent() && s.SubmittedAt.After(t)
		back := !s.Status.Sent() && !s.SubmittedAt.IsZero() && s.UpdatedAt.After(t)
		if sent || back {
			return true
		}
	}
	return false
}
