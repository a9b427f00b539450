package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/api"
	"tiendo/internal/consolidate"
	"tiendo/internal/reportdoc"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

// BenchmarkConsolidatedPage renders GET /rounds/{id}/consolidated for a
// round of n units x 12 tasks, every unit leading every task (two targets
// each), 95% of them having sent a report of about 1 KB of text a section
// before the office drafted the consolidated report. It times the page
// while the draft is up to date (no report since) and after three more
// units have sent theirs (out of date: the page drafts the whole report
// again to compare), as the office (draft) and the leader (sent for
// approval). The sub-benchmarks share one round and run in order; the
// steps between them (send, three reports, withdraw) run whatever -bench
// selects.
//
// Each view reports the CPU time the process spent on it (cpu-ms/op, the
// garbage collector's included), which says more than the time it took on
// a machine shared with other work.
//
// The page keeps what it draws (the sheet, the out-of-date check) while the
// store stays as it was; so the leader's views are timed three ways: on an
// instance of the app that has kept nothing (just started, or another of
// several: the first view of what the office sent, or after a report
// came), after someone logged in ("-login": the store moved on, in
// nothing the page shows), and again with nothing changed ("-again").
func BenchmarkConsolidatedPage(b *testing.B) {
	for _, n := range []int{100, 1000, 3321} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) { benchConsolidated(b, n) })
	}
}

func benchConsolidated(b *testing.B, n int) {
	ctx := context.Background()
	st := storetest.Open(b)
	start := time.Now()
	const late = 3 // units that report after the draft
	sent := n - n/20 - late
	round, ids, office, leader, c := benchDraft(b, st, n, sent)
	size := 0
	for _, p := range c.Parts {
		size += len(p.Text)
	}
	b.Logf("set-up of %d units (%d reports sent): %v; draft of %d parts, %d KB", n, sent, time.Since(start).Round(time.Millisecond), len(c.Parts), size/1024)

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	instance := func() http.Handler {
		h, err := web.New(web.Config{}, st, api.New(st, log), log)
		if err != nil {
			b.Fatal(err)
		}
		return h
	}
	h := instance()
	session := func(u *tiendo.User) string {
		secret, err := st.CreateSession(ctx, u.ID, "", "")
		if err != nil {
			b.Fatal(err)
		}
		return secret
	}
	officeS, leaderS := session(office), session(leader)
	path := fmt.Sprintf("/rounds/%d/consolidated", round.ID)
	const (
		cold  = iota // on a new instance of the app, which has kept nothing
		login        // after a login: the store's audit stamp moved
		again        // nothing changed since the last view
	)
	last := size // the last page's size, the draft's text before any
	page := func(secret string, stale bool, view int) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			var cpu time.Duration
			for b.Loop() {
				switch view {
				case cold:
					b.StopTimer()
					h = instance()
					b.StartTimer()
				case login:
					b.StopTimer()
					session(office)
					b.StartTimer()
				}
				req := httptest.NewRequest("GET", path, nil)
				req.AddCookie(&http.Cookie{Name: "tiendo_session", Value: secret})
				rec := httptest.NewRecorder()
				// Sized as the last page was: a server writes the page to
				// its connection, and the recorder's growing buffer is no
				// part of what is timed.
				rec.Body.Grow(last + last/8)
				before := cpuTime()
				h.ServeHTTP(rec, req)
				cpu += cpuTime() - before
				if rec.Code != 200 {
					b.Fatalf("status %d: %.500s", rec.Code, rec.Body)
				}
				if got := strings.Contains(rec.Body.String(), "gửi sau khi lập dự thảo"); got != stale {
					b.Fatalf("out of date notice shown: %v, want %v", got, stale)
				}
				last = rec.Body.Len()
			}
			b.ReportMetric(float64(last)/(1<<20), "MB/page")
			if cpu > 0 {
				b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
			}
		}
	}
	b.Run("fresh/office", page(officeS, false, again))
	cur, err := st.Doc(ctx, office, round.ID, tiendo.DocReport)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.SendDoc(ctx, store.Actor{}, office, cur); err != nil {
		b.Fatal(err)
	}
	b.Run("fresh/leader", page(leaderS, false, cold))
	b.Run("fresh/leader-login", page(leaderS, false, login))
	b.Run("fresh/leader-again", page(leaderS, false, again))
	for i := sent; i < sent+late; i++ {
		submitLong(b, st, round.ID, ids[i], i)
	}
	b.Run("stale/leader", page(leaderS, true, cold))
	b.Run("stale/leader-login", page(leaderS, true, login))
	b.Run("stale/leader-again", page(leaderS, true, again))
	cur, err = st.Doc(ctx, office, round.ID, tiendo.DocReport)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.ActOnDoc(ctx, store.Actor{}, office, round.ID, tiendo.DocReport, store.DocWithdraw, cur.Version, ""); err != nil {
		b.Fatal(err)
	}
	b.Run("stale/office", page(officeS, true, cold))
	b.Run("stale/office-again", page(officeS, true, again))
}

// fillConsolidated makes n units and an open round of tasks tasks, each led
// by every unit, with two targets.
func fillConsolidated(b testing.TB, st *store.Store, n, tasks int) (*tiendo.Round, []int64) {
	b.Helper()
	ctx := context.Background()
	ids := make([]int64, n)
	for i := range n {
		u := &tiendo.Unit{Code: fmt.Sprintf("xa%04d", i+1), Name: fmt.Sprintf("UBND xã số %d", i+1)}
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			b.Fatalf("unit %d: %v", i, err)
		}
		ids[i] = u.ID
	}
	r := &tiendo.Round{Title: "Đợt báo cáo tổng hợp thử tải", Status: tiendo.RoundOpen, Deadline: time.Now().Add(24 * time.Hour),
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: time.Now().Year()}, UnitIDs: ids}
	for t := range tasks {
		task := &tiendo.Task{Label: fmt.Sprint(t + 1), Text: fmt.Sprintf("Nhiệm vụ trọng tâm số %d: nâng cao hiệu quả công tác quản lý nhà nước", t+1),
			Targets: []*tiendo.Target{
				{Text: "tỷ lệ hoàn thành đạt 90% trở lên", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"},
				{Text: "số hồ sơ giải quyết trễ hạn không quá 5", Comparator: tiendo.AtMost, Value: 5, Unit: "hồ sơ"},
			}}
		for _, id := range ids {
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
		}
		r.Tasks = append(r.Tasks, task)
	}
	if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
		b.Fatalf("round: %v", err)
	}
	return r, ids
}

// submitLong fills unit's report with about 1 KB of text a section, the
// targets' values, and sends it.
func submitLong(b testing.TB, st *store.Store, roundID, unitID int64, i int) {
	b.Helper()
	ctx := context.Background()
	reporter := &tiendo.User{Role: tiendo.RoleReporter, UnitID: unitID}
	rep, err := st.Report(ctx, reporter, roundID, unitID)
	if err != nil {
		b.Fatalf("report: %v", err)
	}
	v := []float64{80 + float64(i%20), float64(i % 9)}
	for k, sec := range rep.Sections {
		sec.Status = []string{"completed", "on_track", "behind"}[(i+k)%3]
		sec.ResultVsPlan = fmt.Sprintf("Xã số %d đã triển khai đầy đủ kế hoạch nhiệm vụ %d: tổ chức %d cuộc họp, tuyên truyền đến %d hộ dân, ", i+1, k+1, i%7+2, 100+i%300) +
			strings.Repeat("kết quả đạt khá, cơ bản hoàn thành các chỉ tiêu đề ra trong kỳ. ", 6)
		sec.VsSamePeriod = fmt.Sprintf("Tăng %d%% so với cùng kỳ năm trước.", i%15)
		sec.Obstacles = fmt.Sprintf("Kinh phí còn hạn chế; nhân lực thôn %d còn thiếu, ", i%11+1) + strings.Repeat("trình độ chuyên môn chưa đồng đều. ", 2)
		sec.Recommendations = "Đề nghị cấp trên bổ sung kinh phí và tổ chức tập huấn chuyên môn cho cán bộ cơ sở."
		sec.NextSteps = fmt.Sprintf("Tiếp tục đôn đốc, kiểm tra; phấn đấu hoàn thành nhiệm vụ %d trước quý %d.", k+1, i%4+1)
		for j := range sec.Actuals {
			sec.Actuals[j].Value = &v[j%2]
		}
	}
	if err := st.SaveReport(ctx, store.Actor{}, reporter, rep); err != nil {
		b.Fatalf("save: %v", err)
	}
	if _, err := st.ActOnReport(ctx, store.Actor{}, reporter, roundID, unitID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version}); err != nil {
		b.Fatalf("submit: %v", err)
	}
}

// BenchmarkConsolidatedFile downloads GET
// /rounds/{id}/consolidated/file/{kind} of a draft sent for approval, as
// the leader, for the round BenchmarkConsolidatedPage sets up, one
// sub-benchmark a kind: on an instance of the app that has kept nothing
// ("cold": the first download of the draft as it is), and again with
// nothing changed ("again"). It reports the CPU time of a download
// (cpu-ms/op) and the file's size.
func BenchmarkConsolidatedFile(b *testing.B) {
	for _, n := range []int{100, 3321} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) { benchConsolidatedFile(b, n) })
	}
}

func benchConsolidatedFile(b *testing.B, n int) {
	ctx := context.Background()
	st := storetest.Open(b)
	round, _, office, leader, c := benchDraft(b, st, n, n-n/20)
	var err error
	if c, err = st.Doc(ctx, office, round.ID, tiendo.DocReport); err != nil {
		b.Fatal(err)
	}
	if err := st.SendDoc(ctx, store.Actor{}, office, c); err != nil {
		b.Fatal(err)
	}
	secret, err := st.CreateSession(ctx, leader.ID, "", "")
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	instance := func() http.Handler {
		h, err := web.New(web.Config{}, st, api.New(st, log), log)
		if err != nil {
			b.Fatal(err)
		}
		return h
	}
	for _, kind := range []string{"docx", "pdf", "xlsx"} {
		var h http.Handler
		download := func(cold bool) func(b *testing.B) {
			return func(b *testing.B) {
				var cpu time.Duration
				size := 0
				for b.Loop() {
					if cold || h == nil {
						b.StopTimer()
						h = instance()
						b.StartTimer()
					}
					req := httptest.NewRequest("GET", fmt.Sprintf("/rounds/%d/consolidated/file/%s", round.ID, kind), nil)
					req.AddCookie(&http.Cookie{Name: "tiendo_session", Value: secret})
					rec := httptest.NewRecorder()
					before := cpuTime()
					h.ServeHTTP(rec, req)
					cpu += cpuTime() - before
					if rec.Code != 200 || rec.Header().Get("Content-Type") != reportdoc.ContentTypes[kind] {
						b.Fatalf("status %d, %s: %.300s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
					}
					size = rec.Body.Len()
				}
				b.ReportMetric(float64(size)/(1<<10), "KB/file")
				if cpu > 0 {
					b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
				}
			}
		}
		b.Run(kind+"/cold", download(true))
		b.Run(kind+"/again", download(false))
	}
}

// benchDraft fills a round of n units, sends the first sent units' long
// reports, makes an office and a leader, and drafts the consolidated report
// as "Lập dự thảo" does (handleConsolidatedCreate).
func benchDraft(b *testing.B, st *store.Store, n, sent int) (*tiendo.Round, []int64, *tiendo.User, *tiendo.User, *tiendo.Document) {
	ctx := context.Background()
	round, ids := fillConsolidated(b, st, n, 12)
	for i := range sent {
		submitLong(b, st, round.ID, ids[i], i)
	}
	office := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader, FullName: "Nguyễn Văn A"}
	for _, u := range []*tiendo.User{office, leader} {
		if err := st.CreateUser(ctx, store.Actor{}, u, "mật khẩu thử nghiệm"); err != nil {
			b.Fatal(err)
		}
	}
	in, err := reportdoc.Input(ctx, st, office, round.ID)
	if err != nil {
		b.Fatal(err)
	}
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: round.ID, Subject: consolidate.MetaFor(in).Subject, Parts: reportdoc.Parts(consolidate.Draft(in))}
	if err := st.CreateDoc(ctx, store.Actor{}, office, c); err != nil {
		b.Fatal(err)
	}
	return round, ids, office, leader, c
}
