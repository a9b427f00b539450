package store_test

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// BenchmarkRushWrites is the deadline rush without HTTP: 64 units at a time
// each save a full report (12 sections of about a kilobyte, 12 values) and
// submit it, on one store. One op is one unit's save and submission; the
// reported subs/s is what the store takes with that many writers waiting.
func BenchmarkRushWrites(b *testing.B) {
	st := storetest.Open(b)
	n := b.N
	r, _ := storetest.Fill(b, st, n, 12, 0)
	rows, err := st.ReportStates(ctx, r.ID)
	if err != nil {
		b.Fatal(err)
	}
	var units []int64
	for id := range rows {
		units = append(units, id)
	}
	text := strings.Repeat("Đơn vị đã triển khai đầy đủ kế hoạch, kết quả đạt khá; ", 20)
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	b.ResetTimer()
	start := time.Now()
	for range 64 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				u := &tiendo.User{Role: tiendo.RoleReporter, UnitID: units[i]}
				rep, err := st.Report(ctx, u, r.ID, u.UnitID)
				if err == nil {
					v := 95.0
					for _, sec := range rep.Sections {
						sec.Status, sec.ResultVsPlan, sec.NextSteps = "on_track", fmt.Sprint(i, text), text
						for j := range sec.Actuals {
							sec.Actuals[j].Value = &v
						}
					}
					err = st.SaveReport(ctx, store.Actor{}, u, rep)
				}
				if err == nil {
					_, err = st.ActOnReport(ctx, store.Actor{}, u, r.ID, u.UnitID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version})
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "subs/s")
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
}
