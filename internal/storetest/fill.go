package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// Fill creates units units (codes "dv0001"...), an office user "vanphong"
// and an open round asking all of them, with tasks tasks (each led by every
// unit, as a round sent to all communes is, with one target each), due a day
// from now. Every submitEvery-th unit has submitted a full report (none when
// submitEvery is 0). It is for benchmarks and load tests, which need shapes
// like 3,321 communes x 12 tasks.
func Fill(tb testing.TB, st *store.Store, units, tasks, submitEvery int) (*tiendo.Round, *tiendo.User) {
	tb.Helper()
	ctx := context.Background()
	ids := make([]int64, units)
	for i := range units {
		u := &tiendo.Unit{Code: fmt.Sprintf("dv%04d", i+1), Name: fmt.Sprintf("UBND xã số %d", i+1)}
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			tb.Fatalf("storetest: unit %d: %v", i, err)
		}
		ids[i] = u.ID
	}
	office := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	if err := st.CreateUser(ctx, store.Actor{}, office, "mật khẩu thử nghiệm"); err != nil {
		tb.Fatalf("storetest: user: %v", err)
	}
	r := &tiendo.Round{Title: "Đợt báo cáo thử tải", Status: tiendo.RoundOpen, Deadline: time.Now().Add(24 * time.Hour),
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: time.Now().Year()}, UnitIDs: ids}
	for t := range tasks {
		task := &tiendo.Task{Label: fmt.Sprint(t + 1), Text: fmt.Sprintf("Nhiệm vụ trọng tâm số %d: nâng cao hiệu quả công tác", t+1),
			Targets: []*tiendo.Target{{Text: "tỷ lệ hoàn thành đạt 90% trở lên", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"}}}
		for _, id := range ids {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		r.Tasks = append(r.Tasks, task)
	}
	if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
		tb.Fatalf("storetest: round: %v", err)
	}
	if submitEvery <= 0 {
		return r, office
	}
	for i := 0; i < units; i += submitEvery {
		reporter := &tiendo.User{Role: tiendo.RoleReporter, UnitID: ids[i]}
		rep, err := st.Report(ctx, reporter, r.ID, ids[i])
		if err != nil {
			tb.Fatalf("storetest: report: %v", err)
		}
		v := 80 + float64(i%20)
		for _, sec := range rep.Sections {
			sec.Status, sec.ResultVsPlan = "on_track", "Đơn vị đã triển khai đầy đủ kế hoạch, kết quả đạt khá."
			for j := range sec.Actuals {
				sec.Actuals[j].Value = &v
			}
		}
		if err := st.SaveReport(ctx, store.Actor{}, reporter, rep); err != nil {
			tb.Fatalf("storetest: save: %v", err)
		}
		if _, err := st.ActOnReport(ctx, store.Actor{}, reporter, r.ID, ids[i], store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version}); err != nil {
			tb.Fatalf("storetest: submit: %v", err)
		}
	}
	return r, office
}
