package storetest

import (
	"context"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// Submit fills unit unitID's report in round roundID as the user username
// would (every section on track with a line of text, every value 6) and
// submits it, returning the submitted version.
func Submit(tb testing.TB, st *store.Store, username string, roundID, unitID int64) int {
	tb.Helper()
	ctx := context.Background()
	u, err := st.UserByUsername(ctx, username)
	if err != nil {
		tb.Fatal(err)
	}
	rep, err := st.Report(ctx, u, roundID, unitID)
	if err != nil {
		tb.Fatal(err)
	}
	v := 6.0
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", "Đã thực hiện theo kế hoạch."
		for i := range sec.Actuals {
			sec.Actuals[i].Value = &v
		}
	}
	if err := st.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
		tb.Fatal(err)
	}
	sent, err := st.ActOnReport(ctx, store.Actor{}, u, roundID, unitID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true})
	if err != nil {
		tb.Fatal(err)
	}
	return sent.Version
}
