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
	if c == nil || c.Status == tiendo.DocIssued {
		return nil, nil
	}
	drawn, err := st.DocPartsDrawn(ctx, u, c.RoundID, tiendo.DocReport)
	if err != nil {
		return nil, err
	}
	// Nothing sent or returned since the draft's oldest part was drawn:
	// nothing to draw again, and no need to draft the whole report to
	// compare. A returned report's last change (UpdatedAt) is at or after
	// its return, so none is missed.
	var oldest time.Time
	for i, p := range c.Parts {
		if at := drawn.At(p.Key); i == 0 || at.Before(oldest) {
			oldest = at
		}
	}
	states, err := st.ReportStates(ctx, c.RoundID)
	if err != nil {
		return nil, err
	}
	since := false
	for _, s := range states {
		sent := s.Status.Sent() && s.SubmittedAt.After(oldest)
		back := !s.Status.Sent() && !s.SubmittedAt.IsZero() && s.UpdatedAt.After(oldest)
		if sent || back {
			since = true
			break
		}
	}
	if !since {
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
