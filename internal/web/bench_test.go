package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/api"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

// BenchmarkRoundPage renders the office's round page (matrix, rates,
// targets, charts) for 100 units x 40 tasks, a fifth of them submitted.
// Target: under 100 ms on the server. It reports the page's size
// (KB/page): the matrix's cells are most of it.
func BenchmarkRoundPage(b *testing.B) {
	st := storetest.Open(b)
	round, office := storetest.Fill(b, st, 100, 40, 5)
	secret, err := st.CreateSession(context.Background(), office.ID, "", "")
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.New(web.Config{}, st, api.New(st, log), log)
	if err != nil {
		b.Fatal(err)
	}
	path := fmt.Sprintf("/rounds/%d", round.ID)
	size := 0
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: "tiendo_session", Value: secret})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
		size = rec.Body.Len()
	}
	b.ReportMetric(float64(size)/1024, "KB/page")
}

// BenchmarkIntakePreview renders the directive intake's preview (POST
// /rounds/preview, sent back with an error to show) of 12 tasks of two
// targets each, for a district's office (30 units) and for a round sent to
// every commune of the country (3,321 units). It reports the page's size
// (KB/page) and the CPU time the process spent on it (cpu-ms/op): every
// task offers the office's units for its lead, its supporting units and
// each target's reporting unit, so the page grew with units x tasks.
func BenchmarkIntakePreview(b *testing.B) {
	for _, n := range []int{30, 3321} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) { benchIntakePreview(b, n, 12) })
	}
}

func benchIntakePreview(b *testing.B, n, tasks int) {
	st := storetest.Open(b)
	ctx := context.Background()
	ids, names := make([]string, n), make([]string, n)
	for i := range n {
		u := &tiendo.Unit{Code: fmt.Sprintf("xa%04d", i+1), Name: fmt.Sprintf("UBND xã số %d", i+1)}
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			b.Fatalf("unit %d: %v", i, err)
		}
		ids[i], names[i] = strconv.FormatInt(u.ID, 10), u.Name
	}
	office := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	if err := st.CreateUser(ctx, store.Actor{}, office, "mật khẩu thử nghiệm"); err != nil {
		b.Fatal(err)
	}
	secret, err := st.CreateSession(ctx, office.ID, "", "")
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.New(web.Config{}, st, api.New(st, log), log)
	if err != nil {
		b.Fatal(err)
	}
	// The directive as the office pasted it, and the form it became: every
	// unit asked, each task led by one of them with another supporting, a
	// target left to the lead and one given to a third unit. The title is
	// left empty, so that "Tạo đợt báo cáo" shows the form again.
	var src strings.Builder
	src.WriteString("ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 123/UBND-VP\nV/v báo cáo kết quả thực hiện nhiệm vụ trọng tâm\n\nKính gửi: UBND các xã, phường.\n\n")
	form := url.Values{"source": {""}, "title": {""}, "period_kind": {"year"}, "period_year": {"2031"},
		"deadline_relation": {"before"}, "deadline_date": {"10/07/2031"}, "recipients": ids,
		"tasks": {strconv.Itoa(tasks)}, "op": {"create"}}
	for t := range tasks {
		fmt.Fprintf(&src, "%d. Giao UBND các xã chủ trì nâng cao hiệu quả công tác số %d, tỷ lệ hoàn thành đạt 90%%.\n\n", t+1, t+1)
		p := fmt.Sprintf("t%d.", t)
		form.Set(p+"label", strconv.Itoa(t+1))
		form.Set(p+"text", fmt.Sprintf("Nâng cao hiệu quả công tác số %d", t+1))
		// A large office's form (over 150 units) names the units; a small
		// one's gives their ids.
		if n > 150 {
			form.Set(p+"lead_name", names[t%n])
			form.Set(p+"support_add", names[(t+1)%n])
			form.Set(p+"g0.by_name", "")
			form.Set(p+"g1.by_name", names[(t+2)%n])
		} else {
			form.Set(p+"lead", ids[t%n])
			form.Set(p+"support", ids[(t+1)%n])
			form.Set(p+"g1.by", ids[(t+2)%n])
		}
		form.Set(p+"targets", "2")
		form.Set(p+"g0.text", "tỷ lệ hoàn thành đạt 90% trở lên")
		form.Set(p+"g0.cmp", ">=")
		form.Set(p+"g0.value", "90")
		form.Set(p+"g1.text", "số hồ sơ trễ hạn không quá 5")
		form.Set(p+"g1.cmp", "<=")
		form.Set(p+"g1.value", "5")
	}
	form.Set("source", src.String())
	body := form.Encode()
	b.ReportAllocs()
	var cpu time.Duration
	size := 0
	for b.Loop() {
		req := httptest.NewRequest("POST", "/rounds/preview", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://example.com")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "tiendo_session", Value: secret})
		rec := httptest.NewRecorder()
		rec.Body.Grow(size + size/8)
		before := cpuTime()
		h.ServeHTTP(rec, req)
		cpu += cpuTime() - before
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Hãy nhập tên đợt báo cáo.") ||
			strings.Count(rec.Body.String(), `class="field-error"`) != 1 {
			b.Fatalf("status %d, want 422 with the title's error alone: %.500s", rec.Code, rec.Body)
		}
		size = rec.Body.Len()
	}
	b.ReportMetric(float64(size)/1024, "KB/page")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
